#include "leadrecords.h"

#include "domain/wiretime.h"
#include "store/sharedtables.h"

#include <QSqlQuery>

namespace Crm {

namespace {

QJsonValue nullableTime(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(WireTime::toWire(value.toLongLong()));
}

QJsonValue nullableText(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

} // namespace

QString LeadRecords::followUpColumns()
{
    return SharedTables::followUps().selectList();
}

QJsonObject LeadRecords::followUpJson(const QSqlQuery &query)
{
    return {{QStringLiteral("id"), query.value(0).toString()},
            {QStringLiteral("leadId"), query.value(1).toString()},
            {QStringLiteral("agentId"), nullableText(query.value(2))},
            {QStringLiteral("dueAt"), WireTime::toWire(query.value(3).toLongLong())},
            {QStringLiteral("note"), query.value(4).toString()},
            {QStringLiteral("done"), query.value(5).toLongLong() != 0},
            {QStringLiteral("completedAt"), nullableTime(query.value(6))},
            {QStringLiteral("createdAt"), WireTime::toWire(query.value(7).toLongLong())},
            {QStringLiteral("updatedAt"), WireTime::toWire(query.value(8).toLongLong())},
            {QStringLiteral("version"), query.value(9).toLongLong()}};
}

QString LeadRecords::enrollmentColumns()
{
    return SharedTables::enrollments().selectList();
}

QJsonObject LeadRecords::enrollmentJson(const QSqlQuery &query)
{
    return {{QStringLiteral("id"), query.value(0).toString()},
            {QStringLiteral("leadId"), query.value(1).toString()},
            {QStringLiteral("agentId"), nullableText(query.value(2))},
            {QStringLiteral("plan"), nullableText(query.value(3))},
            {QStringLiteral("effectiveDate"), nullableText(query.value(4))},
            {QStringLiteral("notes"), nullableText(query.value(5))},
            {QStringLiteral("createdAt"), WireTime::toWire(query.value(6).toLongLong())}};
}

} // namespace Crm
