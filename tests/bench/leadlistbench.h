#pragma once

#include "benchmark.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

namespace CrmBench {

// lead-list: does the "My leads" dashboard stay quick with 100,000 and 1,000,000 leads in the
// encrypted cache? For each size, a new cache gets that many leads straight through our
// QSQLCIPHER driver (prepared INSERTs, big transactions, realistic names, e-mail addresses and
// phone numbers; the FTS triggers index them), and then, on a fresh connection, the benchmark
// times what an agent waits for in LeadTableModel, each until rowCount() and the data() of the
// first 50 rows are ready:
//
//   open     constructing the model (all leads, youngest first)
//   search   a keystroke: setFilter() with a search prefix; 50 different prefixes of first
//            names, last names, e-mail addresses and phone numbers, p50 and p95
//   sort     sort() by name, over all leads
//
// and the peak RSS of those steps (getrusage; on Linux the high-water mark is reset after the
// fill, so the fill's memory does not count). The baseline, in the same run and on the same
// file and connection: the stock Qt way, a QSqlQueryModel with one LIKE query per keystroke
// over the name, e-mail and phone columns, in the dashboard's order (youngest first), timed
// over setQuery() and the first 50 rows' data(). Targets are reported, not asserted.
class LeadListBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::LeadListBench)

public:
    static constexpr int SmallLeadCount = 100000;
    static constexpr int LargeLeadCount = 1000000;
    static constexpr int SearchCount = 50;
    static constexpr int ShownRows = 50;
    static constexpr double TargetOpenMs = 300;           // at 100,000
    static constexpr double TargetSearchP95Ms = 50;       // at 100,000
    static constexpr double TargetLargeSearchP95Ms = 250; // at 1,000,000
    static constexpr double TargetLargeRssMb = 300;       // at 1,000,000

    QString name() const override;
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;

private:
    struct Measurement
    {
        double openMs = 0;
        double searchP50Ms = 0;
        double searchP95Ms = 0;
        double sortMs = 0;
        // After a sync: the list re-read on the GUI thread (reload), and the GUI thread's share
        // of the same re-read done on the reader thread (reloadInBackground: the call, then the
        // reset and the first rows when the answer lands); medians of ReloadRuns.
        double reloadMs = 0;
        double backgroundReloadGuiMs = 0;
        double rssMb = 0;
        bool rssReset = false; // the high-water mark was reset before the model's steps
        double baselineSearchP50Ms = 0;
        double baselineSearchP95Ms = 0;
        qint64 searchMatches = 0; // rows the searches found, all together
    };

    // Writes leadCount leads into db; returns the seconds it took.
    static Crm::Result<double> fill(QSqlDatabase db, int leadCount);
    // SearchCount different prefixes an agent might type, each found in the data.
    static QStringList searchPrefixes(int leadCount);
    static Crm::Result<Measurement> measure(const QString &path,
                                            const QByteArray &key,
                                            const QStringList &prefixes);
    static Crm::Status measureBaseline(QSqlDatabase db,
                                       const QStringList &prefixes,
                                       Measurement *measurement);
};

} // namespace CrmBench
