#pragma once

#include "audit/auditlog.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>

namespace Crm {

class ServerDatabase;

// One write: the data change, its change-log entries and its audit entries commit together or
// not at all. Rolls back when destroyed without commit().
//
// Change-log seq numbers are handed out from the counter row the transaction locked first, so
// they are gap-free and in commit order on both backends. A pull page never splits a
// transaction: every entry carries the transaction's id (its first seq).
class WriteTransaction final
{
public:
    // Who each change-log entry is for: one user's id, or everyone.
    static QString everyone() { return QStringLiteral("*"); }

    WriteTransaction(ServerDatabase &database, QSqlDatabase db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Status begin();
    QSqlDatabase &db() { return m_db; }

    // op: "upsert", "delete" or "revoke". audience: a user id, or everyone().
    Status logChange(const QString &entity,
                     const QString &id,
                     const QString &op,
                     qint64 version,
                     const QString &audience,
                     const QJsonObject &data);
    void audit(AuditLog::Entry entry);

    Status commit();
    void rollback();

private:
    ServerDatabase &m_database;
    QSqlDatabase m_db;
    bool m_active = false;
    qint64 m_firstSeq = 0;
    qint64 m_nextSeq = 0;
    QList<AuditLog::Entry> m_audit;
    QSet<QString> m_audiences;
};

} // namespace Crm
