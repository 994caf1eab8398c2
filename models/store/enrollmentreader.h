#pragma once

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm {

// Enrollments as the desktop shows them: what a lead enrolled in, and the plans agents here
// sell most (offered first when converting a lead). Writes go through LocalEdits. A failed
// query is logged and reads as nothing found.
class EnrollmentReader final
{
public:
    explicit EnrollmentReader(QSqlDatabase db);

    struct Summary
    {
        QString plan;        // empty when not recorded
        QDate effectiveDate; // invalid when not known yet
    };
    // The lead's latest enrollment; std::nullopt when the lead has none.
    std::optional<Summary> latestOf(const QString &leadId) const;

    // Plans used in this cache, most used first (then by name), at most `limit`.
    QStringList mostUsedPlans(int limit) const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
