#pragma once

namespace Crm {

class RouteTable;

// /api/health, /api/auth/*, /api/me.
class AuthController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
