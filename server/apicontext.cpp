#include "apicontext.h"

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
    return document.object();
}

} // namespace Crm
