#pragma once

#include "benchdataset.h"
#include "benchmark.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace CrmBench {

// cache-insert: how much slower is writing leads and activities into our encrypted cache
// (QSQLCIPHER through QSqlQuery, newest schema with the FTS triggers) than writing the same rows
// with the system's plain SQLite C API? The baseline runs in crm-bench-sqlite-baseline, a
// separate process, with the schema dumped from a fresh cache, the same pragmas, statements,
// rows and transaction size. Only the inserts are timed.
class CacheInsertBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::CacheInsertBench)

public:
    static constexpr int FullLeadCount = 100000;
    static constexpr double TargetRatio = 1.5;

    QString name() const override;
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;

private:
    struct Timing
    {
        double seconds = 0;
        QString engine; // what wrote the rows, for the summary
    };

    // Inserts the data set into a new encrypted cache at path; schemaSql receives the cache's
    // schema for the baseline.
    static Crm::Result<Timing> runOurs(const QString &path,
                                       const BenchDataset &dataset,
                                       QString *schemaSql);
    static Crm::Result<Timing> insertRows(QSqlDatabase db, const BenchDataset &dataset);
    static Crm::Result<Timing> runBaseline(const QString &directory,
                                           const QString &schemaSql,
                                           const BenchDataset &dataset);
    // The CREATE statements of a database, in creation order, runnable as one script on an
    // empty database (FTS shadow tables left to their virtual table).
    static Crm::Result<QString> schemaScript(const QSqlDatabase &db);
    static Crm::Status checkConnection(const QSqlDatabase &db);
    static Crm::Status checkCounts(const QSqlDatabase &db, const BenchDataset &dataset);
};

} // namespace CrmBench
