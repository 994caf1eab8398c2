#include "followupservice.h"

#include "domain/followup.h"
#include "domain/historyentry.h"

#include "domain/ids.h"

#include "http/apiserver.h"
#include "domain/wiretime.h"
#include "leads/leadhistory.h"
#include "leads/leadrecords.h"
#include "leads/leadrepository.h"
#include "http/paging.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// An empty note is stored as NULL on both backends (a null QString would be NULL on
// PostgreSQL but not necessarily elsewhere); it reads back as "".
QVariant storedNote(const QString &note)
{
    return note.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(note);
}

// A follow-up row with the columns the API needs plus its lead, so callers can check access.
struct FollowUpRow
{
    QJsonObject json;
    QString leadId;
    qint64 dueAt = 0;
    QString note;
    bool done = false;
    std::optional<qint64> completedAt;
    qint64 version = 0;
};

Result<std::optional<FollowUpRow>> findFollowUp(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + LeadRecords::followUpColumns()
                  + QStringLiteral(" FROM follow_ups WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Error{QStringLiteral("follow_up_failed"), query.lastError().text()};
    if (!query.next())
        return std::optional<FollowUpRow>();
    FollowUpRow row;
    row.json = LeadRecords::followUpJson(query);
    row.leadId = query.value(1).toString();
    row.dueAt = query.value(3).toLongLong();
    row.note = query.value(4).toString();
    row.done = query.value(5).toLongLong() != 0;
    if (!query.value(6).isNull())
        row.completedAt = query.value(6).toLongLong();
    row.version = query.value(9).toLongLong();
    return std::optional<FollowUpRow>(row);
}

Error noSuchFollowUp()
{
    return {QStringLiteral("not_found"), FollowUpService::tr("No such follow-up."), {}, {}};
}

} // namespace

Result<QJsonObject> FollowUpService::createIn(WriteTransaction &tx,
                                              const AuthUser &user,
                                              const Lead &lead,
                                              QString id,
                                              qint64 dueAt,
                                              const QString &note,
                                              const QString &remote)
{
    if (!id.isEmpty() && !Ids::isValid(id))
        return ValidationErrors::single(QStringLiteral("id"), tr("The id must be a lower-case UUID."));
    if (const ValidationErrors errors = FollowUp::validateNew(note); !errors.isEmpty())
        return errors.toError();
    if (!id.isEmpty()) {
        auto found = findFollowUp(tx.db(), id);
        if (!found.ok())
            return found.error();
        if (const auto &existing = found.value()) {
            // A retried create: the same answer, nothing written twice.
            if (existing->leadId == lead.id)
                return existing->json;
            return ValidationErrors::single(QStringLiteral("id"), tr("This id is already used."));
        }
    } else {
        id = Ids::create();
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery insert(tx.db());
    insert.prepare(QStringLiteral("INSERT INTO follow_ups (") + LeadRecords::followUpColumns()
                   + QStringLiteral(") VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, 1)"));
    insert.addBindValue(id);
    insert.addBindValue(lead.id);
    // The lead's agent owns its follow-ups; an admin's note on an unassigned lead is theirs.
    insert.addBindValue(lead.assignedAgentId.isEmpty() ? user.id : lead.assignedAgentId);
    insert.addBindValue(dueAt);
    insert.addBindValue(storedNote(note));
    insert.addBindValue(QVariant(QMetaType(QMetaType::LongLong)));
    insert.addBindValue(now);
    insert.addBindValue(now);
    if (!insert.exec())
        return Error{QStringLiteral("follow_up_failed"), insert.lastError().text()};

    // Read back, so the answer and the change log carry exactly what is stored.
    auto stored = findFollowUp(tx.db(), id);
    if (!stored.ok())
        return stored.error();
    const std::optional<FollowUpRow> &created = stored.value();
    if (!created)
        return Error{QStringLiteral("follow_up_failed"), QStringLiteral("follow-up %1 vanished after insert").arg(id)};
    if (const Status logged = tx.logChange(QStringLiteral("follow_up"),
                                           id,
                                           QStringLiteral("upsert"),
                                           created->version,
                                           LeadRepository::audience(lead),
                                           created->json);
        !logged.ok())
        return logged.error();
    tx.audit({now,
              user.id,
              QStringLiteral("follow_up.create"),
              QStringLiteral("follow_up"),
              id,
              remote,
              QStringLiteral("lead ") + lead.id});
    return created->json;
}

Result<std::optional<QJsonObject>> FollowUpService::findVisible(const QSqlDatabase &db,
                                                                const AuthUser &user,
                                                                const QString &id)
{
    auto found = findFollowUp(db, id);
    if (!found.ok())
        return found.error();
    const std::optional<FollowUpRow> &row = found.value();
    if (!row || !LeadRepository::findVisible(db, user, row->leadId))
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(row->json);
}

Result<QJsonObject> FollowUpService::updateIn(WriteTransaction &tx,
                                              const AuthUser &user,
                                              const QString &followUpId,
                                              const Change &change,
                                              std::optional<qint64> baseVersion,
                                              const QString &remote)
{
    if (change.note) {
        if (const ValidationErrors errors = FollowUp::validateNoteChange(*change.note);
            !errors.isEmpty())
            return errors.toError();
    }
    auto found = findFollowUp(tx.db(), followUpId);
    if (!found.ok())
        return found.error();
    const std::optional<FollowUpRow> current = found.value();
    if (!current)
        return noSuchFollowUp();
    const std::optional<Lead> lead = LeadRepository::findVisible(tx.db(), user, current->leadId);
    if (!lead)
        return noSuchFollowUp();
    const QString id = current->json.value(QStringLiteral("id")).toString();
    if (baseVersion && *baseVersion != current->version) {
        return Error{QStringLiteral("version_conflict"),
                     tr("Someone else changed this follow-up (version %1, you edited version %2).")
                         .arg(current->version)
                         .arg(*baseVersion),
                     {},
                     {{QStringLiteral("current"), current->json}}};
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 newDueAt = change.dueAt.value_or(current->dueAt);
    const QString newNote = change.note ? *change.note : current->note; // null clears the note
    const bool newDone = change.done.value_or(current->done);
    // Completing an already completed follow-up keeps its first completion time; a done
    // follow-up always has one (completedAt null only while open).
    QVariant newCompletedAt(QMetaType(QMetaType::LongLong));
    if (newDone)
        newCompletedAt = current->done && current->completedAt ? *current->completedAt : now;
    const bool changed = newDueAt != current->dueAt || newNote != current->note
                         || newDone != current->done;
    if (!changed)
        return current->json; // the same values again: nothing to write, no new version

    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE follow_ups SET dueAt = ?, note = ?, done = ?,"
                                 " completedAt = ?, updatedAt = ?, version = ? WHERE id = ?"));
    query.addBindValue(newDueAt);
    query.addBindValue(storedNote(newNote));
    query.addBindValue(newDone ? 1 : 0);
    query.addBindValue(newCompletedAt);
    query.addBindValue(now);
    query.addBindValue(current->version + 1);
    query.addBindValue(id);
    if (!query.exec())
        return Error{QStringLiteral("follow_up_failed"), query.lastError().text()};

    auto stored = findFollowUp(tx.db(), id);
    if (!stored.ok())
        return stored.error();
    const std::optional<FollowUpRow> &updated = stored.value();
    if (!updated)
        return Error{QStringLiteral("follow_up_failed"), QStringLiteral("follow-up %1 vanished after update").arg(id)};
    if (const Status logged = tx.logChange(QStringLiteral("follow_up"),
                                           id,
                                           QStringLiteral("upsert"),
                                           updated->version,
                                           LeadRepository::audience(*lead),
                                           updated->json);
        !logged.ok())
        return logged.error();
    if (newDone != current->done) {
        const SystemEvent line = newDone ? HistoryEntry::followUpDone(newNote)
                                         : HistoryEntry::followUpReopened(newNote);
        if (const auto recorded = LeadHistory::addSystem(tx, *lead, user.id, line); !recorded.ok())
            return recorded.error();
    }
    QStringList what;
    if (newDueAt != current->dueAt)
        what << QStringLiteral("dueAt");
    if (newNote != current->note)
        what << QStringLiteral("note");
    if (newDone != current->done)
        what << QStringLiteral("done");
    tx.audit({now,
              user.id,
              QStringLiteral("follow_up.update"),
              QStringLiteral("follow_up"),
              id,
              remote,
              what.join(QLatin1Char(','))});
    return updated->json;
}

// "The agent's leads" are the leads assigned to them now (not the follow-up's agentId, which
// keeps whoever was assigned when it was written), so a reassigned lead's follow-ups move with it.
Result<FollowUpService::OpenPage> FollowUpService::openOnLeadsOf(const QSqlDatabase &db,
                                                                 const QString &agentId,
                                                                 std::optional<qint64> dueBefore,
                                                                 const Paging &page)
{
    QString filter = QStringLiteral(
        "done = 0 AND leadId IN (SELECT id FROM leads WHERE assignedAgentId = ?"
        " AND deletedAt IS NULL)");
    QVariantList bindings{agentId};
    if (dueBefore) {
        filter += QStringLiteral(" AND dueAt < ?");
        bindings << *dueBefore;
    }

    OpenPage answer;
    QSqlQuery count(db);
    count.prepare(QStringLiteral("SELECT count(*) FROM follow_ups WHERE ") + filter);
    for (const QVariant &value : std::as_const(bindings))
        count.addBindValue(value);
    if (!count.exec() || !count.next())
        return Error{QStringLiteral("internal"), count.lastError().text(), {}, {}};
    answer.total = count.value(0).toLongLong();

    const QString pageFilter = filter + page.keysetCondition(QStringLiteral("dueAt"), false);
    const QVariantList pageBindings = bindings + page.keysetBindings(true);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + LeadRecords::followUpColumns()
                  + QStringLiteral(" FROM follow_ups WHERE ") + pageFilter
                  + QStringLiteral(" ORDER BY dueAt, id LIMIT %1").arg(page.limit + 1));
    for (const QVariant &value : std::as_const(pageBindings))
        query.addBindValue(value);
    if (!query.exec())
        return Error{QStringLiteral("internal"), query.lastError().text(), {}, {}};
    while (query.next()) {
        if (answer.items.size() == page.limit) {
            answer.more = true;
            break;
        }
        answer.items.append(LeadRecords::followUpJson(query));
        answer.lastId = query.value(0).toString();
        answer.lastDueAt = query.value(3).toLongLong();
        answer.ids << answer.lastId;
    }
    return answer;
}

} // namespace Crm
