#pragma once

#include "storage/databasespec.h"
#include "domain/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <memory>

class QThread;

namespace Crm {

// The server's shared database: an encrypted SQLCipher file (key in a 0600 file beside it) or
// PostgreSQL through Qt's QPSQL driver. Both speak the same SQL here (BIGINT, TEXT, '?'
// placeholders); the few differences are behind the methods below.
//
// Connections are per thread: request handlers run on a thread pool and each worker thread
// lazily opens its own connection.
class ServerDatabase final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ServerDatabase)

public:
    ~ServerDatabase();

    // Opens the database (creating the SQLCipher file and its key file the first time) and
    // brings the schema to ServerSchema::latestVersion().
    static Result<std::shared_ptr<ServerDatabase>> open(const DatabaseSpec &spec);

    // The audit chain's HMAC key: kept apart from the database, in the file CRM_AUDIT_KEY_FILE
    // names or else audit.key in the server's configuration directory (never beside the
    // database), so someone who can write the database cannot rewrite its history unnoticed.
    static QString auditKeyPath();
    const QByteArray &auditKey() const { return m_auditKey; }

    // This thread's connection, opened on first use.
    Result<QSqlDatabase> connection();

    const DatabaseSpec &spec() const { return m_spec; }
    bool isPostgres() const { return m_spec.backend == DatabaseSpec::Backend::PostgreSql; }

    // Starts a write transaction that serialises with every other writer (SQLCipher: our
    // driver's beginTransaction() is BEGIN IMMEDIATE, unlike Qt's QSQLITE; PostgreSQL: BEGIN
    // plus a row lock on the change-log counter). Writers in
    // commit order is what keeps the change log's seq gap-free and ordered.
    //
    // With SQLite, writers of this process also queue on a mutex: SQLite's own busy handler
    // makes waiting writers sleep in growing steps (up to 100 ms), a fair queue does not.
    // Every successful beginWrite() is paired with endWrite() after commit or rollback.
    Status beginWrite(QSqlDatabase &db);
    void endWrite();

    // Closes every thread's connection. Call after the worker threads have finished.
    void closeAll();

    // Told after every commit that wrote change-log entries: the new log head and whom the
    // entries were for (user ids, "*" for everyone, "-" for admins only). Called on the
    // committing thread; the live channel hops to its own.
    using CommitObserver = std::function<void(qint64 head, const QSet<QString> &audiences)>;
    void setCommitObserver(CommitObserver observer) { m_commitObserver = std::move(observer); }
    void notifyCommitted(qint64 head, const QSet<QString> &audiences) const
    {
        if (m_commitObserver)
            m_commitObserver(head, audiences);
    }

private:
    explicit ServerDatabase(DatabaseSpec spec);
    Result<QSqlDatabase> openConnection(const QString &name) const;
    Status migrate(QSqlDatabase &db) const;
    static Result<QByteArray> keyFromFile(const QString &databasePath);
    // A 32-byte key in a 0600 file: read (refused when others may read it), or created when
    // mayCreate. `what` names it in messages.
    static Result<QByteArray> loadKeyFile(const QString &keyPath, bool mayCreate, const QString &what);

    DatabaseSpec m_spec;
    QByteArray m_key; // SqlCipher only
    QByteArray m_auditKey;
    QString m_id;
    QMutex m_mutex;
    QHash<QThread *, QString> m_connections;
    CommitObserver m_commitObserver;
    QMutex m_writeLock;
};

} // namespace Crm
