#include "benchserver.h"

#include "benchlogging.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QThread>

#include <csignal>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace CrmBench {

Crm::Error failure(const QString &code, const QString &message)
{
    qCWarning(lcBench).noquote() << message;
    return Crm::Error{code, message};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString tail(const QString &path)
{
    const QByteArray text = readFile(path).trimmed();
    return QString::fromUtf8(text.right(3000));
}

void endWithParent(QProcess &process)
{
#ifdef Q_OS_LINUX
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#else
    Q_UNUSED(process);
#endif
}

bool ChildProcess::start(const QString &program,
                         const QStringList &arguments,
                         const QString &logPath,
                         const QProcessEnvironment &environment)
{
    m_logPath = logPath;
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    if (!environment.isEmpty())
        m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(logPath);
    endWithParent(m_process);
    m_process.start();
    return m_process.waitForStarted(10000);
}

void ChildProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString ChildProcess::exitDescription() const
{
    if (m_process.exitStatus() == QProcess::CrashExit)
        return BenchServer::tr("killed by signal %1").arg(m_process.exitCode());
    return BenchServer::tr("exit code %1").arg(m_process.exitCode());
}

Crm::Result<QUrl> waitForServer(const ChildProcess &server, const QString &logPath)
{
    static const QRegularExpression listening(
        QStringLiteral("listening on (http://[0-9.]+:[0-9]+)"));
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(readFile(logPath)));
        if (match.hasMatch())
            return QUrl(match.captured(1));
        if (!server.isRunning())
            break;
        QThread::msleep(50);
    }
    return failure(QStringLiteral("server_failed"),
                   BenchServer::tr("crm-server did not start: %1").arg(server.logTail()));
}

Reply fetch(QNetworkAccessManager &network,
            const QByteArray &method,
            const QUrl &url,
            const QByteArray &body,
            const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(30000);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    const std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, method, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.error = reply->errorString();
    return result;
}

QString describe(const Reply &reply)
{
    if (reply.status == 0)
        return reply.error;
    return QStringLiteral("HTTP %1 %2")
        .arg(reply.status)
        .arg(QString::fromUtf8(reply.body.left(500)));
}

Crm::Result<QByteArray> login(QNetworkAccessManager &network,
                              const QUrl &base,
                              const QString &email,
                              const QString &password)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    const Reply reply = fetch(network,
                              "POST",
                              base.resolved(QUrl(QStringLiteral("/api/auth/login"))),
                              body);
    const QString token = QJsonDocument::fromJson(reply.body)
                              .object()
                              .value(QLatin1String("accessToken"))
                              .toString();
    if (reply.status != 200 || token.isEmpty()) {
        return failure(QStringLiteral("login_failed"),
                       BenchServer::tr("Cannot log in as %1: %2").arg(email, describe(reply)));
    }
    return QByteArray("Bearer " + token.toLatin1());
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QUrl apiUrl(const QUrl &base, const QString &path, const QUrlQuery &query)
{
    QUrl url = base.resolved(QUrl(path));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

Crm::Result<QString> addUser(const QString &program,
                             const QString &dbSpec,
                             const QProcessEnvironment &environment,
                             const QString &email,
                             const QString &role,
                             const QString &password)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    endWithParent(process);
    process.start(program,
                  {QStringLiteral("user"),
                   QStringLiteral("add"),
                   QStringLiteral("--db"),
                   dbSpec,
                   QStringLiteral("--email"),
                   email,
                   QStringLiteral("--name"),
                   email.section(QLatin1Char('@'), 0, 0),
                   QStringLiteral("--role"),
                   role});
    if (process.waitForStarted(10000)) {
        process.write(password.toUtf8() + '\n');
        process.closeWriteChannel();
    }
    const bool finished = process.waitForFinished(60000);
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(5000);
        return failure(QStringLiteral("server_failed"),
                       BenchServer::tr("crm-server user add %1 failed: %2 %3")
                           .arg(email, process.errorString(), output));
    }
    // "Added agent name <email> (id)"
    const qsizetype open = output.lastIndexOf(QLatin1Char('('));
    const qsizetype close = output.lastIndexOf(QLatin1Char(')'));
    if (open < 0 || close <= open) {
        return failure(QStringLiteral("server_failed"),
                       BenchServer::tr("crm-server user add %1 said: %2").arg(email, output));
    }
    return output.mid(open + 1, close - open - 1);
}

} // namespace CrmBench
