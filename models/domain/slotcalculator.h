#pragma once

#include "availability.h"

#include <QList>
#include <QTimeZone>

#include <optional>

namespace Crm {

// A span of time as instants (epoch ms), [start, end).
struct TimeRange
{
    qint64 start = 0;
    qint64 end = 0;

    bool overlaps(const TimeRange &other) const { return start < other.end && other.start < end; }
    friend bool operator==(const TimeRange &a, const TimeRange &b)
    {
        return a.start == b.start && a.end == b.end;
    }
};

// Where appointments can go (API.md, booking): a pure function of a provider's availability,
// the time their appointments already hold, and now. The server answers availability and
// checks bookings with it; the desktop shows slots offline with the very same code.
//
// Wall-clock rules, on purpose:
// - A window's times are the provider's local times on that date, in the provider's zone.
// - A local time that does not exist (the hour skipped when clocks spring forward) stands for
//   the first instant after the gap: a window 02:30–05:00 on that night opens at 03:00.
// - A local time that happens twice (the hour repeated when clocks fall back) stands for its
//   first occurrence; a window that spans the repeated hour is an hour longer that day.
// - Slots start on the quarter hour. Every zone's offset is a multiple of 15 minutes (Kolkata
//   +05:30, Lord Howe's 30-minute shift, Kathmandu +05:45), so the provider's quarter hours
//   are the UTC quarter hours.
class SlotCalculator final
{
public:
    static constexpr qint64 Minute = 60 * 1000;
    static constexpr qint64 Step = 15 * Minute;
    static constexpr qint64 Day = 24 * 60 * Minute;

    struct Query
    {
        qint64 from = 0; // slots starting in [from, to)
        qint64 to = 0;
        int durationMinutes = 30;
        qint64 now = 0;
    };

    // The free slots of `durationMinutes`, in time order: inside the date's windows, outside
    // time off, at least minNoticeMinutes after now, starting at most maxDaysAhead days after
    // now, and clear of every busy range by bufferMinutes on both sides.
    static QList<TimeRange> freeSlots(const Availability &availability,
                                  const QList<TimeRange> &busy,
                                  const Query &query);

    // Whether a booking of `wanted` lies inside the availability (windows, time off, notice,
    // horizon), the buffer aside.
    static bool isAvailable(const Availability &availability, const TimeRange &wanted, qint64 now);

    // The first busy range that `wanted` comes within bufferMinutes of, if any.
    static std::optional<TimeRange> clash(const QList<TimeRange> &busy,
                                          const TimeRange &wanted,
                                          int bufferMinutes);

    // Up to `count` free slots of the wanted length nearest to its start (either side), in
    // time order: what a refused booking is offered instead.
    static QList<TimeRange> suggestions(const Availability &availability,
                                        const QList<TimeRange> &busy,
                                        const TimeRange &wanted,
                                        qint64 now,
                                        int count = 3);

    // The instant of a local wall-clock time on a date in a zone, by the rules above; an end
    // of 00:00 means the next midnight.
    static qint64 instantOf(const QDate &date, const QTime &time, const QTimeZone &zone, bool isEnd = false);

    // The windows of the local dates that meet [from, to), as instants, merged and in order.
    static QList<TimeRange> openRanges(const Availability &availability, qint64 from, qint64 to);
};

} // namespace Crm
