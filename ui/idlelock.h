#pragma once

#include <QObject>
#include <QTimer>

namespace Crm {

// Watches for keyboard and mouse activity anywhere in the app and says when there has been
// none for the configured time (HIPAA automatic logoff: the window then hides its data).
class IdleLock final : public QObject
{
    Q_OBJECT

public:
    explicit IdleLock(QObject *parent = nullptr);

    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timer.interval(); }

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
};

} // namespace Crm
