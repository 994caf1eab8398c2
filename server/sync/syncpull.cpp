#include "syncpull.h"

#include "http/apiserver.h"
#include "sync/synccontroller.h"

#include "domain/syncprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// A record as the log stored it, in today's shape. Entries written before a field existed lack
// it: an activity logged before schema 4 has no occurredAt, which that migration set to its
// createdAt in the table (the desktop's cache requires it, and refused the whole page).
QJsonObject inTodaysShape(const QString &entity, QJsonObject data)
{
    if (entity == SyncProtocol::Entity::Activity && !data.contains(QStringLiteral("occurredAt")))
        data.insert(QStringLiteral("occurredAt"), data.value(QStringLiteral("createdAt")));
    return data;
}

QJsonObject changeJson(const QSqlQuery &query)
{
    const QString entity = query.value(1).toString();
    const QString data = query.value(5).toString();
    return {{SyncProtocol::Key::Seq, query.value(0).toLongLong()},
            {SyncProtocol::Key::Entity, entity},
            {SyncProtocol::Key::Id, query.value(2).toString()},
            {SyncProtocol::Key::Op, query.value(3).toString()},
            {SyncProtocol::Key::Version, query.value(4).toLongLong()},
            {SyncProtocol::Key::Data,
             data.isEmpty() ? QJsonValue()
                            : QJsonValue(inTodaysShape(entity,
                                                       QJsonDocument::fromJson(data.toUtf8())
                                                           .object()))}};
}

} // namespace

ApiResponse SyncPull::handle(ApiContext &context)
{
    bool ok = true;
    const QString cursorText = context.queryValue(SyncProtocol::Key::Cursor);
    const qint64 cursor = cursorText.isEmpty() ? 0 : cursorText.toLongLong(&ok);
    if (!ok || cursor < 0) {
        ApiError error = ApiError::badRequest(tr("cursor must be a number of 0 or more."));
        error.fields.insert(SyncProtocol::Key::Cursor, error.message);
        return error;
    }
    const QString limitText = context.queryValue(SyncProtocol::Key::Limit);
    const int limit = limitText.isEmpty() ? SyncController::DefaultPullLimit : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > SyncController::MaxPullLimit) {
        ApiError error = ApiError::badRequest(
            tr("limit must be a number from 1 to %1.").arg(SyncController::MaxPullLimit));
        error.fields.insert(SyncProtocol::Key::Limit, error.message);
        return error;
    }

    QSqlQuery query(context.db);
    query.setForwardOnly(true);
    // Read the head first: every entry up to it is committed (the head moves in the same
    // transaction as its entries), so the page is consistent without a read transaction.
    if (!query.exec(QStringLiteral("SELECT (SELECT value FROM counters WHERE name = 'seq'),"
                                   " (SELECT value FROM counters WHERE name = 'logHorizon')"))
        || !query.next())
        return ApiError::internal(query.lastError().text());
    const qint64 head = query.value(0).toLongLong();
    const qint64 horizon = query.value(1).toLongLong();
    if (cursor > 0 && cursor < horizon) {
        ApiError error{410,
                       SyncProtocol::ErrorCode::CursorExpired,
                       tr("Your copy is older than the server keeps changes for; download "
                          "everything again (pull from cursor 0)."),
                       {},
                       {},
                       {}};
        return error;
    }
    if (cursor > head) {
        ApiError error = ApiError::badRequest(tr("The cursor is ahead of the server's log."));
        error.fields.insert(SyncProtocol::Key::Cursor, error.message);
        return error;
    }

    const AuthUser &user = context.caller();
    // Scope is decided now, not when an entry was written: an entry about a lead (or what
    // hangs off it) reaches an agent only while the lead is still theirs. A reassigned lead's
    // older entries stay behind; its revoke (which carries no data) does not.
    const QString scope = user.isAdmin()
                              ? QStringLiteral("op <> 'revoke'")
                              : QStringLiteral(
                                  "audience IN (?, '*') AND (op = 'revoke'"
                                  " OR entity NOT IN ('lead', 'activity', 'follow_up', 'enrollment')"
                                  " OR EXISTS (SELECT 1 FROM leads l WHERE l.assignedAgentId = ?"
                                  " AND l.id = CASE c.entity WHEN 'lead' THEN c.entityId"
                                  " WHEN 'activity' THEN (SELECT a.leadId FROM lead_activities a"
                                  " WHERE a.id = c.entityId)"
                                  " WHEN 'follow_up' THEN (SELECT f.leadId FROM follow_ups f"
                                  " WHERE f.id = c.entityId)"
                                  " ELSE (SELECT e.leadId FROM enrollments e"
                                  " WHERE e.id = c.entityId) END))");
    const QString columns = QStringLiteral("seq, entity, entityId, op, version, data, txId");
    query.prepare(QStringLiteral("SELECT ") + columns
                  + QStringLiteral(" FROM change_log c WHERE seq > ? AND seq <= ? AND ") + scope
                  + QStringLiteral(" ORDER BY seq LIMIT %1").arg(limit + 1));
    query.addBindValue(cursor);
    query.addBindValue(head);
    if (!user.isAdmin()) {
        query.addBindValue(user.id);
        query.addBindValue(user.id);
    }
    if (!query.exec())
        return ApiError::internal(query.lastError().text());

    QJsonArray changes;
    qint64 lastSeq = cursor;
    qint64 lastTx = -1;
    bool more = false;
    while (query.next()) {
        if (changes.size() == limit) {
            // One more row exists: the page is full (the last transaction is completed below).
            more = true;
            break;
        }
        changes.append(changeJson(query));
        lastSeq = query.value(0).toLongLong();
        lastTx = query.value(6).toLongLong();
    }
    if (more) {
        // Never split a transaction: finish the last one even past the limit.
        QSqlQuery rest(context.db);
        rest.setForwardOnly(true);
        rest.prepare(
            QStringLiteral("SELECT ") + columns
            + QStringLiteral(" FROM change_log c WHERE txId = ? AND seq > ? AND seq <= ? AND ")
            + scope + QStringLiteral(" ORDER BY seq"));
        rest.addBindValue(lastTx);
        rest.addBindValue(lastSeq);
        rest.addBindValue(head);
        if (!user.isAdmin()) {
            rest.addBindValue(user.id);
            rest.addBindValue(user.id);
        }
        if (!rest.exec())
            return ApiError::internal(rest.lastError().text());
        while (rest.next()) {
            changes.append(changeJson(rest));
            lastSeq = rest.value(0).toLongLong();
        }
        // Anything of this transaction outside the caller's scope is skipped along with it.
        QSqlQuery txEnd(context.db);
        txEnd.prepare(QStringLiteral("SELECT MAX(seq) FROM change_log WHERE txId = ?"));
        txEnd.addBindValue(lastTx);
        if (txEnd.exec() && txEnd.next())
            lastSeq = qMax(lastSeq, txEnd.value(0).toLongLong());
        // Is there anything in scope after this transaction?
        QSqlQuery next(context.db);
        next.prepare(QStringLiteral("SELECT 1 FROM change_log c WHERE seq > ? AND seq <= ? AND ")
                     + scope + QStringLiteral(" LIMIT 1"));
        next.addBindValue(lastSeq);
        next.addBindValue(head);
        if (!user.isAdmin()) {
            next.addBindValue(user.id);
            next.addBindValue(user.id);
        }
        if (!next.exec())
            return ApiError::internal(next.lastError().text());
        more = next.next();
    }
    const qint64 newCursor = more ? lastSeq : head;
    context.server->auditRead(context,
                              QStringLiteral("sync.pull"),
                              QString(),
                              QString(),
                              QStringLiteral("%1 -> %2 (%3 changes)")
                                  .arg(cursor)
                                  .arg(newCursor)
                                  .arg(changes.size()));
    return QJsonObject{{SyncProtocol::Key::Changes, changes},
                       {SyncProtocol::Key::Cursor, newCursor},
                       {SyncProtocol::Key::HasMore, more},
                       // Not in API.md v1's list: the log head, so clients can show progress.
                       {SyncProtocol::Key::Head, head}};
}

} // namespace Crm
