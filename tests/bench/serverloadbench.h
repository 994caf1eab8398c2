#pragma once

#include "benchmark.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrl>

namespace CrmBench {

// server-load: how many requests a second does crm-server answer, and how fast, under 64
// concurrent keep-alive connections? The server is the one of this build, started as a child
// process the way a user starts it (`crm-server demo-data`, then `serve` on 127.0.0.1:0 with
// the embedded SQLCipher backend and a fresh database), and wrk drives it from its own process:
//
//   GET /api/agent/leads?limit=50   as the demo agent ana@demo.agentcrm.test
//   POST /api/leads                 the public contact form, a new person (e-mail and phone)
//                                   each request, so no post is merged into an earlier lead
//
// The ceiling, measured in the same run with the same wrk settings, is nginx (a child process
// with a generated configuration) serving each endpoint's real response body as a static file
// at the same path. For the contact form nginx gets the same POSTs (the static module answers
// them 200 with the file through `error_page 405 =200 $uri`), so both sides parse the same
// requests. Targets are reported, not asserted. Should crm-server die when wrk drops its
// connections at the end of a run, the line says "server_crashed" and the server is started
// again on the same database.
class ServerLoadBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::ServerLoadBench)

public:
    static constexpr int DefaultDurationSeconds = 20;
    static constexpr int Connections = 64;
    static constexpr int Threads = 2;
    static constexpr double TargetListRequestsPerSecond = 3000;
    static constexpr double TargetContactFormRequestsPerSecond = 1000;
    static constexpr double TargetP99Ms = 50;

    QString name() const override;
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;

private:
    // What one wrk run measured.
    struct Load
    {
        qint64 requests = 0;
        double seconds = 0;
        double requestsPerSecond = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        // HTTP statuses >= 400 and socket errors (connect, read, write, timeout).
        qint64 errors = 0;
        QJsonObject errorKinds; // the non-zero counts by kind, e.g. {"timeout": 2}
    };

    struct Endpoint
    {
        QString name;             // for the report, e.g. "GET /api/agent/leads"
        QString path;             // with the query
        QString script;           // the wrk Lua script
        QByteArray authorization; // the header's value, or empty
        double targetRequestsPerSecond = 0;
    };

    static Crm::Result<Load> runWrk(const QString &wrk,
                                    const Endpoint &endpoint,
                                    const QUrl &base,
                                    int seconds);
};

} // namespace CrmBench
