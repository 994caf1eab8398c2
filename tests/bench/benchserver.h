#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace CrmBench {

// What the benchmarks that start crm-server (server-load, availability, reminders) share: the
// child process, adding users, one HTTP request at a time or many over several connections, and
// signing in.
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

// A JSON object as the body of a request.
QByteArray compact(const QJsonObject &object);

// path (and query) on the server at base.
QUrl apiUrl(const QUrl &base, const QString &path, const QUrlQuery &query = {});

// `crm-server user add`, the password on standard input; the new user's id.
Crm::Result<QString> addUser(const QString &program,
                             const QString &dbSpec,
                             const QProcessEnvironment &environment,
                             const QString &email,
                             const QString &role,
                             const QString &password);

// One request of a Connections run.
struct Call
{
    QByteArray method;
    QUrl url;
    QByteArray body;
};

// Several keep-alive connections to one server, one QNetworkAccessManager each (a manager
// opens at most six per host), each with one request in flight at a time.
class Connections final
{
public:
    using Next = std::function<std::optional<Call>()>;
    using Done = std::function<void(const Call &, const Reply &)>;

    Connections(int count, QByteArray authorization)
        : m_authorization(std::move(authorization))
    {
        for (int i = 0; i < count; ++i)
            m_managers.push_back(std::make_unique<QNetworkAccessManager>());
    }

    // Sends what next() gives until it gives nothing or the deadline passes; returns when the
    // last answer is in. done() sees every answer.
    void run(const Next &next, const Done &done, QDeadlineTimer deadline = QDeadlineTimer::Forever)
    {
        QEventLoop loop;
        int inFlight = 0;
        std::function<void(QNetworkAccessManager *)> launch = [&](QNetworkAccessManager *manager) {
            if (deadline.hasExpired())
                return;
            std::optional<Call> call = next();
            if (!call)
                return;
            QNetworkRequest request(call->url);
            request.setTransferTimeout(30000);
            if (!call->body.isEmpty()) {
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArrayLiteral("application/json"));
            }
            request.setRawHeader(QByteArrayLiteral("Authorization"), m_authorization);
            QNetworkReply *reply = manager->sendCustomRequest(request, call->method, call->body);
            ++inFlight;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, manager, sent = *call] {
                Reply answer;
                answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                answer.body = reply->readAll();
                if (answer.status == 0)
                    answer.error = reply->errorString();
                reply->deleteLater();
                --inFlight;
                done(sent, answer);
                launch(manager);
                if (inFlight == 0)
                    loop.quit();
            });
        };
        for (const auto &manager : m_managers)
            launch(manager.get());
        if (inFlight > 0)
            loop.exec();
    }

private:
    QByteArray m_authorization;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
};

// Counts answers by status and keeps the first unexpected one.
struct Tally
{
    QMap<int, qint64> byStatus;
    QString firstUnexpected;

    void add(const Reply &reply, std::initializer_list<int> expected)
    {
        ++byStatus[reply.status];
        if (firstUnexpected.isEmpty() && std::find(expected.begin(), expected.end(), reply.status) == expected.end())
            firstUnexpected = describe(reply);
    }
    qint64 count(int status) const { return byStatus.value(status); }
    qint64 unexpected(std::initializer_list<int> expected) const
    {
        qint64 total = 0;
        for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
            if (std::find(expected.begin(), expected.end(), it.key()) == expected.end())
                total += it.value();
        }
        return total;
    }
    QJsonObject toJson() const
    {
        QJsonObject object;
        for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
            object.insert(QString::number(it.key()), it.value());
        return object;
    }
};

} // namespace CrmBench
