#pragma once

namespace Crm {

class RouteTable;

// /api/admin/users: the team, for admins.
class UserController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
