#include "reminderledger.h"

#include "domain/ids.h"
#include "domain/lead.h"
#include "domain/reminderplan.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

const QString Columns = QStringLiteral(
    "id, appointmentId, reminderType, scheduledFor, sentAt, status, attempts, lastError, version,"
    " deliveredAt, purpose, origin");

Error failed(const QSqlQuery &query)
{
    return Error{QStringLiteral("reminder_failed"), query.lastError().text(), {}, {}};
}

QJsonValue timeOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(WireTime::toWire(value.toLongLong()));
}

QJsonObject rowJson(const QSqlQuery &query)
{
    return {{QStringLiteral("id"), query.value(0).toString()},
            {QStringLiteral("appointmentId"), query.value(1).toString()},
            {QStringLiteral("reminderType"), query.value(2).toString()},
            {QStringLiteral("scheduledFor"), WireTime::toWire(query.value(3).toLongLong())},
            {QStringLiteral("sentAt"), timeOrNull(query.value(4))},
            {QStringLiteral("status"), query.value(5).toString()},
            {QStringLiteral("attempts"), query.value(6).toLongLong()},
            {QStringLiteral("lastError"),
             query.value(7).isNull() ? QJsonValue() : QJsonValue(query.value(7).toString())},
            {QStringLiteral("deliveredAt"), timeOrNull(query.value(9))},
            {QStringLiteral("purpose"), query.value(10).toString()},
            {QStringLiteral("origin"), query.value(11).toString()}};
}

QString originName(ReminderLedger::Origin origin)
{
    switch (origin) {
    case ReminderLedger::Origin::Added:
        return QStringLiteral("added");
    case ReminderLedger::Origin::Now:
        return QStringLiteral("now");
    case ReminderLedger::Origin::Schedule:
        break;
    }
    return QStringLiteral("schedule");
}

// Reads a reminder back and logs it for sync.
Result<QJsonObject> publish(WriteTransaction &tx, const QString &id, const QString &providerId)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(" FROM appointment_reminders WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return failed(query);
    const QJsonObject json = rowJson(query);
    if (const Status logged = tx.logChange(SyncProtocol::Entity::Reminder,
                                           id,
                                           QStringLiteral("upsert"),
                                           query.value(8).toLongLong(),
                                           providerId,
                                           json);
        !logged.ok())
        return logged.error();
    return json;
}

Result<QString> insert(WriteTransaction &tx,
                       const Appointment &appointment,
                       ReminderLedger::Channel channel,
                       qint64 due,
                       qint64 now,
                       bool cancellation = false,
                       ReminderLedger::Origin origin = ReminderLedger::Origin::Schedule)
{
    const QString id = Ids::create();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("INSERT INTO appointment_reminders (id, appointmentId,"
                                 " reminderType, scheduledFor, status, attempts, updatedAt, version, purpose,"
                                 " origin) VALUES (?, ?, ?, ?, 'pending', 0, ?, 1, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(appointment.id);
    query.addBindValue(ReminderLedger::channelName(channel));
    query.addBindValue(due);
    query.addBindValue(now);
    query.addBindValue(cancellation ? QStringLiteral("cancellation") : QStringLiteral("reminder"));
    query.addBindValue(originName(origin));
    if (!query.exec())
        return failed(query);
    if (auto published = publish(tx, id, appointment.providerId); !published.ok())
        return published.error();
    return id;
}

struct Pending
{
    QString id;
    qint64 due = 0;
};

// The reminders of a channel still to go out, in due order; of one origin ("schedule",
// "added", "now"), or of any when `origin` is empty.
Result<QList<Pending>> pending(const QSqlDatabase &db, const QString &appointmentId, const QString &channel,
                               const QString &origin = QString())
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, scheduledFor FROM appointment_reminders"
                                 " WHERE appointmentId = ? AND reminderType = ? AND status = 'pending'"
                                 " AND purpose = 'reminder'%1 ORDER BY scheduledFor, id")
                      .arg(origin.isEmpty() ? QString() : QStringLiteral(" AND origin = ?")));
    query.addBindValue(appointmentId);
    query.addBindValue(channel);
    if (!origin.isEmpty())
        query.addBindValue(origin);
    if (!query.exec())
        return failed(query);
    QList<Pending> rows;
    while (query.next())
        rows.append({query.value(0).toString(), query.value(1).toLongLong()});
    return rows;
}

Status setRow(WriteTransaction &tx, const Appointment &appointment, const QString &id,
              const QString &status, qint64 due)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE appointment_reminders SET status = ?, scheduledFor = ?,"
                                 " updatedAt = ?, version = version + 1 WHERE id = ?"));
    query.addBindValue(status);
    query.addBindValue(due);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec())
        return failed(query);
    if (auto published = publish(tx, id, appointment.providerId); !published.ok())
        return published.error();
    return {};
}

} // namespace

QString ReminderLedger::channelName(Channel channel)
{
    return channel == Channel::Sms ? QStringLiteral("sms") : QStringLiteral("email");
}

std::optional<ReminderLedger::Channel> ReminderLedger::channelFromString(const QString &text)
{
    if (text == QLatin1String("email"))
        return Channel::Email;
    if (text == QLatin1String("sms"))
        return Channel::Sms;
    return std::nullopt;
}

QList<ReminderLedger::Channel> ReminderLedger::channelsFor(const std::optional<Lead> &lead)
{
    return lead ? ReminderPlan::channelsFor(*lead) : QList<Channel>();
}

// When the appointment's reminders are due, by its type's schedule.
Result<QList<qint64>> dueTimes(const QSqlDatabase &db, const Appointment &appointment, qint64 now)
{
    auto schedule = ReminderLedger::schedule(db, appointment.type);
    if (!schedule.ok())
        return schedule.error();
    return ReminderPlan::dueTimes(appointment.scheduledDate, now, schedule.value());
}

Status ReminderLedger::plan(WriteTransaction &tx,
                            const Appointment &appointment,
                            const std::optional<Lead> &lead,
                            qint64 now)
{
    const auto due = dueTimes(tx.db(), appointment, now);
    if (!due.ok())
        return due.error();
    for (const Channel channel : channelsFor(lead)) {
        for (const qint64 at : due.value()) {
            if (auto inserted = insert(tx, appointment, channel, at, now); !inserted.ok())
                return inserted.error();
        }
    }
    return {};
}

Status ReminderLedger::replan(WriteTransaction &tx,
                              const Appointment &appointment,
                              const std::optional<Lead> &lead,
                              qint64 now,
                              qint64 previousStart)
{
    const auto planned = dueTimes(tx.db(), appointment, now);
    if (!planned.ok())
        return planned.error();
    const QList<qint64> &due = planned.value();
    const QList<Channel> channels = channelsFor(lead);
    for (const Channel channel : {Channel::Email, Channel::Sms}) {
        auto rows = pending(tx.db(), appointment.id, channelName(channel), originName(Origin::Schedule));
        if (!rows.ok())
            return rows.error();
        const QList<qint64> wanted = channels.contains(channel) ? due : QList<qint64>();
        const QList<Pending> &current = rows.value();
        for (qsizetype i = 0; i < qMax(current.size(), wanted.size()); ++i) {
            Status status;
            if (i < current.size() && i < wanted.size()) {
                if (current.at(i).due != wanted.at(i))
                    status = setRow(tx, appointment, current.at(i).id, QStringLiteral("pending"), wanted.at(i));
            } else if (i < current.size()) {
                status = setRow(tx, appointment, current.at(i).id, QStringLiteral("cancelled"), current.at(i).due);
            } else if (auto inserted = insert(tx, appointment, channel, wanted.at(i), now); !inserted.ok()) {
                status = inserted.error();
            }
            if (!status.ok())
                return status;
        }
        // Those an agent added ("the day before at noon") move with the appointment.
        auto added = pending(tx.db(), appointment.id, channelName(channel), originName(Origin::Added));
        if (!added.ok())
            return added.error();
        for (const Pending &row : added.value()) {
            const qint64 moved = qMax(row.due + appointment.scheduledDate - previousStart, now);
            const Status status = channels.contains(channel)
                                      ? setRow(tx, appointment, row.id, QStringLiteral("pending"), moved)
                                      : setRow(tx, appointment, row.id, QStringLiteral("cancelled"), row.due);
            if (!status.ok())
                return status;
        }
    }
    return {};
}

Status ReminderLedger::cancelPending(WriteTransaction &tx, const Appointment &appointment)
{
    for (const Channel channel : {Channel::Email, Channel::Sms}) {
        auto rows = pending(tx.db(), appointment.id, channelName(channel));
        if (!rows.ok())
            return rows.error();
        for (const Pending &row : rows.value()) {
            if (const Status set = setRow(tx, appointment, row.id, QStringLiteral("cancelled"), row.due);
                !set.ok())
                return set;
        }
    }
    return {};
}

Result<QJsonArray> ReminderLedger::list(const QSqlDatabase &db, const QString &appointmentId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(" FROM appointment_reminders WHERE appointmentId = ?"
                                   " ORDER BY scheduledFor, reminderType, id"));
    query.addBindValue(appointmentId);
    if (!query.exec())
        return failed(query);
    QJsonArray rows;
    while (query.next())
        rows.append(rowJson(query));
    return rows;
}

namespace {

Status updateRow(WriteTransaction &tx, const QString &id, const QString &providerId,
                 const QString &assignments, const QVariantList &values)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE appointment_reminders SET %1, updatedAt = ?,"
                                 " version = version + 1 WHERE id = ?")
                      .arg(assignments));
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec())
        return failed(query);
    if (auto published = publish(tx, id, providerId); !published.ok())
        return published.error();
    return {};
}

QVariant nullTime()
{
    return QVariant(QMetaType(QMetaType::LongLong));
}

} // namespace

namespace {

// The rows a worker may take at `now`: due pending ones past their backoff, and sending ones
// whose lease ran out; three bindings of now.
QString dueCondition(const QList<ReminderLedger::Channel> &channels)
{
    QStringList names;
    for (const ReminderLedger::Channel channel : channels)
        names << QLatin1Char('\'') + ReminderLedger::channelName(channel) + QLatin1Char('\'');
    return QStringLiteral("r.reminderType IN (%1) AND"
                          " ((r.status = 'pending' AND r.scheduledFor <= ?"
                          " AND (r.leaseUntil IS NULL OR r.leaseUntil <= ?))"
                          " OR (r.status = 'sending' AND r.leaseUntil < ?))")
        .arg(names.join(QLatin1Char(',')));
}

} // namespace

Result<bool> ReminderLedger::anyDue(const QSqlDatabase &db, const QList<Channel> &channels, qint64 now)
{
    if (channels.isEmpty())
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM appointment_reminders r WHERE ") + dueCondition(channels)
                  + QStringLiteral(" LIMIT 1"));
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec())
        return failed(query);
    return query.next();
}

Result<QList<ReminderLedger::Claim>> ReminderLedger::claimDue(WriteTransaction &tx,
                                                              const QList<Channel> &channels,
                                                              qint64 now,
                                                              int limit,
                                                              qint64 leaseMs)
{
    QList<Claim> claims;
    if (channels.isEmpty())
        return claims;
    const bool postgres = tx.db().driverName() == QLatin1String("QPSQL");
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT r.id, r.appointmentId, r.reminderType, r.attempts, r.scheduledFor,"
                                 " a.providerId, r.purpose FROM appointment_reminders r JOIN appointments a"
                                 " ON a.id = r.appointmentId WHERE %1"
                                 " ORDER BY r.scheduledFor, r.id LIMIT %2%3")
                      .arg(dueCondition(channels))
                      .arg(limit)
                      .arg(postgres ? QStringLiteral(" FOR UPDATE OF r SKIP LOCKED") : QString()));
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec())
        return failed(query);
    QList<QPair<Claim, QString>> found;
    while (query.next()) {
        Claim claim;
        claim.id = query.value(0).toString();
        claim.appointmentId = query.value(1).toString();
        claim.channel = channelFromString(query.value(2).toString()).value_or(Channel::Email);
        claim.attempts = query.value(3).toInt() + 1;
        claim.scheduledFor = query.value(4).toLongLong();
        claim.cancellation = query.value(6).toString() == QLatin1String("cancellation");
        found.append({claim, query.value(5).toString()});
    }
    for (const auto &[claim, providerId] : std::as_const(found)) {
        if (const Status updated = updateRow(tx, claim.id, providerId,
                                             QStringLiteral("status = 'sending', leaseUntil = ?, attempts = ?"),
                                             {now + leaseMs, claim.attempts});
            !updated.ok())
            return updated.error();
        claims.append(claim);
    }
    return claims;
}

Status ReminderLedger::markSent(WriteTransaction &tx, const QString &id, const QString &providerId,
                                const QString &messageId, qint64 now)
{
    return updateRow(tx, id, providerId,
                     QStringLiteral("status = 'sent', sentAt = ?, messageId = ?, leaseUntil = ?, lastError = NULL"),
                     {now, messageId, nullTime()});
}

Status ReminderLedger::markRetry(WriteTransaction &tx, const QString &id, const QString &providerId,
                                 const QString &error, qint64 notBefore)
{
    return updateRow(tx, id, providerId, QStringLiteral("status = 'pending', leaseUntil = ?, lastError = ?"),
                     {notBefore, error.left(1000)});
}

Status ReminderLedger::markFailed(WriteTransaction &tx, const QString &id, const QString &providerId,
                                  const QString &error)
{
    return updateRow(tx, id, providerId, QStringLiteral("status = 'failed', leaseUntil = ?, lastError = ?"),
                     {nullTime(), error.left(1000)});
}

Status ReminderLedger::markCancelled(WriteTransaction &tx, const QString &id, const QString &providerId)
{
    return updateRow(tx, id, providerId, QStringLiteral("status = 'cancelled', leaseUntil = ?"), {nullTime()});
}

Status ReminderLedger::cancelPendingSms(WriteTransaction &tx, const QString &leadId)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT r.id, a.providerId FROM appointment_reminders r JOIN appointments a"
                                 " ON a.id = r.appointmentId WHERE a.leadId = ? AND r.reminderType = 'sms'"
                                 " AND r.status = 'pending'"));
    query.addBindValue(leadId);
    if (!query.exec())
        return failed(query);
    QList<QPair<QString, QString>> rows;
    while (query.next())
        rows.append({query.value(0).toString(), query.value(1).toString()});
    for (const auto &[id, providerId] : std::as_const(rows)) {
        if (const Status cancelled = markCancelled(tx, id, providerId); !cancelled.ok())
            return cancelled;
    }
    return {};
}

Result<bool> ReminderLedger::markCarrierStatus(WriteTransaction &tx, const QString &messageId, bool delivered,
                                               const QString &error)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT r.id, a.providerId FROM appointment_reminders r JOIN appointments a"
                                 " ON a.id = r.appointmentId WHERE r.messageId = ? AND r.reminderType = 'sms'"));
    query.addBindValue(messageId);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return false;
    const QString id = query.value(0).toString();
    const QString providerId = query.value(1).toString();
    const Status status = delivered
                              ? updateRow(tx, id, providerId, QStringLiteral("deliveredAt = ?"),
                                          {QDateTime::currentMSecsSinceEpoch()})
                              : updateRow(tx, id, providerId, QStringLiteral("status = 'failed', lastError = ?"),
                                          {error.left(1000)});
    if (!status.ok())
        return status.error();
    return true;
}

Result<ReminderPlan::Schedule> ReminderLedger::schedule(const QSqlDatabase &db, AppointmentType type)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(QStringLiteral("reminderSchedule.") + AppointmentRules::toString(type));
    if (!query.exec())
        return failed(query);
    return query.next() ? ReminderPlan::fromText(query.value(0).toString()) : ReminderPlan::defaultSchedule();
}

Status ReminderLedger::setSchedule(WriteTransaction &tx, AppointmentType type, const ReminderPlan::Schedule &schedule)
{
    const QString key = QStringLiteral("reminderSchedule.") + AppointmentRules::toString(type);
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec())
        return failed(query);
    query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(ReminderPlan::toText(schedule));
    if (!query.exec())
        return failed(query);
    return {};
}

Status ReminderLedger::noticeCancellation(WriteTransaction &tx, const Appointment &appointment,
                                          const std::optional<Lead> &lead, qint64 now)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT DISTINCT reminderType FROM appointment_reminders"
                                 " WHERE appointmentId = ? AND status IN ('sent', 'sending') AND purpose = 'reminder'"));
    query.addBindValue(appointment.id);
    if (!query.exec())
        return failed(query);
    QList<Channel> reminded;
    while (query.next()) {
        if (const auto channel = channelFromString(query.value(0).toString()))
            reminded.append(*channel);
    }
    const QList<Channel> allowed = channelsFor(lead);
    for (const Channel channel : std::as_const(reminded)) {
        if (!allowed.contains(channel))
            continue;
        if (auto inserted = insert(tx, appointment, channel, now, now, true); !inserted.ok())
            return inserted.error();
    }
    return {};
}

Result<bool> ReminderLedger::pendingDueBy(const QSqlDatabase &db, const QString &appointmentId, Channel channel,
                                          qint64 by)
{
    auto rows = pending(db, appointmentId, channelName(channel));
    if (!rows.ok())
        return rows.error();
    return std::any_of(rows.value().cbegin(), rows.value().cend(), [by](const Pending &row) { return row.due <= by; });
}

Result<QJsonObject> ReminderLedger::add(WriteTransaction &tx, const Appointment &appointment,
                                        const std::optional<Lead> &lead, Channel channel, qint64 due,
                                        Origin origin)
{
    if (!channelsFor(lead).contains(channel)) {
        return ValidationErrors::single(QStringLiteral("channel"),
                                        channel == Channel::Sms
                                            ? tr("This lead has not agreed to SMS reminders, or has no phone number.")
                                            : tr("There is no e-mail address to send the reminder to."));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto inserted = insert(tx, appointment, channel, qMax(due, now), now, false, origin);
    if (!inserted.ok())
        return inserted.error();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM appointment_reminders WHERE id = ?"));
    query.addBindValue(inserted.value());
    if (!query.exec() || !query.next())
        return failed(query);
    return rowJson(query);
}

Result<bool> ReminderLedger::remove(WriteTransaction &tx, const Appointment &appointment, const QString &id)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT status FROM appointment_reminders WHERE id = ? AND appointmentId = ?"));
    query.addBindValue(id);
    query.addBindValue(appointment.id);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return false;
    if (query.value(0).toString() != QLatin1String("pending")) {
        return Error{QStringLiteral("invalid_transition"),
                     tr("Only a reminder that has not gone out yet can be taken out."),
                     {{QStringLiteral("status"), query.value(0).toString()}},
                     {}};
    }
    if (const Status cancelled = markCancelled(tx, id, appointment.providerId); !cancelled.ok())
        return cancelled.error();
    return true;
}

Result<QJsonObject> ReminderLedger::retry(WriteTransaction &tx, const QString &id)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT r.status, a.providerId, a.status FROM appointment_reminders r"
                                 " JOIN appointments a ON a.id = r.appointmentId WHERE r.id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return Error{QStringLiteral("not_found"), tr("No such reminder."), {}, {}};
    if (query.value(0).toString() != QLatin1String("failed"))
        return Error{QStringLiteral("invalid_transition"), tr("Only a failed reminder can be tried again."),
                     {{QStringLiteral("status"), query.value(0).toString()}}, {}};
    const QString providerId = query.value(1).toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const Status updated = updateRow(tx, id, providerId,
                                         QStringLiteral("status = 'pending', attempts = 0, leaseUntil = ?,"
                                                        " scheduledFor = CASE WHEN scheduledFor > ? THEN scheduledFor ELSE ? END"),
                                         {nullTime(), now, now});
        !updated.ok())
        return updated.error();
    query.prepare(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM appointment_reminders WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return failed(query);
    return rowJson(query);
}

Result<ReminderLedger::Page> ReminderLedger::search(const QSqlDatabase &db,
                                                    const Filter &filter,
                                                    const QString &keysetCondition,
                                                    const QVariantList &keysetBindings,
                                                    int limit)
{
    QString where = QStringLiteral("1 = 1");
    QVariantList values;
    if (!filter.status.isEmpty()) {
        where += QStringLiteral(" AND status = ?");
        values << filter.status;
    }
    if (!filter.channel.isEmpty()) {
        where += QStringLiteral(" AND reminderType = ?");
        values << filter.channel;
    }
    if (filter.from) {
        where += QStringLiteral(" AND scheduledFor >= ?");
        values << *filter.from;
    }
    if (filter.to) {
        where += QStringLiteral(" AND scheduledFor < ?");
        values << *filter.to;
    }
    Page page;
    QSqlQuery count(db);
    count.prepare(QStringLiteral("SELECT count(*) FROM appointment_reminders WHERE ") + where);
    for (const QVariant &value : std::as_const(values))
        count.addBindValue(value);
    if (!count.exec() || !count.next())
        return failed(count);
    page.total = count.value(0).toLongLong();

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(", (SELECT a.providerId FROM appointments a WHERE a.id = appointmentId),"
                                   " (SELECT a.leadId FROM appointments a WHERE a.id = appointmentId),"
                                   " (SELECT a.scheduledDate FROM appointments a WHERE a.id = appointmentId)"
                                   " FROM appointment_reminders WHERE ")
                  + where + keysetCondition
                  + QStringLiteral(" ORDER BY scheduledFor DESC, id DESC LIMIT %1").arg(limit + 1));
    for (const QVariant &value : values + keysetBindings)
        query.addBindValue(value);
    if (!query.exec())
        return failed(query);
    while (query.next()) {
        if (page.items.size() == limit) {
            page.more = true;
            break;
        }
        QJsonObject row = rowJson(query);
        row.insert(QStringLiteral("providerId"), query.value(11).toString());
        row.insert(QStringLiteral("leadId"), query.value(12).isNull() ? QJsonValue() : QJsonValue(query.value(12).toString()));
        row.insert(QStringLiteral("appointmentStart"), WireTime::toWire(query.value(13).toLongLong()));
        page.items.append(row);
        page.lastDue = query.value(3).toLongLong();
        page.lastId = query.value(0).toString();
    }
    return page;
}

} // namespace Crm
