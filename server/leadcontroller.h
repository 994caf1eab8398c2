#pragma once

namespace Crm {

class ApiServer;

// /api/leads, /api/agent/leads and a lead's activities.
class LeadController final
{
public:
    static void registerRoutes(ApiServer &server);
};

} // namespace Crm
