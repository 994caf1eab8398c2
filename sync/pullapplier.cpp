#include "pullapplier.h"

#include "domain/displaytime.h"
#include "domain/lead.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "store/schemamigrator.h"
#include "store/sharedtables.h"
#include "synclogging.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

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

PullApplier::PullApplier(QSqlDatabase db)
    : m_db(db)
    , m_state(db)
    , m_notices(db)
    , m_scheduling(db)
    , m_appointments(db)
{}

bool PullApplier::upsert(const QString &entity,
                         const QJsonObject &data,
                         QString *error,
                         bool *inserted)
{
    if (inserted)
        *inserted = false;
    if (SchedulingRecords::handles(entity))
        return m_scheduling.upsert(entity, data, error);
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

bool PullApplier::remove(const QString &entity, const QString &id, QString *error)
{
    // A lead revoked and sent again later in the same first download is new again.
    m_loadedIds[entity].remove(id);
    if (SchedulingRecords::handles(entity))
        return m_scheduling.remove(entity, id, error);
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

bool PullApplier::setFields(const QString &entity,
                            const QString &id,
                            const QJsonObject &fields,
                            const QString &which,
                            QString *error)
{
    if (entity == SyncProtocol::Entity::Appointment)
        return m_scheduling.setAppointmentFields(id, fields, which, error);
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

bool PullApplier::rebase(const QString &entity, const QString &id, QString *error)
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

bool PullApplier::noticeAppointmentChange(const std::optional<AppointmentReader::Entry> &before,
                                          const QJsonObject &data,
                                          QString *error)
{
    const std::optional<Appointment> after = Appointment::fromJson(data);
    if (!after)
        return true;
    // My own change coming back, already answered with this version by the push (Outbox
    // stores it). One still on its way (pending) shows in the cached copy already, so the
    // server's copy of it changes nothing below.
    if (before && before->appointment.version >= after->version)
        return true;
    QString kind;
    QString body;
    if (!before) {
        if (!after->holdsTime())
            return true; // cancelled before I ever saw it
        kind = QStringLiteral("booked");
        body = DisplayTime::dateTime(after->scheduledDate);
    } else if (before->appointment.holdsTime() && !after->holdsTime()) {
        kind = QStringLiteral("cancelled");
        body = DisplayTime::dateTime(after->scheduledDate);
    } else if (after->holdsTime()
               && (before->appointment.scheduledDate != after->scheduledDate
                   || before->appointment.duration != after->duration)) {
        kind = QStringLiteral("moved");
        body = tr("From %1 to %2.")
                   .arg(DisplayTime::dateTime(before->appointment.scheduledDate),
                        DisplayTime::dateTime(after->scheduledDate));
    } else {
        return true; // notes, a confirmation, an outcome: nothing to interrupt anyone for
    }
    const auto found = m_appointments.find(after->id);
    const QString who = found.ok() && found.value() ? found.value()->leadName : QString();
    QString title;
    if (kind == QLatin1String("booked"))
        title = who.isEmpty() ? tr("Appointment booked") : tr("Appointment booked: %1").arg(who);
    else if (kind == QLatin1String("moved"))
        title = who.isEmpty() ? tr("Appointment moved") : tr("Appointment moved: %1").arg(who);
    else
        title = who.isEmpty() ? tr("Appointment cancelled")
                              : tr("Appointment cancelled: %1").arg(who);
    const Result<bool> added = m_notices.add(
        {QStringLiteral("appointment_changed"),
         title,
         body,
         SyncProtocol::Entity::Appointment,
         after->id,
         QStringLiteral("appointment_%1:%2:%3").arg(kind, after->id).arg(after->version)});
    if (!added.ok())
        *error = added.error().message;
    return added.ok();
}

bool PullApplier::noticeFailedReminder(const QJsonObject &data, qint64 version, QString *error)
{
    if (data.value(QStringLiteral("status")).toString() != QLatin1String("failed"))
        return true;
    const QString appointmentId = data.value(QStringLiteral("appointmentId")).toString();
    const auto found = m_appointments.find(appointmentId);
    if (!found.ok() || !found.value())
        return true; // not an appointment this cache holds
    const AppointmentReader::Entry &entry = *found.value();
    const bool sms = data.value(QStringLiteral("reminderType")).toString() == QLatin1String("sms");
    const QString title = entry.leadName.isEmpty()
                              ? (sms ? tr("SMS reminder not delivered") : tr("E-mail reminder not delivered"))
                              : (sms ? tr("SMS reminder not delivered: %1") : tr("E-mail reminder not delivered: %1"))
                                    .arg(entry.leadName);
    const QString body = tr("For the appointment on %1. %2")
                             .arg(DisplayTime::dateTime(entry.appointment.scheduledDate),
                                  data.value(QStringLiteral("lastError")).toString());
    const Result<bool> added = m_notices.add(
        {QStringLiteral("reminder_failed"),
         title,
         body.trimmed(),
         SyncProtocol::Entity::Appointment,
         appointmentId,
         QStringLiteral("reminder_failed:%1:%2").arg(data.value(QStringLiteral("id")).toString()).arg(version)});
    if (!added.ok())
        *error = added.error().message;
    return added.ok();
}

Status PullApplier::applyPageOnce(const QJsonArray &changes, qint64 newCursor, bool purgeOrphans)
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
    QSet<QString> touchedAppointments;
    m_insertFirst = !m_state.state(QStringLiteral("bulkLoad")).isEmpty();
    // Not during the first download, however many pages it takes: those leads are not news.
    const bool firstSyncDone = !m_state.state(QStringLiteral("lastSync")).isEmpty();
    const QString me = m_state.state(QStringLiteral("userId"));
    for (const QJsonValue &value : changes) {
        const QJsonObject change = value.toObject();
        const QString entity = change.value(SyncProtocol::Key::Entity).toString();
        const QString id = change.value(SyncProtocol::Key::Id).toString();
        const QString op = change.value(SyncProtocol::Key::Op).toString();
        if (op == SyncProtocol::ChangeOp::Upsert) {
            const QJsonObject data = change.value(SyncProtocol::Key::Data).toObject();
            bool inserted = false;
            const bool mayNotify = firstSyncDone && entity == SyncProtocol::Entity::Lead;
            // An appointment of mine changed elsewhere is news (not during the first download):
            // what the cache showed before tells what changed.
            std::optional<AppointmentReader::Entry> before;
            const bool myAppointment = firstSyncDone && !me.isEmpty()
                                       && entity == SyncProtocol::Entity::Appointment
                                       && data.value(QStringLiteral("providerId")).toString() == me;
            if (myAppointment) {
                const auto found = m_appointments.find(id);
                if (!found.ok()) {
                    error = found.error().message;
                    return fail();
                }
                before = found.value();
            }
            if (!upsert(entity, data, &error, mayNotify ? &inserted : nullptr))
                return fail();
            if (myAppointment && !noticeAppointmentChange(before, data, &error))
                return fail();
            if (firstSyncDone && entity == SyncProtocol::Entity::Reminder
                && !noticeFailedReminder(data, change.value(SyncProtocol::Key::Version).toInteger(), &error))
                return fail();
            if (entity == SyncProtocol::Entity::FollowUp)
                touchedFollowUps.insert(id);
            if (entity == SyncProtocol::Entity::Appointment)
                touchedAppointments.insert(id);
            if (entity == SyncProtocol::Entity::Lead) {
                touchedLeads.insert(id);
                // A lead that just became mine, after the first download: worth a notice.
                if (inserted && firstSyncDone && !me.isEmpty()
                    && data.value(QStringLiteral("assignedAgentId")).toString() == me) {
                    const Result<bool> added = m_notices.add(
                        {QStringLiteral("new_lead"),
                         tr("New lead"),
                         data.value(QStringLiteral("firstName")).toString() + QLatin1Char(' ')
                             + data.value(QStringLiteral("lastName")).toString(),
                         entity,
                         id,
                         QString()});
                    if (!added.ok()) {
                        error = added.error().message;
                        return fail();
                    }
                }
            }
        } else if (op == SyncProtocol::ChangeOp::Delete || op == SyncProtocol::ChangeOp::Revoke) {
            // A revoked lead takes what hangs off it along (ON DELETE CASCADE).
            if (!remove(entity, id, &error))
                return fail();
            touchedLeads.remove(id);
            touchedAppointments.remove(id);
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
    for (const QString &appointmentId : std::as_const(touchedAppointments)) {
        if (!rebase(SyncProtocol::Entity::Appointment, appointmentId, &error))
            return fail();
    }
    if (purgeOrphans) {
        QStringList purges;
        for (const char *table : {"lead_activities", "follow_ups", "enrollments"})
            purges << QStringLiteral("DELETE FROM %1 WHERE leadId NOT IN (SELECT id FROM leads)")
                          .arg(QLatin1String(table));
        purges << QStringLiteral("DELETE FROM appointment_reminders WHERE appointmentId NOT IN"
                                 " (SELECT id FROM appointments)");
        for (const QString &statement : std::as_const(purges)) {
            QSqlQuery purge(m_db);
            if (!purge.exec(statement)) {
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

Status PullApplier::applyPage(const QJsonArray &changes, qint64 newCursor)
{
    Status status = applyPageOnce(changes, newCursor, false);
    if (!status.ok() && status.error().message.contains(QLatin1String("FOREIGN KEY"))) {
        // Something refers to a record outside our scope: keep what can be kept.
        qCWarning(lcSync) << "A pull page referred to records outside the cache; dropping orphans";
        status = applyPageOnce(changes, newCursor, true);
    }
    return status;
}

Status PullApplier::beginBulkLoad()
{
    if (m_state.cursor() != 0 || !m_state.state(QStringLiteral("bulkLoad")).isEmpty())
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
        status = m_state.setState(QStringLiteral("bulkLoad"), QStringLiteral("1"));
    // Random ids land all over the primary-key trees: keep them in memory while the rows
    // pour in, and checkpoint the WAL less often.
    QSqlQuery tune(m_db);
    if (tune.exec(QStringLiteral("PRAGMA cache_size")) && tune.next())
        m_state.setState(QStringLiteral("bulkLoadCacheSize"), tune.value(0).toString());
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

Status PullApplier::finishBulkLoad()
{
    m_loadedIds.clear();
    m_insertFirst = false;
    if (m_state.state(QStringLiteral("bulkLoad")).isEmpty())
        return {};
    m_updates.clear();
    m_inserts.clear();
    m_exists.clear();
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    Status status = SchemaMigrator::restoreIndexes(m_db);
    QSqlQuery clear(m_db);
    clear.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
    const QString cacheSize = m_state.state(QStringLiteral("bulkLoadCacheSize"));
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

Status PullApplier::resetForSnapshot()
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QSqlQuery query(m_db);
    QStringList deletes;
    for (const char *table : {"lead_activities",
                              "follow_ups",
                              "enrollments",
                              "leads",
                              "users",
                              "appointment_reminders",
                              "provider_availability",
                              "time_off"})
        deletes << QStringLiteral("DELETE FROM %1").arg(QLatin1String(table));
    // Bookings made here and not sent yet stay (the outbox is kept); the rest comes again.
    deletes << QStringLiteral("DELETE FROM appointments WHERE id NOT IN (SELECT entityId FROM"
                              " outbox WHERE entity = 'appointment' AND op = 'create')");
    for (const QString &statement : std::as_const(deletes)) {
        if (!query.exec(statement)) {
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

Status PullApplier::applyServerRecord(const QString &entity, const QJsonObject &data)
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

Status PullApplier::removeRecord(const QString &entity, const QString &id)
{
    QString error;
    if (!remove(entity, id, &error))
        return Error{QStringLiteral("cache_failed"), error};
    return {};
}

} // namespace Crm
