#pragma once

#include "domain/appointment.h"
#include "domain/availability.h"
#include "domain/result.h"
#include "domain/slotcalculator.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// A provider's calendar as the cache holds it, for the calendar views and for the checks a
// booking made offline runs first: the appointments of a time range (with the lead's name and
// whether the server has accepted them yet), and what SlotCalculator needs to offer slots
// offline (the availability with its time off, and the time appointments already hold).
// Changes go through LocalEdits (cache + outbox). Failed queries are logged and answered as
// an Error, so a view keeps what it shows.
class AppointmentReader final
{
public:
    explicit AppointmentReader(QSqlDatabase db);

    struct Entry
    {
        Appointment appointment;
        bool pending = false; // changes made here that the server has not accepted yet
        QString leadName;     // "First Last"; empty without a lead, or when it is not cached
    };
    // The provider's appointments that meet [from, to), cancelled ones too, in start order.
    Result<QList<Entry>> inRange(const QString &providerId, qint64 from, qint64 to) const;
    // The provider's agenda: the appointments not over at `now` that start before `to`, and
    // the ones started since `awaitingSince` that are over but still wait for their outcome
    // (scheduled or confirmed); cancelled ones left out; in start order, at most `limit`. Past
    // the limit, the waiting ones give way first, the oldest of them first.
    Result<QList<Entry>> upcoming(
        const QString &providerId, qint64 now, qint64 to, int limit, qint64 awaitingSince) const;
    // How many of the provider's appointments hold changes the server has not accepted yet
    // (bookings and moves made here): the status bar's "to be confirmed".
    Result<int> pendingCount(const QString &providerId) const;
    // One appointment; std::nullopt when it is not in the cache.
    Result<std::optional<Entry>> find(const QString &id) const;

    struct ProviderSchedule
    {
        Availability availability; // with its time off
        // False: no availability has come from the server (yet); `availability` then holds
        // the defaults of a new provider in their zone, and the server's check decides.
        bool availabilityKnown = false;
        QList<TimeRange> busy; // the time the provider's appointments hold, in start order
    };
    // The provider's hours with their time off, without busy ranges: what the calendar shades
    // behind the appointments.
    Result<ProviderSchedule> hours(const QString &providerId) const;
    // What SlotCalculator needs for slots starting in [from, to): the busy ranges around that
    // span (far enough for the longest booking and the buffer). exceptId leaves one appointment
    // out (the one being moved).
    Result<ProviderSchedule> schedule(const QString &providerId,
                                      qint64 from,
                                      qint64 to,
                                      const QString &exceptId = QString()) const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
