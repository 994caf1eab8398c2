#pragma once

#include "benchmark.h"

#include <QCoreApplication>

namespace CrmBench {

// availability: how quickly are a provider's free slots computed? One provider with five
// windows a day and 10,000 appointments (a year of a busy calendar, past and future); 1,000
// queries of 30 days of slots from random days, 30- and 60-minute lengths, timed in process
// through SlotCalculator, the code the server and the desktop share; p50 and p95. (The HTTP
// and booking halves of the benchmark come with the server's appointment routes.)
class AvailabilityBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::AvailabilityBench)

public:
    static constexpr int Appointments = 10000;
    static constexpr int Queries = 1000;
    static constexpr int RangeDays = 30;
    static constexpr double TargetInProcessP95Ms = 2.0;

    QString name() const override { return QStringLiteral("availability"); }
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;
};

} // namespace CrmBench
