#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <QCoreApplication>

namespace Crm {

// The lead-statistics handlers (API.md, "lead-stats"): an agent's own funnel and response
// times, and the admin's overview per agent and per source. Reads the leads created in
// [from, to) with one query (LeadStatsReader) and leaves the arithmetic to LeadStats.
class LeadStatsController final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LeadStatsController)

public:
    static ApiResponse agentStats(ApiContext &context);
    static ApiResponse adminStats(ApiContext &context);
};

} // namespace Crm
