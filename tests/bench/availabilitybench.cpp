#include "availabilitybench.h"

#include "benchstats.h"
#include "domain/slotcalculator.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace CrmBench {

namespace {

using Crm::Availability;
using Crm::SlotCalculator;
using Crm::TimeRange;

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;

Availability provider()
{
    Availability availability;
    availability.timeZone = QStringLiteral("America/Chicago");
    availability.bufferMinutes = 10;
    availability.minNoticeMinutes = 60;
    availability.maxDaysAhead = 365;
    // Five windows on each working day.
    const QList<QPair<QTime, QTime>> windows{{QTime(8, 0), QTime(9, 30)},
                                            {QTime(10, 0), QTime(11, 30)},
                                            {QTime(12, 30), QTime(14, 0)},
                                            {QTime(14, 30), QTime(16, 0)},
                                            {QTime(16, 30), QTime(18, 0)}};
    for (int day = 1; day <= 5; ++day) {
        for (const auto &[start, end] : windows)
            availability.weekly.append({QString(), day, {start, end}, true});
    }
    return availability;
}

} // namespace

QString AvailabilityBench::description() const
{
    return tr("free slots of a busy provider, computed in process");
}

Crm::Result<BenchmarkReport> AvailabilityBench::run(const Options &options)
{
    const int appointments = qMax(100, int(Appointments * options.rowsScale));
    const int queries = qMax(50, int(Queries * options.rowsScale));
    const Availability availability = provider();
    QRandomGenerator random(20261203);
    const qint64 now = QDateTime(QDate(2026, 12, 3), QTime(9, 0), QTimeZone("America/Chicago"))
                           .toMSecsSinceEpoch();
    // A year of appointments around now, on the quarter hour, 30 or 60 minutes long.
    QList<TimeRange> busy;
    busy.reserve(appointments);
    for (int i = 0; i < appointments; ++i) {
        const qint64 start = now - 180 * Day + qint64(random.bounded(360 * 96)) * 15 * Minute;
        busy.append({start, start + (random.bounded(2) ? 30 : 60) * Minute});
    }

    std::vector<double> times;
    times.reserve(std::size_t(queries));
    qint64 slotsFound = 0;
    for (int i = 0; i < queries; ++i) {
        const qint64 from = now + qint64(random.bounded(60)) * Day;
        const SlotCalculator::Query query{from,
                                          from + RangeDays * Day,
                                          random.bounded(2) ? 30 : 60,
                                          now};
        QElapsedTimer timer;
        timer.start();
        const QList<TimeRange> found = SlotCalculator::freeSlots(availability, busy, query);
        times.push_back(milliseconds(timer));
        slotsFound += found.size();
    }
    const double p50 = percentile(times, 0.50);
    const double p95 = percentile(times, 0.95);

    BenchmarkReport report(name());
    report.addValue(QStringLiteral("appointments"), appointments);
    report.addValue(QStringLiteral("queries"), queries);
    report.addValue(QStringLiteral("range_days"), RangeDays);
    report.addValue(QStringLiteral("inprocess_p50_ms"), rounded(p50, 3));
    report.addValue(QStringLiteral("inprocess_p95_ms"), rounded(p95, 3));
    report.addValue(QStringLiteral("slots_per_query"), rounded(double(slotsFound) / queries, 1));
    report.addSummaryLine(tr("availability: %1 appointments, %2 queries of %3 days")
                              .arg(appointments)
                              .arg(queries)
                              .arg(RangeDays));
    report.addSummaryLine(tr("  in process   p50 %1 ms  p95 %2 ms  (target p95 < %3 ms: %4)")
                              .arg(p50, 0, 'f', 3)
                              .arg(p95, 0, 'f', 3)
                              .arg(TargetInProcessP95Ms)
                              .arg(p95 < TargetInProcessP95Ms ? tr("met") : tr("missed")));
    return report;
}

} // namespace CrmBench
