#pragma once

#include "authuser.h"

#include <QObject>
#include <QSet>

#include <memory>

class QWebSocket;

namespace Crm {

class AuthService;
class ServerDatabase;

// GET /api/sync/live: the WebSocket that tells each signed-in client "your scope changed, the
// log is now at N" ({"type": "changes", "cursor": N}), so it pulls at once instead of polling.
// The token comes as ?access_token= or as the first message ({"accessToken": "..."}); a socket
// that has not authenticated within 10 s is closed.
class LiveHub final : public QObject
{
    Q_OBJECT

public:
    LiveHub(ServerDatabase &database, AuthService &auth, QObject *parent = nullptr);
    ~LiveHub() override;

    void accept(std::unique_ptr<QWebSocket> socket);
    int clientCount() const { return int(m_clients.size()); }

    // Thread-safe: called from the committing worker thread.
    void announce(qint64 head, const QSet<QString> &audiences);

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        AuthUser user;
        bool authenticated = false;
    };

    void authenticate(QWebSocket *socket, const QString &token);
    void deliver(qint64 head, const QSet<QString> &audiences);
    void drop(QWebSocket *socket);

    ServerDatabase &m_database;
    AuthService &m_auth;
    QList<Client> m_clients;
};

} // namespace Crm
