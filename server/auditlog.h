#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

namespace Crm {

class ServerDatabase;

// The append-only audit log: who did or read what, when, from where. Entries are hash-chained
// (each hash covers the previous one), so editing or deleting an entry breaks the chain and
// `crm-server audit verify` finds it.
//
// Writes are audited inside their own transaction (appendInTransaction). Reads are queued
// (record) and written in batches by flush(), so a busy list endpoint does not turn every GET
// into a write transaction.
class AuditLog final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AuditLog)

public:
    struct Entry
    {
        qint64 at = 0;
        QString userId;
        QString action; // e.g. "lead.read", "lead.update", "auth.login"
        QString entity;
        QString entityId;
        QString remoteAddress;
        QString detail;
    };

    struct Verification
    {
        bool intact = true;
        qint64 entries = 0;
        qint64 firstBadSeq = 0;
        QString problem;
    };

    // Appends entries within the caller's open write transaction.
    static Status appendInTransaction(QSqlDatabase &db, const QList<Entry> &entries);
    static Result<Verification> verify(QSqlDatabase &db);

    void record(Entry entry);
    Status flush(ServerDatabase &database);
    qsizetype pending() const;

private:
    static QString chainHash(const QString &previous, qint64 seq, const Entry &entry);

    mutable QMutex m_mutex;
    QList<Entry> m_queue;
};

} // namespace Crm
