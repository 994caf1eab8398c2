#pragma once

#include "validationerrors.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTime>

namespace Crm {

// When a provider takes appointments (API.md, availability): weekly windows and date
// overrides in the provider's own wall-clock time and zone, time off, a buffer around every
// appointment, a minimum notice and a horizon. Plain data; SlotCalculator turns it into slots.
struct Availability
{
    Q_DECLARE_TR_FUNCTIONS(Crm::Availability)

public:
    static constexpr int DefaultMaxDaysAhead = 60;
    static constexpr int DefaultMinNoticeMinutes = 60;
    static constexpr int MaxBufferMinutes = 240;
    static constexpr int MaxNoticeMinutes = 60 * 24 * 30;
    static constexpr int MaxDaysAheadLimit = 365;
    static constexpr int MaxTimeOffDays = 366;
    static constexpr int MaxReasonLength = 500;

    struct Window // local wall-clock times; start < end, both within the day (end may be 24:00 as 00:00)
    {
        QTime start;
        QTime end;
    };
    struct Weekly
    {
        QString id;
        int dayOfWeek = 1; // 0 = Sunday .. 6 = Saturday
        Window window;
        bool isActive = true;
    };
    struct Override // replaces the weekly windows of a date; no windows: a day off
    {
        QDate date;
        QList<Window> windows;
    };
    struct TimeOff // absolute instants (epoch ms), [start, end)
    {
        QString id;
        qint64 start = 0;
        qint64 end = 0;
        QString reason;
    };

    QString timeZone = QStringLiteral("UTC"); // IANA id
    int bufferMinutes = 0;
    int minNoticeMinutes = DefaultMinNoticeMinutes;
    int maxDaysAhead = DefaultMaxDaysAhead;
    QList<Weekly> weekly;
    QList<Override> overrides;
    QList<TimeOff> timeOff;

    // A new provider's hours: Monday to Friday 09:00–17:00 in their zone, no buffer, an hour's
    // notice, 60 days ahead.
    static Availability defaults(const QString &timeZone);

    // The windows of a local date: its override's, else the active weekly ones of its weekday,
    // in start order.
    QList<Window> windowsOn(const QDate &date) const;

    // What a provider or an admin may save: a known zone, windows that end after they start,
    // one override a date, the limits above. Fields named as API.md names them.
    ValidationErrors validate() const;
    // Whether a window ends after it starts (an end of 00:00 is midnight): what validate()
    // asks of each window, so a form can mark the ones that fail.
    static bool isValidWindow(const Window &window);
    // What time off may be added (POST /api/providers/:id/time-off): an end after the start,
    // at most MaxTimeOffDays long, a reason of at most MaxReasonLength characters. Fields
    // "start", "end", "reason".
    static ValidationErrors validateTimeOff(const TimeOff &entry);

    // The API's shape (GET /api/providers/:id/availability, the sync's `availability` data):
    // {timeZone, bufferMinutes, minNoticeMinutes, maxDaysAhead, weekly: [{id, dayOfWeek,
    // startTime "09:00", endTime, isActive}], overrides: [{date, windows: [{startTime,
    // endTime}]}], timeOff: [{id, start, end, reason}]}.
    QJsonObject toJson() const;
    // Reads that shape; a field left out keeps its value in `base` (a PUT changes what it
    // sends). timeOff is not read (it has its own routes). A window or date that cannot be
    // read is a problem named after its list ("weekly", "overrides"); validate() follows.
    static Result<Availability> fromJson(const QJsonObject &json, const Availability &base);
    // The time-off entries of the sync's `time_off` data and the availability answer.
    static QJsonObject timeOffJson(const TimeOff &entry);
    static std::optional<TimeOff> timeOffFromJson(const QJsonObject &json);
    // "09:00"; 24:00 is written as "24:00" for a window that ends at midnight.
    static QString timeText(const QTime &time, bool isEnd = false);
    static QTime timeFromText(const QString &text);
};

} // namespace Crm
