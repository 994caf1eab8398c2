#include "leadstatscontroller.h"

#include "http/apiserver.h"
#include "domain/leadstats.h"
#include "domain/wiretime.h"
#include "store/leadstatsreader.h"

#include <QSqlError>
#include <QSqlQuery>

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
                LeadStatsController::tr("%1 must be an ISO-8601 UTC time such as "
                                     "2026-12-01T15:00:00Z.")
                    .arg(name));
            error.fields.insert(name, error.message);
            return error;
        }
        (name == QLatin1String("from") ? range.from : range.to) = time;
    }
    if (range.from && range.to && *range.from >= *range.to)
        return ApiError::validationField(QStringLiteral("to"),
                                         LeadStatsController::tr("to must be later than from."));
    return range;
}

std::variant<QList<LeadStats::Row>, ApiError> readRows(const QSqlDatabase &db,
                                                       const Range &range,
                                                       const QString &agentId)
{
    const Result<QList<LeadStats::Row>> rows = LeadStatsReader::read(db,
                                                                     range.from,
                                                                     range.to,
                                                                     agentId);
    if (!rows.ok())
        return ApiError::internal(rows.error().message);
    return rows.value();
}

QString rangeDetail(const Range &range)
{
    return (range.from ? WireTime::toWire(*range.from) : QString()) + QStringLiteral("..")
           + (range.to ? WireTime::toWire(*range.to) : QString());
}

// The appointments block (API.md): the period's appointments of one provider.
std::variant<LeadStats::AppointmentSummary, ApiError> appointmentsOf(const QSqlDatabase &db,
                                                                     const Range &range,
                                                                     const QString &providerId)
{
    const Result<QList<AppointmentStatus>> statuses
        = LeadStatsReader::readAppointments(db, range.from, range.to, providerId);
    if (!statuses.ok())
        return ApiError::fromError(statuses.error());
    return LeadStats::appointments(statuses.value());
}

} // namespace

ApiResponse LeadStatsController::agentStats(ApiContext &context)
{
    const auto range = readRange(context);
    if (const auto *error = std::get_if<ApiError>(&range))
        return *error;
    const auto rows = readRows(context.db, std::get<Range>(range), context.caller().id);
    if (const auto *error = std::get_if<ApiError>(&rows))
        return *error;
    const LeadStats::Summary summary = LeadStats::compute(std::get<QList<LeadStats::Row>>(rows));
    const auto appointments = appointmentsOf(context.db, std::get<Range>(range), context.caller().id);
    if (const auto *error = std::get_if<ApiError>(&appointments))
        return *error;
    context.server->auditRead(context,
                              QStringLiteral("lead_stats.read"),
                              QStringLiteral("lead"),
                              QString(),
                              rangeDetail(std::get<Range>(range)));
    return LeadStats::agentAnswer(summary, std::get<LeadStats::AppointmentSummary>(appointments));
}

ApiResponse LeadStatsController::adminStats(ApiContext &context)
{
    const auto range = readRange(context);
    if (const auto *error = std::get_if<ApiError>(&range))
        return *error;
    const Result<QJsonObject> report = LeadStatsReader::adminReport(context.db,
                                                                    std::get<Range>(range).from,
                                                                    std::get<Range>(range).to);
    if (!report.ok())
        return ApiError::internal(report.error().message);
    context.server->auditRead(context,
                              QStringLiteral("lead_stats.admin_read"),
                              QStringLiteral("lead"),
                              QString(),
                              rangeDetail(std::get<Range>(range)));
    return report.value();
}

} // namespace Crm
