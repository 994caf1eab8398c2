#include "slotcalculator.h"

#include <QDateTime>

#include <algorithm>

namespace Crm {

namespace {

QTimeZone zoneOf(const Availability &availability)
{
    const QTimeZone zone(availability.timeZone.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

int offsetAt(const QTimeZone &zone, qint64 instant)
{
    return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(instant, Qt::UTC));
}

// Sorted, overlapping or touching ranges joined.
QList<TimeRange> merged(QList<TimeRange> ranges)
{
    std::sort(ranges.begin(), ranges.end(), [](const TimeRange &a, const TimeRange &b) {
        return a.start < b.start;
    });
    QList<TimeRange> result;
    for (const TimeRange &range : std::as_const(ranges)) {
        if (range.end <= range.start)
            continue;
        if (!result.isEmpty() && range.start <= result.last().end)
            result.last().end = qMax(result.last().end, range.end);
        else
            result.append(range);
    }
    return result;
}

// `open` minus every range of `closed` (both sorted and merged).
QList<TimeRange> subtract(const QList<TimeRange> &open, const QList<TimeRange> &closed)
{
    QList<TimeRange> result;
    for (TimeRange range : open) {
        for (const TimeRange &hole : closed) {
            if (hole.end <= range.start || hole.start >= range.end)
                continue;
            if (hole.start > range.start)
                result.append({range.start, hole.start});
            range.start = qMax(range.start, hole.end);
            if (range.start >= range.end)
                break;
        }
        if (range.start < range.end)
            result.append(range);
    }
    return result;
}

// The busy ranges widened by the buffer on both sides, merged: a slot is free when it meets
// none of them.
QList<TimeRange> blocked(const QList<TimeRange> &busy, int bufferMinutes, qint64 from, qint64 to)
{
    const qint64 buffer = qint64(bufferMinutes) * SlotCalculator::Minute;
    QList<TimeRange> widened;
    for (const TimeRange &range : busy) {
        if (range.end + buffer > from && range.start - buffer < to)
            widened.append({range.start - buffer, range.end + buffer});
    }
    return merged(widened);
}

bool meetsAny(const QList<TimeRange> &sortedMerged, const TimeRange &wanted)
{
    // The last range starting before wanted ends is the only one that can meet it.
    auto it = std::lower_bound(sortedMerged.cbegin(),
                               sortedMerged.cend(),
                               wanted.end,
                               [](const TimeRange &range, qint64 end) { return range.start < end; });
    if (it == sortedMerged.cbegin())
        return false;
    --it;
    return it->end > wanted.start;
}

qint64 ceilToStep(qint64 instant)
{
    const qint64 rest = instant % SlotCalculator::Step;
    if (rest == 0)
        return instant;
    return rest > 0 ? instant + SlotCalculator::Step - rest : instant - rest;
}

} // namespace

qint64 SlotCalculator::instantOf(const QDate &date, const QTime &time, const QTimeZone &zone, bool isEnd)
{
    QDate day = date;
    QTime clock = time;
    if (isEnd && time == QTime(0, 0))
        day = day.addDays(1);
    const qint64 naive = QDateTime(day, clock, Qt::UTC).toMSecsSinceEpoch();
    const int before = offsetAt(zone, naive - Day);
    const int after = offsetAt(zone, naive + Day);
    std::optional<qint64> first;
    for (int offset : {before, after}) {
        const qint64 candidate = naive - qint64(offset) * 1000;
        if (offsetAt(zone, candidate) == offset && (!first || candidate < *first))
            first = candidate;
    }
    if (first)
        return *first;
    // In the gap: the first instant after it, i.e. the transition.
    const qint64 early = naive - qint64(qMax(before, after)) * 1000;
    const qint64 late = naive - qint64(qMin(before, after)) * 1000;
    if (zone.hasTransitions()) {
        const QTimeZone::OffsetData next
            = zone.nextTransition(QDateTime::fromMSecsSinceEpoch(early - 1, Qt::UTC));
        if (next.atUtc.isValid()) {
            const qint64 at = next.atUtc.toMSecsSinceEpoch();
            if (at >= early && at <= late)
                return at;
        }
    }
    return late;
}

QList<TimeRange> SlotCalculator::openRanges(const Availability &availability, qint64 from, qint64 to)
{
    const QTimeZone zone = zoneOf(availability);
    const QDate first = QDateTime::fromMSecsSinceEpoch(from, Qt::UTC).toTimeZone(zone).date().addDays(-1);
    const QDate last = QDateTime::fromMSecsSinceEpoch(to, Qt::UTC).toTimeZone(zone).date().addDays(1);
    QList<TimeRange> ranges;
    for (QDate date = first; date <= last; date = date.addDays(1)) {
        for (const Availability::Window &window : availability.windowsOn(date)) {
            const TimeRange range{instantOf(date, window.start, zone),
                                  instantOf(date, window.end, zone, true)};
            if (range.end > from && range.start < to)
                ranges.append(range);
        }
    }
    QList<TimeRange> off;
    for (const Availability::TimeOff &timeOff : availability.timeOff)
        off.append({timeOff.start, timeOff.end});
    return subtract(merged(ranges), merged(off));
}

QList<TimeRange> SlotCalculator::freeSlots(const Availability &availability,
                                       const QList<TimeRange> &busy,
                                       const Query &query)
{
    QList<TimeRange> result;
    const qint64 duration = qint64(query.durationMinutes) * Minute;
    if (duration <= 0 || query.to <= query.from)
        return result;
    const qint64 earliest = qMax(query.from,
                                 query.now + qint64(availability.minNoticeMinutes) * Minute);
    const qint64 horizon = query.now + qint64(availability.maxDaysAhead) * Day;
    const qint64 lastStart = qMin(query.to - 1, horizon);
    if (lastStart < earliest)
        return result;
    const QList<TimeRange> open = openRanges(availability, earliest, lastStart + duration);
    const QList<TimeRange> taken
        = blocked(busy, availability.bufferMinutes, earliest, lastStart + duration);
    for (const TimeRange &range : open) {
        for (qint64 start = ceilToStep(qMax(range.start, earliest));
             start + duration <= range.end && start <= lastStart;
             start += Step) {
            const TimeRange slot{start, start + duration};
            if (!meetsAny(taken, slot))
                result.append(slot);
        }
    }
    return result;
}

bool SlotCalculator::isAvailable(const Availability &availability, const TimeRange &wanted, qint64 now)
{
    if (wanted.end <= wanted.start)
        return false;
    if (wanted.start < now + qint64(availability.minNoticeMinutes) * Minute)
        return false;
    if (wanted.start > now + qint64(availability.maxDaysAhead) * Day)
        return false;
    for (const TimeRange &range : openRanges(availability, wanted.start, wanted.end)) {
        if (range.start <= wanted.start && wanted.end <= range.end)
            return true;
    }
    return false;
}

std::optional<TimeRange> SlotCalculator::clash(const QList<TimeRange> &busy,
                                               const TimeRange &wanted,
                                               int bufferMinutes)
{
    const qint64 buffer = qint64(bufferMinutes) * Minute;
    std::optional<TimeRange> first;
    for (const TimeRange &range : busy) {
        if (range.start - buffer < wanted.end && wanted.start < range.end + buffer
            && (!first || range.start < first->start))
            first = range;
    }
    return first;
}

QList<TimeRange> SlotCalculator::suggestions(const Availability &availability,
                                             const QList<TimeRange> &busy,
                                             const TimeRange &wanted,
                                             qint64 now,
                                             int count)
{
    const int minutes = int((wanted.end - wanted.start) / Minute);
    // Look a week either side first; further only when that week is full.
    QList<TimeRange> found;
    for (qint64 reach : {7 * Day, qint64(availability.maxDaysAhead + 1) * Day}) {
        found = freeSlots(availability, busy, {wanted.start - reach, wanted.start + reach, minutes, now});
        if (found.size() >= count)
            break;
    }
    std::stable_sort(found.begin(), found.end(), [&wanted](const TimeRange &a, const TimeRange &b) {
        return qAbs(a.start - wanted.start) < qAbs(b.start - wanted.start);
    });
    found = found.mid(0, count);
    std::sort(found.begin(), found.end(), [](const TimeRange &a, const TimeRange &b) {
        return a.start < b.start;
    });
    return found;
}

} // namespace Crm
