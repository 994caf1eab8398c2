#include "validationerrors.h"

namespace Crm {

void ValidationErrors::add(const QString &field, const QString &message)
{
    if (!contains(field))
        m_entries.append({field, message});
}

bool ValidationErrors::contains(const QString &field) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == field)
            return true;
    }
    return false;
}

QString ValidationErrors::message(const QString &field) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == field)
            return entry.second;
    }
    return {};
}

QStringList ValidationErrors::fields() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const auto &entry : m_entries)
        result.append(entry.first);
    return result;
}

QJsonObject ValidationErrors::toJson() const
{
    QJsonObject object;
    for (const auto &entry : m_entries)
        object.insert(entry.first, entry.second);
    return object;
}

QString ValidationErrors::summary() const
{
    QStringList messages;
    messages.reserve(m_entries.size());
    for (const auto &entry : m_entries)
        messages.append(entry.second);
    return messages.join(QLatin1Char('\n'));
}

Error ValidationErrors::single(const QString &field, const QString &message)
{
    ValidationErrors errors;
    errors.add(field, message);
    return errors.toError();
}

Error ValidationErrors::toError() const
{
    return {QStringLiteral("validation_failed"), summary(), toJson(), {}};
}

} // namespace Crm
