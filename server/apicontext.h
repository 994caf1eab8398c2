#pragma once

#include "apierror.h"
#include "authuser.h"
#include "domain/result.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrlQuery>

#include <optional>
#include <variant>

namespace Crm {

class ApiServer;

// One request as a handler sees it: copied off the HTTP thread, so handlers run on a worker
// thread with that thread's database connection.
struct ApiContext
{
    QString requestId;
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QHostAddress remoteAddress;
    QList<QPair<QByteArray, QByteArray>> headers;
    QStringList pathArgs;
    std::optional<AuthUser> user;
    QSqlDatabase db;
    ApiServer *server = nullptr;

    QByteArray header(const QByteArray &name) const;
    QString queryValue(const QString &name) const;
    QString remote() const { return remoteAddress.toString(); }
    const AuthUser &caller() const { return *user; }

    // False for text no database could store unchanged (NUL, lone surrogates).
    static bool isCleanText(const QString &text);

    // The body as a JSON object, or a 400 that says what is wrong with it.
    std::variant<QJsonObject, ApiError> jsonObject() const;
};

} // namespace Crm
