#pragma once

#include "domain/activity.h"
#include "domain/historyentry.h"
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
    // A system entry: assignment, status change, field edit... recorded with its code and
    // params and, in `notes`, its English sentence. It happened now, unless occurredAt says
    // when (a consequence of something that happened earlier).
    static Result<Activity> addSystem(WriteTransaction &tx,
                                      const Lead &lead,
                                      const QString &agentId,
                                      const SystemEvent &event,
                                      qint64 occurredAt = 0);
    // An event's sentence with the names this database knows (for `notes`).
    static QString describe(const QSqlDatabase &db, const SystemEvent &event);
    static std::optional<Activity> find(const QSqlDatabase &db, const QString &id);
    static QList<Activity> forLead(const QSqlDatabase &db, const QString &leadId);

    // Re-sends everything hanging off a lead to its (new) agent: activities, follow-ups,
    // enrollments. Used when a lead is reassigned.
    static Status republish(WriteTransaction &tx, const Lead &lead);
};

} // namespace Crm
