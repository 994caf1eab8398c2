#pragma once

#include "domain/result.h"
#include "domain/syncprotocol.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

#include <functional>
#include <memory>

namespace Crm {

// The client side of the HTTP API for the sync engine: sign-in, token refresh, pull and push.
//
// Calls wait for their answer with a local event loop, so the engine reads as a sequence of
// steps; it lives on its own worker thread, never the GUI's. On a 401 the client refreshes the
// access token once and resends the very same request (same body, same mutation ids).
//
// Error codes: "network" (no connection, timeout, cut answer: retry later), "server" (5xx:
// retry later), "signed_out" (the login was revoked or expired: ask the user to sign in again),
// "cursor_expired" (410), "rejected" (another 4xx; the message says why).
class SyncClient final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SyncClient)

public:
    static constexpr int SchemaVersion = SyncProtocol::Version;

    struct Login
    {
        QString accessToken;
        QString refreshToken;
        QString userId;
        QString email;
        QString name;
        QString role;
    };

    explicit SyncClient(QUrl server);

    QUrl server() const { return m_server; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    Result<Login> login(const QString &email, const QString &password, const QString &clientId);
    // Uses the stored refresh token (setRefreshToken) to get a new access token.
    Status refresh();

    void setRefreshToken(const QString &token) { m_refreshToken = token; }
    QString refreshToken() const { return m_refreshToken; }
    void setAccessToken(const QString &token) { m_accessToken = token; }
    QString accessToken() const { return m_accessToken; }
    // Called whenever the refresh token rotates, so the caller can keep it (in the keychain).
    void onRefreshTokenChanged(std::function<void(const QString &)> callback)
    {
        m_refreshTokenChanged = std::move(callback);
    }

    Result<QJsonObject> get(const QString &path);
    // Any API call (PUT, DELETE, ...) with a JSON body (none when empty).
    Result<QJsonObject> request(const QByteArray &method,
                                const QString &path,
                                const QJsonObject &body = {});
    Result<QJsonObject> post(const QString &path, const QJsonObject &body);

    // A GET whose answer is not JSON (an .ics file): the body as it came, with its type.
    struct Download
    {
        QByteArray body;
        QByteArray contentType;
    };
    Result<Download> download(const QString &path);

    // A GET sent ahead: the request goes out at once and its answer is taken later with
    // finish(), so the server prepares the next pull page while this thread applies the
    // current one. Dropping it unfinished aborts the request.
    class PendingGet final
    {
    public:
        ~PendingGet();
        const QString &path() const { return m_path; }

    private:
        friend class SyncClient;
        QNetworkReply *m_reply = nullptr;
        QString m_path;
    };
    std::unique_ptr<PendingGet> startGet(const QString &path);
    Result<QJsonObject> finish(std::unique_ptr<PendingGet> pending);

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QString networkError;
    };
    QNetworkReply *start(const QByteArray &method,
                         const QString &path,
                         const QByteArray &body,
                         bool authorized);
    Reply wait(QNetworkReply *reply);
    // On a 401, refreshes the access token once and sends the very same request again.
    Result<Reply> retriedOnExpiry(Reply reply,
                                  const QByteArray &method,
                                  const QString &path,
                                  const QByteArray &body);
    Result<QJsonObject> answer(Reply reply,
                               const QByteArray &method,
                               const QString &path,
                               const QByteArray &body);
    Reply send(const QByteArray &method,
               const QString &path,
               const QByteArray &body,
               bool authorized);
    Result<QJsonObject> call(const QByteArray &method, const QString &path, const QByteArray &body);
    static Error errorFrom(const Reply &reply);

    QUrl m_server;
    QNetworkAccessManager m_network;
    QString m_accessToken;
    QString m_refreshToken;
    std::function<void(const QString &)> m_refreshTokenChanged;
    int m_timeoutMs = 30000;
};

} // namespace Crm
