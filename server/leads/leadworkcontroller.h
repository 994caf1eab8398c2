#pragma once

namespace Crm {

class RouteTable;

// The work an agent does on leads beyond editing them: follow-ups, converting a lead into an
// enrollment, and the lead statistics (an agent's own; the admin's overview).
class LeadWorkController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
