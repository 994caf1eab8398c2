#pragma once

#include "http/apierror.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Crm {

// What a route handler answers: a status, a body and extra headers. Built from JSON or from an
// ApiError, so a handler can `return ApiError::notFound();` or `return {json, 201};`.
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;

    ApiResponse() = default;
    ApiResponse(const QJsonObject &json, int status = 200)
        : status(status)
        , body(QJsonDocument(json).toJson(QJsonDocument::Compact))
    {}
    ApiResponse(const ApiError &error)
        : status(error.status)
        , body(QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact))
        , headers(error.headers)
    {}

    static ApiResponse noContent()
    {
        ApiResponse response;
        response.status = 204;
        response.contentType.clear();
        return response;
    }
    // What a handler returns when it answers later, through ApiContext::answerLater.
    static ApiResponse later()
    {
        ApiResponse response;
        response.status = 0;
        return response;
    }
    bool isLater() const { return status == 0; }
    static ApiResponse raw(QByteArray body, QByteArray contentType, int status = 200)
    {
        ApiResponse response;
        response.status = status;
        response.body = std::move(body);
        response.contentType = std::move(contentType);
        return response;
    }
};

} // namespace Crm
