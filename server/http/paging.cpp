#include "paging.h"

#include "http/apicontext.h"

#include <QJsonDocument>

namespace Crm {

std::variant<Paging, ApiError> Paging::fromQuery(const QUrlQuery &query)
{
    Paging paging;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        paging.limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || paging.limit < 1 || paging.limit > MaxLimit) {
            ApiError error = ApiError::badRequest(
                ApiError::tr("limit must be a number from 1 to %1.").arg(MaxLimit));
            error.fields.insert(QStringLiteral("limit"), error.message);
            return error;
        }
    }
    const QString cursor = query.queryItemValue(QStringLiteral("cursor"));
    if (!cursor.isEmpty()) {
        const auto decoded
            = QByteArray::fromBase64Encoding(cursor.toLatin1(),
                                             QByteArray::Base64UrlEncoding
                                                 | QByteArray::AbortOnBase64DecodingErrors);
        const QJsonDocument document = decoded ? QJsonDocument::fromJson(*decoded)
                                               : QJsonDocument();
        const QJsonArray parts = document.array();
        if (!document.isArray() || parts.size() != 2 || !parts.at(1).isString()
            || !ApiContext::isCleanText(parts.at(1).toString())
            || !ApiContext::isCleanText(parts.at(0).toString())) {
            ApiError error = ApiError::badRequest(ApiError::tr("The cursor is not valid."));
            error.fields.insert(QStringLiteral("cursor"), error.message);
            return error;
        }
        paging.afterValue = parts.at(0).toVariant();
        paging.afterId = parts.at(1).toString();
    }
    return paging;
}

QString Paging::cursorFor(const QVariant &sortValue, const QString &id)
{
    const QJsonArray parts{QJsonValue::fromVariant(sortValue), id};
    return QString::fromLatin1(
        QJsonDocument(parts)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString Paging::keysetCondition(const QString &column, bool descending) const
{
    if (!afterValue)
        return {};
    const QString op = descending ? QStringLiteral("<") : QStringLiteral(">");
    return QStringLiteral(" AND (%1 %2 ? OR (%1 = ? AND id %2 ?))").arg(column, op);
}

QVariantList Paging::keysetBindings(bool numeric) const
{
    if (!afterValue)
        return {};
    const QVariant after = numeric ? QVariant(afterValue->toLongLong())
                                   : QVariant(afterValue->toString());
    return {after, after, afterId};
}

QJsonObject Paging::answer(const QJsonArray &items,
                           bool more,
                           const QVariant &lastSortValue,
                           const QString &lastId,
                           qint64 total)
{
    return {{QStringLiteral("items"), items},
            {QStringLiteral("nextCursor"),
             more ? QJsonValue(cursorFor(lastSortValue, lastId)) : QJsonValue()},
            {QStringLiteral("total"), total}};
}

} // namespace Crm
