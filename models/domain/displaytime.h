#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>

namespace Crm {

// The one way dates and times are written on screen, in the chosen language: never an
// ambiguous numeric date ("3 Dec 2026", "3 dic 2026", not "3/12/26"), times to the minute
// ("9:00", "9:00 AM"; never seconds). Local time.
class DisplayTime final
{
public:
    DisplayTime() = delete;

    static QString date(const QDate &date);
    static QString time(const QTime &time);
    static QString dateTime(const QDateTime &when);
    static QString dateTime(qint64 epochMs) { return dateTime(QDateTime::fromMSecsSinceEpoch(epochMs)); }
    // The same, as a QDateTimeEdit display format.
    static QString editFormat();
    // A date alone, as a QDateEdit display format; with the weekday's short name first when
    // the day of the week matters (an availability override: "Fri 25 Dec 2026").
    enum class Weekday { Without, With };
    static QString dateEditFormat(Weekday weekday = Weekday::Without);
};

} // namespace Crm
