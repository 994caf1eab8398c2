#pragma once

#include <QObject>
#include <QSocketNotifier>

namespace Crm {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe), so shutdown runs as
// ordinary event-loop code instead of inside a signal handler.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Crm
