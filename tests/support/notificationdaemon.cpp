#include "notificationdaemon.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

namespace CrmTest {

namespace {

const QString NotificationService = QStringLiteral("org.freedesktop.Notifications");

} // namespace

bool serviceRegistered(const QString &name)
{
    const QDBusReply<bool> reply = QDBusConnection::sessionBus().interface()->isServiceRegistered(
        name);
    return reply.isValid() && reply.value();
}

bool NotificationDaemon::start(QString *whyNot)
{
    if (serviceRegistered(NotificationService))
        return true; // the desktop's own, or one a parallel test started: use it
    const QString dunst = QStandardPaths::findExecutable(QStringLiteral("dunst"));
    if (dunst.isEmpty() || QStandardPaths::findExecutable(QStringLiteral("dunstctl")).isEmpty()
        || QStandardPaths::findExecutable(QStringLiteral("dbus-send")).isEmpty()) {
        *whyNot = QStringLiteral(
            "dunst, dunstctl or dbus-send is missing: run scripts/install-deps");
        return false;
    }
    m_display = qEnvironmentVariable("DISPLAY");
    if (m_display.isEmpty() && !startXvfb(whyNot))
        return false;

    // A configuration of its own: the user's dunstrc (rules, limits) must not change the
    // answers. Markup on, as in the dunstrc Debian ships: the body then has to be escaped.
    const QString config = m_dir.filePath(QStringLiteral("dunstrc"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write("[global]\n    markup = full\n") < 0) {
        *whyNot = QStringLiteral("cannot write %1").arg(config);
        return false;
    }
    file.close();
    m_dunst = std::make_unique<QProcess>();
    m_dunst->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), m_display); // the daemon's display, not the test's
    m_dunst->setProcessEnvironment(env);
    m_dunst->start(dunst, {QStringLiteral("-config"), config});
    if (!m_dunst->waitForStarted(5000)) {
        *whyNot = QStringLiteral("dunst did not start: %1").arg(m_dunst->errorString());
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (!serviceRegistered(NotificationService)) {
        if (m_dunst->state() != QProcess::Running || waited.elapsed() > 5000) {
            *whyNot = QStringLiteral("dunst did not take %1 on the session bus: %2")
                          .arg(NotificationService, QString::fromLocal8Bit(m_dunst->readAll()));
            return false;
        }
        QTest::qWait(50);
    }
    return true;
}

// Any free display from :90 on: a developer's own X server and the CI's stay untouched.
bool NotificationDaemon::startXvfb(QString *whyNot)
{
    const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
    if (xvfb.isEmpty()) {
        *whyNot = QStringLiteral("Xvfb is missing (package xvfb): run scripts/install-deps");
        return false;
    }
    QString output;
    for (int number = 90; number <= 99; ++number) {
        const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(number);
        if (QFile::exists(socket) || QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(number)))
            continue;
        m_xvfb = std::make_unique<QProcess>();
        m_xvfb->setProcessChannelMode(QProcess::MergedChannels);
        m_xvfb->start(xvfb,
                      {QStringLiteral(":%1").arg(number),
                       QStringLiteral("-nolisten"),
                       QStringLiteral("tcp"),
                       QStringLiteral("-screen"),
                       QStringLiteral("0"),
                       QStringLiteral("1024x768x24")});
        if (!m_xvfb->waitForStarted(5000)) {
            *whyNot = QStringLiteral("Xvfb did not start: %1").arg(m_xvfb->errorString());
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (m_xvfb->state() == QProcess::Running && !QFile::exists(socket)
               && waited.elapsed() < 5000)
            QTest::qWait(50);
        if (m_xvfb->state() == QProcess::Running && QFile::exists(socket)) {
            m_display = QStringLiteral(":%1").arg(number);
            return true;
        }
        // Taken by someone else in the meantime, most likely: the next number.
        stopProcess(m_xvfb.get());
        output = QString::fromLocal8Bit(m_xvfb->readAll());
        m_xvfb.reset();
    }
    *whyNot = QStringLiteral("no Xvfb display could be started on :90 to :99: %1").arg(output);
    return false;
}

bool NotificationDaemon::stopProcess(QProcess *process)
{
    if (!process || process->state() == QProcess::NotRunning)
        return true;
    process->terminate();
    if (process->waitForFinished(5000))
        return true;
    process->kill();
    return process->waitForFinished(5000);
}

void NotificationDaemon::stop()
{
    // dunst first: it would complain about its display going away.
    stopProcess(m_dunst.get());
    m_dunst.reset();
    stopProcess(m_xvfb.get());
    m_xvfb.reset();
}

std::optional<QJsonArray> NotificationDaemon::history(QString *whyNot) const
{
    auto dunstctl = [whyNot](const QString &command) -> std::optional<QByteArray> {
        QProcess process;
        process.start(QStringLiteral("dunstctl"), {command});
        if (!process.waitForFinished(5000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            *whyNot = QStringLiteral("dunstctl %1 failed: %2")
                          .arg(command, QString::fromLocal8Bit(process.readAllStandardError()));
            return std::nullopt;
        }
        return process.readAllStandardOutput();
    };
    if (!dunstctl(QStringLiteral("close-all")))
        return std::nullopt;
    const std::optional<QByteArray> output = dunstctl(QStringLiteral("history"));
    if (!output)
        return std::nullopt;
    // {"type": "aa{sv}", "data": [[{"summary": {"type": "s", "data": "..."}, ...}, ...]]}
    const QJsonArray outer
        = QJsonDocument::fromJson(*output).object().value(QStringLiteral("data")).toArray();
    return outer.isEmpty() ? QJsonArray() : outer.first().toArray();
}

// One value of a dunst history entry: {"name": {"type": "s", "data": value}}.
QJsonValue field(const QJsonValue &entry, const char *name)
{
    return entry.toObject().value(QLatin1String(name)).toObject().value(QStringLiteral("data"));
}

} // namespace CrmTest
