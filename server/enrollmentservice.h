#pragma once

#include "apicontext.h"
#include "apiresponse.h"
#include "domain/leadstatus.h"

#include <QCoreApplication>

namespace Crm {

// Converting a lead into an enrollment: the enrollment record, the lead's move to `enrolled`
// under the status machine, its history entry, change-log and audit entries, all in one
// write transaction.
class EnrollmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::EnrollmentService)

public:
    static constexpr int MaxPlanLength = 255;
    static constexpr int MaxNotesLength = 5000;

    static ApiResponse convert(ApiContext &context);

    // 422 invalid_transition for a refused status move, with the statuses `from` may move to
    // in "allowed". Also says so when the lead is already in `to`.
    static ApiError invalidTransition(LeadStatus from, LeadStatus to);
};

} // namespace Crm
