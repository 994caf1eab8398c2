#include "requestbody.h"

#include "domain/wiretime.h"

#include <QJsonArray>

namespace Crm {

bool RequestBody::has(const char *key) const
{
    return m_object.contains(QLatin1String(key));
}

bool RequestBody::isNull(const char *key) const
{
    return m_object.value(QLatin1String(key)).isNull();
}

std::optional<QString> RequestBody::string(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (value.isNull())
        return QString();
    return value.toString();
}

std::optional<bool> RequestBody::boolean(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (!value.isBool())
        return std::nullopt;
    return value.toBool();
}

std::optional<qint64> RequestBody::integer(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (!value.isDouble())
        return std::nullopt;
    return qint64(value.toDouble());
}

std::optional<qint64> RequestBody::time(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (!value.isString())
        return std::nullopt;
    return WireTime::fromWire(value.toString());
}

std::optional<QStringList> RequestBody::stringList(const char *key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

} // namespace Crm
