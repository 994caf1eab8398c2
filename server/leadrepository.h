#pragma once

#include "authuser.h"
#include "domain/lead.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Crm {

// Rows of the leads table as Lead values, shared by every service that touches leads. Also
// knows who may see a lead: its assigned agent and admins (everyone else gets a 404).
class LeadRepository final
{
public:
    static QString columns(); // SharedTables::leads().selectList(): the order read() expects
    static Lead read(const class QSqlQuery &query, int offset = 0);

    static std::optional<Lead> find(const QSqlDatabase &db, const QString &id);
    // The lead when the caller may see it; std::nullopt for missing and foreign alike.
    static std::optional<Lead> findVisible(const QSqlDatabase &db,
                                           const AuthUser &user,
                                           const QString &id);
    static bool canSee(const AuthUser &user, const Lead &lead);

    static bool insert(const QSqlDatabase &db, const Lead &lead, QString *error);
    static bool update(const QSqlDatabase &db, const Lead &lead, QString *error);

    // The change-log audience of a lead and everything hanging off it: its agent, or "-"
    // (admins only) while unassigned.
    static QString audience(const Lead &lead);
};

} // namespace Crm
