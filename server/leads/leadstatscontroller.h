#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <QCoreApplication>

namespace Crm {

// Lead statistics (API.md, "lead-stats"): an agent's own funnel and response times, and the
// admin's overview per agent and per source. Reads the leads created in [from, to) with one
// query and leaves the arithmetic to LeadStats.
class LeadStatsService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LeadStatsService)

public:
    static ApiResponse agentStats(ApiContext &context);
    static ApiResponse adminStats(ApiContext &context);
};

} // namespace Crm
