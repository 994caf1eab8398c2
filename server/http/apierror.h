#pragma once

#include "domain/result.h"
#include "domain/validationerrors.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Crm {

// An API error as API.md shapes it: an HTTP status and
// {"error": {"code", "message", "fields"?, ...extra}}.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ApiError)

public:
    int status = 500;
    QString code;
    QString message;
    QJsonObject fields;
    QJsonObject extra; // merged into "error", e.g. "current" or "conflicting"
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject toJson() const;

    static ApiError badRequest(const QString &message);
    // A 400 that names the field it is about (in `fields`, for a form to show beside it).
    static ApiError badRequestField(const QString &field, const QString &message);
    static ApiError validation(const ValidationErrors &errors);
    static ApiError validationField(const QString &field, const QString &message);
    static ApiError unprocessable(const QString &code, const QString &message);
    static ApiError unauthorized(const QString &message = QString());
    static ApiError forbidden(const QString &message = QString());
    static ApiError notFound(const QString &message = QString());
    static ApiError conflict(const QString &code, const QString &message);
    static ApiError rateLimited(int retryAfterSeconds);
    static ApiError payloadTooLarge(qint64 limit);
    static ApiError unsupportedMediaType();
    static ApiError unavailable(const QString &message);
    static ApiError internal(const QString &detail);
    // The one mapping from a transport-free Error (models/domain/result.h) to HTTP: its code
    // decides the status (not_found 404, forbidden 403, validation_failed and the other rule
    // refusals 422, conflicts 409, a busy database 503; an unknown code is a 500 whose detail
    // goes to the log only); fields and details come along.
    static ApiError fromError(const Error &error);
};

} // namespace Crm
