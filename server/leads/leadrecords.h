#pragma once

#include <QJsonObject>
#include <QString>

class QSqlQuery;

namespace Crm {

// Column lists and JSON readers for the records that hang off a lead besides activities:
// follow-ups and enrollments (API.md shapes).
class LeadRecords final
{
public:
    static QString followUpColumns();
    static QJsonObject followUpJson(const QSqlQuery &query);
    static QString enrollmentColumns();
    static QJsonObject enrollmentJson(const QSqlQuery &query);
};

} // namespace Crm
