#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

namespace CrmBench {

// What the benchmarks that start crm-server (server-load, availability) share: the child
// process, one HTTP request at a time, and signing in.
class BenchServer final
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::BenchServer)
};

// Logs message as a warning and returns it as an error with code.
Crm::Error failure(const QString &code, const QString &message);

QByteArray readFile(const QString &path);
// The last 3,000 characters of a file, for error messages.
QString tail(const QString &path);

// On Linux a child gets SIGTERM when crm-bench dies, however it dies.
void endWithParent(QProcess &process);

// A server the benchmark starts (crm-server, nginx). It is stopped, SIGTERM and then SIGKILL,
// when the object goes, whichever way run() returns. Its output goes to a log file, so the
// benchmark never has to drain a pipe while load runs.
class ChildProcess final
{
    Q_DISABLE_COPY_MOVE(ChildProcess)

public:
    ChildProcess() = default;
    ~ChildProcess() { stop(); }

    // An empty environment: crm-bench's own.
    bool start(const QString &program,
               const QStringList &arguments,
               const QString &logPath,
               const QProcessEnvironment &environment = {});
    void stop();

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    // True when the process ends within ms.
    bool waitForExit(int ms) { return m_process.waitForFinished(ms); }
    QString exitDescription() const;
    QString errorString() const { return m_process.errorString(); }
    QString logPath() const { return m_logPath; }
    QString logTail() const { return tail(m_logPath); }

private:
    QProcess m_process;
    QString m_logPath;
};

// Waits until crm-server, started with --listen 127.0.0.1:0 and its output in logPath, says
// where it listens.
Crm::Result<QUrl> waitForServer(const ChildProcess &server, const QString &logPath);

struct Reply
{
    int status = 0;
    QByteArray body;
    QString error;
};

// One request, answered before it returns (a nested event loop).
Reply fetch(QNetworkAccessManager &network,
            const QByteArray &method,
            const QUrl &url,
            const QByteArray &body = {},
            const QByteArray &authorization = {});

// "HTTP 409 {...}" or the network error, for messages.
QString describe(const Reply &reply);

// POST /api/auth/login; the Authorization header's value ("Bearer ...").
Crm::Result<QByteArray> login(QNetworkAccessManager &network,
                              const QUrl &base,
                              const QString &email,
                              const QString &password);

} // namespace CrmBench
