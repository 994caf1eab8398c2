#include "schedulingrecords.h"

#include "domain/availability.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "synclogging.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// Empty text is stored as NULL, as the other cache writers do.
QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant nullableTime(const QJsonValue &value)
{
    const std::optional<qint64> time = WireTime::fromWire(value.toString());
    return time ? QVariant(*time) : QVariant(QMetaType(QMetaType::LongLong));
}

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

bool skipUnreadable(const QString &entity, const QJsonObject &data)
{
    qCWarning(lcSync) << "Skipping an unreadable" << entity << "record"
                      << data.value(SyncProtocol::Key::Id).toString();
    return true;
}

} // namespace

SchedulingRecords::SchedulingRecords(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool SchedulingRecords::handles(const QString &entity)
{
    return entity == SyncProtocol::Entity::Appointment
           || entity == SyncProtocol::Entity::Availability
           || entity == SyncProtocol::Entity::TimeOff || entity == SyncProtocol::Entity::Reminder;
}

bool SchedulingRecords::upsert(const QString &entity, const QJsonObject &data, QString *error)
{
    if (entity == SyncProtocol::Entity::Appointment)
        return upsertAppointment(data, error);
    if (entity == SyncProtocol::Entity::Availability)
        return upsertAvailability(data, error);
    if (entity == SyncProtocol::Entity::TimeOff)
        return upsertTimeOff(data, error);
    if (entity == SyncProtocol::Entity::Reminder)
        return upsertReminder(data, error);
    return true;
}

bool SchedulingRecords::remove(const QString &entity, const QString &id, QString *error)
{
    QString table;
    QString key = QStringLiteral("id");
    if (entity == SyncProtocol::Entity::Appointment)
        table = QStringLiteral("appointments"); // its reminders go with it (ON DELETE CASCADE)
    else if (entity == SyncProtocol::Entity::Availability) {
        table = QStringLiteral("provider_availability"); // by the provider's id
        key = QStringLiteral("providerId");
    } else if (entity == SyncProtocol::Entity::TimeOff)
        table = QStringLiteral("time_off");
    else if (entity == SyncProtocol::Entity::Reminder)
        table = QStringLiteral("appointment_reminders");
    else
        return true;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, key));
    query.addBindValue(id);
    return run(query, error);
}

bool SchedulingRecords::hasPendingChanges(const QString &id, bool *pending, QString *error) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ?"
                                 " AND entityId = ?)"));
    query.addBindValue(SyncProtocol::Entity::Appointment);
    query.addBindValue(id);
    if (!run(query, error) || !query.next()) {
        if (error->isEmpty())
            *error = query.lastError().text();
        return false;
    }
    *pending = query.value(0).toLongLong() != 0;
    return true;
}

bool SchedulingRecords::upsertAppointment(const QJsonObject &data, QString *error)
{
    const std::optional<Appointment> appointment = Appointment::fromJson(data);
    if (!appointment)
        return skipUnreadable(SyncProtocol::Entity::Appointment, data);
    bool pending = false;
    return hasPendingChanges(appointment->id, &pending, error)
           && writeAppointment(*appointment, pending, error);
}

bool SchedulingRecords::writeAppointment(const Appointment &appointment,
                                         bool pending,
                                         QString *error)
{
    // Never INSERT OR REPLACE: the replace's delete would take the reminders along.
    const QList<QVariant> values{nullableText(appointment.userId),
                                 nullableText(appointment.leadId),
                                 appointment.providerId,
                                 AppointmentRules::toString(appointment.type),
                                 appointment.scheduledDate,
                                 appointment.duration,
                                 AppointmentRules::toString(appointment.status),
                                 nullableText(appointment.notes),
                                 nullableText(appointment.meetingLink),
                                 appointment.reminderSent ? 1 : 0,
                                 pending ? 1 : 0,
                                 appointment.createdAt,
                                 appointment.updatedAt,
                                 appointment.version};
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE appointments SET userId = ?, leadId = ?, providerId = ?, appointmentType = ?,"
        " scheduledDate = ?, duration = ?, status = ?, notes = ?, meetingLink = ?,"
        " reminderSent = ?, pending = ?, createdAt = ?, updatedAt = ?, version = ?,"
        " deletedAt = NULL WHERE id = ?"));
    for (const QVariant &value : values)
        update.addBindValue(value);
    update.addBindValue(appointment.id);
    if (!run(update, error))
        return false;
    if (update.numRowsAffected() > 0)
        return true;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO appointments (userId, leadId, providerId, appointmentType, scheduledDate,"
        " duration, status, notes, meetingLink, reminderSent, pending, createdAt, updatedAt,"
        " version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value : values)
        insert.addBindValue(value);
    insert.addBindValue(appointment.id);
    return run(insert, error);
}

bool SchedulingRecords::setAppointmentFields(const QString &id,
                                             const QJsonObject &fields,
                                             const QString &which,
                                             QString *error)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!AppointmentRules::editableFields().contains(it.key()))
            continue;
        const QJsonValue value = it.value().toObject().value(which);
        QVariant column;
        if (it.key() == QLatin1String("scheduledDate")) {
            const std::optional<qint64> start = WireTime::fromWire(value.toString());
            if (!start)
                continue; // nothing readable to put back
            column = *start;
        } else if (it.key() == QLatin1String("duration")) {
            if (!value.isDouble())
                continue;
            column = value.toInt();
        } else if (it.key() == QLatin1String("status")) {
            if (!AppointmentRules::statusFromString(value.toString()))
                continue;
            column = value.toString();
        } else {
            column = nullableText(value.toString());
        }
        QSqlQuery update(m_db);
        update.prepare(QStringLiteral("UPDATE appointments SET %1 = ? WHERE id = ?").arg(it.key()));
        update.addBindValue(column);
        update.addBindValue(id);
        if (!run(update, error))
            return false;
    }
    return true;
}

bool SchedulingRecords::settle(const QString &id, qint64 version, QString *error)
{
    bool pending = false;
    if (!hasPendingChanges(id, &pending, error))
        return false;
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE appointments SET pending = ?, version = max(version, ?) WHERE id = ?"));
    update.addBindValue(pending ? 1 : 0);
    update.addBindValue(version);
    update.addBindValue(id);
    return run(update, error);
}

bool SchedulingRecords::upsertAvailability(const QJsonObject &data, QString *error)
{
    const QString providerId = data.value(QStringLiteral("providerId")).toString();
    if (providerId.isEmpty())
        return skipUnreadable(SyncProtocol::Entity::Availability, data);
    // Time off travels on its own (time_off); the copy kept here is the hours alone.
    QJsonObject hours = data;
    hours.remove(QStringLiteral("timeOff"));
    const QString text = QString::fromUtf8(QJsonDocument(hours).toJson(QJsonDocument::Compact));
    QSqlQuery update(m_db);
    update.prepare(
        QStringLiteral("UPDATE provider_availability SET data = ? WHERE providerId = ?"));
    update.addBindValue(text);
    update.addBindValue(providerId);
    if (!run(update, error))
        return false;
    if (update.numRowsAffected() > 0)
        return true;
    QSqlQuery insert(m_db);
    insert.prepare(
        QStringLiteral("INSERT INTO provider_availability (providerId, data) VALUES (?, ?)"));
    insert.addBindValue(providerId);
    insert.addBindValue(text);
    return run(insert, error);
}

bool SchedulingRecords::upsertTimeOff(const QJsonObject &data, QString *error)
{
    const std::optional<Availability::TimeOff> entry = Availability::timeOffFromJson(data);
    const QString providerId = data.value(QStringLiteral("providerId")).toString();
    if (!entry || entry->id.isEmpty() || providerId.isEmpty() || entry->end <= entry->start)
        return skipUnreadable(SyncProtocol::Entity::TimeOff, data);
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE time_off SET providerId = ?, startAt = ?, endAt = ?, reason = ? WHERE id = ?"));
    const QList<QVariant> values{providerId, entry->start, entry->end, nullableText(entry->reason)};
    for (const QVariant &value : values)
        update.addBindValue(value);
    update.addBindValue(entry->id);
    if (!run(update, error))
        return false;
    if (update.numRowsAffected() > 0)
        return true;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO time_off (providerId, startAt, endAt, reason, id) VALUES (?, ?, ?, ?, ?)"));
    for (const QVariant &value : values)
        insert.addBindValue(value);
    insert.addBindValue(entry->id);
    return run(insert, error);
}

bool SchedulingRecords::upsertReminder(const QJsonObject &data, QString *error)
{
    static const QSet<QString> statuses{QStringLiteral("pending"),
                                        QStringLiteral("sending"),
                                        QStringLiteral("sent"),
                                        QStringLiteral("failed"),
                                        QStringLiteral("cancelled")};
    static const QSet<QString> types{QStringLiteral("email"), QStringLiteral("sms")};
    const QString id = data.value(SyncProtocol::Key::Id).toString();
    const QString appointmentId = data.value(QStringLiteral("appointmentId")).toString();
    const QString type = data.value(QStringLiteral("reminderType")).toString();
    const QString status = data.value(QStringLiteral("status")).toString();
    const std::optional<qint64> scheduledFor = WireTime::fromWire(
        data.value(QStringLiteral("scheduledFor")).toString());
    // A server before schema 7 sends no purpose: its rows are all reminders.
    const QString purpose = data.value(QStringLiteral("purpose")).toString(QStringLiteral("reminder"));
    if (id.isEmpty() || appointmentId.isEmpty() || !types.contains(type)
        || !statuses.contains(status) || !scheduledFor
        || (purpose != QLatin1String("reminder") && purpose != QLatin1String("cancellation")))
        return skipUnreadable(SyncProtocol::Entity::Reminder, data);
    const QList<QVariant> values{appointmentId,
                                 type,
                                 *scheduledFor,
                                 nullableTime(data.value(QStringLiteral("sentAt"))),
                                 status,
                                 data.value(QStringLiteral("attempts")).toInt(),
                                 nullableText(data.value(QStringLiteral("lastError")).toString()),
                                 nullableTime(data.value(QStringLiteral("deliveredAt"))),
                                 purpose};
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE appointment_reminders SET appointmentId = ?, reminderType = ?, scheduledFor = ?,"
        " sentAt = ?, status = ?, attempts = ?, lastError = ?, deliveredAt = ?, purpose = ?"
        " WHERE id = ?"));
    for (const QVariant &value : values)
        update.addBindValue(value);
    update.addBindValue(id);
    if (!run(update, error))
        return false;
    if (update.numRowsAffected() > 0)
        return true;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO appointment_reminders (appointmentId, reminderType, scheduledFor, sentAt,"
        " status, attempts, lastError, deliveredAt, purpose, id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value : values)
        insert.addBindValue(value);
    insert.addBindValue(id);
    return run(insert, error);
}

} // namespace Crm
