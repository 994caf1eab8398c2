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
    static ApiError fromStoreError(const Error &error);
};

} // namespace Crm
