#pragma once

#include "http/apierror.h"
#include "auth/authuser.h"
#include "domain/result.h"
#include "http/requestbody.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QObject)

namespace Crm {

class ApiServer;
struct ApiResponse;

// One request as a handler sees it: copied off the HTTP thread, so handlers run on a worker
// thread with that thread's database connection.
struct ApiContext
{
    QString requestId;
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray rawBody;
    // The body as the route declared it (RouteSpec::check), checked before the handler runs.
    RequestBody body;
    QHostAddress remoteAddress;
    QList<QPair<QByteArray, QByteArray>> headers;
    QStringList pathArgs;
    std::optional<AuthUser> user;
    QSqlDatabase db;
    ApiServer *server = nullptr;
    // For a handler that answers later (it returns ApiResponse::later() after handing slow
    // work elsewhere): an object living on the request's thread, to queue the rest of the
    // work to, and what sends the answer. Call answerLater once, on that thread; it does
    // nothing when the client has gone.
    QObject *thread = nullptr;
    std::function<void(const ApiResponse &)> answerLater;

    QByteArray header(const QByteArray &name) const;
    QString queryValue(const QString &name) const;
    QString remote() const { return remoteAddress.toString(); }
    const AuthUser &caller() const { return *user; }

    // False for text no database could store unchanged (NUL, lone surrogates).
    static bool isCleanText(const QString &text);
};

} // namespace Crm
