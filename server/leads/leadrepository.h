#pragma once

#include "auth/authuser.h"
#include "domain/lead.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Crm {

class WriteTransaction;

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

    // Every write of a lead goes through these, so none forgets the change log (what the
    // agents' caches pull).
    // A changed lead: updatedAt stamped (now, unless given), version bumped, the row written
    // and its change-log record.
    static Result<Lead> save(WriteTransaction &tx, Lead lead, qint64 updatedAt = 0);
    // A new lead's row, as given (version 1). Its change-log record follows with publish(),
    // or with its assignment (AssignmentService::assign saves it).
    static Status insert(WriteTransaction &tx, const Lead &lead);
    static Status publish(WriteTransaction &tx, const Lead &lead);

    // The change-log audience of a lead and everything hanging off it: its agent, or "-"
    // (admins only) while unassigned.
    static QString audience(const Lead &lead);
};

} // namespace Crm
