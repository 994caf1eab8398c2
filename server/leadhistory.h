#pragma once

#include "domain/activity.h"
#include "domain/lead.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QSqlDatabase>

namespace Crm {

class WriteTransaction;

// A lead's activity feed: writes entries (with their change-log record, so the agent's cache
// gets them) and reads them newest first.
class LeadHistory final
{
public:
    static Result<Activity> add(WriteTransaction &tx, const Lead &lead, Activity activity);
    // A system entry: assignment, status change, resubmission... It happened now, unless
    // occurredAt says when (a consequence of something that happened earlier).
    static Result<Activity> addSystem(WriteTransaction &tx,
                                      const Lead &lead,
                                      const QString &agentId,
                                      const QString &notes,
                                      qint64 occurredAt = 0);
    static std::optional<Activity> find(const QSqlDatabase &db, const QString &id);
    static QList<Activity> forLead(const QSqlDatabase &db, const QString &leadId);

    // Re-sends everything hanging off a lead to its (new) agent: activities, follow-ups,
    // enrollments. Used when a lead is reassigned.
    static Status republish(WriteTransaction &tx, const Lead &lead);
};

} // namespace Crm
