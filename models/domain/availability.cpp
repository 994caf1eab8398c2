#include "availability.h"

#include "wiretime.h"

#include <QJsonArray>
#include <QTimeZone>

#include <QSet>

#include <algorithm>

namespace Crm {

// 00:00 as a window's end means the end of the day.
bool Availability::isValidWindow(const Window &window)
{
    return window.start.isValid() && window.end.isValid()
           && (window.end == QTime(0, 0) || window.end > window.start);
}

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
        else if (!isValidWindow(entry.window))
            errors.add(QStringLiteral("weekly"), tr("Each window must end after it starts."));
    }
    QSet<QDate> dates;
    for (const Override &override : overrides) {
        if (!override.date.isValid())
            errors.add(QStringLiteral("overrides"), tr("Each date must be a real date."));
        else if (dates.contains(override.date))
            errors.add(QStringLiteral("overrides"), tr("Each date can have one override."));
        dates.insert(override.date);
        for (const Window &window : override.windows) {
            if (!isValidWindow(window))
                errors.add(QStringLiteral("overrides"), tr("Each window must end after it starts."));
        }
    }
    return errors;
}

ValidationErrors Availability::validateTimeOff(const TimeOff &entry)
{
    ValidationErrors errors;
    if (entry.end <= entry.start)
        errors.add(QStringLiteral("end"), tr("The end must come after the start."));
    else if (entry.end - entry.start > qint64(MaxTimeOffDays) * 24 * 60 * 60 * 1000)
        errors.add(QStringLiteral("end"), tr("Time off can last at most a year at a time."));
    if (entry.reason.size() > MaxReasonLength)
        errors.add(QStringLiteral("reason"),
                   tr("The reason can be at most %1 characters.").arg(MaxReasonLength));
    return errors;
}

QString Availability::timeText(const QTime &time, bool isEnd)
{
    if (isEnd && time == QTime(0, 0))
        return QStringLiteral("24:00");
    return time.toString(QStringLiteral("HH:mm"));
}

QTime Availability::timeFromText(const QString &text)
{
    if (text == QLatin1String("24:00"))
        return QTime(0, 0);
    const QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    return time.isValid() && time.second() == 0 ? time : QTime();
}

QJsonObject Availability::timeOffJson(const TimeOff &entry)
{
    return {{QStringLiteral("id"), entry.id},
            {QStringLiteral("start"), WireTime::toWire(entry.start)},
            {QStringLiteral("end"), WireTime::toWire(entry.end)},
            {QStringLiteral("reason"), entry.reason}};
}

std::optional<Availability::TimeOff> Availability::timeOffFromJson(const QJsonObject &json)
{
    TimeOff entry;
    entry.id = json.value(QStringLiteral("id")).toString();
    const auto start = WireTime::fromWire(json.value(QStringLiteral("start")).toString());
    const auto end = WireTime::fromWire(json.value(QStringLiteral("end")).toString());
    if (!start || !end)
        return std::nullopt;
    entry.start = *start;
    entry.end = *end;
    entry.reason = json.value(QStringLiteral("reason")).toString();
    return entry;
}

QJsonObject Availability::toJson() const
{
    QJsonArray weeklyJson;
    for (const Weekly &entry : weekly) {
        weeklyJson.append(QJsonObject{{QStringLiteral("id"), entry.id},
                                      {QStringLiteral("dayOfWeek"), entry.dayOfWeek},
                                      {QStringLiteral("startTime"), timeText(entry.window.start)},
                                      {QStringLiteral("endTime"), timeText(entry.window.end, true)},
                                      {QStringLiteral("isActive"), entry.isActive}});
    }
    QJsonArray overridesJson;
    for (const Override &override : overrides) {
        QJsonArray windows;
        for (const Window &window : override.windows) {
            windows.append(QJsonObject{{QStringLiteral("startTime"), timeText(window.start)},
                                       {QStringLiteral("endTime"), timeText(window.end, true)}});
        }
        overridesJson.append(QJsonObject{{QStringLiteral("date"), override.date.toString(Qt::ISODate)},
                                         {QStringLiteral("windows"), windows}});
    }
    QJsonArray timeOffList;
    for (const TimeOff &entry : timeOff)
        timeOffList.append(timeOffJson(entry));
    return {{QStringLiteral("timeZone"), timeZone},
            {QStringLiteral("bufferMinutes"), bufferMinutes},
            {QStringLiteral("minNoticeMinutes"), minNoticeMinutes},
            {QStringLiteral("maxDaysAhead"), maxDaysAhead},
            {QStringLiteral("weekly"), weeklyJson},
            {QStringLiteral("overrides"), overridesJson},
            {QStringLiteral("timeOff"), timeOffList}};
}

Result<Availability> Availability::fromJson(const QJsonObject &json, const Availability &base)
{
    Availability result = base;
    ValidationErrors errors;
    auto number = [&](const char *key, int *target) {
        const QJsonValue value = json.value(QLatin1String(key));
        if (value.isUndefined())
            return;
        if (!value.isDouble() || value.toDouble() != double(value.toInt()))
            errors.add(QLatin1String(key), tr("Enter a whole number."));
        else
            *target = value.toInt();
    };
    if (json.contains(QStringLiteral("timeZone"))) {
        if (!json.value(QStringLiteral("timeZone")).isString())
            errors.add(QStringLiteral("timeZone"), tr("Choose a time zone from the list."));
        else
            result.timeZone = json.value(QStringLiteral("timeZone")).toString();
    }
    number("bufferMinutes", &result.bufferMinutes);
    number("minNoticeMinutes", &result.minNoticeMinutes);
    number("maxDaysAhead", &result.maxDaysAhead);

    auto readWindow = [](const QJsonValue &value, Window *window) {
        const QJsonObject object = value.toObject();
        window->start = timeFromText(object.value(QStringLiteral("startTime")).toString());
        window->end = timeFromText(object.value(QStringLiteral("endTime")).toString());
        return value.isObject() && window->start.isValid() && window->end.isValid();
    };
    if (json.contains(QStringLiteral("weekly"))) {
        result.weekly.clear();
        const QJsonValue list = json.value(QStringLiteral("weekly"));
        if (!list.isArray())
            errors.add(QStringLiteral("weekly"), tr("The weekly hours must be a list."));
        const QJsonArray array = list.toArray();
        for (const QJsonValue &value : array) {
            Weekly entry;
            const QJsonObject object = value.toObject();
            const QJsonValue day = object.value(QStringLiteral("dayOfWeek"));
            entry.id = object.value(QStringLiteral("id")).toString();
            entry.dayOfWeek = day.isDouble() ? day.toInt(-1) : -1;
            entry.isActive = object.value(QStringLiteral("isActive")).toBool(true);
            if (!readWindow(value, &entry.window)) {
                errors.add(QStringLiteral("weekly"),
                           tr("Each window needs a start and an end time such as 09:00 and 17:00."));
                continue;
            }
            result.weekly.append(entry);
        }
    }
    if (json.contains(QStringLiteral("overrides"))) {
        result.overrides.clear();
        const QJsonValue list = json.value(QStringLiteral("overrides"));
        if (!list.isArray())
            errors.add(QStringLiteral("overrides"), tr("The date overrides must be a list."));
        const QJsonArray array = list.toArray();
        for (const QJsonValue &value : array) {
            Override override;
            const QJsonObject object = value.toObject();
            override.date = QDate::fromString(object.value(QStringLiteral("date")).toString(), Qt::ISODate);
            if (!override.date.isValid() || !object.value(QStringLiteral("windows")).isArray()) {
                errors.add(QStringLiteral("overrides"),
                           tr("Each override needs a date such as 2027-03-20 and a list of windows."));
                continue;
            }
            const QJsonArray windows = object.value(QStringLiteral("windows")).toArray();
            for (const QJsonValue &windowValue : windows) {
                Window window;
                if (!readWindow(windowValue, &window)) {
                    errors.add(QStringLiteral("overrides"),
                               tr("Each window needs a start and an end time such as 09:00 and 17:00."));
                    continue;
                }
                override.windows.append(window);
            }
            result.overrides.append(override);
        }
        std::sort(result.overrides.begin(), result.overrides.end(),
                  [](const Override &a, const Override &b) { return a.date < b.date; });
    }
    if (!errors.isEmpty())
        return errors.toError();
    if (const ValidationErrors invalid = result.validate(); !invalid.isEmpty())
        return invalid.toError();
    return result;
}

} // namespace Crm
