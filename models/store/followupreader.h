#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Crm {

// A lead's follow-up reminders as the lead's panel lists them. Changes to them go through
// LocalEdits (cache + outbox). A failed query is logged and reads as no reminders.
class FollowUpReader final
{
public:
    explicit FollowUpReader(QSqlDatabase db);

    struct OpenFollowUp
    {
        QString id;
        qint64 dueAt = 0; // epoch ms
        QString note;     // empty when none
    };
    // The lead's reminders not done yet, soonest first.
    QList<OpenFollowUp> openOf(const QString &leadId) const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
