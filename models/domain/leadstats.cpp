#include "domain/leadstats.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace Crm {

namespace {

double rate(int part, int whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

QJsonValue nullableMinutes(const std::optional<double> &minutes)
{
    return minutes ? QJsonValue(LeadStats::roundMinutes(*minutes)) : QJsonValue();
}

} // namespace

LeadStats::Summary LeadStats::compute(const QList<Row> &rows)
{
    Summary summary;
    QList<double> responseMinutes;
    int withinHour = 0;
    QHash<QString, SourceSummary> sources;
    for (const Row &row : rows) {
        ++summary.total;
        ++summary.byStatus[std::size_t(row.status)];
        const bool enrolled = row.status == LeadStatus::Enrolled;
        SourceSummary &source = sources[row.source];
        source.source = row.source;
        ++source.total;
        if (enrolled)
            ++source.enrolled;
        if (row.firstContactAt) {
            // A first contact stamped before the lead was created (clocks of two devices
            // disagreeing) counts as immediate rather than as a negative time.
            const qint64 elapsedMs = std::max<qint64>(0, *row.firstContactAt - row.createdAt);
            ++summary.contacted;
            responseMinutes.append(double(elapsedMs) / 60000.0);
            if (elapsedMs <= OneHourMs)
                ++withinHour;
        }
    }
    summary.conversionRate = rate(summary.count(LeadStatus::Enrolled), summary.total);
    summary.medianMinutes = median(responseMinutes);
    summary.p90Minutes = percentile(responseMinutes, 90);
    summary.within1HourRate = rate(withinHour, summary.contacted);
    for (SourceSummary &source : sources) {
        source.conversionRate = rate(source.enrolled, source.total);
        summary.bySource.append(source);
    }
    std::sort(summary.bySource.begin(),
              summary.bySource.end(),
              [](const SourceSummary &a, const SourceSummary &b) {
                  if (a.total != b.total)
                      return a.total > b.total;
                  return a.source < b.source;
              });
    return summary;
}

std::optional<double> LeadStats::median(QList<double> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2.0;
}

std::optional<double> LeadStats::percentile(QList<double> values, int percent)
{
    if (values.isEmpty() || percent <= 0 || percent > 100)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    // Integer arithmetic: ceil(percent / 100 * n) without floating-point surprises.
    const qsizetype rank = (qsizetype(percent) * values.size() + 99) / 100;
    return values.at(std::max<qsizetype>(rank, 1) - 1);
}

double LeadStats::roundMinutes(double minutes)
{
    return std::round(minutes * 10.0) / 10.0;
}

LeadStats::AppointmentSummary LeadStats::appointments(const QList<AppointmentStatus> &statuses)
{
    AppointmentSummary summary;
    for (AppointmentStatus status : statuses) {
        ++summary.booked;
        summary.completed += status == AppointmentStatus::Completed;
        summary.noShow += status == AppointmentStatus::NoShow;
        summary.cancelled += status == AppointmentStatus::Cancelled;
    }
    const int due = summary.completed + summary.noShow;
    summary.noShowRate = due == 0 ? 0 : double(summary.noShow) / due;
    return summary;
}

QJsonObject LeadStats::agentAnswer(const Summary &leads, const AppointmentSummary &appointments)
{
    QJsonObject answer = leads.toJson();
    answer.insert(QStringLiteral("appointments"), appointments.toJson());
    return answer;
}

QJsonObject LeadStats::AppointmentSummary::toJson() const
{
    return {{QStringLiteral("booked"), booked},
            {QStringLiteral("completed"), completed},
            {QStringLiteral("noShow"), noShow},
            {QStringLiteral("cancelled"), cancelled},
            {QStringLiteral("noShowRate"), noShowRate}};
}

QJsonObject LeadStats::Summary::toJson() const
{
    QJsonObject statuses;
    const QList<LeadStatus> all = LeadStatusMachine::all();
    for (LeadStatus status : all)
        statuses.insert(LeadStatusMachine::toString(status), count(status));
    const QJsonObject responseTime{{QStringLiteral("medianMinutes"), nullableMinutes(medianMinutes)},
                                   {QStringLiteral("p90Minutes"), nullableMinutes(p90Minutes)},
                                   {QStringLiteral("within1HourRate"), within1HourRate}};
    return {{QStringLiteral("total"), total},
            {QStringLiteral("byStatus"), statuses},
            {QStringLiteral("conversionRate"), conversionRate},
            {QStringLiteral("responseTime"), responseTime},
            {QStringLiteral("bySource"), sourcesJson()}};
}

QJsonArray LeadStats::Summary::sourcesJson() const
{
    QJsonArray result;
    for (const SourceSummary &source : bySource) {
        result.append(QJsonObject{{QStringLiteral("source"), source.source},
                                  {QStringLiteral("total"), source.total},
                                  {QStringLiteral("enrolled"), source.enrolled},
                                  {QStringLiteral("conversionRate"), source.conversionRate}});
    }
    return result;
}

} // namespace Crm
