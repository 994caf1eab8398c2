#include "followupreader.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

FollowUpReader::FollowUpReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<FollowUpReader::OpenFollowUp> FollowUpReader::openOf(const QString &leadId) const
{
    QList<OpenFollowUp> followUps;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, dueAt, coalesce(note, '') FROM follow_ups"
                                 " WHERE leadId = ? AND done = 0 ORDER BY dueAt, id"));
    query.addBindValue(leadId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading a lead's follow-ups failed:" << query.lastError().text();
        return followUps;
    }
    while (query.next()) {
        followUps.append(
            {query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toString()});
    }
    return followUps;
}

} // namespace Crm
