#include "enrollmentreader.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

EnrollmentReader::EnrollmentReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

std::optional<EnrollmentReader::Summary> EnrollmentReader::latestOf(const QString &leadId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT coalesce(plan, ''), coalesce(effectiveDate, '')"
                                 " FROM enrollments WHERE leadId = ? ORDER BY createdAt DESC"
                                 " LIMIT 1"));
    query.addBindValue(leadId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading a lead's enrollment failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return Summary{query.value(0).toString(),
                   QDate::fromString(query.value(1).toString(), Qt::ISODate)};
}

QStringList EnrollmentReader::mostUsedPlans(int limit) const
{
    QStringList plans;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT plan FROM enrollments WHERE plan IS NOT NULL"
                                 " GROUP BY plan ORDER BY count(*) DESC, plan LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading the plans in use failed:" << query.lastError().text();
        return plans;
    }
    while (query.next())
        plans << query.value(0).toString();
    return plans;
}

} // namespace Crm
