#include "livehub.h"

#include "authservice.h"
#include "serverdatabase.h"
#include "serverlogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtConcurrent>

namespace Crm {

LiveHub::LiveHub(ServerDatabase &database, AuthService &auth, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_auth(auth)
{}

LiveHub::~LiveHub()
{
    for (const Client &client : std::as_const(m_clients)) {
        client.socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        delete client.socket;
    }
}

void LiveHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    if (socket->requestUrl().path() != QLatin1String("/api/sync/live")) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("not_found"));
        socket->deleteLater();
        return;
    }
    m_clients.append({socket, {}, false});
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        const QString token = QJsonDocument::fromJson(text.toUtf8())
                                  .object()
                                  .value(QStringLiteral("accessToken"))
                                  .toString();
        if (!token.isEmpty())
            authenticate(socket, token);
    });
    const QString token = QUrlQuery(socket->requestUrl())
                              .queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded);
    if (!token.isEmpty())
        authenticate(socket, token);
    QTimer::singleShot(10000, socket, [this, socket] {
        for (const Client &client : std::as_const(m_clients)) {
            if (client.socket == socket && !client.authenticated) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("unauthorized"));
                return;
            }
        }
    });
}

void LiveHub::authenticate(QWebSocket *socket, const QString &token)
{
    // The token lookup is a database read: off the socket thread.
    QPointer<QWebSocket> guard(socket);
    QtConcurrent::run([this, token] {
        Result<QSqlDatabase> db = m_database.connection();
        return db.ok() ? m_auth.authenticate(db.value(), token) : std::optional<AuthUser>();
    }).then(this, [this, guard](std::optional<AuthUser> user) {
        if (!guard)
            return;
        if (!user) {
            guard->close(QWebSocketProtocol::CloseCodePolicyViolated,
                         QStringLiteral("unauthorized"));
            return;
        }
        for (Client &client : m_clients) {
            if (client.socket == guard) {
                client.user = *user;
                client.authenticated = true;
            }
        }
        guard->sendTextMessage(QStringLiteral("{\"type\":\"ready\"}"));
        qCInfo(lcServer) << "Live channel open for" << user->email;
    });
}

void LiveHub::announce(qint64 head, const QSet<QString> &audiences)
{
    QMetaObject::invokeMethod(
        this, [this, head, audiences] { deliver(head, audiences); }, Qt::QueuedConnection);
}

void LiveHub::deliver(qint64 head, const QSet<QString> &audiences)
{
    const QString message = QStringLiteral("{\"type\":\"changes\",\"cursor\":%1}").arg(head);
    const bool forEveryone = audiences.contains(QStringLiteral("*"));
    for (const Client &client : std::as_const(m_clients)) {
        if (!client.authenticated)
            continue;
        // Admins see (nearly) everything; a hint that turns out empty costs one small pull.
        const bool inScope = forEveryone || client.user.isAdmin()
                             || audiences.contains(client.user.id);
        if (inScope)
            client.socket->sendTextMessage(message);
    }
}

void LiveHub::drop(QWebSocket *socket)
{
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        if (m_clients.at(i).socket == socket) {
            m_clients.removeAt(i);
            break;
        }
    }
    socket->deleteLater();
}

} // namespace Crm
