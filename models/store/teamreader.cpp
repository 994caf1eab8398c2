#include "teamreader.h"

#include "leadreader.h"
#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

TeamReader::TeamReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<TeamReader::Member> TeamReader::members() const
{
    QList<Member> members;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name, email, role, active, weight, territories,"
                                   " coalesce(timeZone, '') FROM users ORDER BY role, name, id"))) {
        qCWarning(lcStore) << "Reading the team failed:" << query.lastError().text();
        return members;
    }
    while (query.next()) {
        Member member;
        member.id = query.value(0).toString();
        member.name = query.value(1).toString();
        member.email = query.value(2).toString();
        member.role = query.value(3).toString();
        member.active = query.value(4).toLongLong() != 0;
        member.weight = query.value(5).toLongLong();
        member.territories = query.value(6).toString();
        member.timeZone = query.value(7).toString();
        members.append(member);
    }
    return members;
}

QList<TeamReader::Agent> TeamReader::agentsWithOpenLoad() const
{
    QList<Agent> agents;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT u.id, u.name, u.active, u.weight, u.territories,"
                                   " (SELECT count(*) FROM leads l WHERE l.assignedAgentId = u.id"
                                   " AND l.deletedAt IS NULL AND %1) FROM users u"
                                   " WHERE u.role = 'agent' ORDER BY u.name, u.id")
                        .arg(LeadReader::openStatusCondition(QStringLiteral("l.status"))))) {
        qCWarning(lcStore) << "Reading the agents' load failed:" << query.lastError().text();
        return agents;
    }
    while (query.next()) {
        Agent agent;
        agent.id = query.value(0).toString();
        agent.name = query.value(1).toString();
        agent.active = query.value(2).toLongLong() != 0;
        agent.weight = query.value(3).toLongLong();
        agent.territories = query.value(4).toString();
        agent.openLeads = query.value(5).toLongLong();
        agents.append(agent);
    }
    return agents;
}

QList<TeamReader::Provider> TeamReader::providers() const
{
    QList<Provider> providers;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name FROM users WHERE active = 1"
                                   " AND role IN ('agent', 'provider') ORDER BY name, id"))) {
        qCWarning(lcStore) << "Reading the providers failed:" << query.lastError().text();
        return providers;
    }
    while (query.next())
        providers.append({query.value(0).toString(), query.value(1).toString()});
    return providers;
}

std::optional<QString> TeamReader::userName(const QString &userId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT name FROM users WHERE id = ?"));
    query.addBindValue(userId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading a user's name failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace Crm
