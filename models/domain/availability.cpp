#include "availability.h"

#include <QTimeZone>

#include <algorithm>

namespace Crm {

namespace {

// 00:00 as a window's end means the end of the day.
bool endsAfterStart(const Availability::Window &window)
{
    return window.start.isValid() && window.end.isValid()
           && (window.end == QTime(0, 0) || window.end > window.start);
}

} // namespace

Availability Availability::defaults(const QString &timeZone)
{
    Availability availability;
    availability.timeZone = timeZone;
    for (int day = 1; day <= 5; ++day)
        availability.weekly.append({QString(), day, {QTime(9, 0), QTime(17, 0)}, true});
    return availability;
}

QList<Availability::Window> Availability::windowsOn(const QDate &date) const
{
    for (const Override &override : overrides) {
        if (override.date == date)
            return override.windows;
    }
    QList<Window> result;
    const int dayOfWeek = date.dayOfWeek() % 7; // Qt: 1 = Monday .. 7 = Sunday
    for (const Weekly &entry : weekly) {
        if (entry.isActive && entry.dayOfWeek == dayOfWeek)
            result.append(entry.window);
    }
    std::sort(result.begin(), result.end(), [](const Window &a, const Window &b) {
        return a.start < b.start;
    });
    return result;
}

ValidationErrors Availability::validate() const
{
    ValidationErrors errors;
    if (!QTimeZone(timeZone.toUtf8()).isValid())
        errors.add(QStringLiteral("timeZone"), tr("Choose a time zone from the list."));
    if (bufferMinutes < 0 || bufferMinutes > MaxBufferMinutes)
        errors.add(QStringLiteral("bufferMinutes"),
                   tr("The buffer must be between 0 and %1 minutes.").arg(MaxBufferMinutes));
    if (minNoticeMinutes < 0 || minNoticeMinutes > MaxNoticeMinutes)
        errors.add(QStringLiteral("minNoticeMinutes"),
                   tr("The notice must be between 0 and %1 minutes.").arg(MaxNoticeMinutes));
    if (maxDaysAhead < 1 || maxDaysAhead > MaxDaysAheadLimit)
        errors.add(QStringLiteral("maxDaysAhead"),
                   tr("Bookings can open between 1 and %1 days ahead.").arg(MaxDaysAheadLimit));
    for (const Weekly &entry : weekly) {
        if (entry.dayOfWeek < 0 || entry.dayOfWeek > 6)
            errors.add(QStringLiteral("weekly"), tr("A day of the week is 0 (Sunday) to 6."));
        else if (!endsAfterStart(entry.window))
            errors.add(QStringLiteral("weekly"), tr("Each window must end after it starts."));
    }
    for (const Override &override : overrides) {
        if (!override.date.isValid())
            errors.add(QStringLiteral("overrides"), tr("Each date must be a real date."));
        for (const Window &window : override.windows) {
            if (!endsAfterStart(window))
                errors.add(QStringLiteral("overrides"), tr("Each window must end after it starts."));
        }
    }
    return errors;
}

} // namespace Crm
