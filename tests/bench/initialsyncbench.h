#pragma once

#include "benchmark.h"

#include <QCoreApplication>

namespace CrmBench {

// initial-sync: how fast does a fresh `crm-sync sync` bring one agent's whole book into a new
// encrypted cache? The server is the crm-server of this build, a child process on a fresh
// embedded (SQLCipher) database that `crm-server demo-data --only-agent` fills with 100,000
// leads and about 300,000 activities, all for ana@demo.agentcrm.test (the fill is timed on its
// own and kept out of the measurement). crm-sync runs as a child process, as a user runs it,
// with --password-stdin and a temporary --data-dir; the time is from its start to its exit. The
// rows are the leads and activities the cache holds afterwards (`crm-sync status --json`).
//
// crm-sync keeps the cache key in the OS keychain. When no keychain answers (no desktop
// session), it runs inside a private D-Bus session with a throwaway, unlocked gnome-keyring,
// as scripts/test does; when the desktop's keychain is used, the entries the run made are
// removed afterwards.
//
// The ceiling, measured in the same run: the same number of leads and activities, from the
// cache-insert benchmark's data set, inserted straight into a new encrypted cache through our
// QSQLCIPHER driver with cache-insert's statements and transaction size.
class InitialSyncBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::InitialSyncBench)

public:
    static constexpr int FullLeadCount = 100000;
    static constexpr double TargetRowsPerSecond = 40000;

    QString name() const override;
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;

private:
    // Inserts leadCount leads and activityCount activities (spread evenly over the leads) into
    // a new encrypted cache at path; returns the seconds the inserts took.
    static Crm::Result<double> runCeiling(const QString &path,
                                          qint64 leadCount,
                                          qint64 activityCount);
};

} // namespace CrmBench
