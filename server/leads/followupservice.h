#pragma once

#include "domain/result.h"

#include "http/apicontext.h"
#include "http/apiresponse.h"
#include "http/paging.h"

#include <QJsonArray>
#include <QStringList>

#include <QCoreApplication>

#include <optional>
#include <variant>

namespace Crm {

class WriteTransaction;
struct Lead;

// Follow-ups: reminders an agent sets on a lead ("call back Tuesday"), their edits and
// completion, and the agent's list of open ones by due time (the HTTP handlers are
// LeadWorkController's). Writes run in one WriteTransaction with their change-log and audit
// entries. Only the lead's agent
// and admins see a lead's follow-ups (404 for everyone else).
class FollowUpService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::FollowUpService)

public:
    // One page of the open follow-ups on the leads assigned to `agentId` now, soonest first
    // (due before `dueBefore` when given): the rows as the API shows them, whether more
    // follow, the keyset of the last row, and the total.
    struct OpenPage
    {
        QJsonArray items;
        QStringList ids; // read, for the audit
        bool more = false;
        qint64 lastDueAt = 0;
        QString lastId;
        qint64 total = 0;
    };
    static Result<OpenPage> openOnLeadsOf(const QSqlDatabase &db,
                                          const QString &agentId,
                                          std::optional<qint64> dueBefore,
                                          const Paging &page);

    // The writes, inside a caller's transaction; transport-free (REST's LeadWorkController
    // and the sync push each map a Result to their answer). Both answer the follow-up as
    // stored; a create with an id already used on the same lead answers that follow-up
    // unchanged, so a retry writes nothing twice.
    struct Change
    {
        std::optional<qint64> dueAt;
        std::optional<QString> note;
        std::optional<bool> done;
    };
    static Result<QJsonObject> createIn(WriteTransaction &tx,
                                        const AuthUser &user,
                                        const Lead &lead,
                                        QString id,
                                        qint64 dueAt,
                                        const QString &note,
                                        const QString &remote);
    static Result<QJsonObject> updateIn(WriteTransaction &tx,
                                        const AuthUser &user,
                                        const QString &id,
                                        const Change &change,
                                        std::optional<qint64> baseVersion,
                                        const QString &remote);
    // The follow-up as the API shows it, when the caller may see it.
    static Result<std::optional<QJsonObject>> findVisible(const QSqlDatabase &db,
                                                          const AuthUser &user,
                                                          const QString &id);
};

} // namespace Crm
