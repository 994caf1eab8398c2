#pragma once

#include "domain/leadstats.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Crm {

// The rows LeadStats counts, read the same way from the server's database and from the
// desktop's cache (same columns), so the app's metrics agree with the API's.
class LeadStatsReader final
{
public:
    // Live leads created in [from, to) (either end open when unset), of one agent or
    // (agentId empty) of everyone.
    static Result<QList<LeadStats::Row>> read(const QSqlDatabase &db,
                                              std::optional<qint64> from,
                                              std::optional<qint64> to,
                                              const QString &agentId);
    // /api/admin/lead-stats: {overall, agents: [{agentId, name, assigned, contacted, enrolled,
    // conversionRate, medianResponseMinutes}] (every agent, by name), sources}.
    // The statuses of the appointments scheduled in [from, to), of one provider or (empty) all.
    static Result<QList<AppointmentStatus>> readAppointments(const QSqlDatabase &db,
                                                             std::optional<qint64> from,
                                                             std::optional<qint64> to,
                                                             const QString &providerId);
    static Result<QJsonObject> adminReport(const QSqlDatabase &db,
                                           std::optional<qint64> from,
                                           std::optional<qint64> to);
    // The same report over the period's rows already read (db supplies the agents' names and
    // the appointments of [from, to)).
    static Result<QJsonObject> adminReport(const QSqlDatabase &db,
                                           const QList<LeadStats::Row> &rows,
                                           std::optional<qint64> from,
                                           std::optional<qint64> to);
};

} // namespace Crm
