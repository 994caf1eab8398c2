#include "appointmentservice.h"

#include "domain/ids.h"
#include "domain/historyentry.h"
#include "domain/slotcalculator.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "leads/leadhistory.h"
#include "leads/leadrepository.h"
#include "scheduling/availabilitystore.h"
#include "scheduling/reminderledger.h"
#include "storage/writetransaction.h"
#include "store/appointmentrow.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

const QString Columns = AppointmentRow::columns();

Error failed(const QSqlQuery &query)
{
    return Error{QStringLiteral("appointment_failed"), query.lastError().text(), {}, {}};
}

Error noSuchAppointment()
{
    return {QStringLiteral("not_found"), AppointmentService::tr("No such appointment."), {}, {}};
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

Result<std::optional<Appointment>> findRow(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(" FROM appointments WHERE id = ? AND deletedAt IS NULL"));
    query.addBindValue(id);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return std::optional<Appointment>();
    return std::optional<Appointment>(AppointmentRow::read(query));
}

bool canSee(const AuthUser &user, const Appointment &appointment)
{
    return user.isAdmin() || appointment.providerId == user.id;
}

QJsonObject rangeJson(const TimeRange &range)
{
    return {{QStringLiteral("start"), WireTime::toWire(range.start)},
            {QStringLiteral("end"), WireTime::toWire(range.end)}};
}

// Whether `wanted` may be written for the provider: clear of their other appointments by the
// buffer (409 slot_taken, with the clashing one and the nearest free slots), and inside their
// availability unless overridden (422). Runs after AvailabilityStore::lock.
Status checkTime(const QSqlDatabase &db,
                 const QString &providerId,
                 const TimeRange &wanted,
                 bool override,
                 const QString &exceptId,
                 qint64 now)
{
    auto availability = AvailabilityStore::load(db, providerId, wanted.start - SlotCalculator::Day);
    if (!availability.ok())
        return availability.error();
    const qint64 margin = qint64(availability.value().bufferMinutes) * SlotCalculator::Minute;
    QStringList ids;
    auto near = AvailabilityStore::busy(db, providerId, wanted.start - margin, wanted.end + margin, &ids, exceptId);
    if (!near.ok())
        return near.error();
    if (const auto clash = SlotCalculator::clash(near.value(), wanted, availability.value().bufferMinutes)) {
        const QString clashId = ids.value(near.value().indexOf(*clash));
        // The nearest free slots of the same length, from everything the provider holds
        // within reach of the search.
        const qint64 reach = qint64(availability.value().maxDaysAhead + 2) * SlotCalculator::Day;
        auto around = AvailabilityStore::busy(db, providerId, wanted.start - reach, wanted.start + reach, nullptr, exceptId);
        if (!around.ok())
            return around.error();
        QJsonArray suggestions;
        for (const TimeRange &slot : SlotCalculator::suggestions(availability.value(), around.value(), wanted, now))
            suggestions.append(rangeJson(slot));
        QJsonObject conflicting = rangeJson(*clash);
        conflicting.insert(QStringLiteral("id"), clashId);
        return Error{SyncProtocol::ErrorCode::SlotTaken,
                     AppointmentService::tr("That time is taken: another appointment is within the "
                                            "provider's buffer of it."),
                     {},
                     {{SyncProtocol::Key::Conflicting, conflicting},
                      {SyncProtocol::Key::Suggestions, suggestions}}};
    }
    if (!override && !SlotCalculator::isAvailable(availability.value(), wanted, now)) {
        return Error{SyncProtocol::ErrorCode::OutsideAvailability,
                     AppointmentService::tr("That time is outside the provider's available hours "
                                            "(or too soon, or too far ahead)."),
                     {},
                     {}};
    }
    return {};
}

std::optional<Lead> leadOf(const QSqlDatabase &db, const Appointment &appointment)
{
    if (appointment.leadId.isEmpty())
        return std::nullopt;
    return LeadRepository::find(db, appointment.leadId);
}

Status logAppointment(WriteTransaction &tx, const Appointment &appointment)
{
    return tx.logChange(SyncProtocol::Entity::Appointment,
                        appointment.id,
                        QStringLiteral("upsert"),
                        appointment.version,
                        appointment.providerId,
                        appointment.toJson());
}

Status writeHistory(WriteTransaction &tx, const std::optional<Lead> &lead, const QString &userId, const SystemEvent &event)
{
    if (!lead)
        return {};
    const auto recorded = LeadHistory::addSystem(tx, *lead, userId, event);
    if (!recorded.ok())
        return recorded.error();
    return {};
}

} // namespace

Result<QJsonObject> AppointmentService::bookIn(WriteTransaction &tx,
                                               const AuthUser &user,
                                               const Booking &booking,
                                               const QString &remote)
{
    ValidationErrors errors;
    if (!booking.id.isEmpty() && !Ids::isValid(booking.id))
        errors.add(QStringLiteral("id"), tr("The id must be a lower-case UUID."));
    const ValidationErrors invalid = AppointmentRules::validate(booking.duration, booking.notes, booking.meetingLink);
    for (const QString &field : invalid.fields())
        errors.add(field, invalid.message(field));
    if (!errors.isEmpty())
        return errors.toError();

    const QString providerId = booking.providerId.isEmpty() ? user.id : booking.providerId;
    if (!booking.id.isEmpty()) {
        auto existing = findRow(tx.db(), booking.id);
        if (!existing.ok())
            return existing.error();
        if (const std::optional<Appointment> &first = existing.value()) {
            // A retried create: the first answer, nothing booked twice.
            if (first->providerId == providerId && canSee(user, *first))
                return first->toJson();
            return ValidationErrors::single(QStringLiteral("id"), tr("This id is already used."));
        }
    }
    if (!user.isAdmin() && providerId != user.id)
        return Error{QStringLiteral("forbidden"),
                     tr("You can book appointments in your own calendar only."), {}, {}};
    auto provider = AvailabilityStore::provider(tx.db(), providerId);
    if (!provider.ok())
        return provider.error();
    if (!provider.value())
        return ValidationErrors::single(QStringLiteral("providerId"), tr("No such provider."));
    std::optional<Lead> lead;
    if (!booking.leadId.isEmpty()) {
        lead = LeadRepository::findVisible(tx.db(), user, booking.leadId);
        if (!lead)
            return ValidationErrors::single(QStringLiteral("leadId"), tr("No such lead."));
    }
    if (!booking.userId.isEmpty()) {
        QSqlQuery who(tx.db());
        who.prepare(QStringLiteral("SELECT 1 FROM users WHERE id = ?"));
        who.addBindValue(booking.userId);
        if (!who.exec())
            return failed(who);
        if (!who.next())
            return ValidationErrors::single(QStringLiteral("userId"), tr("No such user."));
    }

    if (auto locked = AvailabilityStore::lock(tx, providerId); !locked.ok())
        return locked.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Appointment appointment;
    appointment.id = booking.id.isEmpty() ? Ids::create() : booking.id;
    appointment.userId = booking.userId;
    appointment.leadId = booking.leadId;
    appointment.providerId = providerId;
    appointment.type = booking.type;
    appointment.scheduledDate = booking.start;
    appointment.duration = booking.duration;
    appointment.notes = booking.notes;
    appointment.meetingLink = booking.meetingLink;
    appointment.createdAt = now;
    appointment.updatedAt = now;
    if (const Status free = checkTime(tx.db(), providerId, {appointment.scheduledDate, appointment.end()},
                                      booking.override, QString(), now);
        !free.ok())
        return free.error();

    QSqlQuery insert(tx.db());
    insert.prepare(QStringLiteral("INSERT INTO appointments (") + Columns
                   + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)"));
    insert.addBindValue(appointment.id);
    insert.addBindValue(textOrNull(appointment.userId));
    insert.addBindValue(textOrNull(appointment.leadId));
    insert.addBindValue(appointment.providerId);
    insert.addBindValue(AppointmentRules::toString(appointment.type));
    insert.addBindValue(appointment.scheduledDate);
    insert.addBindValue(appointment.duration);
    insert.addBindValue(AppointmentRules::toString(appointment.status));
    insert.addBindValue(textOrNull(appointment.notes));
    insert.addBindValue(textOrNull(appointment.meetingLink));
    insert.addBindValue(now);
    insert.addBindValue(now);
    if (!insert.exec())
        return failed(insert);
    if (const Status logged = logAppointment(tx, appointment); !logged.ok())
        return logged.error();
    if (const Status planned = ReminderLedger::plan(tx, appointment, lead, now); !planned.ok())
        return planned.error();
    if (const Status written = writeHistory(tx, lead, user.id,
                                            HistoryEntry::appointmentBooked(appointment.id,
                                                                            AppointmentRules::toString(appointment.type),
                                                                            appointment.scheduledDate));
        !written.ok())
        return written.error();
    tx.audit({now,
              user.id,
              QStringLiteral("appointment.create"),
              QStringLiteral("appointment"),
              appointment.id,
              remote,
              QStringLiteral("provider %1%2").arg(providerId,
                                                  booking.override ? QStringLiteral(", override")
                                                                   : QString())});
    return appointment.toJson();
}

Result<QJsonObject> AppointmentService::updateIn(WriteTransaction &tx,
                                                 const AuthUser &user,
                                                 const QString &id,
                                                 const Change &change,
                                                 std::optional<qint64> baseVersion,
                                                 const QString &remote)
{
    auto found = findRow(tx.db(), id);
    if (!found.ok())
        return found.error();
    if (!found.value() || !canSee(user, *found.value()))
        return noSuchAppointment();
    const Appointment current = *found.value();
    if (baseVersion && *baseVersion != current.version) {
        return Error{QStringLiteral("version_conflict"),
                     tr("Someone else changed this appointment (version %1, you edited version %2).")
                         .arg(current.version)
                         .arg(*baseVersion),
                     {},
                     {{QStringLiteral("current"), current.toJson()}}};
    }

    Appointment next = current;
    next.scheduledDate = change.start.value_or(current.scheduledDate);
    next.duration = change.duration.value_or(current.duration);
    next.status = change.status.value_or(current.status);
    if (change.notes)
        next.notes = *change.notes;
    if (change.meetingLink)
        next.meetingLink = *change.meetingLink;
    if (const ValidationErrors errors = AppointmentRules::validate(next.duration, next.notes, next.meetingLink);
        !errors.isEmpty())
        return errors.toError();
    const bool moved = next.scheduledDate != current.scheduledDate || next.duration != current.duration;
    const bool statusChanged = next.status != current.status;
    if (statusChanged && !AppointmentRules::canTransition(current.status, next.status)) {
        return Error{SyncProtocol::ErrorCode::InvalidTransition,
                     tr("An appointment that is %1 cannot become %2.")
                         .arg(AppointmentRules::displayName(current.status).toLower(),
                              AppointmentRules::displayName(next.status).toLower()),
                     {{QStringLiteral("status"), tr("Not allowed from here.")}},
                     {}};
    }
    if (moved && !AppointmentRules::canReschedule(current.status)) {
        return Error{SyncProtocol::ErrorCode::InvalidTransition,
                     tr("Only scheduled or confirmed appointments can be moved."),
                     {{QStringLiteral("scheduledDate"), tr("This appointment can no longer move.")}},
                     {}};
    }
    if (!moved && !statusChanged && next.notes == current.notes && next.meetingLink == current.meetingLink)
        return current.toJson(); // nothing changes: no new version

    if (auto locked = AvailabilityStore::lock(tx, current.providerId); !locked.ok())
        return locked.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (moved && AppointmentRules::holdsTime(next.status)) {
        if (const Status free = checkTime(tx.db(), current.providerId, {next.scheduledDate, next.end()},
                                          change.override, current.id, now);
            !free.ok())
            return free.error();
    }
    next.updatedAt = now;
    next.version = current.version + 1;
    QSqlQuery update(tx.db());
    update.prepare(QStringLiteral("UPDATE appointments SET scheduledDate = ?, duration = ?, status = ?,"
                                  " notes = ?, meetingLink = ?, updatedAt = ?, version = ? WHERE id = ?"));
    update.addBindValue(next.scheduledDate);
    update.addBindValue(next.duration);
    update.addBindValue(AppointmentRules::toString(next.status));
    update.addBindValue(textOrNull(next.notes));
    update.addBindValue(textOrNull(next.meetingLink));
    update.addBindValue(now);
    update.addBindValue(next.version);
    update.addBindValue(current.id);
    if (!update.exec())
        return failed(update);
    if (const Status logged = logAppointment(tx, next); !logged.ok())
        return logged.error();

    const std::optional<Lead> lead = leadOf(tx.db(), next);
    const QString type = AppointmentRules::toString(next.type);
    if (moved) {
        if (const Status replanned = ReminderLedger::replan(tx, next, lead, now, current.scheduledDate);
            !replanned.ok())
            return replanned.error();
        if (const Status written = writeHistory(tx, lead, user.id,
                                                HistoryEntry::appointmentRescheduled(next.id, type,
                                                                                     current.scheduledDate,
                                                                                     next.scheduledDate));
            !written.ok())
            return written.error();
    }
    if (statusChanged) {
        if (AppointmentRules::isFinal(next.status)) {
            if (const Status cancelled = ReminderLedger::cancelPending(tx, next); !cancelled.ok())
                return cancelled.error();
        }
        // A lead who was reminded hears that it is off (their calendar drops the invitation).
        if (next.status == AppointmentStatus::Cancelled) {
            if (const Status noticed = ReminderLedger::noticeCancellation(tx, next, lead, now); !noticed.ok())
                return noticed.error();
        }
        if (const Status written = writeHistory(tx, lead, user.id,
                                                HistoryEntry::appointmentStatus(next.id, type,
                                                                                next.scheduledDate,
                                                                                AppointmentRules::toString(next.status)));
            !written.ok())
            return written.error();
    }
    QStringList what;
    if (moved)
        what << QStringLiteral("moved");
    if (statusChanged)
        what << AppointmentRules::toString(next.status);
    if (next.notes != current.notes || next.meetingLink != current.meetingLink)
        what << QStringLiteral("details");
    tx.audit({now, user.id, QStringLiteral("appointment.update"), QStringLiteral("appointment"),
              next.id, remote, what.join(QLatin1String(", "))});
    return next.toJson();
}

Status AppointmentService::markReminderSent(WriteTransaction &tx, const QString &id)
{
    auto found = findRow(tx.db(), id);
    if (!found.ok())
        return found.error();
    if (!found.value() || found.value()->reminderSent)
        return {};
    Appointment appointment = *found.value();
    appointment.reminderSent = true;
    appointment.version += 1;
    appointment.updatedAt = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery update(tx.db());
    update.prepare(QStringLiteral("UPDATE appointments SET reminderSent = 1, version = ?, updatedAt = ? WHERE id = ?"));
    update.addBindValue(appointment.version);
    update.addBindValue(appointment.updatedAt);
    update.addBindValue(id);
    if (!update.exec())
        return failed(update);
    return logAppointment(tx, appointment);
}

Result<QList<Appointment>> AppointmentService::ofProvider(const QSqlDatabase &db,
                                                         const QString &providerId,
                                                         qint64 from,
                                                         qint64 to)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(" FROM appointments WHERE providerId = ? AND scheduledDate >= ?"
                                   " AND scheduledDate < ? AND deletedAt IS NULL ORDER BY scheduledDate, id"));
    query.addBindValue(providerId);
    query.addBindValue(from);
    query.addBindValue(to);
    if (!query.exec())
        return failed(query);
    QList<Appointment> appointments;
    while (query.next())
        appointments.append(AppointmentRow::read(query));
    return appointments;
}

Result<std::optional<Appointment>> AppointmentService::find(const QSqlDatabase &db, const QString &id)
{
    return findRow(db, id);
}

Result<QHash<QString, Appointment>> AppointmentService::findAll(const QSqlDatabase &db,
                                                                const QStringList &ids)
{
    QHash<QString, Appointment> found;
    if (ids.isEmpty())
        return found;
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + Columns
                  + QStringLiteral(" FROM appointments WHERE id IN (")
                  + marks.join(QLatin1Char(',')) + QStringLiteral(") AND deletedAt IS NULL"));
    for (const QString &id : ids)
        query.addBindValue(id);
    if (!query.exec())
        return failed(query);
    while (query.next()) {
        Appointment appointment = AppointmentRow::read(query);
        found.insert(appointment.id, appointment);
    }
    return found;
}

Result<std::optional<Appointment>> AppointmentService::findVisible(const QSqlDatabase &db,
                                                                   const AuthUser &user,
                                                                   const QString &id)
{
    auto found = findRow(db, id);
    if (!found.ok())
        return found.error();
    if (!found.value() || !canSee(user, *found.value()))
        return std::optional<Appointment>();
    return found.value();
}

} // namespace Crm
