#pragma once

#include "store/notificationstore.h"

#include <QObject>
#include <QString>

#include <optional>

class QSystemTrayIcon;

namespace Crm {

// Shows notices on the desktop, outside the app's window: through the desktop's notification
// service (org.freedesktop.Notifications on the session bus) when there is one, else as a
// system tray balloon, else not at all (logged). raisePending() takes the notices from the
// cache, each exactly once, even across restarts.
//
// Wiring: call raisePending(NotificationStore(cache)) when SyncRunner::notificationsChanged fires.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    enum class Route {
        None, // nothing shown yet
        DBus, // handed to the notification service
        Tray, // a QSystemTrayIcon balloon
        Log,  // no way to show it: logged (without its text, which may name a patient)
    };
    Q_ENUM(Route)

    static constexpr int ExpireTimeoutMs = 8000;
    // Beyond this many new notices in one go, one "N more notifications" notice says the rest.
    static constexpr int MaxPerRaise = 5;

    explicit DesktopNotifier(QObject *parent = nullptr);
    // service: the D-Bus name of the notification service, org.freedesktop.Notifications unless
    // a test points it elsewhere.
    explicit DesktopNotifier(const QString &service, QObject *parent = nullptr);
    ~DesktopNotifier() override;

    QString service() const { return m_service; }
    void setService(const QString &service);

    // Shows one notice; returns (and remembers) the route it took. Does not wait for the
    // notification service: should it refuse, the notice goes to the fallback and lastRoute()
    // changes accordingly.
    Route notify(const QString &title, const QString &body);
    Route lastRoute() const { return m_lastRoute; }

    // Shows the unread notices of the notifications table that were never shown (shownAt IS
    // NULL), oldest first, at most MaxPerRaise and then one summary for the rest, and sets
    // their shownAt. Notices already read in the app are only marked. Returns how many desktop
    // notifications it raised (the summary counts as one).
    int raisePending(NotificationStore store);

private:
    bool serviceAvailable() const;
    bool bodyMarkupSupported();
    void notifyOverDBus(const QString &title, const QString &body);
    Route showFallback(const QString &title, const QString &body);

    QString m_service;
    Route m_lastRoute = Route::None;
    std::optional<bool> m_bodyMarkup; // the service's capability, asked once
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Crm
