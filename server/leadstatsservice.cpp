#include "leadstatsservice.h"

#include "apiserver.h"
#include "domain/wiretime.h"
#include "domain/leadstats.h"
#include "store/leadstatsreader.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <variant>

namespace Crm {

namespace {

struct Range
{
    std::optional<qint64> from;
    std::optional<qint64> to;
};

// ?from= and ?to= (both optional ISO times): 400 when malformed, 422 when empty or reversed.
std::variant<Range, ApiError> readRange(const ApiContext &context)
{
    Range range;
    for (const QString &name : {QStringLiteral("from"), QStringLiteral("to")}) {
        const QString text = context.queryValue(name);
        if (text.isEmpty())
            continue;
        const std::optional<qint64> time = WireTime::fromWire(text);
        if (!time) {
            ApiError error = ApiError::badRequest(
                LeadStatsService::tr("%1 must be an ISO-8601 UTC time such as "
                                     "2026-12-01T15:00:00Z.")
                    .arg(name));
            error.fields.insert(name, error.message);
            return error;
        }
        (name == QLatin1String("from") ? range.from : range.to) = time;
    }
    if (range.from && range.to && *range.from >= *range.to)
        return ApiError::validationField(QStringLiteral("to"),
                                         LeadStatsService::tr("to must be later than from."));
    return range;
}

std::variant<QList<LeadStats::Row>, ApiError> readRows(const QSqlDatabase &db,
                                                       const Range &range,
                                                       const QString &agentId)
{
    const Result<QList<LeadStats::Row>> rows
        = LeadStatsReader::read(db, range.from, range.to, agentId);
    if (!rows.ok())
        return ApiError::internal(rows.error().message);
    return rows.value();
}

QString rangeDetail(const Range &range)
{
    return (range.from ? WireTime::toWire(*range.from) : QString()) + QStringLiteral("..")
           + (range.to ? WireTime::toWire(*range.to) : QString());
}

} // namespace

ApiResponse LeadStatsService::agentStats(ApiContext &context)
{
    const auto range = readRange(context);
    if (const auto *error = std::get_if<ApiError>(&range))
        return *error;
    const auto rows = readRows(context.db, std::get<Range>(range), context.caller().id);
    if (const auto *error = std::get_if<ApiError>(&rows))
        return *error;
    const LeadStats::Summary summary = LeadStats::compute(std::get<QList<LeadStats::Row>>(rows));
    context.server->auditRead(context,
                              QStringLiteral("lead_stats.read"),
                              QStringLiteral("lead"),
                              QString(),
                              rangeDetail(std::get<Range>(range)));
    return summary.toJson();
}

ApiResponse LeadStatsService::adminStats(ApiContext &context)
{
    const auto range = readRange(context);
    if (const auto *error = std::get_if<ApiError>(&range))
        return *error;
    const auto read = readRows(context.db, std::get<Range>(range), QString());
    if (const auto *error = std::get_if<ApiError>(&read))
        return *error;
    const QList<LeadStats::Row> &rows = std::get<QList<LeadStats::Row>>(read);
    const LeadStats::Summary overall = LeadStats::compute(rows);

    QHash<QString, QList<LeadStats::Row>> rowsByAgent;
    for (const LeadStats::Row &row : rows) {
        if (!row.assignedAgentId.isEmpty())
            rowsByAgent[row.assignedAgentId].append(row);
    }
    // Every agent, inactive ones too: their leads in the range still count. Sorted here rather
    // than in SQL so both backends order names the same way.
    struct Agent
    {
        QString id;
        QString name;
    };
    QList<Agent> agents;
    QSqlQuery users(context.db);
    users.setForwardOnly(true);
    users.prepare(QStringLiteral("SELECT id, name FROM users WHERE role = ?"));
    users.addBindValue(QStringLiteral("agent"));
    if (!users.exec())
        return ApiError::internal(users.lastError().text());
    while (users.next())
        agents.append({users.value(0).toString(), users.value(1).toString()});
    std::sort(agents.begin(), agents.end(), [](const Agent &a, const Agent &b) {
        const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    QJsonArray agentItems;
    for (const Agent &agent : std::as_const(agents)) {
        const LeadStats::Summary summary = LeadStats::compute(rowsByAgent.value(agent.id));
        agentItems.append(
            QJsonObject{{QStringLiteral("agentId"), agent.id},
                        {QStringLiteral("name"), agent.name},
                        {QStringLiteral("assigned"), summary.total},
                        {QStringLiteral("contacted"), summary.contacted},
                        {QStringLiteral("enrolled"), summary.count(LeadStatus::Enrolled)},
                        {QStringLiteral("conversionRate"), summary.conversionRate},
                        {QStringLiteral("medianResponseMinutes"),
                         summary.medianMinutes
                             ? QJsonValue(LeadStats::roundMinutes(*summary.medianMinutes))
                             : QJsonValue()}});
    }
    context.server->auditRead(context,
                              QStringLiteral("lead_stats.admin_read"),
                              QStringLiteral("lead"),
                              QString(),
                              rangeDetail(std::get<Range>(range)));
    return QJsonObject{{QStringLiteral("overall"), overall.toJson()},
                       {QStringLiteral("agents"), agentItems},
                       {QStringLiteral("sources"), overall.sourcesJson()}};
}

} // namespace Crm
