#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace Crm {

class WriteTransaction;

// A user of the server: agents, admins (later providers and patients).
struct UserRecord
{
    QString id;
    QString email;
    QString name;
    QString role;
    bool active = true;
    int weight = 1;
    QString timeZone = QStringLiteral("UTC");
    QStringList territories;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 1;

    // {id, email, name, role}: what login and /api/me answer.
    QJsonObject toPublicJson() const;
    // Every field but the password hash: the admin's view and the sync directory entry.
    QJsonObject toJson() const;
};

// Users: creation (command line and admin API), changes, lookups. Validation lives here so
// the command line and the API refuse the same things.
class UserService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::UserService)

public:
    struct NewUser
    {
        QString email;
        QString name;
        QString role;
        QString password;
        int weight = 1;
        QString timeZone = QStringLiteral("UTC");
        QStringList territories;
    };

    // Transport-free: "validation_failed" (with the fields), "not_found", "internal"; the
    // controller maps them to HTTP (ApiError::fromError), the command line prints them.
    static Result<UserRecord> create(WriteTransaction &tx, const NewUser &user);
    // Applies the present fields of an admin's PUT body (already type-checked by the caller).
    static Result<UserRecord> update(WriteTransaction &tx,
                                     const QString &id,
                                     const QJsonObject &changes);
    static std::optional<UserRecord> find(const QSqlDatabase &db, const QString &id);
    static std::optional<UserRecord> findByEmail(const QSqlDatabase &db, const QString &email);
    static QList<UserRecord> all(const QSqlDatabase &db);

    static std::optional<QString> passwordHash(const QSqlDatabase &db, const QString &userId);

private:
    static Status logDirectoryChange(WriteTransaction &tx, const UserRecord &user);
};

} // namespace Crm
