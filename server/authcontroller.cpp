#include "authcontroller.h"

#include "apiserver.h"
#include "jsonfields.h"
#include "serverdatabase.h"
#include "userservice.h"

namespace Crm {

namespace {

ApiResponse answer(std::variant<QJsonObject, ApiError> result)
{
    if (auto *error = std::get_if<ApiError>(&result))
        return *error;
    return std::get<QJsonObject>(result);
}

} // namespace

void AuthController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;

    server.route(QStringLiteral("/api/health"), Method::Get, Access::Public, [](ApiContext &) {
        return ApiResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                       {QStringLiteral("version"), QStringLiteral(CRM_VERSION)},
                                       {QStringLiteral("schemaVersion"), ApiServer::SchemaVersion}});
    });

    server.route(
        QStringLiteral("/api/auth/login"),
        Method::Post,
        Access::Public,
        [](ApiContext &context) -> ApiResponse {
            auto body = context.jsonObject();
            if (auto *error = std::get_if<ApiError>(&body))
                return *error;
            JsonFields fields(std::get<QJsonObject>(body), {"email", "password", "clientId"});
            const auto email = fields.string("email");
            const auto password = fields.string("password");
            const auto clientId = fields.string("clientId", JsonFields::Nullable);
            if (fields.error())
                return *fields.error();
            if (!email || !password) {
                ValidationErrors errors;
                if (!email)
                    errors.add(QStringLiteral("email"), ApiError::tr("Required."));
                if (!password)
                    errors.add(QStringLiteral("password"), ApiError::tr("Required."));
                return ApiError::validation(errors);
            }
            AuthService &auth = context.server->auth();
            auto attempt = auth.beginLogin(context.db,
                                           *email,
                                           *password,
                                           clientId.value_or(QString()),
                                           context.remote());
            if (auto *error = std::get_if<ApiError>(&attempt))
                return *error;
            // The password is checked on a hashing thread; this thread answers other requests
            // meanwhile and finishes the login (failure record, tokens, audit) when it is done,
            // whether or not the client is still there.
            auto finish = [&auth, server = context.server, reply = context.answerLater](
                              const AuthService::LoginAttempt &attempt, bool verified) {
                Result<QSqlDatabase> db = server->database().connection();
                if (!db.ok()) {
                    reply(ApiError::fromStoreError(db.error()));
                    return;
                }
                QSqlDatabase connection = db.value();
                reply(answer(auth.finishLogin(connection, attempt, verified)));
            };
            if (auto refusal = auth.checkPassword(std::move(std::get<AuthService::LoginAttempt>(
                                                      attempt)),
                                                  context.thread,
                                                  std::move(finish)))
                return *refusal;
            return ApiResponse::later();
        });

    server.route(QStringLiteral("/api/auth/refresh"),
                 Method::Post,
                 Access::Public,
                 [](ApiContext &context) -> ApiResponse {
                     auto body = context.jsonObject();
                     if (auto *error = std::get_if<ApiError>(&body))
                         return *error;
                     JsonFields fields(std::get<QJsonObject>(body), {"refreshToken"});
                     const auto token = fields.string("refreshToken");
                     if (fields.error())
                         return *fields.error();
                     if (!token)
                         return ApiError::validationField(QStringLiteral("refreshToken"),
                                                          ApiError::tr("Required."));
                     return answer(
                         context.server->auth().refresh(context.db, *token, context.remote()));
                 });

    server.route(QStringLiteral("/api/auth/logout"),
                 Method::Post,
                 Access::User,
                 [](ApiContext &context) -> ApiResponse {
                     if (auto error = context.server->auth().logout(context.db,
                                                                    context.caller(),
                                                                    context.remote()))
                         return *error;
                     context.server->loginEnded();
                     return ApiResponse::noContent();
                 });

    server.route(QStringLiteral("/api/me"),
                 Method::Get,
                 Access::User,
                 [](ApiContext &context) -> ApiResponse {
                     const auto user = UserService::find(context.db, context.caller().id);
                     if (!user)
                         return ApiError::unauthorized();
                     return user->toPublicJson();
                 });
}

} // namespace Crm
