#pragma once

namespace Crm {

class ApiServer;

// /api/admin/users: the team, for admins.
class UserController final
{
public:
    static void registerRoutes(ApiServer &server);
};

} // namespace Crm
