#pragma once

#include "apierror.h"
#include "authuser.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QVariantList>

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
// therefore cannot lock a user out. Password hashing (Argon2id, deliberately slow) runs on at
// most a few threads at once; a login that finds them all busy gets 429 at once instead of
// holding a request thread, so cheap routes keep answering during a flood.
class AuthService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AuthService)

public:
    static constexpr int MaxFailures = 5;             // per (e-mail, address)
    static constexpr int MaxFailuresPerAddress = 20;  // per address, any e-mail
    static constexpr qint64 FailureWindowMs = 15 * 60 * 1000;

    explicit AuthService(ServerDatabase &database);

    // {accessToken, refreshToken, expiresIn, user}
    std::variant<QJsonObject, ApiError> login(QSqlDatabase &db,
                                              const QString &email,
                                              const QString &password,
                                              const QString &clientId,
                                              const QString &remote);
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
    QSemaphore m_hashSlots; // concurrent password hashes
    qint64 m_accessTtlMs;
    qint64 m_refreshTtlMs;
    qint64 m_reuseGraceMs; // CRM_REFRESH_REUSE_GRACE seconds, default 30
};

} // namespace Crm
