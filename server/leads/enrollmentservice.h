#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"
#include "domain/leadstatus.h"

#include <QCoreApplication>

#include <variant>

namespace Crm {

class WriteTransaction;
struct Lead;

// Converting a lead into an enrollment: the enrollment record, the lead's move to `enrolled`
// under the status machine, its history entry, change-log and audit entries, all in one
// write transaction.
class EnrollmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::EnrollmentService)

public:
    static ApiResponse convert(ApiContext &context);

    // The conversion inside a caller's transaction (the sync push applies it too), with the
    // enrollment's id when the client chose one. Checks the fields and the status move;
    // answers the enrollment as stored.
    struct Details
    {
        QString id;
        QString plan;
        QString effectiveDate; // YYYY-MM-DD or empty
        QString notes;
    };
    static std::variant<QJsonObject, ApiError> convertIn(WriteTransaction &tx,
                                                         const AuthUser &user,
                                                         const Lead &lead,
                                                         Details details,
                                                         const QString &remote);

    // 422 invalid_transition for a refused status move, with the statuses `from` may move to
    // in "allowed". Also says so when the lead is already in `to`.
    static ApiError invalidTransition(LeadStatus from, LeadStatus to);
};

} // namespace Crm
