#include "leadstatsreader.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

// One SELECT, forward only: the admin figures read every lead of the period.
Result<QList<LeadStats::Row>> LeadStatsReader::read(const QSqlDatabase &db,
                                                    std::optional<qint64> from,
                                                    std::optional<qint64> to,
                                                    const QString &agentId)
{
    QString sql = QStringLiteral("SELECT assignedAgentId, status, source, createdAt, firstContactAt"
                                 " FROM leads WHERE deletedAt IS NULL");
    QVariantList bindings;
    if (!agentId.isEmpty()) {
        sql += QStringLiteral(" AND assignedAgentId = ?");
        bindings << agentId;
    }
    if (from) {
        sql += QStringLiteral(" AND createdAt >= ?");
        bindings << *from;
    }
    if (to) {
        sql += QStringLiteral(" AND createdAt < ?");
        bindings << *to;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(bindings))
        query.addBindValue(value);
    if (!query.exec())
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

} // namespace Crm
