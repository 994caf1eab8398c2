#pragma once

#include <QList>

namespace Crm {

// When an appointment's reminders are due (API.md, booking): 24 hours and 2 hours before it
// starts. Times already past are skipped; when even the 2-hour one has passed (a booking made
// less than 2 hours ahead), a single reminder is due at once instead, so no booking goes
// without one. A past appointment (a manual entry after the fact) gets none. A reschedule
// plans again from the new start for the reminders not yet sent; a cancellation cancels them.
class ReminderPlan final
{
public:
    static constexpr qint64 Hour = 60 * 60 * 1000;
    static constexpr qint64 DayBefore = 24 * Hour;
    static constexpr qint64 HoursBefore = 2 * Hour;

    // The due times, earliest first, for an appointment starting at `start`, planned at `now`.
    static QList<qint64> dueTimes(qint64 start, qint64 now);
};

} // namespace Crm
