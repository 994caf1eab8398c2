#include "leadreader.h"

#include "domain/leadstatus.h"
#include "logging.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

LeadReader::LeadReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString LeadReader::openStatusCondition(const QString &column)
{
    QStringList names;
    const QList<LeadStatus> open = LeadStatusMachine::openStatuses();
    for (LeadStatus status : open)
        names << QLatin1Char('\'') + LeadStatusMachine::toString(status) + QLatin1Char('\'');
    return QStringLiteral("%1 IN (%2)").arg(column, names.join(QStringLiteral(", ")));
}

QList<LeadReader::QueuedLead> LeadReader::unassigned(int limit) const
{
    QList<QueuedLead> leads;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, firstName || ' ' || lastName, coalesce(state, ''),"
                                 " source FROM leads WHERE assignedAgentId IS NULL"
                                 " AND deletedAt IS NULL ORDER BY createdAt, id LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading the unassigned leads failed:" << query.lastError().text();
        return leads;
    }
    while (query.next()) {
        leads.append({query.value(0).toString(),
                      query.value(1).toString(),
                      query.value(2).toString(),
                      query.value(3).toString()});
    }
    return leads;
}

QList<LeadReader::OpenLead> LeadReader::openLeadsOf(const QString &agentId, int limit) const
{
    QList<OpenLead> leads;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, firstName || ' ' || lastName, status FROM leads"
                                 " WHERE assignedAgentId = ? AND deletedAt IS NULL AND %1"
                                 " ORDER BY createdAt DESC LIMIT ?")
                      .arg(openStatusCondition(QStringLiteral("status"))));
    query.addBindValue(agentId);
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading an agent's open leads failed:" << query.lastError().text();
        return leads;
    }
    while (query.next()) {
        leads.append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toString()});
    }
    return leads;
}

std::optional<QString> LeadReader::fullName(const QString &leadId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT firstName || ' ' || lastName FROM leads WHERE id = ?"));
    query.addBindValue(leadId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading a lead's name failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toString();
}

QString LeadReader::leadIdOf(const QString &entity, const QString &entityId) const
{
    if (entity == QLatin1String("lead"))
        return entityId;
    static const QHash<QString, QString>
        tables{{QStringLiteral("follow_up"), QStringLiteral("follow_ups")},
               {QStringLiteral("enrollment"), QStringLiteral("enrollments")},
               {QStringLiteral("appointment"), QStringLiteral("appointments")},
               {QStringLiteral("activity"), QStringLiteral("lead_activities")}};
    const QString table = tables.value(entity);
    if (table.isEmpty())
        return QString();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT leadId FROM %1 WHERE id = ?").arg(table));
    query.addBindValue(entityId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Finding the lead of a" << entity
                           << "failed:" << query.lastError().text();
        return QString();
    }
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace Crm
