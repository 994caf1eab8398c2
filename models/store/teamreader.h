#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// The team as the cache knows it (the users directory every account syncs): the members for
// the Team window, the agents with their open load for the assignment desk, the providers whose
// calendars an admin opens, and a user's name.
// A failed query is logged and reads as nothing found.
class TeamReader final
{
public:
    explicit TeamReader(QSqlDatabase db);

    struct Member
    {
        QString id;
        QString name;
        QString email;
        QString role; // "admin" or "agent"
        bool active = false;
        qint64 weight = 0;
        QString territories; // comma-separated US states
        QString timeZone;    // empty when not set
    };
    // Everyone, admins first, then by name.
    QList<Member> members() const;

    struct Agent
    {
        QString id;
        QString name;
        bool active = false;
        qint64 weight = 0;
        QString territories;  // comma-separated US states
        qint64 openLeads = 0; // live leads in an open status (LeadStatusMachine::isOpen)
    };
    // The agents (inactive ones too), by name.
    QList<Agent> agentsWithOpenLoad() const;

    struct Provider
    {
        QString id;
        QString name;
    };
    // Whose calendars an admin may open: the active users who take appointments (agents and
    // providers), by name.
    QList<Provider> providers() const;

    // std::nullopt when the user is not in the directory.
    std::optional<QString> userName(const QString &userId) const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
