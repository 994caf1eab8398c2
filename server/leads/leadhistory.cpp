#include "leadhistory.h"

#include "leads/leadrecords.h"
#include "leads/leadrepository.h"
#include "store/sharedtables.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Crm {

namespace {

// A row of SharedTables::activities().selectList(), in its order.
Activity readActivity(const QSqlQuery &query)
{
    Activity activity;
    activity.id = query.value(0).toString();
    activity.leadId = query.value(1).toString();
    activity.agentId = query.value(2).toString();
    activity.activityType = query.value(3).toString();
    activity.notes = query.value(4).toString();
    activity.createdAt = query.value(5).toLongLong();
    activity.occurredAt = query.value(6).toLongLong();
    activity.code = query.value(7).toString();
    if (!activity.code.isEmpty())
        activity.params = QJsonDocument::fromJson(query.value(8).toString().toUtf8()).object();
    return activity;
}

} // namespace

Result<Activity> LeadHistory::add(WriteTransaction &tx, const Lead &lead, Activity activity)
{
    if (activity.id.isEmpty())
        activity.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (activity.createdAt == 0)
        activity.createdAt = QDateTime::currentMSecsSinceEpoch();
    if (activity.occurredAt == 0)
        activity.occurredAt = activity.createdAt;
    activity.leadId = lead.id;
    QSqlQuery insert(tx.db());
    const TableDefinition &table = SharedTables::activities();
    insert.prepare(QStringLiteral("INSERT INTO lead_activities (") + table.selectList()
                   + QStringLiteral(") VALUES (") + table.placeholders() + QLatin1Char(')'));
    insert.addBindValue(activity.id);
    insert.addBindValue(activity.leadId);
    insert.addBindValue(activity.agentId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                   : QVariant(activity.agentId));
    insert.addBindValue(activity.activityType);
    insert.addBindValue(activity.notes);
    insert.addBindValue(activity.createdAt);
    insert.addBindValue(activity.occurredAt);
    const QVariant noText{QMetaType(QMetaType::QString)};
    insert.addBindValue(activity.code.isEmpty() ? noText : QVariant(activity.code));
    insert.addBindValue(activity.code.isEmpty()
                            ? noText
                            : QVariant(QString::fromUtf8(
                                QJsonDocument(activity.params).toJson(QJsonDocument::Compact))));
    if (!insert.exec())
        return Error{QStringLiteral("history_failed"), insert.lastError().text()};
    const Status logged = tx.logChange(QStringLiteral("activity"),
                                       activity.id,
                                       QStringLiteral("upsert"),
                                       1,
                                       LeadRepository::audience(lead),
                                       activity.toJson());
    if (!logged.ok())
        return logged.error();
    return activity;
}

Result<Activity> LeadHistory::addSystem(WriteTransaction &tx,
                                        const Lead &lead,
                                        const QString &agentId,
                                        const SystemEvent &event,
                                        qint64 occurredAt)
{
    Activity activity;
    activity.agentId = agentId;
    activity.occurredAt = occurredAt;
    activity.activityType = QStringLiteral("system");
    activity.code = event.code;
    activity.params = event.params;
    activity.notes = describe(tx.db(), event).left(Activity::MaxNotesLength);
    return add(tx, lead, activity);
}

QString LeadHistory::describe(const QSqlDatabase &db, const SystemEvent &event)
{
    return HistoryEntry::text(event, [&db](const QString &userId) {
        return UserService::find(db, userId).value_or(UserRecord()).name;
    });
}

std::optional<Activity> LeadHistory::find(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + SharedTables::activities().selectList()
                  + QStringLiteral(" FROM lead_activities WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readActivity(query);
}

QList<Activity> LeadHistory::forLead(const QSqlDatabase &db, const QString &leadId)
{
    QList<Activity> result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Newest first by when it happened; entries of the same moment newest recorded first.
    query.prepare(QStringLiteral("SELECT ") + SharedTables::activities().selectList()
                  + QStringLiteral(" FROM lead_activities WHERE leadId = ?"
                                   " ORDER BY occurredAt DESC, createdAt DESC, id DESC"));
    query.addBindValue(leadId);
    if (!query.exec())
        return result;
    while (query.next())
        result.append(readActivity(query));
    return result;
}

Status LeadHistory::republish(WriteTransaction &tx, const Lead &lead)
{
    const QString audience = LeadRepository::audience(lead);
    const QList<Activity> activities = forLead(tx.db(), lead.id);
    for (auto it = activities.crbegin(); it != activities.crend(); ++it) {
        const Status logged = tx.logChange(QStringLiteral("activity"),
                                           it->id,
                                           QStringLiteral("upsert"),
                                           1,
                                           audience,
                                           it->toJson());
        if (!logged.ok())
            return logged;
    }
    QSqlQuery query(tx.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + LeadRecords::followUpColumns()
                  + QStringLiteral(" FROM follow_ups WHERE leadId = ? ORDER BY createdAt"));
    query.addBindValue(lead.id);
    if (!query.exec())
        return Error{QStringLiteral("history_failed"), query.lastError().text()};
    QList<QJsonObject> followUps;
    while (query.next())
        followUps.append(LeadRecords::followUpJson(query));
    for (const QJsonObject &followUp : std::as_const(followUps)) {
        const Status logged = tx.logChange(QStringLiteral("follow_up"),
                                           followUp.value(QStringLiteral("id")).toString(),
                                           QStringLiteral("upsert"),
                                           followUp.value(QStringLiteral("version")).toInteger(),
                                           audience,
                                           followUp);
        if (!logged.ok())
            return logged;
    }
    query.prepare(QStringLiteral("SELECT ") + LeadRecords::enrollmentColumns()
                  + QStringLiteral(" FROM enrollments WHERE leadId = ? ORDER BY createdAt"));
    query.addBindValue(lead.id);
    if (!query.exec())
        return Error{QStringLiteral("history_failed"), query.lastError().text()};
    QList<QJsonObject> enrollments;
    while (query.next())
        enrollments.append(LeadRecords::enrollmentJson(query));
    for (const QJsonObject &enrollment : std::as_const(enrollments)) {
        const Status logged = tx.logChange(QStringLiteral("enrollment"),
                                           enrollment.value(QStringLiteral("id")).toString(),
                                           QStringLiteral("upsert"),
                                           1,
                                           audience,
                                           enrollment);
        if (!logged.ok())
            return logged;
    }
    return {};
}

} // namespace Crm
