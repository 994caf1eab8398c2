#include "leadstatsreader.h"

#include <QHash>
#include <QJsonArray>

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Crm {

namespace {

// `select` over the rows not deleted, of one owner (when given) and of [from, to) by
// `timeColumn`; forward only (the admin figures read every row of the period).
bool runForPeriod(QSqlQuery &query,
                  const QString &select,
                  const QString &ownerColumn,
                  const QString &owner,
                  const QString &timeColumn,
                  std::optional<qint64> from,
                  std::optional<qint64> to)
{
    QString sql = select + QStringLiteral(" WHERE deletedAt IS NULL");
    QVariantList bindings;
    if (!owner.isEmpty()) {
        sql += QStringLiteral(" AND ") + ownerColumn + QStringLiteral(" = ?");
        bindings << owner;
    }
    if (from) {
        sql += QStringLiteral(" AND ") + timeColumn + QStringLiteral(" >= ?");
        bindings << *from;
    }
    if (to) {
        sql += QStringLiteral(" AND ") + timeColumn + QStringLiteral(" < ?");
        bindings << *to;
    }
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(bindings))
        query.addBindValue(value);
    return query.exec();
}

} // namespace

Result<QList<LeadStats::Row>> LeadStatsReader::read(const QSqlDatabase &db,
                                                    std::optional<qint64> from,
                                                    std::optional<qint64> to,
                                                    const QString &agentId)
{
    QSqlQuery query(db);
    if (!runForPeriod(query,
                      QStringLiteral("SELECT assignedAgentId, status, source, createdAt,"
                                     " firstContactAt FROM leads"),
                      QStringLiteral("assignedAgentId"),
                      agentId,
                      QStringLiteral("createdAt"),
                      from,
                      to))
        return Error{QStringLiteral("query_failed"), query.lastError().text()};
    QList<LeadStats::Row> rows;
    while (query.next()) {
        LeadStats::Row row;
        row.assignedAgentId = query.value(0).toString();
        row.status = LeadStatusMachine::fromString(query.value(1).toString())
                         .value_or(LeadStatus::New);
        row.source = query.value(2).toString();
        row.createdAt = query.value(3).toLongLong();
        if (!query.value(4).isNull())
            row.firstContactAt = query.value(4).toLongLong();
        rows.append(row);
    }
    return rows;
}

Result<QList<AppointmentStatus>> LeadStatsReader::readAppointments(const QSqlDatabase &db,
                                                                   std::optional<qint64> from,
                                                                   std::optional<qint64> to,
                                                                   const QString &providerId)
{
    QSqlQuery query(db);
    if (!runForPeriod(query,
                      QStringLiteral("SELECT status FROM appointments"),
                      QStringLiteral("providerId"),
                      providerId,
                      QStringLiteral("scheduledDate"),
                      from,
                      to))
        return Error{QStringLiteral("query_failed"), query.lastError().text()};
    QList<AppointmentStatus> statuses;
    while (query.next()) {
        if (const auto status = AppointmentRules::statusFromString(query.value(0).toString()))
            statuses.append(*status);
    }
    return statuses;
}

Result<QJsonObject> LeadStatsReader::adminReport(const QSqlDatabase &db,
                                                 std::optional<qint64> from,
                                                 std::optional<qint64> to)
{
    const Result<QList<LeadStats::Row>> read = LeadStatsReader::read(db, from, to, QString());
    if (!read.ok())
        return read.error();
    return adminReport(db, read.value(), from, to);
}

Result<QJsonObject> LeadStatsReader::adminReport(const QSqlDatabase &db,
                                                 const QList<LeadStats::Row> &rows,
                                                 std::optional<qint64> from,
                                                 std::optional<qint64> to)
{
    const Result<QList<AppointmentStatus>> appointments = readAppointments(db, from, to, QString());
    if (!appointments.ok())
        return appointments.error();
    // Beside the lead figures, as in the agent's answer: at the top and in `overall`.
    const QJsonObject block = LeadStats::appointments(appointments.value()).toJson();
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
    QSqlQuery users(db);
    users.setForwardOnly(true);
    users.prepare(QStringLiteral("SELECT id, name FROM users WHERE role = ?"));
    users.addBindValue(QStringLiteral("agent"));
    if (!users.exec())
        return Error{QStringLiteral("query_failed"), users.lastError().text()};
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
    QJsonObject overallJson = overall.toJson();
    overallJson.insert(QStringLiteral("appointments"), block);
    return QJsonObject{{QStringLiteral("overall"), overallJson},
                       {QStringLiteral("agents"), agentItems},
                       {QStringLiteral("sources"), overall.sourcesJson()},
                       {QStringLiteral("appointments"), block}};
}

} // namespace Crm
