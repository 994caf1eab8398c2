#include "activity.h"

#include "wiretime.h"

namespace Crm {

QStringList Activity::types()
{
    return {QStringLiteral("call"),
            QStringLiteral("email"),
            QStringLiteral("meeting"),
            QStringLiteral("note"),
            QStringLiteral("system")};
}

bool Activity::isAgentType(const QString &type)
{
    return isContactType(type) || type == QLatin1String("note");
}

bool Activity::isContactType(const QString &type)
{
    return type == QLatin1String("call") || type == QLatin1String("email")
           || type == QLatin1String("meeting");
}

ValidationErrors Activity::validate() const
{
    ValidationErrors errors;
    if (notes.size() > MaxNotesLength)
        errors.add(QStringLiteral("notes"),
                   tr("Notes can be at most %1 characters.").arg(MaxNotesLength));
    else if (activityType == QLatin1String("note") && notes.trimmed().isEmpty())
        errors.add(QStringLiteral("notes"), tr("A note needs some text."));
    return errors;
}

qint64 Activity::boundedOccurredAt(std::optional<qint64> clientTime,
                                   qint64 leadCreatedAt,
                                   qint64 serverNow)
{
    if (!clientTime || *clientTime > serverNow + MaxClockAheadMs)
        return serverNow;
    return qMax(*clientTime, qMin(leadCreatedAt, serverNow));
}

QJsonObject Activity::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id},
            {QStringLiteral("leadId"), leadId},
            {QStringLiteral("agentId"), agentId.isEmpty() ? QJsonValue() : QJsonValue(agentId)},
            {QStringLiteral("activityType"), activityType},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("occurredAt"), WireTime::toWire(occurredAt ? occurredAt : createdAt)},
            {QStringLiteral("createdAt"), WireTime::toWire(createdAt)}};
    if (!code.isEmpty()) {
        json.insert(QStringLiteral("code"), code);
        json.insert(QStringLiteral("params"), params);
    }
    return json;
}

} // namespace Crm
