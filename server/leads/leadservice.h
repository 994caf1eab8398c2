#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"
#include "domain/activity.h"
#include "domain/lead.h"

#include <variant>

#include <QCoreApplication>

namespace Crm {

class WriteTransaction;

// Leads: the public contact form, hand-entered leads, listing, reading, updating under the
// status machine, and the activity feed. One function per endpoint; each runs its writes in one
// WriteTransaction with the change-log and audit entries.
class LeadService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LeadService)

public:
    // POST /api/leads: the origin check and the public form's rate limit come before the body
    // is read, and every answer carries the CORS headers (a RouteTable::Around).
    static ApiResponse contactFormDoor(ApiContext &context,
                                       const std::function<ApiResponse()> &next);
    static ApiResponse create(ApiContext &context);
    // OPTIONS /api/leads: the CORS preflight of a browser page posting the contact form.
    static ApiResponse preflight(ApiContext &context);
    static ApiResponse list(ApiContext &context);
    static ApiResponse get(ApiContext &context);
    static ApiResponse update(ApiContext &context);
    static ApiResponse addActivity(ApiContext &context);
    static ApiResponse listActivities(ApiContext &context);

    // The steps the endpoints above share with sync push. All run inside the caller's
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
