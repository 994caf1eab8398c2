#pragma once

namespace Crm {

class RouteTable;

// /api/admin/assignment and /api/admin/leads/assign|auto-assign.
class AssignmentController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
