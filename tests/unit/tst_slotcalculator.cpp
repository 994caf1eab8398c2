// Where appointments can go (models/domain/slotcalculator.h): windows, overrides, time off,
// buffer, notice, horizon and duration, and the days clocks change, in zones that shift by an
// hour, by half an hour, or never. Each row is one provider's day: the slots' start times are
// written as the provider (or, where an hour happens twice, UTC) reads them.
#include "domain/slotcalculator.h"

#include <QDateTime>
#include <QTest>

using namespace Crm;

namespace {

constexpr qint64 Minute = 60 * 1000;

// "1 09:00-12:00; 1 13:00-17:00": weekly windows by day of week (0 = Sunday).
QList<Availability::Weekly> weekly(const QString &spec)
{
    QList<Availability::Weekly> result;
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList fields = part.trimmed().split(u' ');
        const QStringList times = fields.value(1).split(u'-');
        result.append({QString(),
                       fields.value(0).toInt(),
                       {QTime::fromString(times.value(0), u"HH:mm"_qs),
                        QTime::fromString(times.value(1), u"HH:mm"_qs)},
                       true});
    }
    return result;
}

// "2026-12-07 10:00-11:00; …" in `zone`: busy ranges or time off.
QList<TimeRange> ranges(const QString &spec, const QTimeZone &zone)
{
    QList<TimeRange> result;
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList fields = part.trimmed().split(u' ');
        const QDate date = QDate::fromString(fields.value(0), Qt::ISODate);
        const QStringList times = fields.value(1).split(u'-');
        result.append({QDateTime(date, QTime::fromString(times.value(0), u"HH:mm"_qs), zone).toMSecsSinceEpoch(),
                       QDateTime(date, QTime::fromString(times.value(1), u"HH:mm"_qs), zone).toMSecsSinceEpoch()});
    }
    return result;
}

QString starts(const QList<TimeRange> &found, const QTimeZone &shownIn)
{
    QStringList times;
    for (const TimeRange &slot : found)
        times << QDateTime::fromMSecsSinceEpoch(slot.start, Qt::UTC).toTimeZone(shownIn).toString(u"HH:mm"_qs);
    return times.join(u' ');
}

} // namespace

class tst_SlotCalculator : public QObject
{
    Q_OBJECT

private slots:
    void freeSlots_data();
    void freeSlots();
    void isAvailable();
    void clashAndSuggestions();
    void defaultsAndValidation();
};

void tst_SlotCalculator::freeSlots_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("windows");   // weekly spec
    QTest::addColumn<QString>("override");  // "09:00-10:00,13:00-14:00"; "-" a day off; "" none
    QTest::addColumn<QString>("timeOff");   // ranges on the date, provider's zone
    QTest::addColumn<QString>("busy");      // ranges on the date, provider's zone
    QTest::addColumn<int>("buffer");
    QTest::addColumn<QString>("now");       // "" ten days before; else "HH:mm" that day or "-1 12:00" the day before
    QTest::addColumn<int>("notice");
    QTest::addColumn<int>("maxDaysAhead");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("shownIn");   // the zone the expected times are written in
    QTest::addColumn<QString>("expected");

    const QString ny = u"America/New_York"_qs;
    const QString berlin = u"Europe/Berlin"_qs;
    // 2026-12-07 is a Monday.
    QTest::newRow("one window") << ny << "2026-12-07" << "1 09:00-11:00" << "" << "" << "" << 0
                                << "" << 60 << 60 << 60 << ny
                                << "09:00 09:15 09:30 09:45 10:00";
    QTest::newRow("two windows a day")
        << ny << "2026-12-07" << "1 09:00-10:00; 1 13:00-14:00" << "" << "" << "" << 0 << "" << 60
        << 60 << 30 << ny << "09:00 09:15 09:30 13:00 13:15 13:30";
    QTest::newRow("windows of another weekday do not count")
        << ny << "2026-12-07" << "2 09:00-10:00" << "" << "" << "" << 0 << "" << 60 << 60 << 30
        << ny << "";
    QTest::newRow("an override replaces the day's windows")
        << ny << "2026-12-07" << "1 09:00-12:00" << "15:00-16:00" << "" << "" << 0 << "" << 60
        << 60 << 30 << ny << "15:00 15:15 15:30";
    QTest::newRow("an override with no windows is a day off")
        << ny << "2026-12-07" << "1 09:00-12:00" << "-" << "" << "" << 0 << "" << 60 << 60 << 30
        << ny << "";
    QTest::newRow("time off in the middle")
        << ny << "2026-12-07" << "1 09:00-12:00" << "" << "2026-12-07 10:00-11:00" << "" << 0
        << "" << 60 << 60 << 60 << ny << "09:00 11:00";
    QTest::newRow("an appointment and its buffer on both sides")
        << ny << "2026-12-07" << "1 09:00-12:00" << "" << "" << "2026-12-07 10:00-10:30" << 15
        << "" << 60 << 60 << 30 << ny << "09:00 09:15 10:45 11:00 11:15 11:30";
    QTest::newRow("back to back without a buffer")
        << ny << "2026-12-07" << "1 09:00-11:00" << "" << "" << "2026-12-07 09:30-10:00" << 0
        << "" << 60 << 60 << 30 << ny << "09:00 10:00 10:15 10:30";
    QTest::newRow("minimum notice from now, on the quarter hour")
        << ny << "2026-12-07" << "1 09:00-12:00" << "" << "" << "" << 0 << "09:20" << 60 << 60
        << 60 << ny << "10:30 10:45 11:00";
    QTest::newRow("no further ahead than the horizon")
        << ny << "2026-12-07" << "1 11:00-14:00" << "" << "" << "" << 0 << "-1 12:00" << 0 << 1
        << 30 << ny << "11:00 11:15 11:30 11:45 12:00";
    QTest::newRow("a duration longer than a gap")
        << ny << "2026-12-07" << "1 09:00-10:00; 1 10:30-11:00" << "" << "" << "" << 0 << "" << 60
        << 60 << 45 << ny << "09:00 09:15";
    QTest::newRow("a window to midnight")
        << ny << "2026-12-07" << "1 22:30-00:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "22:30 22:45 23:00";
    QTest::newRow("overlapping windows give each slot once")
        << ny << "2026-12-07" << "1 09:00-10:00; 1 09:30-10:30" << "" << "" << "" << 0 << "" << 60
        << 60 << 60 << ny << "09:00 09:15 09:30";

    // New York springs forward on Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT.
    QTest::newRow("NY spring forward: a window over the skipped hour has two real hours")
        << ny << "2026-03-08" << "0 01:00-04:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "01:00 01:15 01:30 01:45 03:00";
    QTest::newRow("NY spring forward: a window opening in the skipped hour opens after it")
        << ny << "2026-03-08" << "0 02:30-05:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "03:00 03:15 03:30 03:45 04:00";
    QTest::newRow("NY spring forward: a morning window")
        << ny << "2026-03-08" << "0 09:00-10:30" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "09:00 09:15 09:30";
    QTest::newRow("NY spring forward: an afternoon window keeps its hours")
        << ny << "2026-03-08" << "0 13:00-15:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "13:00 13:15 13:30 13:45 14:00";
    // New York falls back on Sunday 2026-11-01: 02:00 EDT becomes 01:00 EST (01:00–02:00 twice).
    QTest::newRow("NY fall back: a window over the repeated hour has an hour more (UTC)")
        << ny << "2026-11-01" << "0 00:30-03:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << u"UTC"_qs << "04:30 04:45 05:00 05:15 05:30 05:45 06:00 06:15 06:30 06:45 07:00";
    QTest::newRow("NY fall back: a window opening in the repeated hour opens at its first (UTC)")
        << ny << "2026-11-01" << "0 01:30-02:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << u"UTC"_qs << "05:30 05:45 06:00";
    QTest::newRow("NY fall back: a morning window")
        << ny << "2026-11-01" << "0 09:00-10:30" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "09:00 09:15 09:30";
    QTest::newRow("NY fall back: an afternoon window keeps its hours")
        << ny << "2026-11-01" << "0 13:00-15:00" << "" << "" << "" << 0 << "" << 60 << 60 << 60
        << ny << "13:00 13:15 13:30 13:45 14:00";
    // Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST; 2026-10-25 03:00 CEST becomes 02:00 CET.
    QTest::newRow("Berlin spring forward over the skipped hour")
        << berlin << "2026-03-29" << "0 01:00-04:00" << "" << "" << "" << 0 << "" << 60 << 60
        << 60 << berlin << "01:00 01:15 01:30 01:45 03:00";
    QTest::newRow("Berlin spring forward: an afternoon window")
        << berlin << "2026-03-29" << "0 14:00-16:00" << "" << "" << "" << 0 << "" << 60 << 60
        << 60 << berlin << "14:00 14:15 14:30 14:45 15:00";
    QTest::newRow("Berlin fall back: over the repeated hour (UTC)")
        << berlin << "2026-10-25" << "0 01:30-03:30" << "" << "" << "" << 0 << "" << 60 << 60
        << 60 << u"UTC"_qs << "23:30 23:45 00:00 00:15 00:30 00:45 01:00 01:15 01:30";
    QTest::newRow("Berlin fall back: an afternoon window")
        << berlin << "2026-10-25" << "0 14:00-16:00" << "" << "" << "" << 0 << "" << 60 << 60
        << 60 << berlin << "14:00 14:15 14:30 14:45 15:00";
    // Lord Howe shifts by 30 minutes: 2026-04-05 02:00 (+11) becomes 01:30 (+10:30);
    // 2026-10-04 02:00 (+10:30) becomes 02:30 (+11).
    QTest::newRow("Lord Howe falls back half an hour (UTC)")
        << u"Australia/Lord_Howe"_qs << "2026-04-05" << "0 01:00-03:00" << "" << "" << "" << 0
        << "" << 60 << 60 << 60 << u"UTC"_qs << "14:00 14:15 14:30 14:45 15:00 15:15 15:30";
    QTest::newRow("Lord Howe springs forward half an hour")
        << u"Australia/Lord_Howe"_qs << "2026-10-04" << "0 02:00-04:00" << "" << "" << "" << 0
        << "" << 60 << 60 << 60 << u"Australia/Lord_Howe"_qs << "02:30 02:45 03:00";
    QTest::newRow("Kolkata: +05:30, quarter hours of its own clock")
        << u"Asia/Kolkata"_qs << "2026-12-07" << "1 09:00-10:30" << "" << "" << "" << 0 << ""
        << 60 << 60 << 60 << u"Asia/Kolkata"_qs << "09:00 09:15 09:30";
    QTest::newRow("a Berlin provider seen from New York")
        << berlin << "2026-12-07" << "1 09:00-10:00" << "" << "" << "" << 0 << "" << 60 << 60
        << 30 << ny << "03:00 03:15 03:30";
}

void tst_SlotCalculator::freeSlots()
{
    QFETCH(QString, zone);
    QFETCH(QString, date);
    QFETCH(QString, windows);
    QFETCH(QString, override);
    QFETCH(QString, timeOff);
    QFETCH(QString, busy);
    QFETCH(int, buffer);
    QFETCH(QString, now);
    QFETCH(int, notice);
    QFETCH(int, maxDaysAhead);
    QFETCH(int, duration);
    QFETCH(QString, shownIn);
    QFETCH(QString, expected);

    const QTimeZone tz(zone.toUtf8());
    QVERIFY2(tz.isValid(), qPrintable(zone + u" is not known here (is tzdata installed?)"_qs));
    const QDate day = QDate::fromString(date, Qt::ISODate);
    Availability availability;
    availability.timeZone = zone;
    availability.weekly = weekly(windows);
    availability.bufferMinutes = buffer;
    availability.minNoticeMinutes = notice;
    availability.maxDaysAhead = maxDaysAhead;
    if (override == u"-"_qs) {
        availability.overrides.append({day, {}});
    } else if (!override.isEmpty()) {
        Availability::Override replaced{day, {}};
        for (const QString &window : override.split(u',')) {
            const QStringList times = window.split(u'-');
            replaced.windows.append({QTime::fromString(times.value(0), u"HH:mm"_qs),
                                     QTime::fromString(times.value(1), u"HH:mm"_qs)});
        }
        availability.overrides.append(replaced);
    }
    for (const TimeRange &off : ranges(timeOff, tz))
        availability.timeOff.append({QString(), off.start, off.end, QString()});

    qint64 nowMs = QDateTime(day.addDays(-10), QTime(12, 0), tz).toMSecsSinceEpoch();
    if (now.startsWith(u"-1 "_qs))
        nowMs = QDateTime(day.addDays(-1), QTime::fromString(now.mid(3), u"HH:mm"_qs), tz).toMSecsSinceEpoch();
    else if (!now.isEmpty())
        nowMs = QDateTime(day, QTime::fromString(now, u"HH:mm"_qs), tz).toMSecsSinceEpoch();

    const SlotCalculator::Query query{SlotCalculator::instantOf(day, QTime(0, 0), tz),
                                      SlotCalculator::instantOf(day, QTime(0, 0), tz, true),
                                      duration,
                                      nowMs};
    const QList<TimeRange> found = SlotCalculator::freeSlots(availability, ranges(busy, tz), query);
    QCOMPARE(starts(found, QTimeZone(shownIn.toUtf8())), expected);
    for (const TimeRange &slot : found) {
        QCOMPARE(slot.end - slot.start, duration * Minute);
        QCOMPARE(slot.start % (15 * Minute), 0);
        // Every slot offered can be booked: the same rule checks a booking.
        QVERIFY(SlotCalculator::isAvailable(availability, slot, nowMs));
        QVERIFY(!SlotCalculator::clash(ranges(busy, tz), slot, buffer));
    }
}

void tst_SlotCalculator::isAvailable()
{
    const QTimeZone ny("America/New_York");
    Availability availability = Availability::defaults(u"America/New_York"_qs);
    const qint64 now = QDateTime(QDate(2026, 12, 4), QTime(12, 0), ny).toMSecsSinceEpoch();
    auto at = [&](int day, QTime start, int minutes) {
        const qint64 s = QDateTime(QDate(2026, 12, day), start, ny).toMSecsSinceEpoch();
        return TimeRange{s, s + minutes * Minute};
    };
    QVERIFY(SlotCalculator::isAvailable(availability, at(7, QTime(9, 0), 60), now));
    QVERIFY(SlotCalculator::isAvailable(availability, at(7, QTime(16, 0), 60), now));
    QVERIFY(!SlotCalculator::isAvailable(availability, at(7, QTime(16, 30), 60), now)); // past 17:00
    QVERIFY(!SlotCalculator::isAvailable(availability, at(6, QTime(10, 0), 30), now)); // Sunday
    QVERIFY(!SlotCalculator::isAvailable(availability, at(4, QTime(12, 30), 30), now)); // notice
    availability.maxDaysAhead = 2;
    QVERIFY(!SlotCalculator::isAvailable(availability, at(7, QTime(9, 0), 60), now)); // horizon
}

void tst_SlotCalculator::clashAndSuggestions()
{
    const QTimeZone ny("America/New_York");
    Availability availability = Availability::defaults(u"America/New_York"_qs);
    availability.bufferMinutes = 15;
    const qint64 now = QDateTime(QDate(2026, 12, 1), QTime(8, 0), ny).toMSecsSinceEpoch();
    const QList<TimeRange> busy = ranges(u"2026-12-07 10:00-10:30; 2026-12-07 11:00-12:00"_qs, ny);
    // A 60-minute booking against a 30-minute one is refused as much as the same slot.
    const TimeRange wanted = ranges(u"2026-12-07 09:30-10:30"_qs, ny).first();
    const std::optional<TimeRange> clashing = SlotCalculator::clash(busy, wanted, 15);
    QVERIFY(clashing);
    QCOMPARE(*clashing, busy.first());
    // Only the buffer separates these: still a clash.
    QVERIFY(SlotCalculator::clash(busy, ranges(u"2026-12-07 10:35-10:50"_qs, ny).first(), 15));
    QVERIFY(!SlotCalculator::clash(busy, ranges(u"2026-12-07 10:35-10:50"_qs, ny).first(), 0));
    // The three nearest free hours, whichever side: nothing fits before 10:00 with the buffer
    // (09:00–10:00 touches it), nor between the two; the first free hour is 12:15.
    const QList<TimeRange> offered = SlotCalculator::suggestions(availability, busy, wanted, now);
    QCOMPARE(starts(offered, ny), u"12:15 12:30 12:45"_qs);
    // Earlier ones win when they are nearer: a booking at 16:00 on the Friday before.
    const TimeRange friday = ranges(u"2026-12-04 16:00-17:00"_qs, ny).first();
    const QList<TimeRange> around = SlotCalculator::suggestions(availability,
                                                                busy + QList<TimeRange>{friday},
                                                                friday,
                                                                now);
    QCOMPARE(starts(around, ny), u"14:15 14:30 14:45"_qs);
}

void tst_SlotCalculator::defaultsAndValidation()
{
    const Availability fresh = Availability::defaults(u"America/Chicago"_qs);
    QCOMPARE(fresh.weekly.size(), 5);
    QCOMPARE(fresh.minNoticeMinutes, 60);
    QCOMPARE(fresh.bufferMinutes, 0);
    QCOMPARE(fresh.maxDaysAhead, 60);
    QVERIFY(fresh.validate().isEmpty());
    Availability bad = fresh;
    bad.timeZone = u"Mars/Olympus"_qs;
    bad.weekly.append({QString(), 3, {QTime(17, 0), QTime(9, 0)}, true});
    bad.bufferMinutes = -5;
    const ValidationErrors errors = bad.validate();
    QVERIFY(errors.contains(u"timeZone"_qs));
    QVERIFY(errors.contains(u"weekly"_qs));
    QVERIFY(errors.contains(u"bufferMinutes"_qs));
    QVERIFY(!Availability::isValidWindow({QTime(12, 0), QTime(10, 0)}));
    QVERIFY(Availability::isValidWindow({QTime(22, 0), QTime(0, 0)})); // until midnight

    // Two overrides of one date: the second is refused, naming the list.
    Availability twice = fresh;
    twice.overrides = {{QDate(2027, 3, 20), {}}, {QDate(2027, 3, 20), {{QTime(9, 0), QTime(10, 0)}}}};
    QCOMPARE(twice.validate().fields(), QStringList{u"overrides"_qs});

    // Time off: an end after the start, at most a year, a short reason.
    const qint64 start = QDateTime(QDate(2027, 3, 20), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    QVERIFY(Availability::validateTimeOff({QString(), start, start + 3600000, u"Dentist"_qs}).isEmpty());
    QCOMPARE(Availability::validateTimeOff({QString(), start, start, QString()}).fields(),
             QStringList{u"end"_qs});
    QCOMPARE(Availability::validateTimeOff({QString(), start, start + 400LL * 86400000, QString()}).fields(),
             QStringList{u"end"_qs});
    QCOMPARE(Availability::validateTimeOff({QString(), start, start + 3600000, QString(501, u'x')}).fields(),
             QStringList{u"reason"_qs});
}

QTEST_GUILESS_MAIN(tst_SlotCalculator)
#include "tst_slotcalculator.moc"
