#include "apicontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Crm {

QByteArray ApiContext::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QString ApiContext::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

bool ApiContext::isCleanText(const QString &text)
{
    // NUL cannot be stored by PostgreSQL and lone UTF-16 surrogates cannot be stored as UTF-8
    // by either database without changing them: refuse both at the door.
    const QChar *c = text.constData();
    const QChar *end = c + text.size();
    for (; c < end; ++c) {
        if (c->isNull())
            return false;
        if (c->isHighSurrogate()) {
            if (c + 1 == end || !(c + 1)->isLowSurrogate())
                return false;
            ++c;
        } else if (c->isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

namespace {

bool isClean(const QJsonValue &value)
{
    if (value.isString())
        return ApiContext::isCleanText(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!isClean(item))
                return false;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!ApiContext::isCleanText(it.key()) || !isClean(it.value()))
                return false;
        }
    }
    return true;
}

} // namespace

std::variant<QJsonObject, ApiError> ApiContext::jsonObject() const
{
    if (body.trimmed().isEmpty())
        return ApiError::badRequest(ApiError::tr("The request needs a JSON object body."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ApiError::badRequest(ApiError::tr("Malformed JSON at offset %1: %2")
                                        .arg(parseError.offset)
                                        .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return ApiError::badRequest(ApiError::tr("The request body must be a JSON object."));
    if (!isClean(document.object()))
        return ApiError::badRequest(
            ApiError::tr("The request contains characters that are not valid text (NUL or a "
                         "broken UTF-16 surrogate)."));
    return document.object();
}

} // namespace Crm
