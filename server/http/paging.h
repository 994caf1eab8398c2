#pragma once

#include "http/apierror.h"

#include <QJsonArray>
#include <QUrlQuery>
#include <QVariant>

#include <optional>
#include <variant>

namespace Crm {

// ?limit= and ?cursor= of list endpoints. Cursors are opaque to clients: base64url of the last
// row's sort value and id, for keyset paging that stays stable while rows are added.
struct Paging
{
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 500;

    int limit = DefaultLimit;
    std::optional<QVariant> afterValue;
    QString afterId;

    static std::variant<Paging, ApiError> fromQuery(const QUrlQuery &query);
    static QString cursorFor(const QVariant &sortValue, const QString &id);

    // The "after the cursor" condition of an ORDER BY column, id query, and its bindings (the
    // cursor's value as a number for time columns, as text otherwise). Empty without a cursor.
    QString keysetCondition(const QString &column, bool descending) const;
    QVariantList keysetBindings(bool numeric) const;

    // A list answer as API.md shapes it: {items, nextCursor (after the last row read, null on
    // the last page), total}.
    static QJsonObject answer(const QJsonArray &items,
                              bool more,
                              const QVariant &lastSortValue,
                              const QString &lastId,
                              qint64 total);
};

} // namespace Crm
