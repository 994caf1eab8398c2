#include "userservice.h"

#include "domain/emailvalidator.h"
#include "domain/userlimits.h"
#include "domain/usstates.h"
#include "domain/validationerrors.h"
#include "domain/wiretime.h"
#include "store/passwordhasher.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace Crm {

namespace {

constexpr int MinPasswordLength = 8;

const QString SelectColumns = QStringLiteral(
    "SELECT id, email, name, role, active, weight, timeZone, territories, createdAt, updatedAt,"
    " version FROM users");

UserRecord readUser(const QSqlQuery &query)
{
    UserRecord user;
    user.id = query.value(0).toString();
    user.email = query.value(1).toString();
    user.name = query.value(2).toString();
    user.role = query.value(3).toString();
    user.active = query.value(4).toLongLong() != 0;
    user.weight = query.value(5).toInt();
    user.timeZone = query.value(6).toString();
    user.territories = query.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    user.createdAt = query.value(8).toLongLong();
    user.updatedAt = query.value(9).toLongLong();
    user.version = query.value(10).toLongLong();
    return user;
}

QStringList normalizedTerritories(const QStringList &territories)
{
    QStringList result;
    for (const QString &territory : territories) {
        const QString code = territory.trimmed().toUpper();
        if (!code.isEmpty() && !result.contains(code))
            result << code;
    }
    result.sort();
    return result;
}

// Never a null QString: the PostgreSQL driver would bind it as NULL into a NOT NULL column.
QString territoryColumn(const QStringList &territories)
{
    const QString joined = territories.join(QLatin1Char(','));
    return joined.isNull() ? QStringLiteral("") : joined;
}

void validateCommon(ValidationErrors &errors,
                    const std::optional<QString> &name,
                    const std::optional<QString> &role,
                    const std::optional<qint64> &weight,
                    const std::optional<QString> &timeZone,
                    const std::optional<QStringList> &territories)
{
    if (name && (name->trimmed().isEmpty() || name->size() > UserLimits::MaxNameLength))
        errors.add(QStringLiteral("name"), UserService::tr("Enter a name of 1 to 255 characters."));
    if (role && *role != QLatin1String("agent") && *role != QLatin1String("admin"))
        errors.add(QStringLiteral("role"), UserService::tr("The role must be agent or admin."));
    if (weight && (*weight < UserLimits::MinWeight || *weight > UserLimits::MaxWeight))
        errors.add(QStringLiteral("weight"), UserService::tr("The weight must be 0 to 100."));
    if (timeZone && !QTimeZone(timeZone->toUtf8()).isValid())
        errors.add(QStringLiteral("timeZone"),
                   UserService::tr("Unknown time zone \"%1\"; use an IANA name such as "
                                   "America/Chicago.")
                       .arg(*timeZone));
    if (territories) {
        for (const QString &code : normalizedTerritories(*territories)) {
            if (!UsStates::isValid(code)) {
                errors.add(QStringLiteral("territories"),
                           UserService::tr("\"%1\" is not a US state code.").arg(code));
                break;
            }
        }
    }
}

} // namespace

QJsonObject UserRecord::toPublicJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), email},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), role}};
}

QJsonObject UserRecord::toJson() const
{
    QJsonObject json = toPublicJson();
    json.insert(QStringLiteral("active"), active);
    json.insert(QStringLiteral("weight"), weight);
    json.insert(QStringLiteral("timeZone"), timeZone);
    json.insert(QStringLiteral("territories"), QJsonArray::fromStringList(territories));
    json.insert(QStringLiteral("createdAt"), WireTime::toWire(createdAt));
    json.insert(QStringLiteral("updatedAt"), WireTime::toWire(updatedAt));
    json.insert(QStringLiteral("version"), version);
    return json;
}

Result<UserRecord> UserService::create(WriteTransaction &tx, const NewUser &input)
{
    ValidationErrors errors;
    const QString email = EmailValidator::normalized(input.email);
    if (!EmailValidator::isValid(email))
        errors.add(QStringLiteral("email"), tr("Enter a valid e-mail address."));
    validateCommon(errors,
                   input.name,
                   input.role,
                   qint64(input.weight),
                   input.timeZone,
                   input.territories);
    if (input.password.size() < MinPasswordLength)
        errors.add(QStringLiteral("password"),
                   tr("The password needs at least %1 characters.").arg(MinPasswordLength));
    if (!errors.contains(QStringLiteral("email")) && findByEmail(tx.db(), email))
        errors.add(QStringLiteral("email"), tr("A user with this e-mail address already exists."));
    if (!errors.isEmpty())
        return errors.toError();

    UserRecord user;
    user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    user.email = email;
    user.name = input.name.trimmed();
    user.role = input.role;
    user.weight = input.weight;
    user.timeZone = input.timeZone;
    user.territories = normalizedTerritories(input.territories);
    user.createdAt = user.updatedAt = QDateTime::currentMSecsSinceEpoch();

    const QString hash = PasswordHasher::hash(input.password);
    if (hash.isEmpty())
        return Error{QStringLiteral("internal"), QStringLiteral("password hashing failed"), {}, {}};

    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral(
        "INSERT INTO users (id, email, name, role, passwordHash, active, weight, timeZone,"
        " territories, rrCurrent, rrOrder, createdAt, updatedAt, version)"
        " SELECT ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, COALESCE(MAX(rrOrder), 0) + 1, ?, ?, 1 FROM users"));
    query.addBindValue(user.id);
    query.addBindValue(user.email);
    query.addBindValue(user.name);
    query.addBindValue(user.role);
    query.addBindValue(hash);
    query.addBindValue(user.weight);
    query.addBindValue(user.timeZone);
    query.addBindValue(territoryColumn(user.territories));
    query.addBindValue(user.createdAt);
    query.addBindValue(user.updatedAt);
    if (!query.exec())
        return Error{QStringLiteral("internal"), query.lastError().text(), {}, {}};
    const Status logged = logDirectoryChange(tx, user);
    if (!logged.ok())
        return logged.error();
    return user;
}

Result<UserRecord> UserService::update(WriteTransaction &tx,
                                       const QString &id,
                                       const QJsonObject &changes)
{
    std::optional<UserRecord> existing = find(tx.db(), id);
    if (!existing)
        return Error{QStringLiteral("not_found"), tr("No such user."), {}, {}};
    UserRecord user = *existing;

    std::optional<QString> name, role, timeZone;
    std::optional<qint64> weight;
    std::optional<QStringList> territories;
    if (changes.contains(QStringLiteral("name")))
        name = changes.value(QStringLiteral("name")).toString();
    if (changes.contains(QStringLiteral("role")))
        role = changes.value(QStringLiteral("role")).toString();
    if (changes.contains(QStringLiteral("timeZone")))
        timeZone = changes.value(QStringLiteral("timeZone")).toString();
    if (changes.contains(QStringLiteral("weight")))
        weight = changes.value(QStringLiteral("weight")).toInteger();
    if (changes.contains(QStringLiteral("territories"))) {
        QStringList list;
        const QJsonArray array = changes.value(QStringLiteral("territories")).toArray();
        for (const QJsonValue &value : array)
            list << value.toString();
        territories = list;
    }
    ValidationErrors errors;
    validateCommon(errors, name, role, weight, timeZone, territories);
    if (!errors.isEmpty())
        return errors.toError();

    if (name)
        user.name = name->trimmed();
    if (role)
        user.role = *role;
    if (timeZone)
        user.timeZone = *timeZone;
    if (weight)
        user.weight = int(*weight);
    if (territories)
        user.territories = normalizedTerritories(*territories);
    if (changes.contains(QStringLiteral("active")))
        user.active = changes.value(QStringLiteral("active")).toBool();
    user.updatedAt = QDateTime::currentMSecsSinceEpoch();
    user.version = existing->version + 1;

    QSqlQuery query(tx.db());
    query.prepare(
        QStringLiteral("UPDATE users SET name = ?, role = ?, active = ?, weight = ?, timeZone = ?,"
                       " territories = ?, updatedAt = ?, version = ? WHERE id = ?"));
    query.addBindValue(user.name);
    query.addBindValue(user.role);
    query.addBindValue(user.active ? 1 : 0);
    query.addBindValue(user.weight);
    query.addBindValue(user.timeZone);
    query.addBindValue(territoryColumn(user.territories));
    query.addBindValue(user.updatedAt);
    query.addBindValue(user.version);
    query.addBindValue(user.id);
    if (!query.exec())
        return Error{QStringLiteral("internal"), query.lastError().text(), {}, {}};
    if (!user.active) {
        // A deactivated user is signed out everywhere at once.
        QSqlQuery revoke(tx.db());
        revoke.prepare(QStringLiteral(
            "UPDATE auth_tokens SET revokedAt = ? WHERE userId = ? AND revokedAt IS NULL"));
        revoke.addBindValue(user.updatedAt);
        revoke.addBindValue(user.id);
        if (!revoke.exec())
            return Error{QStringLiteral("internal"), revoke.lastError().text(), {}, {}};
    }
    const Status logged = logDirectoryChange(tx, user);
    if (!logged.ok())
        return logged.error();
    return user;
}

Status UserService::logDirectoryChange(WriteTransaction &tx, const UserRecord &user)
{
    return tx.logChange(QStringLiteral("user"),
                        user.id,
                        QStringLiteral("upsert"),
                        user.version,
                        WriteTransaction::everyone(),
                        user.toJson());
}

std::optional<UserRecord> UserService::find(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(SelectColumns + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readUser(query);
}

std::optional<UserRecord> UserService::findByEmail(const QSqlDatabase &db, const QString &email)
{
    QSqlQuery query(db);
    query.prepare(SelectColumns + QStringLiteral(" WHERE email = ?"));
    query.addBindValue(EmailValidator::normalized(email));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readUser(query);
}

QList<UserRecord> UserService::all(const QSqlDatabase &db)
{
    QList<UserRecord> users;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(SelectColumns + QStringLiteral(" ORDER BY rrOrder")))
        return users;
    while (query.next())
        users.append(readUser(query));
    return users;
}

std::optional<QString> UserService::passwordHash(const QSqlDatabase &db, const QString &userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT passwordHash FROM users WHERE id = ?"));
    query.addBindValue(userId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace Crm
