#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// One open connection to an encrypted local cache (SQLCipher), migrated to the newest schema.
//
// Owns its QSqlDatabase connection name: the connection is closed and removed when the object
// goes away. Each thread that touches the cache opens its own LocalDatabase on the same file.
class LocalDatabase final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LocalDatabase)

public:
    struct Options
    {
        bool migrate = true;      // bring the schema to the newest version
        bool create = true;       // create the file when it is missing
        int busyTimeoutMs = 5000; // wait this long for another connection's write lock
    };

    LocalDatabase() = default;
    ~LocalDatabase();
    LocalDatabase(LocalDatabase &&other) noexcept;
    LocalDatabase &operator=(LocalDatabase &&other) noexcept;
    LocalDatabase(const LocalDatabase &) = delete;
    LocalDatabase &operator=(const LocalDatabase &) = delete;

    // Opens (or creates) the cache at path with a raw 32-byte key. Error codes: "bad_key",
    // "wrong_key" (the key does not decrypt this file), "open_failed", and the migrator's.
    static Result<LocalDatabase> open(const QString &path, const QByteArray &key);
    static Result<LocalDatabase> open(const QString &path,
                                      const QByteArray &key,
                                      const Options &options);

    // Where the cache of one account on one server lives (under AppDataLocation unless
    // dataDir is given).
    static QString defaultPath(const QString &serverUrl,
                               const QString &account,
                               const QString &dataDir = QString());

    // Where the cache behind `db` is, with its key: what another thread needs to open a
    // connection of its own to it (open() there, without migrating). std::nullopt when `db`
    // is not an open connection of this class. The key stays in this process's memory while
    // the connection is open, as the sync worker's copy does.
    struct Location
    {
        QString path;
        QByteArray key;
    };
    static std::optional<Location> locationOf(const QSqlDatabase &db);

    bool isOpen() const { return !m_connectionName.isEmpty(); }
    QSqlDatabase database() const;
    QString connectionName() const { return m_connectionName; }
    QString path() const { return m_path; }
    void close();

private:
    QString m_connectionName;
    QString m_path;
};

} // namespace Crm
