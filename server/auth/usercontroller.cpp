#include "usercontroller.h"

#include "http/apiserver.h"
#include "storage/serverdatabase.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QJsonArray>

namespace Crm {

namespace {

ApiResponse commitUser(WriteTransaction &tx,
                       const Result<UserRecord> &result,
                       const ApiContext &context,
                       const QString &action,
                       int status)
{
    if (!result.ok())
        return ApiError::fromError(result.error());
    const UserRecord &user = result.value();
    tx.audit({0,
              context.caller().id,
              action,
              QStringLiteral("user"),
              user.id,
              context.remote(),
              user.email});
    const Status committed = tx.commit();
    if (!committed.ok())
        return ApiError::fromError(committed.error());
    return ApiResponse(user.toJson(), status);
}

} // namespace

void UserController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;

    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/users"), Access::Admin),
                 [](ApiContext &context) -> ApiResponse {
                     QJsonArray items;
                     const QList<UserRecord> users = UserService::all(context.db);
                     for (const UserRecord &user : users)
                         items.append(user.toJson());
                     context.server->auditRead(context,
                                               QStringLiteral("user.list"),
                                               QStringLiteral("user"),
                                               QString());
                     return QJsonObject{{QStringLiteral("items"), items},
                                        {QStringLiteral("nextCursor"), QJsonValue::Null},
                                        {QStringLiteral("total"), items.size()}};
                 });

    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/admin/users"), Access::Admin)
                   .field(QStringLiteral("email"), Type::String, BodyField::Required)
                   .field(QStringLiteral("name"), Type::String, BodyField::Required)
                   .field(QStringLiteral("role"), Type::String, BodyField::Required)
                   .field(QStringLiteral("password"), Type::String, BodyField::Required)
                   .field(QStringLiteral("weight"), Type::Integer)
                   .field(QStringLiteral("timeZone"), Type::String)
                   .field(QStringLiteral("territories"), Type::StringList),
                 [](ApiContext &context) -> ApiResponse {
                     const RequestBody &body = context.body;
                     UserService::NewUser user;
                     user.email = body.text("email");
                     user.name = body.text("name");
                     user.role = body.text("role");
                     user.password = body.text("password");
                     user.weight = int(body.integer("weight").value_or(1));
                     user.timeZone = body.string("timeZone").value_or(QStringLiteral("UTC"));
                     user.territories = body.stringList("territories").value_or(QStringList());
                     WriteTransaction tx(context.server->database(), context.db);
                     const Status begun = tx.begin();
                     if (!begun.ok())
                         return ApiError::fromError(begun.error());
                     return commitUser(tx,
                                       UserService::create(tx, user),
                                       context,
                                       QStringLiteral("user.create"),
                                       201);
                 });

    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/admin/users/<arg>"), Access::Admin)
                   .field(QStringLiteral("name"), Type::String)
                   .field(QStringLiteral("role"), Type::String)
                   .field(QStringLiteral("active"), Type::Boolean)
                   .field(QStringLiteral("weight"), Type::Integer)
                   .field(QStringLiteral("timeZone"), Type::String)
                   .field(QStringLiteral("territories"), Type::StringList),
               [](ApiContext &context) -> ApiResponse {
        const QJsonObject changes = context.body.object();
        WriteTransaction tx(context.server->database(), context.db);
        const Status begun = tx.begin();
        if (!begun.ok())
            return ApiError::fromError(begun.error());
        return commitUser(tx,
                          UserService::update(tx, context.pathArgs.value(0), changes),
                          context,
                          QStringLiteral("user.update"),
                          200);
    });
}

} // namespace Crm
