#include "conflictreader.h"

#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

ConflictReader::ConflictReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<ConflictReader::OpenConflict> ConflictReader::open() const
{
    QList<OpenConflict> conflicts;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT c.id, c.kind, c.entity, c.field, coalesce(c.mine, ''), coalesce(c.theirs, ''),"
            " coalesce(c.reason, ''), coalesce(l.firstName || ' ' || l.lastName,"
            " fl.firstName || ' ' || fl.lastName, al.firstName || ' ' || al.lastName, ''),"
            " coalesce(c.details, ''), c.entityId FROM conflicts c"
            " LEFT JOIN leads l ON c.entity = 'lead' AND l.id = c.entityId"
            " LEFT JOIN follow_ups f ON c.entity = 'follow_up' AND f.id = c.entityId"
            " LEFT JOIN leads fl ON fl.id = f.leadId"
            " LEFT JOIN appointments a ON c.entity = 'appointment' AND a.id = c.entityId"
            " LEFT JOIN leads al ON al.id = a.leadId"
            " WHERE c.resolvedAt IS NULL ORDER BY c.createdAt, c.id"))) {
        qCWarning(lcStore) << "Reading the conflict inbox failed:" << query.lastError().text();
        return conflicts;
    }
    while (query.next()) {
        OpenConflict conflict;
        conflict.id = query.value(0).toString();
        conflict.kind = query.value(1).toString();
        conflict.entity = query.value(2).toString();
        conflict.field = query.value(3).toString();
        conflict.mine = query.value(4).toString();
        conflict.theirs = query.value(5).toString();
        conflict.reason = query.value(6).toString();
        conflict.recordName = query.value(7).toString();
        conflict.details = QJsonDocument::fromJson(query.value(8).toString().toUtf8()).object();
        conflict.entityId = query.value(9).toString();
        conflicts.append(conflict);
    }
    query.finish();
    // A refused booking is no longer in the cache: its lead is named in the details.
    for (OpenConflict &conflict : conflicts) {
        const QString leadId = conflict.details.value(QStringLiteral("leadId")).toString();
        if (!conflict.recordName.isEmpty() || leadId.isEmpty())
            continue;
        query.prepare(
            QStringLiteral("SELECT firstName || ' ' || lastName FROM leads WHERE id = ?"));
        query.addBindValue(leadId);
        if (query.exec() && query.next())
            conflict.recordName = query.value(0).toString();
        query.finish();
    }
    return conflicts;
}

} // namespace Crm
