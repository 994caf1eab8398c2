#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Crm {

class ServerDatabase;

// The append-only audit log: who did or read what, when, from where. Entries are chained by an
// HMAC-SHA-256 (libsodium) whose key is kept apart from the database (ServerDatabase::auditKey),
// each covering the previous one: someone who can write the database but not read the key
// cannot edit, insert or delete an entry without `crm-server audit verify` finding it. A cut
// tail is found by comparing the head with one recorded elsewhere (`--expect-head SEQ:HASH`,
// printed by every verify).
//
// Every entry is written in the transaction of what it records (appendInTransaction); reads
// are written before their answer goes out, so a crash loses none.
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
        qint64 headSeq = 0;
        QString headHash; // "SEQ:HASH" is what --expect-head takes
    };

    // Appends entries within the caller's open write transaction.
    static Status appendInTransaction(QSqlDatabase &db,
                                      const QByteArray &key,
                                      const QList<Entry> &entries);
    // expectedHead: "SEQ:HASH" recorded earlier, or empty.
    static Result<Verification> verify(QSqlDatabase &db,
                                       const QByteArray &key,
                                       const QString &expectedHead = QString());

private:
    static QString chainHash(const QByteArray &key,
                             const QString &previous,
                             qint64 seq,
                             const Entry &entry);
};

} // namespace Crm
