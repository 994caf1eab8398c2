#pragma once

#include "auth/authuser.h"
#include "domain/leadstatus.h"
#include "domain/result.h"

#include <QJsonObject>

#include <QCoreApplication>


namespace Crm {

class WriteTransaction;
struct Lead;

// Converting a lead into an enrollment: the enrollment record, the lead's move to `enrolled`
// under the status machine, its history entry, change-log and audit entries, all in one
// write transaction. Transport-free: it answers a Result, and the REST controller
// (LeadWorkController) and the sync push each map it to their answer.
class EnrollmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::EnrollmentService)

public:
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
    static Result<QJsonObject> convertIn(WriteTransaction &tx,
                                         const AuthUser &user,
                                         const Lead &lead,
                                         Details details,
                                         const QString &remote);
};

} // namespace Crm
