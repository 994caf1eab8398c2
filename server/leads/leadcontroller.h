#pragma once

namespace Crm {

class RouteTable;

// /api/leads, /api/agent/leads and a lead's activities.
class LeadController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
