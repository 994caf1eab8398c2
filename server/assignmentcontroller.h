#pragma once

namespace Crm {

class ApiServer;

// /api/admin/assignment and /api/admin/leads/assign|auto-assign.
class AssignmentController final
{
public:
    static void registerRoutes(ApiServer &server);
};

} // namespace Crm
