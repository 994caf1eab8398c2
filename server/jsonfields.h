#pragma once

#include "apierror.h"

#include <QJsonObject>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace Crm {

// Reads a request body's fields with their types, refusing unknown fields. Each getter returns
// std::nullopt when the field is absent; a wrong type is remembered as a 400 that names the
// field, so a handler reads its fields in a row and checks error() once.
class JsonFields final
{
public:
    enum Nullability { NotNull, Nullable };

    JsonFields(const QJsonObject &object, std::initializer_list<const char *> allowed);

    bool has(const char *key) const;
    bool isNull(const char *key) const;

    // A Nullable field sent as null reads as a null QString.
    std::optional<QString> string(const char *key, Nullability nullability = NotNull);
    std::optional<bool> boolean(const char *key);
    std::optional<qint64> integer(const char *key);
    std::optional<qint64> time(const char *key, Nullability nullability = NotNull);
    std::optional<QStringList> stringList(const char *key);
    std::optional<QJsonObject> object(const char *key);

    const std::optional<ApiError> &error() const { return m_error; }

private:
    void fail(const char *key, const QString &expected);

    QJsonObject m_object;
    std::optional<ApiError> m_error;
};

} // namespace Crm
