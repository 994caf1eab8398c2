#include "availabilitystore.h"

#include "domain/appointment.h"
#include "domain/ids.h"
#include "domain/syncprotocol.h"
#include "storage/writetransaction.h"
#include "store/passwordhasher.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>

namespace Crm {

namespace {

Error failed(const QSqlQuery &query)
{
    return Error{QStringLiteral("availability_failed"), query.lastError().text(), {}, {}};
}

QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}

// The stored availability without the defaults rule: nullopt when the provider never saved.
Result<std::optional<Availability>> stored(const QSqlDatabase &db, const QString &providerId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT timeZone, bufferMinutes, minNoticeMinutes, maxDaysAhead"
                                 " FROM provider_settings WHERE providerId = ?"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return std::optional<Availability>();
    Availability availability;
    availability.timeZone = query.value(0).toString();
    availability.bufferMinutes = query.value(1).toInt();
    availability.minNoticeMinutes = query.value(2).toInt();
    availability.maxDaysAhead = query.value(3).toInt();

    query.prepare(QStringLiteral("SELECT id, dayOfWeek, startTime, endTime, isActive"
                                 " FROM provider_availability WHERE providerId = ?"
                                 " ORDER BY dayOfWeek, startTime, id"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    while (query.next()) {
        availability.weekly.append({query.value(0).toString(),
                                    query.value(1).toInt(),
                                    {Availability::timeFromText(query.value(2).toString()),
                                     Availability::timeFromText(query.value(3).toString())},
                                    query.value(4).toLongLong() != 0});
    }

    query.prepare(QStringLiteral("SELECT date, startTime, endTime FROM provider_overrides"
                                 " WHERE providerId = ? ORDER BY date, position"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    while (query.next()) {
        const QDate date = QDate::fromString(query.value(0).toString(), Qt::ISODate);
        if (availability.overrides.isEmpty() || availability.overrides.last().date != date)
            availability.overrides.append({date, {}});
        if (!query.value(1).isNull()) {
            availability.overrides.last().windows.append(
                {Availability::timeFromText(query.value(1).toString()),
                 Availability::timeFromText(query.value(2).toString())});
        }
    }
    return std::optional<Availability>(availability);
}

Status writeHours(WriteTransaction &tx, const QString &providerId, Availability &availability)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE provider_settings SET timeZone = ?, bufferMinutes = ?,"
                                 " minNoticeMinutes = ?, maxDaysAhead = ? WHERE providerId = ?"));
    query.addBindValue(availability.timeZone);
    query.addBindValue(availability.bufferMinutes);
    query.addBindValue(availability.minNoticeMinutes);
    query.addBindValue(availability.maxDaysAhead);
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);

    // A window keeps its id only when it is one of this provider's (an id copied from another
    // provider's hours is not theirs to reuse).
    QSet<QString> own;
    query.prepare(QStringLiteral("SELECT id FROM provider_availability WHERE providerId = ?"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    while (query.next())
        own.insert(query.value(0).toString());
    for (const char *table : {"provider_availability", "provider_overrides"}) {
        query.prepare(QStringLiteral("DELETE FROM %1 WHERE providerId = ?").arg(QLatin1String(table)));
        query.addBindValue(providerId);
        if (!query.exec())
            return failed(query);
    }
    query.prepare(QStringLiteral("INSERT INTO provider_availability (id, providerId, dayOfWeek,"
                                 " startTime, endTime, isActive, createdAt, updatedAt)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    QSet<QString> used;
    for (Availability::Weekly &entry : availability.weekly) {
        // Ids are the client's when it sent good ones; a window's id is only ever its own.
        if (!own.contains(entry.id) || used.contains(entry.id))
            entry.id = Ids::create();
        used.insert(entry.id);
        query.addBindValue(entry.id);
        query.addBindValue(providerId);
        query.addBindValue(entry.dayOfWeek);
        query.addBindValue(Availability::timeText(entry.window.start));
        query.addBindValue(Availability::timeText(entry.window.end, true));
        query.addBindValue(entry.isActive ? 1 : 0);
        query.addBindValue(now);
        query.addBindValue(now);
        if (!query.exec())
            return failed(query);
    }
    query.prepare(QStringLiteral("INSERT INTO provider_overrides (providerId, date, position,"
                                 " startTime, endTime) VALUES (?, ?, ?, ?, ?)"));
    for (const Availability::Override &override : std::as_const(availability.overrides)) {
        const QString date = override.date.toString(Qt::ISODate);
        int position = 0;
        auto insert = [&](const QVariant &start, const QVariant &end) {
            query.addBindValue(providerId);
            query.addBindValue(date);
            query.addBindValue(position++);
            query.addBindValue(start);
            query.addBindValue(end);
            return query.exec();
        };
        if (override.windows.isEmpty() && !insert(nullText(), nullText()))
            return failed(query);
        for (const Availability::Window &window : override.windows) {
            if (!insert(Availability::timeText(window.start), Availability::timeText(window.end, true)))
                return failed(query);
        }
    }
    return {};
}

} // namespace

Result<std::optional<AvailabilityStore::Provider>> AvailabilityStore::provider(const QSqlDatabase &db,
                                                                                 const QString &providerId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, timeZone FROM users WHERE id = ? AND active = 1"
                                 " AND role <> 'patient'"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return std::optional<Provider>();
    return std::optional<Provider>(Provider{query.value(0).toString(), query.value(1).toString()});
}

Result<Availability> AvailabilityStore::load(const QSqlDatabase &db, const QString &providerId, qint64 timeOffFrom)
{
    auto saved = stored(db, providerId);
    if (!saved.ok())
        return saved.error();
    Availability availability;
    if (saved.value()) {
        availability = *saved.value();
    } else {
        auto who = provider(db, providerId);
        if (!who.ok())
            return who.error();
        availability = Availability::defaults(who.value() ? who.value()->timeZone : QStringLiteral("UTC"));
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, startAt, endAt, reason FROM time_off"
                                 " WHERE providerId = ? AND endAt > ? ORDER BY startAt, id"));
    query.addBindValue(providerId);
    query.addBindValue(timeOffFrom);
    if (!query.exec())
        return failed(query);
    while (query.next()) {
        availability.timeOff.append({query.value(0).toString(),
                                     query.value(1).toLongLong(),
                                     query.value(2).toLongLong(),
                                     query.value(3).toString()});
    }
    return availability;
}

Result<qint64> AvailabilityStore::revision(const QSqlDatabase &db, const QString &providerId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT revision FROM provider_settings WHERE providerId = ?"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

Result<QList<TimeRange>> AvailabilityStore::busy(const QSqlDatabase &db,
                                                 const QString &providerId,
                                                 qint64 from,
                                                 qint64 to,
                                                 QStringList *ids,
                                                 const QString &exceptId)
{
    // An appointment is at most MaxDuration long, so the index on (providerId, scheduledDate)
    // bounds the scan from both sides.
    const qint64 longest = qint64(AppointmentRules::MaxDuration) * SlotCalculator::Minute;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, scheduledDate, duration FROM appointments"
                                 " WHERE providerId = ? AND scheduledDate > ? AND scheduledDate < ?"
                                 " AND status <> 'cancelled' AND deletedAt IS NULL%1"
                                 " ORDER BY scheduledDate, id")
                      .arg(exceptId.isEmpty() ? QString() : QStringLiteral(" AND id <> ?")));
    query.addBindValue(providerId);
    query.addBindValue(from - longest);
    query.addBindValue(to);
    if (!exceptId.isEmpty())
        query.addBindValue(exceptId);
    if (!query.exec())
        return failed(query);
    QList<TimeRange> ranges;
    while (query.next()) {
        const qint64 start = query.value(1).toLongLong();
        const qint64 end = start + query.value(2).toLongLong() * SlotCalculator::Minute;
        if (end <= from)
            continue;
        ranges.append({start, end});
        if (ids)
            ids->append(query.value(0).toString());
    }
    return ranges;
}

Result<qint64> AvailabilityStore::lock(WriteTransaction &tx, const QString &providerId)
{
    QSqlQuery query(tx.db());
    // Raising the revision first takes the row lock that orders this provider's writes.
    query.prepare(QStringLiteral("UPDATE provider_settings SET revision = revision + 1"
                                 " WHERE providerId = ?"));
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    if (query.numRowsAffected() == 0) {
        // Never saved: store the defaults they have been seeing, then lock as above.
        auto who = provider(tx.db(), providerId);
        if (!who.ok())
            return who.error();
        Availability defaults = Availability::defaults(
            who.value() ? who.value()->timeZone : QStringLiteral("UTC"));
        query.prepare(QStringLiteral("INSERT INTO provider_settings (providerId, timeZone,"
                                     " bufferMinutes, minNoticeMinutes, maxDaysAhead, revision)"
                                     " VALUES (?, ?, ?, ?, ?, 1)"));
        query.addBindValue(providerId);
        query.addBindValue(defaults.timeZone);
        query.addBindValue(defaults.bufferMinutes);
        query.addBindValue(defaults.minNoticeMinutes);
        query.addBindValue(defaults.maxDaysAhead);
        if (!query.exec())
            return failed(query);
        if (const Status written = writeHours(tx, providerId, defaults); !written.ok())
            return written.error();
        if (const Status logged = tx.logChange(SyncProtocol::Entity::Availability,
                                               providerId,
                                               QStringLiteral("upsert"),
                                               1,
                                               providerId,
                                               changeData(providerId, defaults));
            !logged.ok())
            return logged.error();
        return qint64(1);
    }
    return revision(tx.db(), providerId);
}

Result<Availability> AvailabilityStore::save(WriteTransaction &tx,
                                             const QString &providerId,
                                             Availability availability)
{
    const auto locked = lock(tx, providerId);
    if (!locked.ok())
        return locked.error();
    if (const Status written = writeHours(tx, providerId, availability); !written.ok())
        return written.error();
    if (const Status logged = tx.logChange(SyncProtocol::Entity::Availability,
                                           providerId,
                                           QStringLiteral("upsert"),
                                           locked.value(),
                                           providerId,
                                           changeData(providerId, availability));
        !logged.ok())
        return logged.error();
    return availability;
}

Result<Availability::TimeOff> AvailabilityStore::addTimeOff(WriteTransaction &tx,
                                                            const QString &providerId,
                                                            Availability::TimeOff entry)
{
    const auto locked = lock(tx, providerId);
    if (!locked.ok())
        return locked.error();
    entry.id = Ids::create();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("INSERT INTO time_off (id, providerId, startAt, endAt, reason,"
                                 " createdAt) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.id);
    query.addBindValue(providerId);
    query.addBindValue(entry.start);
    query.addBindValue(entry.end);
    query.addBindValue(entry.reason.isEmpty() ? nullText() : QVariant(entry.reason));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return failed(query);
    if (const Status logged = tx.logChange(SyncProtocol::Entity::TimeOff,
                                           entry.id,
                                           QStringLiteral("upsert"),
                                           1,
                                           providerId,
                                           timeOffData(providerId, entry));
        !logged.ok())
        return logged.error();
    return entry;
}

Result<bool> AvailabilityStore::removeTimeOff(WriteTransaction &tx, const QString &providerId, const QString &id)
{
    const auto locked = lock(tx, providerId);
    if (!locked.ok())
        return locked.error();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("DELETE FROM time_off WHERE id = ? AND providerId = ?"));
    query.addBindValue(id);
    query.addBindValue(providerId);
    if (!query.exec())
        return failed(query);
    if (query.numRowsAffected() == 0)
        return false;
    if (const Status logged = tx.logChange(SyncProtocol::Entity::TimeOff,
                                           id,
                                           QStringLiteral("delete"),
                                           2,
                                           providerId,
                                           {});
        !logged.ok())
        return logged.error();
    return true;
}

Result<QString> AvailabilityStore::rotateFeedToken(WriteTransaction &tx, const QString &userId)
{
    const auto locked = lock(tx, userId);
    if (!locked.ok())
        return locked.error();
    const QString token = PasswordHasher::randomToken();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE provider_settings SET feedTokenHash = ? WHERE providerId = ?"));
    query.addBindValue(PasswordHasher::tokenDigest(token));
    query.addBindValue(userId);
    if (!query.exec())
        return failed(query);
    return token;
}

Result<std::optional<QString>> AvailabilityStore::feedOwner(const QSqlDatabase &db, const QString &token)
{
    if (token.isEmpty())
        return std::optional<QString>();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT s.providerId FROM provider_settings s JOIN users u"
                                 " ON u.id = s.providerId WHERE s.feedTokenHash = ? AND u.active = 1"));
    query.addBindValue(PasswordHasher::tokenDigest(token));
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return std::optional<QString>();
    return std::optional<QString>(query.value(0).toString());
}

QJsonObject AvailabilityStore::changeData(const QString &providerId, const Availability &availability)
{
    QJsonObject data = availability.toJson();
    data.insert(QStringLiteral("timeOff"), QJsonArray());
    data.insert(QStringLiteral("providerId"), providerId);
    return data;
}

QJsonObject AvailabilityStore::timeOffData(const QString &providerId, const Availability::TimeOff &entry)
{
    QJsonObject data = Availability::timeOffJson(entry);
    data.insert(QStringLiteral("providerId"), providerId);
    return data;
}

} // namespace Crm
