#include "outbox.h"

#include "domain/syncprotocol.h"
#include "synclogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

Outbox::Outbox(QSqlDatabase db)
    : m_db(db)
    , m_conflicts(db)
    , m_notices(db)
{}

QJsonArray Outbox::pendingMutations(int limit) const
{
    QJsonArray mutations;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT payload FROM outbox ORDER BY seq LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec())
        return mutations;
    while (query.next())
        mutations.append(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
    return mutations;
}

int Outbox::pendingCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM outbox")) && query.next())
        return query.value(0).toInt();
    return 0;
}

bool Outbox::notify(const NotificationStore::NewNotice &notice, QString *error)
{
    const Result<bool> added = m_notices.add(notice);
    if (!added.ok())
        *error = added.error().message;
    return added.ok();
}

Result<Outbox::PushOutcome> Outbox::applyPushResults(const QJsonArray &results, PullApplier &records)
{
    PushOutcome outcome;
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Result<PushOutcome> {
        m_db.rollback();
        qCWarning(lcSync) << "Applying push results failed:" << error;
        return Error{QStringLiteral("cache_failed"), error};
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QJsonValue &value : results) {
        const QJsonObject result = value.toObject();
        const QString mutationId = result.value(SyncProtocol::Key::MutationId).toString();
        const QString status = result.value(SyncProtocol::Key::Status).toString();
        QSqlQuery find(m_db);
        find.prepare(QStringLiteral(
            "SELECT entity, entityId, op, payload FROM outbox WHERE mutationId = ?"));
        find.addBindValue(mutationId);
        if (!find.exec()) {
            error = find.lastError().text();
            return fail();
        }
        if (!find.next())
            continue; // already handled (a retried push answered twice)
        const QString entity = find.value(0).toString();
        const QString entityId = find.value(1).toString();
        const QString op = find.value(2).toString();
        const QString payloadText = find.value(3).toString();
        find.finish();
        QSqlQuery remove(m_db);
        remove.prepare(QStringLiteral("DELETE FROM outbox WHERE mutationId = ?"));
        remove.addBindValue(mutationId);
        if (!remove.exec()) {
            error = remove.lastError().text();
            return fail();
        }
        if (status == SyncProtocol::ResultStatus::Applied) {
            ++outcome.applied;
            continue;
        }
        if (status == SyncProtocol::ResultStatus::Conflict) {
            ++outcome.conflicts;
            const QJsonObject fields = result.value(SyncProtocol::Key::Conflicts).toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                const QJsonObject both = it.value().toObject();
                const Status added = m_conflicts.addConflict(mutationId,
                                                             entity,
                                                             entityId,
                                                             it.key(),
                                                             both.value(SyncProtocol::Key::Mine),
                                                             both.value(SyncProtocol::Key::Theirs),
                                                             now);
                if (!added.ok()) {
                    error = added.error().message;
                    return fail();
                }
            }
            const QJsonObject current = result.value(SyncProtocol::Key::Current).toObject();
            if (!current.isEmpty()
                && (!records.upsert(entity, current, &error)
                    || !records.rebase(entity, entityId, &error)))
                return fail();
            if (!notify({QStringLiteral("conflict"),
                         tr("Edit conflict"),
                         tr("Someone else changed %n field(s) you edited; choose which "
                            "values to keep.",
                            nullptr,
                            int(fields.size())),
                         entity,
                         entityId,
                         QString()},
                        &error))
                return fail();
            continue;
        }
        // Rejected: record why, and take the local change back.
        ++outcome.rejected;
        const QString reason = result.value(SyncProtocol::Key::Reason).toString();
        const QString message = result.value(QStringLiteral("message")).toString();
        const Status recorded = m_conflicts.addRejection(mutationId,
                                                         entity,
                                                         entityId,
                                                         reason + QStringLiteral(": ") + message,
                                                         now);
        if (!recorded.ok()) {
            error = recorded.error().message;
            return fail();
        }
        const QJsonObject payload = QJsonDocument::fromJson(payloadText.toUtf8()).object();
        if (op == SyncProtocol::MutationOp::Create) {
            if (!records.remove(entity, entityId, &error))
                return fail();
            // A refused conversion: the lead's status as it was here, then the server's.
            if (entity == SyncProtocol::Entity::Enrollment) {
                const QString leadId = payload.value(SyncProtocol::Key::Data)
                                           .toObject()
                                           .value(QStringLiteral("leadId"))
                                           .toString();
                const QString previous = payload.value(QStringLiteral("local"))
                                             .toObject()
                                             .value(QStringLiteral("previousStatus"))
                                             .toString();
                if (!previous.isEmpty()) {
                    QSqlQuery restore(m_db);
                    restore.prepare(QStringLiteral(
                        "UPDATE leads SET status = ? WHERE id = ? AND status = 'enrolled'"));
                    restore.addBindValue(previous);
                    restore.addBindValue(leadId);
                    if (!restore.exec()) {
                        error = restore.lastError().text();
                        return fail();
                    }
                }
                outcome.leadsToRefetch << leadId;
            }
        } else if (entity == SyncProtocol::Entity::Lead) {
            outcome.leadsToRefetch << entityId;
        } else if (!records.setFields(entity,
                                      entityId,
                                      payload.value(SyncProtocol::Key::Fields).toObject(),
                                      SyncProtocol::Key::Old,
                                      &error)
                   || !records.rebase(entity, entityId, &error)) {
            // The server changed nothing: the values before this edit (and any later pending
            // edits on top) are what it has.
            return fail();
        }
        if (!notify({QStringLiteral("rejected"),
                     tr("Change not accepted"),
                     message,
                     entity,
                     entityId,
                     QString()},
                    &error))
            return fail();
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return outcome;
}

} // namespace Crm
