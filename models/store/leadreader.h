#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// What the desktop's windows show about leads besides the lead list: the unassigned queue, an
// agent's open leads, a lead's name, and which lead a record hangs off. Reads the cache on the
// connection it is given; a failed query is logged and reads as nothing found.
class LeadReader final
{
public:
    explicit LeadReader(QSqlDatabase db);

    struct QueuedLead
    {
        QString id;
        QString name;
        QString state; // empty when unknown
        QString source;
    };
    // Live leads assigned to nobody, oldest first, at most `limit`.
    QList<QueuedLead> unassigned(int limit) const;

    struct OpenLead
    {
        QString id;
        QString name;
        QString status;
    };
    // An agent's live open leads (LeadStatusMachine::isOpen), newest first, at most `limit`.
    QList<OpenLead> openLeadsOf(const QString &agentId, int limit) const;

    // "First Last"; std::nullopt when the lead is not in the cache.
    std::optional<QString> fullName(const QString &leadId) const;

    // The lead a record is about: a lead's own id, or the lead of a follow-up, enrollment,
    // appointment or activity. Empty for another kind of record or one not in the cache.
    QString leadIdOf(const QString &entity, const QString &entityId) const;

    // "<column> IN ('new', ...)": the SQL condition for an open lead, built from
    // LeadStatusMachine::openStatuses() so every query means the same by "open".
    static QString openStatusCondition(const QString &column);

private:
    QSqlDatabase m_db;
};

} // namespace Crm
