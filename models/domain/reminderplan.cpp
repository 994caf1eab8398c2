#include "reminderplan.h"

#include "lead.h"

#include <QSet>
#include <QStringList>

#include <algorithm>

namespace Crm {

ReminderPlan::Schedule ReminderPlan::defaultSchedule()
{
    return {int(DayBefore / 60000), int(HoursBefore / 60000)};
}

ValidationErrors ReminderPlan::validate(const Schedule &schedule, const QString &field)
{
    ValidationErrors errors;
    if (schedule.isEmpty() || schedule.size() > MaxReminders)
        errors.add(field, tr("Choose from 1 to %1 reminder times.").arg(MaxReminders));
    for (const int minutes : schedule) {
        if (minutes < MinMinutesBefore || minutes > MaxMinutesBefore)
            errors.add(field, tr("Each reminder goes between %1 minutes and %2 days before.")
                                  .arg(MinMinutesBefore)
                                  .arg(MaxMinutesBefore / (24 * 60)));
    }
    if (QSet<int>(schedule.begin(), schedule.end()).size() != schedule.size())
        errors.add(field, tr("Each reminder time can be chosen once."));
    return errors;
}

QString ReminderPlan::toText(const Schedule &schedule)
{
    QStringList parts;
    for (const int minutes : schedule)
        parts << QString::number(minutes);
    return parts.join(QLatin1Char(','));
}

ReminderPlan::Schedule ReminderPlan::fromText(const QString &text)
{
    Schedule schedule;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const int minutes = part.trimmed().toInt(&ok);
        if (!ok)
            return defaultSchedule();
        schedule.append(minutes);
    }
    if (!validate(schedule, QStringLiteral("schedule")).isEmpty())
        return defaultSchedule();
    std::sort(schedule.begin(), schedule.end(), std::greater<int>());
    return schedule;
}

QList<ReminderChannel> ReminderPlan::channelsFor(const Lead &lead)
{
    QList<ReminderChannel> channels;
    if (!lead.email.isEmpty())
        channels.append(ReminderChannel::Email);
    if (lead.smsOptIn && !lead.phone.isEmpty())
        channels.append(ReminderChannel::Sms);
    return channels;
}

QList<qint64> ReminderPlan::dueTimes(qint64 start, qint64 now, const Schedule &schedule)
{
    if (start <= now)
        return {};
    QList<qint64> due;
    for (const int minutes : schedule) {
        const qint64 at = start - qint64(minutes) * 60000;
        if (at > now)
            due.append(at);
    }
    std::sort(due.begin(), due.end());
    if (due.isEmpty())
        due.append(now); // too close for any: one reminder, now
    return due;
}

} // namespace Crm
