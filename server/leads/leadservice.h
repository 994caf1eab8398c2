#pragma once

#include "domain/activity.h"
#include "domain/lead.h"
#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <variant>

#include <QCoreApplication>

namespace Crm {

class WriteTransaction;

// Leads, transport-free: storing a new lead and assigning it, saving an edit under the status
// machine with its history and change log, recording an activity (first contact included).
// Used by LeadController's endpoints and by the sync push alike; each step runs inside the
// caller's WriteTransaction and answers a Result.
class LeadService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LeadService)

public:
    // The steps LeadController's endpoints share with sync push. All run inside the caller's
    // WriteTransaction; `user` is null for the public contact form.

    // Stores a new, validated lead and assigns it (to the entering agent, the requested agent,
    // or by the assignment policy).
    static Result<Lead> insertNew(WriteTransaction &tx,
                                  const AuthUser *user,
                                  Lead lead,
                                  const QString &requestedAgentId,
                                  const QString &remote);
    // Validates and stores an edited lead (status machine included), with history and change
    // log. Returns the stored lead (unchanged when nothing differs).
    static Result<Lead> saveChanges(WriteTransaction &tx,
                                    const AuthUser &user,
                                    const Lead &current,
                                    Lead changed,
                                    const QString &remote);
    // Adds a call/e-mail/meeting/note; occurredAt is when the client says it happened (kept
    // within Activity::boundedOccurredAt). The first contact sets firstContactAt and moves a
    // new lead to contacted. A retried id on the same lead returns the stored activity.
    static Result<Activity> recordActivity(WriteTransaction &tx,
                                           const AuthUser &user,
                                           const Lead &lead,
                                           Activity activity,
                                           std::optional<qint64> occurredAt,
                                           const QString &remote);
};

} // namespace Crm
