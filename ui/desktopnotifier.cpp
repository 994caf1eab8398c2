#include "desktopnotifier.h"

#include "uilogging.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#include <QDateTime>
#include <QIcon>
#include <QStyle>
#include <QSystemTrayIcon>

namespace Crm {

namespace {

const QString DefaultService = QStringLiteral("org.freedesktop.Notifications");
const QString ObjectPath = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : DesktopNotifier(DefaultService, parent)
{}

DesktopNotifier::DesktopNotifier(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::setService(const QString &service)
{
    m_service = service;
    m_bodyMarkup.reset();
}

bool DesktopNotifier::serviceAvailable() const
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    // Registered, not merely activatable: a service started on demand by the bus (dunst's
    // .service file, say) may fail to start without a display, and the notice would be lost.
    const QDBusReply<bool> registered = bus.interface()->isServiceRegistered(m_service);
    return registered.isValid() && registered.value();
}

// The specification lets a service interpret markup in the body; one that does would drop
// "<" and mangle "&" in a lead's message, so the body is escaped for it, and only for it.
bool DesktopNotifier::bodyMarkupSupported()
{
    if (!m_bodyMarkup) {
        const QDBusMessage call = QDBusMessage::createMethodCall(m_service,
                                                                 ObjectPath,
                                                                 Interface,
                                                                 QStringLiteral("GetCapabilities"));
        // Asked once per service; a service that hangs costs the GUI one second, once.
        const QDBusReply<QStringList> reply = QDBusConnection::sessionBus().call(call,
                                                                                 QDBus::Block,
                                                                                 1000);
        m_bodyMarkup = reply.isValid() && reply.value().contains(QLatin1String("body-markup"));
    }
    return *m_bodyMarkup;
}

DesktopNotifier::Route DesktopNotifier::notify(const QString &title, const QString &body)
{
    if (serviceAvailable()) {
        notifyOverDBus(title, body);
        m_lastRoute = Route::DBus;
    } else {
        m_lastRoute = showFallback(title, body);
    }
    return m_lastRoute;
}

void DesktopNotifier::notifyOverDBus(const QString &title, const QString &body)
{
    QDBusMessage message = QDBusMessage::createMethodCall(m_service,
                                                          ObjectPath,
                                                          Interface,
                                                          QStringLiteral("Notify"));
    QVariantMap hints;
    // Lets the desktop group the notices under the app's launcher entry and icon.
    if (!QGuiApplication::desktopFileName().isEmpty())
        hints.insert(QStringLiteral("desktop-entry"), QGuiApplication::desktopFileName());
    message << QStringLiteral("Agent CRM") // app_name: the product's name, not translated
            << uint(0)                     // replaces_id: a new notification
            << QString()                   // app_icon
            << title << (bodyMarkupSupported() ? body.toHtmlEscaped() : body) << QStringList()
            << hints << int(ExpireTimeoutMs);
    // Not a blocking call: a stuck notification service must not freeze the window.
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message),
                                                this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, title, body] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (!reply.isError())
            return;
        qCWarning(lcUi) << "The notification service refused a notification:"
                        << reply.error().name() << reply.error().message();
        m_lastRoute = showFallback(title, body);
    });
}

DesktopNotifier::Route DesktopNotifier::showFallback(const QString &title, const QString &body)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            QIcon icon = QApplication::windowIcon();
            if (icon.isNull())
                icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
            m_tray = new QSystemTrayIcon(icon, this);
            m_tray->setToolTip(tr("Agent CRM"));
            m_tray->show();
        }
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, ExpireTimeoutMs);
        return Route::Tray;
    }
    // Titles and bodies name leads (patients): they stay out of the log.
    qCInfo(lcUi) << "A notice could not be shown on the desktop (no notification service"
                 << m_service << "and no system tray); it is in the notification center";
    return Route::Log;
}

int DesktopNotifier::raisePending(NotificationStore store)
{
    const std::optional<QList<NotificationStore::Raised>> taken = store.takeUnraised(
        QDateTime::currentMSecsSinceEpoch());
    if (!taken)
        return 0; // raised next time rather than twice (the store logged why)
    const QList<NotificationStore::Raised> &notices = *taken;

    const int direct = int(qMin<qsizetype>(notices.size(), MaxPerRaise));
    for (int i = 0; i < direct; ++i)
        notify(notices.at(i).title, notices.at(i).body);
    const int rest = int(notices.size()) - direct;
    if (rest > 0) {
        notify(tr("%n more notification(s)", nullptr, rest),
               tr("Open the notification center in Agent CRM to see them."));
    }
    return direct + (rest > 0 ? 1 : 0);
}

} // namespace Crm
