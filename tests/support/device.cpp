#include "device.h"

#include "store/cachekeyprovider.h"
#include "testsupport.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTimer>

#include <signal.h>

namespace CrmTest {

ProgramRun runCrmSync(const QStringList &args,
                      const QByteArray &input,
                      int timeoutMs,
                      const QProcessEnvironment &extraEnv,
                      const std::function<bool(const QString &)> &killWhen)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    ProgramRun run;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::readyRead, &loop, [&] {
        run.output += QString::fromUtf8(process.readAll());
        if (killWhen && killWhen(run.output) && process.state() == QProcess::Running)
            ::kill(pid_t(process.processId()), SIGKILL);
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(programPath(QStringLiteral("crm-sync")), args);
    process.write(input);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.output += QString::fromUtf8(process.readAll());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -9;
    return run;
}

QStringList Device::args(const QStringList &command) const
{
    return QStringList{QStringLiteral("--server"),
                       server,
                       QStringLiteral("--email"),
                       email,
                       QStringLiteral("--data-dir"),
                       dir.path()}
           + command;
}

ProgramRun Device::sync(bool withPassword)
{
    QStringList command;
    if (withPassword)
        command << QStringLiteral("--password-stdin");
    command << QStringLiteral("sync");
    const ProgramRun run = runCrmSync(args(command),
                                      withPassword ? password.toUtf8() + '\n' : QByteArray());
    if (run.exitCode != 0)
        qWarning().noquote() << "crm-sync for" << email << "ended with" << run.exitCode << ":"
                             << run.output;
    return run;
}

QJsonObject Device::status() const
{
    const ProgramRun run = runCrmSync(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("status"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(run.output.toUtf8()).object();
}

Crm::Result<Crm::LocalDatabase> Device::open() const
{
    const auto key = Crm::CacheKeyProvider().keyFor(server, email);
    if (!key.ok())
        return key.error();
    return Crm::LocalDatabase::open(Crm::LocalDatabase::defaultPath(server, email, dir.path()),
                                    key.value());
}

QStringList Device::column(const QString &sql) const
{
    QStringList values;
    auto db = open();
    if (!db.ok())
        return values;
    QSqlQuery query(db.value().database());
    query.exec(sql);
    while (query.next())
        values << query.value(0).toString();
    return values;
}

QStringList Device::leadIds() const
{
    return column(QStringLiteral("SELECT id FROM leads ORDER BY id"));
}

} // namespace CrmTest
