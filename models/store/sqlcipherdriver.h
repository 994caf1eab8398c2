#pragma once

#include <QSqlDriver>
#include <QSqlError>

struct sqlite3;

namespace Crm {

// A QSqlDriver over the SQLCipher C API, registered as "QSQLCIPHER".
//
// Qt's own QSQLITE plugin must never be loaded next to it: both export sqlite3_* symbols and
// the clash corrupts silently. The driver refuses to open a database without a key, so there is
// no way to end up with a plaintext cache by mistake.
//
// open() takes the key in the password argument as 64 hex digits (a raw 32-byte key, applied
// with PRAGMA key = "x'...'", so no PBKDF2 delay). Connect options:
//   QSQLCIPHER_BUSY_TIMEOUT=<ms>   how long a statement waits for a lock (default 5000)
//   QSQLCIPHER_CACHE_SIZE_KIB=<n>  page cache ceiling (default 65536 KiB)
//   QSQLCIPHER_OPEN_READONLY       open read-only
//   QSQLCIPHER_NO_CREATE           fail instead of creating a missing file
//
// beginTransaction() ends the reads of SELECTs that were not stepped to their end (a lookup
// that read its one row and moved on). In WAL mode such a read pins an old snapshot, and a
// write transaction can never start from a stale snapshot: SQLite answers "database is locked"
// at once, without waiting. Those queries then report no further rows.
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT

public:
    static QString driverName();
    // Makes "QSQLCIPHER" available to QSqlDatabase::addDatabase. Safe to call repeatedly.
    static void registerDriver();

    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db,
              const QString &user,
              const QString &password,
              const QString &host,
              int port,
              const QString &connectOptions) override;
    void close() override;
    QSqlResult *createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QVariant handle() const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;

    // Runs several ';'-separated statements (a migration step, a schema). Stops at the first
    // error, which is then in lastError().
    bool executeScript(const QString &sql);

    sqlite3 *connection() const { return m_db; }

    // Results register themselves, so a write transaction can end their reads first (below).
    void attach(class SqlCipherResult *result) const;
    void detach(class SqlCipherResult *result) const;

    // Builds a QSqlError from the connection's last SQLite error.
    QSqlError sqliteError(const QString &driverText, QSqlError::ErrorType type) const;

private:
    bool runSimple(const char *sql, const QString &failureText, QSqlError::ErrorType type);
    void failOpen(const QSqlError &error);

    sqlite3 *m_db = nullptr;
    mutable QList<class SqlCipherResult *> m_results;
};

} // namespace Crm
