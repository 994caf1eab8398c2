#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace CrmTest {

// A notification service for the test: the one already on the session bus, or dunst started
// here (with an Xvfb display of its own when the test has none). Stops what it started.
class NotificationDaemon
{
public:
    ~NotificationDaemon() { stop(); }

    bool start(QString *whyNot);
    void stop();
    bool startedHere() const { return m_dunst != nullptr; }

    // The notices the service has shown, as dunst's history lists them. Displayed notices
    // join the history only once closed, so they are closed first.
    std::optional<QJsonArray> history(QString *whyNot) const;

private:
    bool startXvfb(QString *whyNot);
    static bool stopProcess(QProcess *process);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_xvfb;
    std::unique_ptr<QProcess> m_dunst;
    QString m_display;
};

// Whether a name is owned on the session bus.
bool serviceRegistered(const QString &name);
// One value of a dunst history entry: {"name": {"type": "s", "data": value}}.
QJsonValue field(const QJsonValue &entry, const char *name);

} // namespace CrmTest
