#pragma once

namespace Crm {

class ApiServer;

// /api/health, /api/auth/*, /api/me.
class AuthController final
{
public:
    static void registerRoutes(ApiServer &server);
};

} // namespace Crm
