#include "apierror.h"

#include <QHash>

#include "serverlogging.h"

namespace Crm {

QJsonObject ApiError::toJson() const
{
    QJsonObject error = extra;
    error.insert(QStringLiteral("code"), code);
    error.insert(QStringLiteral("message"), message);
    if (!fields.isEmpty())
        error.insert(QStringLiteral("fields"), fields);
    return QJsonObject{{QStringLiteral("error"), error}};
}

ApiError ApiError::badRequest(const QString &message)
{
    return {400, QStringLiteral("bad_request"), message, {}, {}, {}};
}

ApiError ApiError::badRequestField(const QString &field, const QString &message)
{
    ApiError error = badRequest(message);
    error.fields.insert(field, message);
    return error;
}

ApiError ApiError::validation(const ValidationErrors &errors)
{
    return {422, QStringLiteral("validation_failed"), errors.summary(), errors.toJson(), {}, {}};
}

ApiError ApiError::validationField(const QString &field, const QString &message)
{
    ValidationErrors errors;
    errors.add(field, message);
    return validation(errors);
}

ApiError ApiError::unprocessable(const QString &code, const QString &message)
{
    return {422, code, message, {}, {}, {}};
}

ApiError ApiError::unauthorized(const QString &message)
{
    return {401,
            QStringLiteral("unauthorized"),
            message.isEmpty()
                ? tr("Sign in first: the access token is missing, invalid or expired.")
                : message,
            {},
            {},
            {}};
}

ApiError ApiError::forbidden(const QString &message)
{
    return {403,
            QStringLiteral("forbidden"),
            message.isEmpty() ? tr("Your role does not allow this.") : message,
            {},
            {},
            {}};
}

ApiError ApiError::notFound(const QString &message)
{
    return {404,
            QStringLiteral("not_found"),
            message.isEmpty() ? tr("Not found.") : message,
            {},
            {},
            {}};
}

ApiError ApiError::conflict(const QString &code, const QString &message)
{
    return {409, code, message, {}, {}, {}};
}

ApiError ApiError::rateLimited(int retryAfterSeconds)
{
    ApiError error{429,
                   QStringLiteral("rate_limited"),
                   tr("Too many requests. Try again in %n second(s).", nullptr, retryAfterSeconds),
                   {},
                   {},
                   {}};
    error.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds)});
    return error;
}

ApiError ApiError::payloadTooLarge(qint64 limit)
{
    return {413,
            QStringLiteral("payload_too_large"),
            tr("The request body is larger than %1 bytes.").arg(limit),
            {},
            {},
            {}};
}

ApiError ApiError::unsupportedMediaType()
{
    return {415,
            QStringLiteral("unsupported_media_type"),
            tr("Send the body as JSON, with \"Content-Type: application/json\"."),
            {},
            {},
            {}};
}

ApiError ApiError::unavailable(const QString &message)
{
    ApiError error{503, QStringLiteral("unavailable"), message, {}, {}, {}};
    error.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    return error;
}

ApiError ApiError::internal(const QString &detail)
{
    // The detail goes to the log, never to the client.
    qCCritical(lcServer).noquote() << "Internal error:" << loggable(detail);
    return {500,
            QStringLiteral("internal_error"),
            tr("The server failed to handle this request; it has been logged."),
            {},
            {},
            {}};
}

ApiError ApiError::fromError(const Error &error)
{
    static const QHash<QString, int> statuses{
        {QStringLiteral("bad_request"), 400},
        {QStringLiteral("unauthorized"), 401},
        {QStringLiteral("invalid_credentials"), 401},
        {QStringLiteral("forbidden"), 403},
        {QStringLiteral("not_found"), 404},
        {QStringLiteral("version_conflict"), 409},
        {QStringLiteral("slot_taken"), 409},
        {QStringLiteral("cursor_expired"), 410},
        {QStringLiteral("validation_failed"), 422},
        {QStringLiteral("invalid_transition"), 422},
        {QStringLiteral("outside_availability"), 422},
        {QStringLiteral("no_agent"), 422},
        {QStringLiteral("rate_limited"), 429},
    };
    if (error.code == QLatin1String("db_busy") || error.code == QLatin1String("db_unavailable"))
        return unavailable(error.message);
    const int status = statuses.value(error.code, 500);
    if (status == 500)
        return internal(error.code + QStringLiteral(": ") + error.message);
    return {status, error.code, error.message, error.fields, error.details, {}};
}

} // namespace Crm
