#include "assignmentservice.h"

#include "leads/leadhistory.h"
#include "serverlogging.h"
#include "leads/leadrepository.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// The agents who may receive a lead now, in the rotation's fixed order: active agents with a
// weight, not on time off.
std::optional<QList<AssignmentPolicy::Candidate>> eligibleAgents(const QSqlDatabase &db, qint64 now)
{
    QList<AssignmentPolicy::Candidate> result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT u.id, u.weight, u.rrCurrent, u.territories FROM users u"
                       " WHERE u.role = 'agent' AND u.active = 1 AND u.weight > 0"
                       " AND NOT EXISTS (SELECT 1 FROM time_off t WHERE t.providerId = u.id"
                       "                 AND t.startAt <= ? AND t.endAt > ?)"
                       " ORDER BY u.rrOrder"));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        qCWarning(lcServer) << "Eligible agents query failed:" << query.lastError().text();
        return std::nullopt;
    }
    while (query.next()) {
        result.append({query.value(0).toString(),
                       query.value(1).toInt(),
                       query.value(2).toLongLong(),
                       query.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)});
    }
    return result;
}

} // namespace

AssignmentService::Mode AssignmentService::mode(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'assignmentMode'"))
        && query.next())
        return AssignmentPolicy::parseMode(query.value(0).toString()).value_or(Mode::RoundRobin);
    return Mode::RoundRobin;
}

Status AssignmentService::setMode(WriteTransaction &tx, Mode mode)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE settings SET value = ? WHERE key = 'assignmentMode'"));
    query.addBindValue(AssignmentPolicy::modeName(mode));
    if (!query.exec())
        return Error{QStringLiteral("settings_failed"), query.lastError().text()};
    return {};
}

std::optional<AssignmentService::Pick> AssignmentService::pick(WriteTransaction &tx,
                                                               const Lead &lead,
                                                               Mode mode)
{
    if (mode == Mode::Manual)
        return std::nullopt;
    std::optional<QList<AssignmentPolicy::Candidate>> everyone
        = eligibleAgents(tx.db(), QDateTime::currentMSecsSinceEpoch());
    if (!everyone)
        return std::nullopt;
    const QList<AssignmentPolicy::Candidate> before = *everyone;
    const std::optional<Pick> picked = AssignmentPolicy::pick(*everyone, lead.state, mode);
    if (!picked)
        return std::nullopt;
    // The rotation's place survives restarts: the credits that moved are stored.
    QSqlQuery update(tx.db());
    update.prepare(QStringLiteral("UPDATE users SET rrCurrent = ? WHERE id = ?"));
    for (qsizetype i = 0; i < everyone->size(); ++i) {
        if (everyone->at(i).current == before.at(i).current)
            continue;
        update.addBindValue(everyone->at(i).current);
        update.addBindValue(everyone->at(i).id);
        if (!update.exec()) {
            qCWarning(lcServer) << "Storing the rotation failed:" << update.lastError().text();
            return std::nullopt;
        }
    }
    return picked;
}

Result<Lead> AssignmentService::assign(WriteTransaction &tx,
                                                       Lead lead,
                                                       const QString &agentId,
                                                       const AssignmentReason &reason,
                                                       const QString &actorId)
{
    const std::optional<UserRecord> agent = UserService::find(tx.db(), agentId);
    if (!agent || agent->role != QLatin1String("agent"))
        return ValidationErrors::single(QStringLiteral("agentId"), tr("No such agent."));
    if (!agent->active)
        return ValidationErrors::single(QStringLiteral("agentId"),
                                         tr("%1 is inactive and cannot receive leads.")
                                             .arg(agent->name));
    if (lead.assignedAgentId == agentId)
        return lead;

    const Lead before = lead;
    lead.assignedAgentId = agentId;
    const Result<Lead> saved = LeadRepository::save(tx, lead);
    if (!saved.ok())
        return saved.error();
    lead = saved.value();

    if (!before.assignedAgentId.isEmpty()) {
        const Status revoked = tx.logChange(QStringLiteral("lead"),
                                            lead.id,
                                            QStringLiteral("revoke"),
                                            lead.version,
                                            before.assignedAgentId,
                                            QJsonObject());
        if (!revoked.ok())
            return revoked.error();
    }
    // The new agent needs the history too, from before their time.
    const Status republished = LeadHistory::republish(tx, lead);
    if (!republished.ok())
        return republished.error();

    const Result<Activity> recorded
        = LeadHistory::addSystem(tx,
                                 lead,
                                 actorId,
                                 HistoryEntry::assigned(agentId,
                                                        before.assignedAgentId,
                                                        reason.code(),
                                                        reason.state));
    if (!recorded.ok())
        return recorded.error();
    tx.audit({0,
              actorId,
              QStringLiteral("lead.assign"),
              QStringLiteral("lead"),
              lead.id,
              QString(),
              agentId + QStringLiteral(" ") + reason.wire()});
    return lead;
}

} // namespace Crm
