#include "serverloadbench.h"

#include "benchlogging.h"
#include "benchserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <csignal>
#include <memory>

#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace CrmBench {

namespace {

// The demo data's accounts (server/cli/demodata.h).
const auto AgentEmail = QLatin1String("ana@demo.agentcrm.test");
const auto AgentPassword = QLatin1String("demo-agent-2026");
const auto AdminEmail = QLatin1String("admin@demo.agentcrm.test");
const auto AdminPassword = QLatin1String("demo-admin-2026");

const auto ListPath = QLatin1String("/api/agent/leads?limit=50");
const auto ContactFormPath = QLatin1String("/api/leads");

// wrk calls done() once at the end with every thread's statistics; it prints them as JSON so the
// benchmark does not have to parse wrk's human-readable units. Latencies are in microseconds.
// wrk counts a response as a status error when its status is 400 or above.
const char DoneScript[] = R"lua(
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'crm-bench-result {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,' ..
        '"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        e.connect, e.read, e.write, e.timeout, e.status))
end
)lua";

// Every request is the contact form of a new person. Thread t of T sends persons t, t + T,
// t + 2T, ...; a person's number n gives a unique e-mail address and a unique, valid US phone
// number (+1 AAA EEE LLLL: 10,000 lines per exchange, 20 area codes, exchanges 200 to 554), so
// the server never merges two posts into one lead (it does when the e-mail or the phone of an
// open lead comes again). The demo data's phones are all in exchange 555, so they never match.
const char ContactFormScript[] = R"lua(
local threads = @THREADS@
local areas = { "212", "213", "312", "415", "617", "646", "718", "202", "305", "404",
                "503", "602", "702", "206", "303", "512", "713", "214", "615", "919" }
local firsts = { "Maria", "James", "Aisha", "Wei", "Lucia", "Omar", "Grace", "Diego" }
local lasts = { "Garcia", "Smith", "Nguyen", "Okafor", "Rossi", "Khan", "Novak", "Silva",
                "Cohen", "Kim" }
local states = { "CA", "TX", "FL", "NY", "NV", "GA", "AZ", "NJ" }
local headers = { ["Content-Type"] = "application/json" }
local next_thread = 0
local sent = 0

function setup(thread)
    thread:set("thread_index", next_thread)
    next_thread = next_thread + 1
end

function request()
    local n = sent * threads + thread_index
    sent = sent + 1
    local block = math.floor(n / 10000)
    local body = string.format(
        '{"firstName":"%s","lastName":"%s","email":"load%d@bench.agentcrm.test",' ..
        '"phone":"+1 %s %03d %04d","message":"Please call me about a plan.",' ..
        '"state":"%s","smsOptIn":false}',
        firsts[n % #firsts + 1], lasts[math.floor(n / #firsts) % #lasts + 1], n,
        areas[block % #areas + 1], 200 + math.floor(block / #areas) % 355, n % 10000,
        states[n % #states + 1])
    return wrk.format("POST", nil, headers, body)
end
)lua";

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

Crm::Status writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.flush()) {
        return failure(QStringLiteral("io_failed"),
                       ServerLoadBench::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

// A port nobody listens on now, for nginx (which cannot be told to pick one).
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// How many leads the server has, as an admin sees them.
qint64 leadTotal(QNetworkAccessManager &network, const QUrl &base, const QByteArray &admin)
{
    const Reply reply = fetch(network,
                              "GET",
                              base.resolved(QUrl(QStringLiteral("/api/agent/leads?limit=1"))),
                              {},
                              admin);
    if (reply.status != 200)
        return -1;
    return QJsonDocument::fromJson(reply.body).object().value(QLatin1String("total")).toInteger(-1);
}

QByteArray nginxConfig(const QString &directory, quint16 port)
{
    QString config;
    // As root, nginx runs its workers as "nobody", who cannot read the private temporary folder.
    if (::geteuid() == 0)
        config += QStringLiteral("user root;\n");
    config += QStringLiteral(R"(worker_processes 2;
pid "%1/nginx.pid";
error_log "%1/error.log" warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path "%1/temp/client_body";
    proxy_temp_path "%1/temp/proxy";
    fastcgi_temp_path "%1/temp/fastcgi";
    uwsgi_temp_path "%1/temp/uwsgi";
    scgi_temp_path "%1/temp/scgi";
    default_type application/json;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:%2;
        root "%1/www";
        location / {
            # The static module refuses POST with 405; answer it with the file, as for a GET.
            error_page 405 =200 $uri;
        }
    }
}
)")
                  .arg(directory)
                  .arg(port);
    return config.toUtf8();
}

// Starts nginx on a free port and waits until it serves probePath with probeBody.
Crm::Result<QUrl> startNginx(ChildProcess &nginx,
                             const QString &program,
                             const QString &directory,
                             QNetworkAccessManager &network,
                             const QString &probePath,
                             const QByteArray &probeBody)
{
    const QString configPath = QDir(directory).filePath(QStringLiteral("nginx.conf"));
    const QString errorLog = QDir(directory).filePath(QStringLiteral("error.log"));
    QDir(directory).mkpath(QStringLiteral("temp"));
    QString lastError;
    // Another program may take the free port before nginx does; then try another.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = freePort();
        if (port == 0)
            break;
        if (const Crm::Status written = writeFile(configPath, nginxConfig(directory, port));
            !written.ok()) {
            return written.error();
        }
        if (!nginx.start(program,
                         {QStringLiteral("-p"),
                          directory + QLatin1Char('/'),
                          QStringLiteral("-e"),
                          errorLog,
                          QStringLiteral("-c"),
                          configPath,
                          QStringLiteral("-g"),
                          QStringLiteral("daemon off;")},
                         QDir(directory).filePath(QStringLiteral("nginx.out")))) {
            return failure(QStringLiteral("nginx_failed"),
                           ServerLoadBench::tr("Cannot start %1: %2")
                               .arg(program, nginx.errorString()));
        }
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(port);
        const QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && nginx.isRunning()) {
            const Reply reply = fetch(network, "GET", base.resolved(QUrl(probePath)));
            if (reply.status == 200 && reply.body == probeBody)
                return base;
            if (reply.status != 0) {
                return failure(QStringLiteral("nginx_failed"),
                               ServerLoadBench::tr("nginx answered %1 with %2")
                                   .arg(probePath, describe(reply)));
            }
            QThread::msleep(50);
        }
        lastError = tail(errorLog) + QLatin1Char('\n') + nginx.logTail();
        nginx.stop();
        if (!lastError.contains(QLatin1String("Address already in use")))
            break;
    }
    return failure(QStringLiteral("nginx_failed"),
                   ServerLoadBench::tr("nginx did not start: %1").arg(lastError.trimmed()));
}

} // namespace

QString ServerLoadBench::name() const
{
    return QStringLiteral("server-load");
}

QString ServerLoadBench::description() const
{
    return tr("crm-server under wrk (64 connections) vs nginx serving the same bodies");
}

Crm::Result<BenchmarkReport> ServerLoadBench::run(const Options &options)
{
    const int seconds = options.durationSeconds > 0 ? options.durationSeconds
                                                    : DefaultDurationSeconds;
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    QString nginxProgram = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (nginxProgram.isEmpty()) {
        nginxProgram = QStandardPaths::findExecutable(QStringLiteral("nginx"),
                                                      {QStringLiteral("/usr/sbin"),
                                                       QStringLiteral("/usr/local/sbin")});
    }
    if (wrk.isEmpty() || nginxProgram.isEmpty()) {
        return failure(QStringLiteral("missing_tool"),
                       tr("server-load needs wrk and nginx; scripts/install-deps installs them."));
    }
    const QString serverProgram = QStringLiteral(CRM_SERVER_PROGRAM);

    // Declared first, so it outlives the processes that use it.
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }
    const QDir directory(temporary.path());
    const QString dbSpec = QStringLiteral("sqlite:")
                           + directory.filePath(QStringLiteral("server.db"));

    // A fresh database with the demo agents and a few hundred leads.
    {
        QProcess demoData;
        demoData.setProcessChannelMode(QProcess::MergedChannels);
        demoData.setStandardInputFile(QProcess::nullDevice());
        endWithParent(demoData);
        demoData.start(serverProgram, {QStringLiteral("demo-data"), QStringLiteral("--db"), dbSpec});
        const bool finished = demoData.waitForStarted(10000) && demoData.waitForFinished(600000);
        if (!finished || demoData.exitStatus() != QProcess::NormalExit || demoData.exitCode() != 0) {
            const QString output = QString::fromLocal8Bit(demoData.readAll()).trimmed();
            demoData.kill();
            demoData.waitForFinished(5000);
            return failure(QStringLiteral("server_failed"),
                           tr("crm-server demo-data failed: %1 %2")
                               .arg(demoData.errorString(), output));
        }
    }

    ChildProcess server;
    int serverStarts = 0;
    // Starts crm-server on the database; again after a crash, with a new log.
    const auto startServer = [&]() -> Crm::Result<QUrl> {
        ++serverStarts;
        const QString log = directory.filePath(QStringLiteral("server-%1.log").arg(serverStarts));
        if (!server.start(serverProgram,
                          {QStringLiteral("serve"),
                           QStringLiteral("--db"),
                           dbSpec,
                           QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--contact-form-rate"),
                           QStringLiteral("100000000")},
                          log)) {
            return failure(QStringLiteral("server_failed"),
                           tr("Cannot start %1: %2").arg(serverProgram, server.errorString()));
        }
        return waitForServer(server, log);
    };
    const Crm::Result<QUrl> started = startServer();
    if (!started.ok())
        return started.error();
    QUrl serverBase = started.value();

    QNetworkAccessManager network;
    const Crm::Result<QByteArray> agent = login(network, serverBase, AgentEmail, AgentPassword);
    if (!agent.ok())
        return agent.error();
    const Crm::Result<QByteArray> admin = login(network, serverBase, AdminEmail, AdminPassword);
    if (!admin.ok())
        return admin.error();

    // One response of each endpoint, for nginx to serve. The sample person's phone (area code
    // 907) is outside the wrk script's numbers.
    const Reply list = fetch(network, "GET", serverBase.resolved(QUrl(ListPath)), {}, agent.value());
    if (list.status != 200) {
        return failure(QStringLiteral("server_failed"),
                       tr("GET %1 failed: %2").arg(ListPath, describe(list)));
    }
    const QByteArray sampleForm = R"({"firstName":"Sam","lastName":"Sample",)"
                                  R"("email":"sample@bench.agentcrm.test",)"
                                  R"("phone":"+1 907 555 0100",)"
                                  R"("message":"Please call me about a plan.",)"
                                  R"("state":"CA","smsOptIn":false})";
    const Reply form = fetch(network,
                             "POST",
                             serverBase.resolved(QUrl(ContactFormPath)),
                             sampleForm);
    if (form.status != 202) {
        return failure(QStringLiteral("server_failed"),
                       tr("POST %1 failed: %2").arg(ContactFormPath, describe(form)));
    }

    const QString nginxDirectory = directory.filePath(QStringLiteral("nginx"));
    const QString listFile = nginxDirectory + QStringLiteral("/www/api/agent/leads");
    const QString formFile = nginxDirectory + QStringLiteral("/www/api/leads");
    if (const Crm::Status written = writeFile(listFile, list.body); !written.ok())
        return written.error();
    if (const Crm::Status written = writeFile(formFile, form.body); !written.ok())
        return written.error();
    ChildProcess nginx;
    const Crm::Result<QUrl> nginxBase
        = startNginx(nginx, nginxProgram, nginxDirectory, network, ListPath, list.body);
    if (!nginxBase.ok())
        return nginxBase.error();

    Endpoint listEndpoint;
    listEndpoint.name = QStringLiteral("GET /api/agent/leads");
    listEndpoint.path = ListPath;
    listEndpoint.script = directory.filePath(QStringLiteral("list.lua"));
    listEndpoint.authorization = agent.value();
    listEndpoint.targetRequestsPerSecond = TargetListRequestsPerSecond;
    Endpoint formEndpoint;
    formEndpoint.name = QStringLiteral("POST /api/leads");
    formEndpoint.path = ContactFormPath;
    formEndpoint.script = directory.filePath(QStringLiteral("contact-form.lua"));
    formEndpoint.targetRequestsPerSecond = TargetContactFormRequestsPerSecond;
    if (const Crm::Status written = writeFile(listEndpoint.script, QByteArray(DoneScript));
        !written.ok()) {
        return written.error();
    }
    const QByteArray formScript = QByteArray(ContactFormScript)
                                      .replace("@THREADS@", QByteArray::number(Threads))
                                  + DoneScript;
    if (const Crm::Status written = writeFile(formEndpoint.script, formScript); !written.ok())
        return written.error();

    BenchmarkReport report(name());
    report.addSummaryLine(tr("server-load: crm-server (SQLCipher, demo data) against nginx "
                             "serving the same bodies; wrk -t%1 -c%2 -d%3s")
                              .arg(Threads)
                              .arg(Connections)
                              .arg(seconds));
    // The list runs first: the contact form adds leads, and some of them go to the agent.
    const Endpoint *endpoints[] = {&listEndpoint, &formEndpoint};
    bool firstLine = true;
    for (const Endpoint *endpoint : endpoints) {
        const bool isForm = endpoint == &formEndpoint;
        const qint64 leadsBefore = leadTotal(network, serverBase, admin.value());
        if (!server.isRunning()) {
            return failure(QStringLiteral("server_failed"),
                           tr("crm-server stopped: %1").arg(server.logTail()));
        }
        const Crm::Result<Load> ours = runWrk(wrk, *endpoint, serverBase, seconds);
        if (!ours.ok())
            return ours.error();
        // When wrk stops, it closes its connections with requests in flight. crm-server should
        // drop those answers; if it dies instead, say so, and start it again on the same
        // database (the numbers of this run are complete by then).
        const bool crashed = server.waitForExit(2000);
        if (crashed) {
            qCWarning(lcBench).noquote()
                << tr("crm-server died (%1) when wrk closed its connections after %2; "
                      "starting it again.")
                       .arg(server.exitDescription(), endpoint->name);
            const Crm::Result<QUrl> restarted = startServer();
            if (!restarted.ok())
                return restarted.error();
            serverBase = restarted.value();
        }
        const qint64 leadsAfter = leadTotal(network, serverBase, admin.value());
        const Crm::Result<Load> ceiling = runWrk(wrk, *endpoint, nginxBase.value(), seconds);
        if (!ceiling.ok())
            return ceiling.error();

        const Load &our = ours.value();
        const double ratio = our.requestsPerSecond / ceiling.value().requestsPerSecond;
        if (!firstLine)
            report.newLine();
        firstLine = false;
        report.addValue(QStringLiteral("endpoint"), endpoint->name);
        report.addValue(QStringLiteral("requests_per_s"), rounded(our.requestsPerSecond, 1));
        report.addValue(QStringLiteral("p50_ms"), rounded(our.p50Ms, 3));
        report.addValue(QStringLiteral("p99_ms"), rounded(our.p99Ms, 3));
        report.addValue(QStringLiteral("errors"), our.errors);
        report.addValue(QStringLiteral("ceiling_requests_per_s"),
                        rounded(ceiling.value().requestsPerSecond, 1));
        report.addValue(QStringLiteral("ratio"), rounded(ratio, 4));
        report.addValue(QStringLiteral("requests"), our.requests);
        report.addValue(QStringLiteral("duration_s"), rounded(our.seconds, 3));
        report.addValue(QStringLiteral("body_bytes"), isForm ? form.body.size() : list.body.size());
        report.addValue(QStringLiteral("ceiling_p99_ms"), rounded(ceiling.value().p99Ms, 3));
        report.addValue(QStringLiteral("ceiling_errors"), ceiling.value().errors);
        report.addValue(QStringLiteral("server_crashed"), crashed);
        // wrk's kinds: connect, read, write, timeout (no answer in 2 s), status (400 and up).
        if (our.errors > 0)
            report.addValue(QStringLiteral("error_kinds"), our.errorKinds);
        // Each post should be a new lead; fewer means the server merged some.
        if (isForm && leadsBefore >= 0 && leadsAfter >= 0)
            report.addValue(QStringLiteral("new_leads"), leadsAfter - leadsBefore);

        const auto verdict = [](bool met) { return met ? tr("met") : tr("missed"); };
        report.addSummaryLine(
            tr("  %1  %2 req/s  p50 %3 ms  p99 %4 ms  errors %5%6")
                .arg(endpoint->name, -22)
                .arg(our.requestsPerSecond, 8, 'f', 0)
                .arg(our.p50Ms, 0, 'f', 2)
                .arg(our.p99Ms, 0, 'f', 2)
                .arg(our.errors)
                .arg(our.errors > 0
                         ? QLatin1Char(' ')
                               + QString::fromUtf8(
                                   QJsonDocument(our.errorKinds).toJson(QJsonDocument::Compact))
                         : QString()));
        report.addSummaryLine(tr("  %1  %2 req/s  p50 %3 ms  p99 %4 ms  errors %5  (ratio %6)")
                                  .arg(tr("  nginx ceiling"), -22)
                                  .arg(ceiling.value().requestsPerSecond, 8, 'f', 0)
                                  .arg(ceiling.value().p50Ms, 0, 'f', 2)
                                  .arg(ceiling.value().p99Ms, 0, 'f', 2)
                                  .arg(ceiling.value().errors)
                                  .arg(ratio, 0, 'f', 3));
        report.addSummaryLine(
            tr("  %1  targets: >= %2 req/s %3, p99 < %4 ms %5, no errors %6")
                .arg(QString(), -22)
                .arg(endpoint->targetRequestsPerSecond)
                .arg(verdict(our.requestsPerSecond >= endpoint->targetRequestsPerSecond))
                .arg(TargetP99Ms)
                .arg(verdict(our.p99Ms < TargetP99Ms))
                .arg(verdict(our.errors == 0)));
        if (crashed) {
            report.addSummaryLine(
                tr("  %1  crm-server crashed when wrk disconnected").arg(QString(), -22));
        }
        if (isForm && leadsBefore >= 0 && leadsAfter >= 0) {
            report.addSummaryLine(tr("  %1  %2 posts made %3 new leads")
                                      .arg(QString(), -22)
                                      .arg(our.requests)
                                      .arg(leadsAfter - leadsBefore));
        }
    }
    return report;
}

Crm::Result<ServerLoadBench::Load> ServerLoadBench::runWrk(const QString &wrk,
                                                           const Endpoint &endpoint,
                                                           const QUrl &base,
                                                           int seconds)
{
    QStringList arguments{QStringLiteral("-t%1").arg(Threads),
                          QStringLiteral("-c%1").arg(Connections),
                          QStringLiteral("-d%1s").arg(seconds),
                          QStringLiteral("--latency"),
                          QStringLiteral("-s"),
                          endpoint.script};
    if (!endpoint.authorization.isEmpty()) {
        arguments << QStringLiteral("-H")
                  << QStringLiteral("Authorization: ")
                         + QString::fromLatin1(endpoint.authorization);
    }
    arguments << base.resolved(QUrl(endpoint.path)).toString();

    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    endWithParent(process);
    process.start(wrk, arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished((seconds + 60) * 1000)) {
        process.kill();
        process.waitForFinished(5000);
        return failure(QStringLiteral("wrk_failed"),
                       tr("wrk did not run: %1").arg(process.errorString()));
    }
    const QByteArray output = process.readAllStandardOutput();
    const QByteArray errors = process.readAllStandardError();
    static const QByteArray marker = "crm-bench-result ";
    const qsizetype at = output.lastIndexOf(marker);
    const QJsonObject result
        = at < 0
              ? QJsonObject()
              : QJsonDocument::fromJson(output.mid(at + marker.size()).split('\n').first()).object();
    const qint64 requests = result.value(QLatin1String("requests")).toInteger(-1);
    const double durationUs = result.value(QLatin1String("duration_us")).toDouble();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || requests < 0
        || durationUs <= 0) {
        return failure(QStringLiteral("wrk_failed"),
                       tr("wrk %1 failed (exit code %2): %3 %4")
                           .arg(arguments.join(QLatin1Char(' ')))
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(errors).trimmed(),
                                QString::fromLocal8Bit(output).trimmed()));
    }
    Load load;
    load.requests = requests;
    load.seconds = durationUs / 1e6;
    load.requestsPerSecond = double(requests) / load.seconds;
    load.p50Ms = result.value(QLatin1String("p50_us")).toDouble() / 1000.0;
    load.p99Ms = result.value(QLatin1String("p99_us")).toDouble() / 1000.0;
    for (const char *kind : {"connect", "read", "write", "timeout", "status"}) {
        const qint64 count = result.value(QLatin1String(kind)).toInteger();
        load.errors += count;
        if (count > 0)
            load.errorKinds.insert(QLatin1String(kind), count);
    }
    return load;
}

} // namespace CrmBench
