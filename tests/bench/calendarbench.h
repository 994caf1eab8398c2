#pragma once

#include "benchmark.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace CrmBench {

// calendar: does the desktop calendar keep up with a busy provider? A new encrypted cache gets
// 50,000 appointments of one provider over two years the way a first download brings them
// (PullApplier's bulk load, pages of 1,000 pulled changes), with 2,000 leads (most
// appointments show a lead's name) and the provider's hours. The year ahead holds 200
// appointments a week (the weeks the benchmark shows), the year behind the rest (~750 a week).
// Then the real CalendarModel and CalendarView (offscreen, 1600x1000, the full week) show the
// weeks one after the other and back (showNext 50 times, showPrevious 50 times), three times
// over; each switch is timed until the model holds the new week, the view has laid it out
// and painted it (a forced repaint, checked by counting paint events):
//
//   week switch   p50 and p95 over the 300 switches
//   month switch  the same in the month view (10 months on, 10 back, 5 times); the GUI's
//                 part (until showNext returns and the view paints) apart from the whole
//                 (until the appointments read off the GUI thread are in and painted)
//   RSS           VmRSS and VmHWM of /proc/self/status after the switches
//
// Targets are reported, not asserted.
class CalendarBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::CalendarBench)

public:
    static constexpr int AppointmentCount = 50000;
    static constexpr int PerVisibleWeek = 200;
    static constexpr int LeadCount = 2000;
    static constexpr int WeekSwitches = 100; // 50 on, 50 back
    static constexpr int WeekRounds = 3;
    static constexpr int MonthSwitches = 20; // 10 on, 10 back
    static constexpr int MonthRounds = 5;
    static constexpr double TargetWeekSwitchP95Ms = 30;

    QString name() const override;
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;

private:
    struct Plan
    {
        int appointments = 0;
        int perVisibleWeek = 0;
        int leads = 0;
    };
    // Fills db as a first download would; returns the seconds it took.
    static Crm::Result<double> fill(QSqlDatabase db, const Plan &plan);
};

} // namespace CrmBench
