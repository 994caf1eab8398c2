#include "syncstore.h"

#include "domain/ids.h"
#include "domain/lead.h"

#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "store/schemamigrator.h"
#include "store/sharedtables.h"
#include "synclogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Crm {

namespace {

// A wire value as the cache stores it: ISO times as epoch ms, booleans as 0/1, lists joined.
QVariant toColumn(const ColumnDefinition &column, const QJsonValue &value)
{
    // The wire says "" or null for "no value"; the cache stores NULL (its CHECKs expect that,
    // e.g. a state is two letters or nothing), except for the one NOT NULL list column.
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())) {
        if (column.name == QLatin1String("territories"))
            return QStringLiteral("");
        return QVariant();
    }
    if (column.type == ColumnType::Time) {
        const std::optional<qint64> time = WireTime::fromWire(value.toString());
        return time ? QVariant(*time) : QVariant();
    }
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    if (value.isArray()) {
        QStringList items;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            items << item.toString();
        return items.join(QLatin1Char(','));
    }
    if (value.isDouble())
        return value.toInteger();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.toString();
}

} // namespace

SyncStore::SyncStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString SyncStore::state(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

Status SyncStore::setState(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec())
        return Error{QStringLiteral("cache_failed"), query.lastError().text()};
    return {};
}

bool SyncStore::upsert(const QString &entity,
                       const QJsonObject &data,
                       QString *error,
                       bool *inserted)
{
    if (inserted)
        *inserted = false;
    const TableDefinition *table = SharedTables::forEntity(entity);
    if (!table)
        return true; // an entity this version does not keep (e.g. a newer server's)
    const QString id = data.value(SyncProtocol::Key::Id).toString();
    if (inserted) {
        QSqlQuery &exists = m_exists[entity];
        if (exists.lastQuery().isEmpty()) {
            exists = QSqlQuery(m_db);
            exists.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table->name()));
        }
        exists.addBindValue(id);
        if (!exists.exec()) {
            *error = exists.lastError().text();
            return false;
        }
        *inserted = !exists.next();
        exists.finish();
    }
    // Never INSERT OR REPLACE: a replace deletes the row first, which would cascade to the
    // lead's activities (and SQLCipher 3's SQLite has no ON CONFLICT DO UPDATE). Statements are
    // prepared once per entity: an initial sync runs them hundreds of thousands of times.
    QSqlQuery &update = m_updates[entity];
    if (update.lastQuery().isEmpty()) {
        QStringList assignments;
        for (const QString &column : table->wireColumns()) {
            if (column != QLatin1String("id"))
                assignments << column + QStringLiteral(" = ?");
        }
        update = QSqlQuery(m_db);
        update.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                           .arg(table->name(), assignments.join(QStringLiteral(", "))));
    }
    QSqlQuery &insert = m_inserts[entity];
    if (insert.lastQuery().isEmpty()) {
        insert = QSqlQuery(m_db);
        insert.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                           .arg(table->name(), table->selectList(), table->placeholders()));
    }
    auto tryInsert = [&]() {
        for (const ColumnDefinition &column : table->columns()) {
            if (column.onWire)
                insert.addBindValue(toColumn(column, data.value(column.name)));
        }
        return insert.exec();
    };
    auto tryUpdate = [&]() -> bool {
        for (const ColumnDefinition &column : table->columns()) {
            if (column.onWire && column.name != QLatin1String("id"))
                update.addBindValue(toColumn(column, data.value(column.name)));
        }
        update.addBindValue(id);
        return update.exec() && update.numRowsAffected() > 0;
    };
    // A first download is nearly all new rows: insert first, and update only what this load
    // already inserted (a lead's later versions in the log). Activities are written once.
    // Later pulls are mostly changes to rows already here: update first.
    if (m_insertFirst) {
        QSet<QString> &loaded = m_loadedIds[entity];
        const bool known = entity != SyncProtocol::Entity::Activity && loaded.contains(id);
        if (known && tryUpdate())
            return true;
        if (tryInsert()) {
            if (entity != SyncProtocol::Entity::Activity)
                loaded.insert(id);
            return true;
        }
        // The id was taken after all (a resumed load, a row this load did not insert).
        const QString insertError = insert.lastError().text();
        if (!known && tryUpdate())
            return true;
        *error = update.lastError().isValid() ? update.lastError().text() : insertError;
        return false;
    }
    if (tryUpdate())
        return true;
    if (update.lastError().isValid()) {
        *error = update.lastError().text();
        return false;
    }
    if (!tryInsert()) {
        *error = insert.lastError().text();
        return false;
    }
    return true;
}

bool SyncStore::remove(const QString &entity, const QString &id, QString *error)
{
    // A lead revoked and sent again later in the same first download is new again.
    m_loadedIds[entity].remove(id);
    const TableDefinition *table = SharedTables::forEntity(entity);
    if (!table)
        return true;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table->name()));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

namespace {

// Fields this device may change, per entity; the rest are the server's.
bool isEditable(const QString &entity, const QString &field)
{
    static const QSet<QString> followUp{QStringLiteral("dueAt"),
                                        QStringLiteral("note"),
                                        QStringLiteral("done")};
    if (entity == SyncProtocol::Entity::Lead)
        return Lead::editableFields().contains(field);
    if (entity == SyncProtocol::Entity::FollowUp)
        return followUp.contains(field);
    return false;
}

} // namespace

bool SyncStore::setFields(const QString &entity,
                          const QString &id,
                          const QJsonObject &fields,
                          const QString &which,
                          QString *error)
{
    const TableDefinition *table = SharedTables::forEntity(entity);
    if (!table)
        return true;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const ColumnDefinition *column = table->column(it.key());
        if (!column || !isEditable(entity, it.key()))
            continue;
        QSqlQuery update(m_db);
        update.prepare(
            QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(table->name(), it.key()));
        update.addBindValue(toColumn(*column, it.value().toObject().value(which)));
        update.addBindValue(id);
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
    }
    return true;
}

bool SyncStore::rebase(const QString &entity, const QString &id, QString *error)
{
    QSqlQuery pending(m_db);
    pending.setForwardOnly(true);
    pending.prepare(QStringLiteral("SELECT payload FROM outbox WHERE entity = ? AND entityId = ?"
                                   " AND op = 'update' ORDER BY seq"));
    pending.addBindValue(entity);
    pending.addBindValue(id);
    if (!pending.exec()) {
        *error = pending.lastError().text();
        return false;
    }
    QList<QJsonObject> mutations;
    while (pending.next())
        mutations << QJsonDocument::fromJson(pending.value(0).toString().toUtf8()).object();
    pending.finish();
    for (const QJsonObject &mutation : std::as_const(mutations)) {
        if (!setFields(entity,
                       id,
                       mutation.value(SyncProtocol::Key::Fields).toObject(),
                       SyncProtocol::Key::New,
                       error))
            return false;
    }
    if (entity == SyncProtocol::Entity::Lead) {
        // A conversion still on its way makes the lead enrolled here already.
        QSqlQuery enrolled(m_db);
        enrolled.prepare(QStringLiteral(
            "UPDATE leads SET status = 'enrolled' WHERE id = ? AND EXISTS (SELECT 1 FROM outbox"
            " WHERE entity = 'enrollment' AND op = 'create' AND payload LIKE ?)"));
        enrolled.addBindValue(id);
        enrolled.addBindValue(QStringLiteral("%\"leadId\":\"") + id + QStringLiteral("\"%"));
        if (!enrolled.exec()) {
            *error = enrolled.lastError().text();
            return false;
        }
    }
    return true;
}

Status SyncStore::applyPageOnce(const QJsonArray &changes, qint64 newCursor, bool purgeOrphans)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Status {
        m_db.rollback();
        qCWarning(lcSync) << "Applying a pull page failed:" << error;
        // The rows this page inserted are gone with it.
        m_loadedIds.clear();
        return Error{QStringLiteral("cache_failed"), error};
    };
    QSqlQuery pragma(m_db);
    // Rows of one server transaction may come child first; check references at commit.
    if (!pragma.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON"))) {
        error = pragma.lastError().text();
        return fail();
    }
    QSet<QString> touchedLeads;
    QSet<QString> touchedFollowUps;
    m_insertFirst = !state(QStringLiteral("bulkLoad")).isEmpty();
    // Not during the first download, however many pages it takes: those leads are not news.
    const bool firstSyncDone = !state(QStringLiteral("lastSync")).isEmpty();
    const QString me = state(QStringLiteral("userId"));
    for (const QJsonValue &value : changes) {
        const QJsonObject change = value.toObject();
        const QString entity = change.value(SyncProtocol::Key::Entity).toString();
        const QString id = change.value(SyncProtocol::Key::Id).toString();
        const QString op = change.value(SyncProtocol::Key::Op).toString();
        if (op == SyncProtocol::ChangeOp::Upsert) {
            const QJsonObject data = change.value(SyncProtocol::Key::Data).toObject();
            bool inserted = false;
            const bool mayNotify = firstSyncDone && entity == SyncProtocol::Entity::Lead;
            if (!upsert(entity, data, &error, mayNotify ? &inserted : nullptr))
                return fail();
            if (entity == SyncProtocol::Entity::FollowUp)
                touchedFollowUps.insert(id);
            if (entity == SyncProtocol::Entity::Lead) {
                touchedLeads.insert(id);
                // A lead that just became mine, after the first download: worth a notice.
                if (inserted && firstSyncDone && !me.isEmpty()
                    && data.value(QStringLiteral("assignedAgentId")).toString() == me
                    && !addNotification(QStringLiteral("new_lead"),
                                        tr("New lead"),
                                        data.value(QStringLiteral("firstName")).toString()
                                            + QLatin1Char(' ')
                                            + data.value(QStringLiteral("lastName")).toString(),
                                        entity,
                                        id,
                                        &error))
                    return fail();
            }
        } else if (op == SyncProtocol::ChangeOp::Delete || op == SyncProtocol::ChangeOp::Revoke) {
            // A revoked lead takes what hangs off it along (ON DELETE CASCADE).
            if (!remove(entity, id, &error))
                return fail();
            touchedLeads.remove(id);
            if (entity == SyncProtocol::Entity::Lead && op == SyncProtocol::ChangeOp::Revoke) {
                // Edits to a lead that is no longer ours cannot be sent anymore.
                QSqlQuery drop(m_db);
                drop.prepare(QStringLiteral("DELETE FROM outbox WHERE entityId = ?"));
                drop.addBindValue(id);
                drop.exec();
            }
        }
    }
    for (const QString &leadId : std::as_const(touchedLeads)) {
        if (!rebase(SyncProtocol::Entity::Lead, leadId, &error))
            return fail();
    }
    for (const QString &followUpId : std::as_const(touchedFollowUps)) {
        if (!rebase(SyncProtocol::Entity::FollowUp, followUpId, &error))
            return fail();
    }
    if (purgeOrphans) {
        for (const char *table : {"lead_activities", "follow_ups", "enrollments"}) {
            QSqlQuery purge(m_db);
            if (!purge.exec(
                    QStringLiteral("DELETE FROM %1 WHERE leadId NOT IN (SELECT id FROM leads)")
                        .arg(QLatin1String(table)))) {
                error = purge.lastError().text();
                return fail();
            }
        }
    }
    QSqlQuery cursor(m_db);
    cursor.prepare(
        QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', ?)"));
    cursor.addBindValue(QString::number(newCursor));
    if (!cursor.exec()) {
        error = cursor.lastError().text();
        return fail();
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return {};
}

Status SyncStore::applyPage(const QJsonArray &changes, qint64 newCursor)
{
    Status status = applyPageOnce(changes, newCursor, false);
    if (!status.ok() && status.error().message.contains(QLatin1String("FOREIGN KEY"))) {
        // Something refers to a record outside our scope: keep what can be kept.
        qCWarning(lcSync) << "A pull page referred to records outside the cache; dropping orphans";
        status = applyPageOnce(changes, newCursor, true);
    }
    return status;
}

Status SyncStore::beginBulkLoad()
{
    if (cursor() != 0 || !state(QStringLiteral("bulkLoad")).isEmpty())
        return {};
    QSqlQuery empty(m_db);
    if (!empty.exec(QStringLiteral("SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM"
                                   " lead_activities)"))
        || !empty.next())
        return Error{QStringLiteral("cache_failed"), empty.lastError().text()};
    if (empty.value(0).toLongLong() > 0)
        return {};
    empty.finish();
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    Status status = SchemaMigrator::suspendIndexes(m_db);
    if (status.ok())
        status = setState(QStringLiteral("bulkLoad"), QStringLiteral("1"));
    // Random ids land all over the primary-key trees: keep them in memory while the rows
    // pour in, and checkpoint the WAL less often.
    QSqlQuery tune(m_db);
    if (tune.exec(QStringLiteral("PRAGMA cache_size")) && tune.next())
        setState(QStringLiteral("bulkLoadCacheSize"), tune.value(0).toString());
    tune.finish();
    tune.exec(QStringLiteral("PRAGMA cache_size = -262144"));
    tune.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 20000"));
    if (status.ok() && !m_db.commit())
        status = Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    if (!status.ok())
        m_db.rollback();
    // Statements prepared against the old schema are dropped with it.
    m_updates.clear();
    m_inserts.clear();
    m_exists.clear();
    return status;
}

Status SyncStore::finishBulkLoad()
{
    m_loadedIds.clear();
    m_insertFirst = false;
    if (state(QStringLiteral("bulkLoad")).isEmpty())
        return {};
    m_updates.clear();
    m_inserts.clear();
    m_exists.clear();
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    Status status = SchemaMigrator::restoreIndexes(m_db);
    QSqlQuery clear(m_db);
    clear.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
    const QString cacheSize = state(QStringLiteral("bulkLoadCacheSize"));
    if (!cacheSize.isEmpty())
        clear.exec(QStringLiteral("PRAGMA cache_size = %1").arg(cacheSize.toLongLong()));
    clear.exec(QStringLiteral("DELETE FROM sync_state WHERE key = 'bulkLoadCacheSize'"));
    if (status.ok() && !clear.exec(QStringLiteral("DELETE FROM sync_state WHERE key = 'bulkLoad'")))
        status = Error{QStringLiteral("cache_failed"), clear.lastError().text()};
    if (status.ok() && !m_db.commit())
        status = Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    if (!status.ok())
        m_db.rollback();
    return status;
}

Status SyncStore::resetForSnapshot()
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QSqlQuery query(m_db);
    for (const char *table : {"lead_activities", "follow_ups", "enrollments", "leads", "users"}) {
        if (!query.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)))) {
            m_db.rollback();
            return Error{QStringLiteral("cache_failed"), query.lastError().text()};
        }
    }
    if (!query.exec(QStringLiteral("UPDATE sync_state SET value = '0' WHERE key = 'cursor'"))
        || !m_db.commit()) {
        m_db.rollback();
        return Error{QStringLiteral("cache_failed"), query.lastError().text()};
    }
    return {};
}

Status SyncStore::applyServerRecord(const QString &entity, const QJsonObject &data)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    if (!upsert(entity, data, &error)
        || !rebase(entity, data.value(SyncProtocol::Key::Id).toString(), &error)
        || !m_db.commit()) {
        m_db.rollback();
        return Error{QStringLiteral("cache_failed"), error};
    }
    return {};
}

Status SyncStore::removeRecord(const QString &entity, const QString &id)
{
    QString error;
    if (!remove(entity, id, &error))
        return Error{QStringLiteral("cache_failed"), error};
    return {};
}

QJsonArray SyncStore::pendingMutations(int limit) const
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

int SyncStore::pendingCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM outbox")) && query.next())
        return query.value(0).toInt();
    return 0;
}

int SyncStore::openConflictCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM conflicts WHERE resolvedAt IS NULL"))
        && query.next())
        return query.value(0).toInt();
    return 0;
}

bool SyncStore::addNotification(const QString &kind,
                                const QString &title,
                                const QString &body,
                                const QString &entity,
                                const QString &entityId,
                                QString *error,
                                const QString &dedupeKey,
                                bool *added)
{
    QSqlQuery insert(m_db);
    insert.prepare(
        QStringLiteral("INSERT OR IGNORE INTO notifications (id, kind, title, body, entity,"
                       " entityId, createdAt, dedupeKey) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(Ids::create());
    insert.addBindValue(kind);
    insert.addBindValue(title);
    insert.addBindValue(body);
    insert.addBindValue(entity);
    insert.addBindValue(entityId);
    insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
    insert.addBindValue(dedupeKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                            : QVariant(dedupeKey));
    if (!insert.exec()) {
        *error = insert.lastError().text();
        return false;
    }
    if (added)
        *added = insert.numRowsAffected() > 0;
    return true;
}

Result<int> SyncStore::raiseDueReminders(qint64 now, int appointmentLeadMinutes)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Result<int> {
        m_db.rollback();
        return Error{QStringLiteral("cache_failed"), error};
    };
    int raised = 0;
    const QString me = state(QStringLiteral("userId"));
    // Follow-ups on the leads assigned to me (a reassigned lead's follow-ups move with it),
    // due by now. Follow-ups more than a week overdue are old news, not a notice.
    QSqlQuery due(m_db);
    due.setForwardOnly(true);
    due.prepare(QStringLiteral(
        "SELECT f.id, f.dueAt, f.note, l.firstName || ' ' || l.lastName FROM follow_ups f"
        " JOIN leads l ON l.id = f.leadId WHERE f.done = 0 AND f.dueAt <= ? AND f.dueAt > ?"
        " AND (l.assignedAgentId = ? OR ? = '') ORDER BY f.dueAt"));
    due.addBindValue(now);
    due.addBindValue(now - 7 * 24 * 3600 * 1000LL);
    due.addBindValue(me);
    due.addBindValue(me);
    if (!due.exec()) {
        error = due.lastError().text();
        return fail();
    }
    struct Notice
    {
        QString kind, title, body, entity, id, key;
    };
    QList<Notice> notices;
    while (due.next()) {
        const QString note = due.value(2).toString();
        notices.append({QStringLiteral("follow_up_due"),
                        tr("Follow-up due: %1").arg(due.value(3).toString()),
                        note.isEmpty() ? tr("A follow-up you set is due now.") : note,
                        SyncProtocol::Entity::FollowUp,
                        due.value(0).toString(),
                        QStringLiteral("follow_up_due:%1:%2")
                            .arg(due.value(0).toString())
                            .arg(due.value(1).toLongLong())});
    }
    due.finish();
    QSqlQuery soon(m_db);
    soon.setForwardOnly(true);
    soon.prepare(QStringLiteral(
        "SELECT a.id, a.scheduledDate, a.appointmentType, coalesce(l.firstName || ' ' ||"
        " l.lastName, '') FROM appointments a LEFT JOIN leads l ON l.id = a.leadId"
        " WHERE a.deletedAt IS NULL AND a.status IN ('scheduled', 'confirmed')"
        " AND a.scheduledDate > ? AND a.scheduledDate <= ? ORDER BY a.scheduledDate"));
    soon.addBindValue(now);
    soon.addBindValue(now + qint64(appointmentLeadMinutes) * 60 * 1000);
    if (!soon.exec()) {
        error = soon.lastError().text();
        return fail();
    }
    while (soon.next()) {
        const qint64 at = soon.value(1).toLongLong();
        const int minutes = int((at - now + 59999) / 60000);
        const QString who = soon.value(3).toString().trimmed();
        notices.append(
            {QStringLiteral("appointment_soon"),
             who.isEmpty() ? tr("Appointment soon") : tr("Appointment soon: %1").arg(who),
             tr("Starts in %n minute(s).", nullptr, minutes),
             SyncProtocol::Entity::Appointment,
             soon.value(0).toString(),
             QStringLiteral("appointment_soon:%1:%2").arg(soon.value(0).toString()).arg(at)});
    }
    soon.finish();
    for (const Notice &notice : std::as_const(notices)) {
        bool added = false;
        if (!addNotification(notice.kind,
                             notice.title,
                             notice.body,
                             notice.entity,
                             notice.id,
                             &error,
                             notice.key,
                             &added))
            return fail();
        raised += added ? 1 : 0;
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return raised;
}

Result<SyncStore::PushOutcome> SyncStore::applyPushResults(const QJsonArray &results)
{
    PushOutcome outcome;
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Result<PushOutcome> {
        m_db.rollback();
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
        QSqlQuery conflict(m_db);
        conflict.prepare(QStringLiteral(
            "INSERT INTO conflicts (id, kind, mutationId, entity, entityId, field, mine, theirs,"
            " reason, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        if (status == SyncProtocol::ResultStatus::Conflict) {
            ++outcome.conflicts;
            const QJsonObject fields = result.value(SyncProtocol::Key::Conflicts).toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                const QJsonObject both = it.value().toObject();
                conflict.addBindValue(Ids::create());
                conflict.addBindValue(QStringLiteral("conflict"));
                conflict.addBindValue(mutationId);
                conflict.addBindValue(entity);
                conflict.addBindValue(entityId);
                conflict.addBindValue(it.key());
                conflict.addBindValue(
                    QString::fromUtf8(QJsonDocument(QJsonArray{both.value(SyncProtocol::Key::Mine)})
                                          .toJson(QJsonDocument::Compact)));
                conflict.addBindValue(QString::fromUtf8(
                    QJsonDocument(QJsonArray{both.value(SyncProtocol::Key::Theirs)})
                        .toJson(QJsonDocument::Compact)));
                conflict.addBindValue(QString());
                conflict.addBindValue(now);
                if (!conflict.exec()) {
                    error = conflict.lastError().text();
                    return fail();
                }
            }
            const QJsonObject current = result.value(SyncProtocol::Key::Current).toObject();
            if (!current.isEmpty()
                && (!upsert(entity, current, &error) || !rebase(entity, entityId, &error)))
                return fail();
            if (!addNotification(QStringLiteral("conflict"),
                                 tr("Edit conflict"),
                                 tr("Someone else changed %n field(s) you edited; choose which "
                                    "values to keep.",
                                    nullptr,
                                    int(fields.size())),
                                 entity,
                                 entityId,
                                 &error))
                return fail();
            continue;
        }
        // Rejected: record why, and take the local change back.
        ++outcome.rejected;
        const QString reason = result.value(SyncProtocol::Key::Reason).toString();
        const QString message = result.value(QStringLiteral("message")).toString();
        conflict.addBindValue(Ids::create());
        conflict.addBindValue(QStringLiteral("rejected"));
        conflict.addBindValue(mutationId);
        conflict.addBindValue(entity);
        conflict.addBindValue(entityId);
        conflict.addBindValue(QString());
        conflict.addBindValue(QString());
        conflict.addBindValue(QString());
        conflict.addBindValue(reason + QStringLiteral(": ") + message);
        conflict.addBindValue(now);
        if (!conflict.exec()) {
            error = conflict.lastError().text();
            return fail();
        }
        const QJsonObject payload = QJsonDocument::fromJson(payloadText.toUtf8()).object();
        if (op == SyncProtocol::MutationOp::Create) {
            if (!this->remove(entity, entityId, &error))
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
        } else if (!setFields(entity,
                              entityId,
                              payload.value(SyncProtocol::Key::Fields).toObject(),
                              SyncProtocol::Key::Old,
                              &error)
                   || !rebase(entity, entityId, &error)) {
            // The server changed nothing: the values before this edit (and any later pending
            // edits on top) are what it has.
            return fail();
        }
        if (!addNotification(QStringLiteral("rejected"),
                             tr("Change not accepted"),
                             message,
                             entity,
                             entityId,
                             &error))
            return fail();
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return outcome;
}

QJsonObject SyncStore::counts() const
{
    QJsonObject counts;
    for (const TableDefinition *table : SharedTables::all()) {
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table->name())) && query.next())
            counts.insert(table->entity(), query.value(0).toInt());
    }
    QSqlQuery appointments(m_db);
    if (appointments.exec(QStringLiteral("SELECT count(*) FROM appointments"))
        && appointments.next())
        counts.insert(SyncProtocol::Entity::Appointment, appointments.value(0).toInt());
    return counts;
}

} // namespace Crm
