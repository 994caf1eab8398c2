#include "jsonfields.h"

#include "domain/wiretime.h"

#include <QJsonArray>

#include <cmath>

namespace Crm {

JsonFields::JsonFields(const QJsonObject &object, std::initializer_list<const char *> allowed)
    : m_object(object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char *key : allowed) {
            if (it.key() == QLatin1String(key)) {
                known = true;
                break;
            }
        }
        if (!known) {
            m_error = ApiError::badRequest(ApiError::tr("Unknown field \"%1\".").arg(it.key()));
            m_error->fields.insert(it.key(), ApiError::tr("Unknown field."));
            return;
        }
    }
}

bool JsonFields::has(const char *key) const
{
    return m_object.contains(QLatin1String(key));
}

bool JsonFields::isNull(const char *key) const
{
    return m_object.value(QLatin1String(key)).isNull();
}

void JsonFields::fail(const char *key, const QString &expected)
{
    if (m_error)
        return;
    const QString field = QLatin1String(key);
    m_error = ApiError::badRequest(ApiError::tr("\"%1\" must be %2.").arg(field, expected));
    m_error->fields.insert(field, ApiError::tr("Must be %1.").arg(expected));
}

std::optional<QString> JsonFields::string(const char *key, Nullability nullability)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (value.isNull() && nullability == Nullable)
        return QString();
    if (!value.isString()) {
        fail(key, ApiError::tr("a string"));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<bool> JsonFields::boolean(const char *key)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        fail(key, ApiError::tr("true or false"));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> JsonFields::integer(const char *key)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::floor(number) != number || std::abs(number) > 9.0e15) {
        fail(key, ApiError::tr("an integer"));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<qint64> JsonFields::time(const char *key, Nullability nullability)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (value.isNull() && nullability == Nullable)
        return std::nullopt;
    const std::optional<qint64> time = value.isString() ? WireTime::fromWire(value.toString())
                                                        : std::nullopt;
    if (!time)
        fail(key, ApiError::tr("an ISO-8601 UTC time such as 2026-12-01T15:00:00Z"));
    return time;
}

std::optional<QStringList> JsonFields::stringList(const char *key)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        fail(key, ApiError::tr("an array of strings"));
        return std::nullopt;
    }
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString()) {
            fail(key, ApiError::tr("an array of strings"));
            return std::nullopt;
        }
        result << item.toString();
    }
    return result;
}

std::optional<QJsonObject> JsonFields::object(const char *key)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        fail(key, ApiError::tr("an object"));
        return std::nullopt;
    }
    return value.toObject();
}

} // namespace Crm
