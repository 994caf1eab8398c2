#include "activity.h"

#include "wiretime.h"

namespace Crm {

bool Activity::isAgentType(const QString &type)
{
    return isContactType(type) || type == QLatin1String("note");
}

bool Activity::isContactType(const QString &type)
{
    return type == QLatin1String("call") || type == QLatin1String("email")
           || type == QLatin1String("meeting");
}

QJsonObject Activity::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("leadId"), leadId},
            {QStringLiteral("agentId"), agentId.isEmpty() ? QJsonValue() : QJsonValue(agentId)},
            {QStringLiteral("activityType"), activityType},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("createdAt"), WireTime::toWire(createdAt)}};
}

} // namespace Crm
