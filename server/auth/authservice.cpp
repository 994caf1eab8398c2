#include "authservice.h"

#include "domain/emailvalidator.h"
#include "storage/serverdatabase.h"
#include "serverlogging.h"
#include "store/passwordhasher.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace Crm {

namespace {

// Verifying against a real hash even for unknown e-mails keeps the answer time the same, so
// timing does not tell which addresses have accounts.
const QString &dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("not-a-real-password"));
    return hash;
}

qint64 ttlFromEnvironment(const char *name, qint64 fallbackMs)
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue(name, &ok);
    return ok && seconds > 0 ? qint64(seconds) * 1000 : fallbackMs;
}

// A digest of the normalised e-mail: enough to count failures per address, and what was typed
// (sometimes a password, in the wrong field) is never stored.
QString emailKey(const QString &normalizedEmail)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(normalizedEmail.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

AuthService::AuthService(ServerDatabase &database)
    : m_database(database)
    , m_hashSlots(qMax(1, QThread::idealThreadCount() / 2))
    , m_accessTtlMs(ttlFromEnvironment("CRM_ACCESS_TOKEN_TTL", 15 * 60 * 1000))
    , m_refreshTtlMs(ttlFromEnvironment("CRM_REFRESH_TOKEN_TTL", qint64(30) * 24 * 3600 * 1000))
    , m_reuseGraceMs(qEnvironmentVariableIsSet("CRM_REFRESH_REUSE_GRACE")
                         ? qint64(qEnvironmentVariableIntValue("CRM_REFRESH_REUSE_GRACE")) * 1000
                         : 30 * 1000)
{
    m_hashing.setMaxThreadCount(m_hashSlots.available());
    m_hashing.setObjectName(QStringLiteral("password-hashing"));
}

AuthService::~AuthService()
{
    stopHashing();
}

std::variant<AuthService::LoginAttempt, ApiError> AuthService::beginLogin(
    QSqlDatabase &db,
    const QString &emailInput,
    const QString &password,
    const QString &clientId,
    const QString &remote)
{
    const QString email = EmailValidator::normalized(emailInput);
    const QString key = emailKey(email);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    if (auto refusal = throttled(db, QStringLiteral("remoteAddress = ?"), {remote},
                                 MaxFailuresPerAddress, now))
        return *refusal;
    if (auto refusal = throttled(db, QStringLiteral("email = ? AND remoteAddress = ?"),
                                 {key, remote}, MaxFailures, now))
        return *refusal;

    LoginAttempt attempt;
    attempt.emailKey = key;
    attempt.user = UserService::findByEmail(db, email);
    const std::optional<QString> hash = attempt.user
                                            ? UserService::passwordHash(db, attempt.user->id)
                                            : std::nullopt;
    attempt.hash = hash ? *hash : dummyHash();
    attempt.password = password;
    attempt.clientId = clientId;
    attempt.remote = remote;
    return attempt;
}

std::optional<ApiError> AuthService::checkPassword(
    LoginAttempt attempt,
    QObject *thread,
    std::function<void(const LoginAttempt &, bool)> done)
{
    const QMutexLocker locker(&m_stoppingLock);
    if (m_stopping)
        return ApiError::unavailable(tr("The server is stopping; try again in a moment."));
    // Argon2id is the expensive part: one hashing thread per slot, and no queue.
    if (!m_hashSlots.tryAcquire()) {
        ApiError busy = ApiError::rateLimited(1);
        busy.message = tr("The server is busy checking other sign-ins; try again in a second.");
        return busy;
    }
    m_hashing.start([this, attempt = std::move(attempt), thread, done = std::move(done)] {
        const bool verified = PasswordHasher::verify(attempt.hash, attempt.password);
        // Free before the answer can go out: a client's next login must find the slot free.
        // (The pool may hold the next check for the moment this thread takes to finish.)
        m_hashSlots.release();
        // `thread` outlives this: stopHashing() waits for us before the workers stop.
        QMetaObject::invokeMethod(
            thread, [attempt, verified, done] { done(attempt, verified); }, Qt::QueuedConnection);
    });
    return std::nullopt;
}

void AuthService::stopHashing()
{
    {
        const QMutexLocker locker(&m_stoppingLock);
        m_stopping = true;
    }
    m_hashing.waitForDone();
}

std::variant<QJsonObject, ApiError> AuthService::finishLogin(QSqlDatabase &db,
                                                             const LoginAttempt &attempt,
                                                             bool verified)
{
    // The account as it is now: it may have been deactivated during the check.
    const std::optional<UserRecord> user = verified && attempt.user
                                               ? UserService::find(db, attempt.user->id)
                                               : attempt.user;
    const QString &key = attempt.emailKey;
    const QString &remote = attempt.remote;
    const QString &clientId = attempt.clientId;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool valid = verified && user && user->active;

    WriteTransaction tx(m_database, db);
    const Status begun = tx.begin();
    if (!begun.ok())
        return ApiError::fromError(begun.error());
    if (!valid) {
        QSqlQuery record(db);
        record.prepare(QStringLiteral("INSERT INTO login_failures (id, email, remoteAddress, at)"
                                      " VALUES (?, ?, ?, ?)"));
        record.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        record.addBindValue(key);
        record.addBindValue(remote);
        record.addBindValue(now);
        if (!record.exec())
            return ApiError::internal(record.lastError().text());
        // Whose account it was, by id; never the e-mail as typed.
        tx.audit({now,
                  user ? user->id : QString(),
                  QStringLiteral("auth.login_failed"),
                  QStringLiteral("user"),
                  user ? user->id : QString(),
                  remote,
                  user ? QString() : QStringLiteral("unknown account")});
        const Status committed = tx.commit();
        if (!committed.ok())
            return ApiError::fromError(committed.error());
        ApiError error = ApiError::unauthorized(tr("Wrong e-mail or password."));
        error.code = QStringLiteral("invalid_credentials");
        return error;
    }

    QSqlQuery clear(db);
    clear.prepare(QStringLiteral(
        "DELETE FROM login_failures WHERE (email = ? AND remoteAddress = ?) OR at < ?"));
    clear.addBindValue(key);
    clear.addBindValue(remote);
    clear.addBindValue(now - FailureWindowMs);
    if (!clear.exec())
        return ApiError::internal(clear.lastError().text());

    auto tokens = issueTokens(db,
                              user->id,
                              QUuid::createUuid().toString(QUuid::WithoutBraces),
                              clientId);
    if (std::holds_alternative<ApiError>(tokens))
        return tokens;
    tx.audit({now,
              user->id,
              QStringLiteral("auth.login"),
              QStringLiteral("user"),
              user->id,
              remote,
              clientId});
    const Status committed = tx.commit();
    if (!committed.ok())
        return ApiError::fromError(committed.error());
    QJsonObject answer = std::get<QJsonObject>(tokens);
    answer.insert(QStringLiteral("user"), user->toPublicJson());
    return answer;
}

std::optional<ApiError> AuthService::throttled(QSqlDatabase &db,
                                               const QString &condition,
                                               const QVariantList &bindings,
                                               int limit,
                                               qint64 now) const
{
    QSqlQuery failures(db);
    failures.prepare(QStringLiteral("SELECT count(*), MIN(at) FROM login_failures WHERE ")
                     + condition + QStringLiteral(" AND at > ?"));
    for (const QVariant &value : bindings)
        failures.addBindValue(value);
    failures.addBindValue(now - FailureWindowMs);
    if (!failures.exec() || !failures.next())
        return ApiError::internal(failures.lastError().text());
    if (failures.value(0).toInt() < limit)
        return std::nullopt;
    const qint64 oldest = failures.value(1).toLongLong();
    return ApiError::rateLimited(
        int(qMax<qint64>(1, (oldest + FailureWindowMs - now + 999) / 1000)));
}

std::variant<QJsonObject, ApiError> AuthService::issueTokens(QSqlDatabase &db,
                                                             const QString &userId,
                                                             const QString &familyId,
                                                             const QString &clientId)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString access = PasswordHasher::randomToken();
    const QString refresh = PasswordHasher::randomToken();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO auth_tokens (tokenHash, kind, userId, familyId, clientId, expiresAt,"
        " createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    const struct
    {
        const QString &token;
        const char *kind;
        qint64 ttl;
    } rows[] = {{access, "access", m_accessTtlMs}, {refresh, "refresh", m_refreshTtlMs}};
    for (const auto &row : rows) {
        insert.addBindValue(PasswordHasher::tokenDigest(row.token));
        insert.addBindValue(QLatin1String(row.kind));
        insert.addBindValue(userId);
        insert.addBindValue(familyId);
        insert.addBindValue(clientId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                               : QVariant(clientId));
        insert.addBindValue(now + row.ttl);
        insert.addBindValue(now);
        if (!insert.exec())
            return ApiError::internal(insert.lastError().text());
    }
    return QJsonObject{{QStringLiteral("accessToken"), access},
                       {QStringLiteral("refreshToken"), refresh},
                       {QStringLiteral("expiresIn"), m_accessTtlMs / 1000}};
}

std::variant<QJsonObject, ApiError> AuthService::refresh(QSqlDatabase &db,
                                                         const QString &refreshToken,
                                                         const QString &remote)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    WriteTransaction tx(m_database, db);
    const Status begun = tx.begin();
    if (!begun.ok())
        return ApiError::fromError(begun.error());

    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT t.userId, t.familyId, t.clientId, t.expiresAt, t.usedAt, t.revokedAt, u.active"
        " FROM auth_tokens t JOIN users u ON u.id = t.userId"
        " WHERE t.tokenHash = ? AND t.kind = 'refresh'"));
    query.addBindValue(PasswordHasher::tokenDigest(refreshToken));
    if (!query.exec())
        return ApiError::internal(query.lastError().text());
    const ApiError invalid = [] {
        ApiError error = ApiError::unauthorized(
            tr("The sign-in has expired or was revoked. Sign in again."));
        error.code = QStringLiteral("invalid_refresh_token");
        return error;
    }();
    if (!query.next())
        return invalid;
    const QString userId = query.value(0).toString();
    const QString familyId = query.value(1).toString();
    const QString clientId = query.value(2).toString();
    const bool expired = query.value(3).toLongLong() <= now;
    const bool used = !query.value(4).isNull();
    const qint64 usedAt = query.value(4).toLongLong();
    const bool revoked = !query.value(5).isNull();
    const bool active = query.value(6).toLongLong() != 0;
    query.finish();

    // A client whose refresh answer was lost on the way (a dropped connection) retries with
    // the token it still has. Within a short grace period that is not theft: answer with a
    // fresh pair instead of ending the login, and end the pair the first use issued. Later
    // reuse is treated as theft.
    const bool graceRetry = used && !revoked && !expired && active
                            && now - usedAt <= m_reuseGraceMs;
    if (used && !revoked && !graceRetry) {
        // Reuse of a rotated token: whoever holds the family may be an attacker. End it.
        QSqlQuery revoke(db);
        revoke.prepare(QStringLiteral(
            "UPDATE auth_tokens SET revokedAt = ? WHERE familyId = ? AND revokedAt IS NULL"));
        revoke.addBindValue(now);
        revoke.addBindValue(familyId);
        if (!revoke.exec())
            return ApiError::internal(revoke.lastError().text());
        tx.audit({now,
                  userId,
                  QStringLiteral("auth.refresh_reused"),
                  QStringLiteral("user"),
                  userId,
                  remote,
                  familyId});
        const Status committed = tx.commit();
        if (!committed.ok())
            return ApiError::fromError(committed.error());
        qCWarning(lcServer) << "A used refresh token was presented again; login" << familyId
                            << "revoked";
        return invalid;
    }
    if ((used && !graceRetry) || revoked || expired || !active)
        return invalid;

    if (graceRetry) {
        // The retry gets a new pair and whatever the first use issued stops working: only one
        // branch of the login lives on, so a thief racing the client does not keep a session.
        QSqlQuery revokeBranch(db);
        revokeBranch.prepare(
            QStringLiteral("UPDATE auth_tokens SET revokedAt = ? WHERE familyId = ?"
                           " AND createdAt >= ? AND revokedAt IS NULL"));
        revokeBranch.addBindValue(now);
        revokeBranch.addBindValue(familyId);
        revokeBranch.addBindValue(usedAt);
        if (!revokeBranch.exec())
            return ApiError::internal(revokeBranch.lastError().text());
    }

    QSqlQuery markUsed(db);
    markUsed.prepare(
        QStringLiteral("UPDATE auth_tokens SET usedAt = COALESCE(usedAt, ?) WHERE tokenHash = ?"));
    markUsed.addBindValue(now);
    markUsed.addBindValue(PasswordHasher::tokenDigest(refreshToken));
    if (!markUsed.exec())
        return ApiError::internal(markUsed.lastError().text());
    auto tokens = issueTokens(db, userId, familyId, clientId);
    if (std::holds_alternative<ApiError>(tokens))
        return tokens;
    const std::optional<UserRecord> user = UserService::find(db, userId);
    if (!user)
        return invalid;
    tx.audit({now,
              userId,
              QStringLiteral("auth.refresh"),
              QStringLiteral("user"),
              userId,
              remote,
              QString()});
    const Status committed = tx.commit();
    if (!committed.ok())
        return ApiError::fromError(committed.error());
    QJsonObject answer = std::get<QJsonObject>(tokens);
    answer.insert(QStringLiteral("user"), user->toPublicJson());
    return answer;
}

std::optional<ApiError> AuthService::logout(QSqlDatabase &db,
                                            const AuthUser &user,
                                            const QString &remote)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    WriteTransaction tx(m_database, db);
    const Status begun = tx.begin();
    if (!begun.ok())
        return ApiError::fromError(begun.error());
    QSqlQuery revoke(db);
    revoke.prepare(QStringLiteral(
        "UPDATE auth_tokens SET revokedAt = ? WHERE familyId = ? AND revokedAt IS NULL"));
    revoke.addBindValue(now);
    revoke.addBindValue(user.tokenFamily);
    if (!revoke.exec())
        return ApiError::internal(revoke.lastError().text());
    tx.audit({now,
              user.id,
              QStringLiteral("auth.logout"),
              QStringLiteral("user"),
              user.id,
              remote,
              QString()});
    const Status committed = tx.commit();
    if (!committed.ok())
        return ApiError::fromError(committed.error());
    return std::nullopt;
}

std::optional<AuthUser> AuthService::authenticate(const QSqlDatabase &db,
                                                  const QString &accessToken) const
{
    if (accessToken.isEmpty() || accessToken.size() > 200)
        return std::nullopt;
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT u.id, u.email, u.name, u.role, t.familyId FROM auth_tokens t"
                       " JOIN users u ON u.id = t.userId"
                       " WHERE t.tokenHash = ? AND t.kind = 'access' AND t.revokedAt IS NULL"
                       " AND t.expiresAt > ? AND u.active = 1"));
    query.addBindValue(PasswordHasher::tokenDigest(accessToken));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcServer) << "Token lookup failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return AuthUser{query.value(0).toString(),
                    query.value(1).toString(),
                    query.value(2).toString(),
                    query.value(3).toString(),
                    query.value(4).toString()};
}

} // namespace Crm
