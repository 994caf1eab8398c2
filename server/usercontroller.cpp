#include "usercontroller.h"

#include "apiserver.h"
#include "jsonfields.h"
#include "serverdatabase.h"
#include "userservice.h"
#include "writetransaction.h"

#include <QJsonArray>

namespace Crm {

namespace {

ApiResponse commitUser(WriteTransaction &tx,
                       std::variant<UserRecord, ApiError> result,
                       const ApiContext &context,
                       const QString &action,
                       int status)
{
    if (auto *error = std::get_if<ApiError>(&result))
        return *error;
    const UserRecord &user = std::get<UserRecord>(result);
    tx.audit({0,
              context.caller().id,
              action,
              QStringLiteral("user"),
              user.id,
              context.remote(),
              user.email});
    const Status committed = tx.commit();
    if (!committed.ok())
        return ApiError::fromStoreError(committed.error());
    return ApiResponse(user.toJson(), status);
}

} // namespace

void UserController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;

    server.route(QStringLiteral("/api/admin/users"),
                 Method::Get,
                 Access::Admin,
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

    server.route(QStringLiteral("/api/admin/users"),
                 Method::Post,
                 Access::Admin,
                 [](ApiContext &context) -> ApiResponse {
                     auto body = context.jsonObject();
                     if (auto *error = std::get_if<ApiError>(&body))
                         return *error;
                     JsonFields fields(std::get<QJsonObject>(body),
                                       {"email",
                                        "name",
                                        "role",
                                        "password",
                                        "weight",
                                        "timeZone",
                                        "territories"});
                     UserService::NewUser user;
                     user.email = fields.string("email").value_or(QString());
                     user.name = fields.string("name").value_or(QString());
                     user.role = fields.string("role").value_or(QString());
                     user.password = fields.string("password").value_or(QString());
                     user.weight = int(fields.integer("weight").value_or(1));
                     user.timeZone = fields.string("timeZone").value_or(QStringLiteral("UTC"));
                     user.territories = fields.stringList("territories").value_or(QStringList());
                     if (fields.error())
                         return *fields.error();
                     WriteTransaction tx(context.server->database(), context.db);
                     const Status begun = tx.begin();
                     if (!begun.ok())
                         return ApiError::fromStoreError(begun.error());
                     return commitUser(tx,
                                       UserService::create(tx, user),
                                       context,
                                       QStringLiteral("user.create"),
                                       201);
                 });

    server.route(QStringLiteral("/api/admin/users/<arg>"), Method::Put, Access::Admin, [](ApiContext &context) -> ApiResponse {
        auto body = context.jsonObject();
        if (auto *error = std::get_if<ApiError>(&body))
            return *error;
        const QJsonObject changes = std::get<QJsonObject>(body);
        JsonFields fields(changes, {"name", "role", "active", "weight", "timeZone", "territories"});
        fields.string("name");
        fields.string("role");
        fields.boolean("active");
        fields.integer("weight");
        fields.string("timeZone");
        fields.stringList("territories");
        if (fields.error())
            return *fields.error();
        WriteTransaction tx(context.server->database(), context.db);
        const Status begun = tx.begin();
        if (!begun.ok())
            return ApiError::fromStoreError(begun.error());
        return commitUser(tx,
                          UserService::update(tx, context.pathArgs.value(0), changes),
                          context,
                          QStringLiteral("user.update"),
                          200);
    });
}

} // namespace Crm
