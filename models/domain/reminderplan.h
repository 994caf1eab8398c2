#pragma once

#include "validationerrors.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Crm {

struct Lead;
enum class ReminderChannel { Email, Sms };

// When an appointment's reminders are due (API.md, booking): 24 hours and 2 hours before it
// starts, or an admin's schedule for its type. Times already past are skipped; when even the
// last one has passed (a booking made less than 2 hours ahead), a single reminder is due at
// once instead, so no booking goes without one. A past appointment (a manual entry after the fact) gets none. A reschedule
// plans again from the new start for the reminders not yet sent; a cancellation cancels them.
class ReminderPlan final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ReminderPlan)

public:
    static constexpr qint64 Hour = 60 * 60 * 1000;
    static constexpr qint64 DayBefore = 24 * Hour;
    static constexpr qint64 HoursBefore = 2 * Hour;

    static constexpr int MinMinutesBefore = 5;
    static constexpr int MaxMinutesBefore = 30 * 24 * 60;
    static constexpr int MaxReminders = 5;

    // When reminders go, as minutes before the start, largest first: an admin sets one per
    // appointment type (48 h + 1 h...); the default is 24 h + 2 h.
    using Schedule = QList<int>;
    static Schedule defaultSchedule();
    // 1 to MaxReminders different times, each MinMinutesBefore..MaxMinutesBefore (`field`
    // names the problem).
    static ValidationErrors validate(const Schedule &schedule, const QString &field);
    // "1440,120" and back (how settings keep it); an unreadable text reads as the default.
    static QString toText(const Schedule &schedule);
    static Schedule fromText(const QString &text);

    // The channels a lead can be reminded on: e-mail when they have an address, SMS when they
    // opted in and have a number.
    static QList<ReminderChannel> channelsFor(const Lead &lead);
    // Whether a reminder of an appointment starting at `start` should still go out at `now`:
    // not once it has started (a backlog after an outage, a retry the day after).
    static bool stillTimely(qint64 start, qint64 now) { return start > now; }

    // The due times, earliest first, for an appointment starting at `start`, planned at `now`.
    static QList<qint64> dueTimes(qint64 start, qint64 now, const Schedule &schedule = defaultSchedule());
};

} // namespace Crm
