#pragma once

#include "http/apierror.h"
#include "auth/authuser.h"
#include "auth/userservice.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>
#include <QSqlDatabase>
#include <QVariantList>

#include <functional>
#include <optional>
#include <variant>

namespace Crm {

class ServerDatabase;

// Sign-in: Argon2id passwords, short-lived random access tokens and rotating refresh tokens,
// both stored only as digests. A refresh token works once; presenting a used one revokes the
// whole login (someone copied it), except within a 30 s grace period after its use, when it is
// a client retrying a lost answer: the retry gets a new pair and the first use's pair is
// revoked, so one branch of the login lives on.
//
// Throttling (API.md): five failures for one e-mail from one client address within 15 minutes
// refuse that pair (429 with Retry-After) until the oldest failure is 15 minutes old; twenty
// failures from one address refuse that address whatever the e-mail. A stranger elsewhere
// therefore cannot lock a user out. Password checks (Argon2id, deliberately slow) run on this
// service's own threads, at most half the cores, never on a request thread: a login is begun
// on its request thread (throttle, account), checked on a hashing thread, and finished back on
// the request thread (failure record, tokens, audit), so cheap routes keep answering during a
// flood. A login that finds every hashing thread busy gets 429 at once.
class AuthService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AuthService)

public:
    static constexpr int MaxFailures = 5;             // per (e-mail, address)
    static constexpr int MaxFailuresPerAddress = 20;  // per address, any e-mail
    static constexpr qint64 FailureWindowMs = 15 * 60 * 1000;

    explicit AuthService(ServerDatabase &database);
    ~AuthService();

    // A login between its steps.
    struct LoginAttempt
    {
        QString emailKey;
        std::optional<UserRecord> user;
        QString hash; // the account's, or a dummy one (same time for unknown e-mails)
        QString password;
        QString clientId;
        QString remote;
    };

    // On the request thread: the throttle and the account.
    std::variant<LoginAttempt, ApiError> beginLogin(QSqlDatabase &db,
                                                    const QString &email,
                                                    const QString &password,
                                                    const QString &clientId,
                                                    const QString &remote);
    // Checks the password on a hashing thread, then calls done(attempt, verified) on the thread
    // of `thread`. A 429 (and done is not called) when every hashing thread is busy, and a 503
    // once the server is stopping.
    std::optional<ApiError> checkPassword(LoginAttempt attempt,
                                          QObject *thread,
                                          std::function<void(const LoginAttempt &, bool)> done);
    // On the request thread, after the check: {accessToken, refreshToken, expiresIn, user}
    // or the refusal; a failure is recorded for the throttle.
    std::variant<QJsonObject, ApiError> finishLogin(QSqlDatabase &db,
                                                    const LoginAttempt &attempt,
                                                    bool verified);
    // No new password checks; waits for the running ones (their done calls are queued).
    void stopHashing();
    std::variant<QJsonObject, ApiError> refresh(QSqlDatabase &db,
                                                const QString &refreshToken,
                                                const QString &remote);
    std::optional<ApiError> logout(QSqlDatabase &db, const AuthUser &user, const QString &remote);

    // The user behind a bearer token, when it is valid, unexpired and not revoked.
    std::optional<AuthUser> authenticate(const QSqlDatabase &db, const QString &accessToken) const;

    qint64 accessTtlMs() const { return m_accessTtlMs; }

private:
    std::variant<QJsonObject, ApiError> issueTokens(QSqlDatabase &db,
                                                    const QString &userId,
                                                    const QString &familyId,
                                                    const QString &clientId);

    // The refusal when key (one of the login_failures columns, "email" or "remoteAddress"
    // conditions) has `limit` failures within the window, else nothing.
    std::optional<ApiError> throttled(QSqlDatabase &db,
                                      const QString &condition,
                                      const QVariantList &bindings,
                                      int limit,
                                      qint64 now) const;

    ServerDatabase &m_database;
    QSemaphore m_hashSlots; // free hashing threads
    QThreadPool m_hashing;
    QMutex m_stoppingLock; // no check starts once stopHashing() began
    bool m_stopping = false;
    qint64 m_accessTtlMs;
    qint64 m_refreshTtlMs;
    qint64 m_reuseGraceMs; // CRM_REFRESH_REUSE_GRACE seconds, default 30
};

} // namespace Crm
