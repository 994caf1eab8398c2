#pragma once

#include "auth/authuser.h"

#include <QObject>
#include <QSet>

#include <memory>

class QTimer;
class QWebSocket;

namespace Crm {

class AuthService;
class ServerDatabase;

// GET /api/sync/live: the WebSocket that tells each signed-in client "your scope changed, the
// log is now at N" ({"type": "changes", "cursor": N}), so it pulls at once instead of polling.
// The token comes as ?access_token= or as the first message ({"accessToken": "..."}); a socket
// that has not authenticated within 10 s is closed.
//
// A socket lives as long as its login: before hints go out, and every few seconds, the hub
// checks each socket's login (token family) against the database. A socket whose login ended
// (logout, revocation, deactivation, no unexpired access token left) is closed; one whose
// user's role changed is re-scoped, so a demoted admin stops hearing of everything.
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
    // Thread-safe: checks every socket's login soon (e.g. after a logout).
    void revalidateSoon();

    static constexpr int RevalidateIntervalMs = 5000;

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        AuthUser user;
        bool authenticated = false;
    };

    void authenticate(QWebSocket *socket, const QString &token);
    void revalidate();
    void deliverPending();
    void drop(QWebSocket *socket);

    ServerDatabase &m_database;
    AuthService &m_auth;
    QList<Client> m_clients;
    QTimer *m_revalidateTimer = nullptr;
    bool m_checking = false;
    bool m_checkAgain = false;
    qint64 m_pendingHead = -1; // hints waiting for the check that runs before they go out
    QSet<QString> m_pendingAudiences;
};

} // namespace Crm
