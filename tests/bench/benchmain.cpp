// crm-bench: performance checks run by hand on a quiet machine, one subcommand per benchmark.
//
//   crm-bench [--json] [--rows-scale F] [--duration S] <benchmark>...
#include "availabilitybench.h"
#include "benchmark.h"
#include "cacheinsertbench.h"
#include "calendarbench.h"
#include "initialsyncbench.h"
#include "leadlistbench.h"
#include "remindersbench.h"
#include "serverloadbench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace CrmBench;

namespace {

std::vector<std::unique_ptr<Benchmark>> allBenchmarks()
{
    std::vector<std::unique_ptr<Benchmark>> benchmarks;
    benchmarks.push_back(std::make_unique<AvailabilityBench>());
    benchmarks.push_back(std::make_unique<CacheInsertBench>());
    benchmarks.push_back(std::make_unique<CalendarBench>());
    benchmarks.push_back(std::make_unique<ServerLoadBench>());
    benchmarks.push_back(std::make_unique<InitialSyncBench>());
    benchmarks.push_back(std::make_unique<LeadListBench>());
    benchmarks.push_back(std::make_unique<RemindersBench>());
    return benchmarks;
}

} // namespace

int main(int argc, char *argv[])
{
    // The calendar benchmark draws its widgets off screen; none needs a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crm-bench"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));
    // The store reports each migration step; in a benchmark's output that is noise.
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("crm.store.info=false"));

    const std::vector<std::unique_ptr<Benchmark>> benchmarks = allBenchmarks();
    QString description = QCoreApplication::translate("main",
                                                      "Agent CRM benchmarks.\n\nBenchmarks:");
    for (const auto &benchmark : benchmarks)
        description += QStringLiteral("\n  %1  %2")
                           .arg(benchmark->name(), -14)
                           .arg(benchmark->description());

    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QCoreApplication::translate("main",
                                    "Print JSON lines instead of a summary: one per benchmark, "
                                    "or one per endpoint for server-load."));
    const QCommandLineOption rowsScaleOption(
        QStringLiteral("rows-scale"),
        QCoreApplication::translate("main",
                                    "Multiply the row counts by <factor> for quick runs "
                                    "(default 1.0)."),
        QStringLiteral("factor"),
        QStringLiteral("1.0"));
    const QCommandLineOption
        durationOption(QStringLiteral("duration"),
                       QCoreApplication::translate("main",
                                                   "Seconds each load run lasts, for quick runs "
                                                   "(server-load: default 20)."),
                       QStringLiteral("seconds"));
    parser.addOption(jsonOption);
    parser.addOption(rowsScaleOption);
    parser.addOption(durationOption);
    parser.addPositionalArgument(QStringLiteral("benchmark"),
                                 QCoreApplication::translate("main", "The benchmarks to run."),
                                 QStringLiteral("<benchmark>..."));
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    Benchmark::Options options;
    bool scaleOk = false;
    options.rowsScale = parser.value(rowsScaleOption).toDouble(&scaleOk);
    if (!scaleOk || !std::isfinite(options.rowsScale) || options.rowsScale <= 0) {
        err << QCoreApplication::translate("main",
                                           "crm-bench: --rows-scale needs a positive "
                                           "number, not '%1'\n")
                   .arg(parser.value(rowsScaleOption));
        return 2;
    }
    if (parser.isSet(durationOption)) {
        bool durationOk = false;
        options.durationSeconds = parser.value(durationOption).toInt(&durationOk);
        if (!durationOk || options.durationSeconds <= 0) {
            err << QCoreApplication::translate("main",
                                               "crm-bench: --duration needs a positive whole "
                                               "number of seconds, not '%1'\n")
                       .arg(parser.value(durationOption));
            return 2;
        }
    }

    const QStringList names = parser.positionalArguments();
    if (names.isEmpty()) {
        err << parser.helpText();
        return 2;
    }
    std::vector<Benchmark *> selected;
    for (const QString &name : names) {
        const auto found = std::find_if(benchmarks.cbegin(),
                                        benchmarks.cend(),
                                        [&name](const auto &benchmark) {
                                            return benchmark->name() == name;
                                        });
        if (found == benchmarks.cend()) {
            err << QCoreApplication::translate("main", "crm-bench: unknown benchmark '%1'\n")
                       .arg(name);
            return 2;
        }
        selected.push_back(found->get());
    }

    const bool json = parser.isSet(jsonOption);
    for (Benchmark *benchmark : selected) {
        const Crm::Result<BenchmarkReport> report = benchmark->run(options);
        if (!report.ok()) {
            err << QStringLiteral("crm-bench: %1: %2\n")
                       .arg(benchmark->name(), report.error().message);
            return 1;
        }
        if (json)
            out << QString::fromUtf8(report.value().toJsonLines()) << Qt::endl;
        else
            out << report.value().summary() << Qt::endl;
    }
    return 0;
}
