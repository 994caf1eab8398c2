#include "livehub.h"

#include "auth/authservice.h"
#include "storage/serverdatabase.h"
#include "serverlogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtConcurrent>

namespace Crm {

namespace {

// The logins (token families) among `families` that are still alive, with their user's role
// now: not revoked, an unexpired access token, an active user. Runs off the socket thread.
QHash<QString, QString> liveLogins(ServerDatabase &database, const QStringList &families)
{
    QHash<QString, QString> alive;
    Result<QSqlDatabase> db = database.connection();
    if (!db.ok()) {
        qCWarning(lcServer) << "Live channel check failed:" << db.error().message;
        return alive;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr qsizetype Chunk = 400; // well under SQLite's 999 bound variables
    for (qsizetype start = 0; start < families.size(); start += Chunk) {
        const QStringList chunk = families.mid(start, Chunk);
        QStringList marks;
        for (qsizetype i = 0; i < chunk.size(); ++i)
            marks << QStringLiteral("?");
        QSqlQuery query(db.value());
        query.prepare(QStringLiteral("SELECT DISTINCT t.familyId, u.role FROM auth_tokens t"
                                     " JOIN users u ON u.id = t.userId"
                                     " WHERE t.kind = 'access' AND t.revokedAt IS NULL"
                                     " AND t.expiresAt > ? AND u.active = 1 AND t.familyId IN (")
                      + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
        query.addBindValue(now);
        for (const QString &family : chunk)
            query.addBindValue(family);
        if (!query.exec()) {
            qCWarning(lcServer) << "Live channel check failed:" << query.lastError().text();
            return {}; // when in doubt, keep every socket (treated as "not checked" below)
        }
        while (query.next())
            alive.insert(query.value(0).toString(), query.value(1).toString());
    }
    alive.insert(QString(), QString()); // marks a completed check
    return alive;
}

} // namespace

LiveHub::LiveHub(ServerDatabase &database, AuthService &auth, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_auth(auth)
    , m_revalidateTimer(new QTimer(this))
{
    m_revalidateTimer->setInterval(RevalidateIntervalMs);
    connect(m_revalidateTimer, &QTimer::timeout, this, &LiveHub::revalidate);
    m_revalidateTimer->start();
}

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
        qCInfo(lcServer) << "Live channel open for user" << user->id;
    });
}

void LiveHub::announce(qint64 head, const QSet<QString> &audiences)
{
    QMetaObject::invokeMethod(
        this,
        [this, head, audiences] {
            m_pendingHead = qMax(m_pendingHead, head);
            m_pendingAudiences.unite(audiences);
            // The commit may have been the change that ends a login or changes a role: check
            // before the hint goes out, so it reaches only whom it may.
            revalidate();
        },
        Qt::QueuedConnection);
}

void LiveHub::revalidateSoon()
{
    QMetaObject::invokeMethod(this, &LiveHub::revalidate, Qt::QueuedConnection);
}

void LiveHub::revalidate()
{
    if (m_checking) {
        m_checkAgain = true;
        return;
    }
    QStringList families;
    for (const Client &client : std::as_const(m_clients)) {
        if (client.authenticated && !families.contains(client.user.tokenFamily))
            families << client.user.tokenFamily;
    }
    if (families.isEmpty()) {
        deliverPending();
        return;
    }
    m_checking = true;
    QtConcurrent::run([&database = m_database, families] { return liveLogins(database, families); })
        .then(this, [this](const QHash<QString, QString> &alive) {
            m_checking = false;
            if (alive.contains(QString())) { // a completed check
                for (Client &client : m_clients) {
                    if (!client.authenticated)
                        continue;
                    const auto it = alive.constFind(client.user.tokenFamily);
                    if (it == alive.cend()) {
                        qCInfo(lcServer) << "Live channel of user" << client.user.id
                                         << "closed: the login ended";
                        client.authenticated = false;
                        client.socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                             QStringLiteral("login_ended"));
                    } else if (client.user.role != it.value()) {
                        qCInfo(lcServer) << "Live channel of user" << client.user.id
                                         << "re-scoped to role" << it.value();
                        client.user.role = it.value();
                    }
                }
            }
            deliverPending();
            if (m_checkAgain) {
                m_checkAgain = false;
                revalidate();
            }
        });
}

void LiveHub::deliverPending()
{
    if (m_pendingHead < 0)
        return;
    const QString message = QStringLiteral("{\"type\":\"changes\",\"cursor\":%1}")
                                .arg(m_pendingHead);
    const bool forEveryone = m_pendingAudiences.contains(QStringLiteral("*"));
    for (const Client &client : std::as_const(m_clients)) {
        if (!client.authenticated)
            continue;
        // Admins see (nearly) everything; a hint that turns out empty costs one small pull.
        const bool inScope = forEveryone || client.user.isAdmin()
                             || m_pendingAudiences.contains(client.user.id);
        if (inScope)
            client.socket->sendTextMessage(message);
    }
    m_pendingHead = -1;
    m_pendingAudiences.clear();
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
