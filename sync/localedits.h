#pragma once

#include "domain/lead.h"
#include "domain/result.h"
#include "domain/validationerrors.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QVariantMap>

#include <variant>

namespace Crm {

// Changes made on this device: each writes the cache row and its outbox mutation in one local
// transaction, so an edit is either both shown and queued for the server, or neither. The same
// rules as the server apply first (validation, the status machine), so the user hears about a
// mistake at once rather than from a rejection later.
class LocalEdits final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LocalEdits)

public:
    LocalEdits(QSqlDatabase db, QString userId);

    // Changes fields of a lead (API names: firstName, status, ...). Returns the validation
    // errors by field, or an Error for anything else (unknown lead, invalid transition).
    std::variant<Lead, ValidationErrors, Error> updateLead(const QString &leadId,
                                                           const QJsonObject &changes);
    Result<QString> addActivity(const QString &leadId, const QString &type, const QString &notes);
    std::variant<Lead, ValidationErrors, Error> createLead(Lead lead);

    // Resolves a conflict: keep mine (queue my value again, over theirs) or keep theirs
    // (accept the server's value that is already in the cache).
    Status resolveConflict(const QString &conflictId, bool keepMine);

    static std::optional<Lead> readLead(const QSqlDatabase &db, const QString &id);

private:
    Status queue(const QJsonObject &mutation);

    QSqlDatabase m_db;
    QString m_userId;
};

} // namespace Crm
