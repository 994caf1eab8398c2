#include "authcontroller.h"

#include "http/apiserver.h"
#include "storage/serverdatabase.h"
#include "auth/userservice.h"

namespace Crm {

namespace {

ApiResponse answer(std::variant<QJsonObject, ApiError> result)
{
    if (auto *error = std::get_if<ApiError>(&result))
        return *error;
    return std::get<QJsonObject>(result);
}

} // namespace

void AuthController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;

    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/health"), Access::Public), [](ApiContext &) {
        return ApiResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                       {QStringLiteral("version"), QStringLiteral(CRM_VERSION)},
                                       {QStringLiteral("schemaVersion"), ApiServer::SchemaVersion}});
    });

    routes.add(
        RouteSpec(Method::Post, QStringLiteral("/api/auth/login"), Access::Public)
            .field(QStringLiteral("email"), Type::String, BodyField::Required)
            .field(QStringLiteral("password"), Type::String, BodyField::Required)
            .field(QStringLiteral("clientId"), Type::String, BodyField::Nullable),
        [](ApiContext &context) -> ApiResponse {
            AuthService &auth = context.server->auth();
            auto attempt = auth.beginLogin(context.db,
                                           context.body.text("email"),
                                           context.body.text("password"),
                                           context.body.text("clientId"),
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
                    reply(ApiError::fromError(db.error()));
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

    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/auth/refresh"), Access::Public)
                   .field(QStringLiteral("refreshToken"), Type::String, BodyField::Required),
               [](ApiContext &context) -> ApiResponse {
                   return answer(context.server->auth().refresh(context.db,
                                                                context.body.text("refreshToken"),
                                                                context.remote()));
               });

    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/auth/logout"), Access::User),
                 [](ApiContext &context) -> ApiResponse {
                     if (auto error = context.server->auth().logout(context.db,
                                                                    context.caller(),
                                                                    context.remote()))
                         return *error;
                     context.server->loginEnded();
                     return ApiResponse::noContent();
                 });

    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/me"), Access::User),
                 [](ApiContext &context) -> ApiResponse {
                     const auto user = UserService::find(context.db, context.caller().id);
                     if (!user)
                         return ApiError::unauthorized();
                     return user->toPublicJson();
                 });
}

} // namespace Crm
