#include "appointmentreader.h"

#include "appointmentrow.h"
#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Crm {

namespace {

// The appointment's columns, then the pending flag and the lead's name.
QString entryColumns()
{
    return AppointmentRow::columns(QStringLiteral("a"))
           + QStringLiteral(", a.pending, coalesce(l.firstName || ' ' || l.lastName, '')"
                            " FROM appointments a LEFT JOIN leads l ON l.id = a.leadId");
}

AppointmentReader::Entry entryOf(const QSqlQuery &query)
{
    AppointmentReader::Entry entry;
    entry.appointment = AppointmentRow::read(query);
    entry.pending = query.value(AppointmentRow::ColumnCount).toLongLong() != 0;
    entry.leadName = query.value(AppointmentRow::ColumnCount + 1).toString();
    return entry;
}

Error failed(const QSqlQuery &query, const char *what)
{
    qCWarning(lcStore) << what << query.lastError().text();
    return {QStringLiteral("cache_failed"), query.lastError().text(), {}, {}};
}

} // namespace

AppointmentReader::AppointmentReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<QList<AppointmentReader::Entry>> AppointmentReader::inRange(const QString &providerId,
                                                                   qint64 from,
                                                                   qint64 to) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Starts before the range ends, ends after it starts; the index on (providerId,
    // scheduledDate) bounds the start from below by the longest appointment.
    query.prepare(QStringLiteral("SELECT %1 WHERE a.providerId = ? AND a.deletedAt IS NULL"
                                 " AND a.scheduledDate < ? AND a.scheduledDate >= ?"
                                 " AND a.scheduledDate + a.duration * 60000 > ?"
                                 " ORDER BY a.scheduledDate, a.id")
                      .arg(entryColumns()));
    query.addBindValue(providerId);
    query.addBindValue(to);
    query.addBindValue(from - qint64(AppointmentRules::MaxDuration) * SlotCalculator::Minute);
    query.addBindValue(from);
    if (!query.exec())
        return failed(query, "Reading a provider's appointments failed:");
    QList<Entry> entries;
    while (query.next())
        entries.append(entryOf(query));
    return entries;
}

Result<QList<AppointmentReader::Entry>> AppointmentReader::upcoming(
    const QString &providerId, qint64 now, qint64 to, int limit, qint64 awaitingSince) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // The start is bounded from below for the index on (providerId, scheduledDate): one still
    // running started at most the longest appointment ago.
    query.prepare(
        QStringLiteral("SELECT %1 WHERE a.providerId = ? AND a.deletedAt IS NULL"
                       " AND a.status != ? AND a.scheduledDate < ? AND a.scheduledDate >= ?"
                       " AND (a.scheduledDate + a.duration * 60000 > ?"
                       "      OR (a.scheduledDate >= ? AND a.status IN (?, ?)))"
                       // Within the limit, the ones still to come or under way first (soonest
                       // first), then the latest of those waiting for an outcome: a morning of
                       // unrecorded meetings never pushes the coming ones off the list.
                       " ORDER BY a.scheduledDate + a.duration * 60000 <= ?,"
                       " CASE WHEN a.scheduledDate + a.duration * 60000 > ? THEN a.scheduledDate"
                       " ELSE -a.scheduledDate END, a.id LIMIT ?")
            .arg(entryColumns()));
    query.addBindValue(providerId);
    query.addBindValue(AppointmentRules::toString(AppointmentStatus::Cancelled));
    query.addBindValue(to);
    query.addBindValue(std::min(now - qint64(AppointmentRules::MaxDuration) * SlotCalculator::Minute,
                                awaitingSince));
    query.addBindValue(now);
    query.addBindValue(awaitingSince);
    query.addBindValue(AppointmentRules::toString(AppointmentStatus::Scheduled));
    query.addBindValue(AppointmentRules::toString(AppointmentStatus::Confirmed));
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(std::max(0, limit));
    if (!query.exec())
        return failed(query, "Reading a provider's agenda failed:");
    QList<Entry> entries;
    while (query.next())
        entries.append(entryOf(query));
    // Shown in start order.
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return std::pair(a.appointment.scheduledDate, a.appointment.id)
               < std::pair(b.appointment.scheduledDate, b.appointment.id);
    });
    return entries;
}

Result<int> AppointmentReader::pendingCount(const QString &providerId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT count(*) FROM appointments"
                                 " WHERE providerId = ? AND deletedAt IS NULL AND pending != 0"));
    query.addBindValue(providerId);
    if (!query.exec() || !query.next())
        return failed(query, "Counting pending appointments failed:");
    return query.value(0).toInt();
}

Result<std::optional<AppointmentReader::Entry>> AppointmentReader::find(const QString &id) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 WHERE a.id = ? AND a.deletedAt IS NULL")
                      .arg(entryColumns()));
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, "Reading an appointment failed:");
    if (!query.next())
        return std::optional<Entry>();
    return std::optional<Entry>(entryOf(query));
}

Result<AppointmentReader::ProviderSchedule> AppointmentReader::hours(const QString &providerId) const
{
    ProviderSchedule schedule;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT data FROM provider_availability WHERE providerId = ?"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query, "Reading a provider's availability failed:");
    if (query.next()) {
        const QJsonObject json = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        const Result<Availability> read = Availability::fromJson(json, Availability());
        if (read.ok()) {
            schedule.availability = read.value();
            schedule.availabilityKnown = true;
        } else {
            qCWarning(lcStore) << "A provider's cached availability is unreadable:"
                               << read.error().message;
        }
    }
    query.finish();
    if (!schedule.availabilityKnown) {
        // A provider who never set their hours has the defaults in their own zone.
        query.prepare(QStringLiteral("SELECT timeZone FROM users WHERE id = ?"));
        query.addBindValue(providerId);
        if (!query.exec())
            return failed(query, "Reading a provider's time zone failed:");
        schedule.availability = Availability::defaults(query.next() ? query.value(0).toString()
                                                                    : QStringLiteral("UTC"));
        query.finish();
    }

    query.prepare(QStringLiteral("SELECT id, startAt, endAt, coalesce(reason, '') FROM time_off"
                                 " WHERE providerId = ? ORDER BY startAt, id"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query, "Reading a provider's time off failed:");
    schedule.availability.timeOff.clear();
    while (query.next()) {
        schedule.availability.timeOff.append({query.value(0).toString(),
                                              query.value(1).toLongLong(),
                                              query.value(2).toLongLong(),
                                              query.value(3).toString()});
    }
    return schedule;
}

Result<AppointmentReader::ProviderSchedule> AppointmentReader::schedule(
    const QString &providerId, qint64 from, qint64 to, const QString &exceptId) const
{
    Result<ProviderSchedule> read = hours(providerId);
    if (!read.ok())
        return read.error();
    ProviderSchedule schedule = std::move(read).value();

    // A slot starting before `to` may end up to the longest booking later, and an appointment
    // within the buffer of either end still counts.
    const qint64 margin = (qint64(schedule.availability.bufferMinutes)
                           + AppointmentRules::MaxDuration)
                          * SlotCalculator::Minute;
    const Result<QList<Entry>> around = inRange(providerId, from - margin, to + margin);
    if (!around.ok())
        return around.error();
    for (const Entry &entry : around.value()) {
        if (entry.appointment.id != exceptId && entry.appointment.holdsTime())
            schedule.busy.append({entry.appointment.scheduledDate, entry.appointment.end()});
    }
    return schedule;
}

} // namespace Crm
