#include "reminderplan.h"

namespace Crm {

QList<qint64> ReminderPlan::dueTimes(qint64 start, qint64 now)
{
    if (start <= now)
        return {};
    QList<qint64> due;
    for (qint64 before : {DayBefore, HoursBefore}) {
        if (start - before > now)
            due.append(start - before);
    }
    if (due.isEmpty())
        due.append(now); // too close for either: one reminder, now
    return due;
}

} // namespace Crm
