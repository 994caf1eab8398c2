#include "localdatabase.h"

#include "logging.h"
#include "schemamigrator.h"
#include "sqlcipherdriver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

namespace Crm {

namespace {

constexpr int SqliteNotADatabase = 26; // SQLITE_NOTADB

// The open connections' files and keys, by connection name (locationOf); not in the
// connections' settings, where cloneDatabase() and password() would hand the key on.
QMutex openedMutex;
QHash<QString, LocalDatabase::Location> &opened()
{
    static QHash<QString, LocalDatabase::Location> locations;
    return locations;
}

} // namespace

LocalDatabase::~LocalDatabase()
{
    close();
}

LocalDatabase::LocalDatabase(LocalDatabase &&other) noexcept
    : m_connectionName(std::exchange(other.m_connectionName, QString()))
    , m_path(std::exchange(other.m_path, QString()))
{}

LocalDatabase &LocalDatabase::operator=(LocalDatabase &&other) noexcept
{
    if (this != &other) {
        close();
        m_connectionName = std::exchange(other.m_connectionName, QString());
        m_path = std::exchange(other.m_path, QString());
    }
    return *this;
}

QSqlDatabase LocalDatabase::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void LocalDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    {
        const QMutexLocker lock(&openedMutex);
        opened().remove(m_connectionName);
    }
    m_connectionName.clear();
}

Result<LocalDatabase> LocalDatabase::open(const QString &path, const QByteArray &key)
{
    return open(path, key, Options());
}

Result<LocalDatabase> LocalDatabase::open(const QString &path,
                                          const QByteArray &key,
                                          const Options &options)
{
    if (key.size() != 32) {
        return Error{QStringLiteral("bad_key"),
                     tr("The cache key must be 32 bytes; got %1.").arg(key.size())};
    }
    if (options.create) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            return Error{QStringLiteral("open_failed"),
                         tr("Cannot create the folder %1.").arg(info.absolutePath())};
        }
    }

    SqlCipherDriver::registerDriver();
    LocalDatabase result;
    result.m_connectionName = QStringLiteral("crm-cache-")
                              + QUuid::createUuid().toString(QUuid::WithoutBraces);
    result.m_path = path;

    QString connectOptions = QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs);
    if (!options.create)
        connectOptions += QStringLiteral(";QSQLCIPHER_NO_CREATE");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(SqlCipherDriver::driverName(),
                                                    result.m_connectionName);
        db.setDatabaseName(path);
        db.setPassword(QString::fromLatin1(key.toHex()));
        db.setConnectOptions(connectOptions);
        if (!db.open()) {
            const QSqlError error = db.lastError();
            const bool wrongKey = error.nativeErrorCode().toInt() == SqliteNotADatabase;
            return Error{wrongKey ? QStringLiteral("wrong_key") : QStringLiteral("open_failed"),
                         wrongKey ? tr("The local cache %1 cannot be decrypted with this key. "
                                       "It belongs to another account or its key was lost.")
                                        .arg(path)
                                  : error.text()};
        }
        // Keep the key out of the connection's settings now that it is applied.
        db.setPassword(QString());
    }
    {
        const QMutexLocker lock(&openedMutex);
        opened().insert(result.m_connectionName, Location{path, key});
    }
    if (options.migrate) {
        const Status migrated = SchemaMigrator::migrate(result.database());
        if (!migrated.ok())
            return migrated.error();
    }
    return result;
}

std::optional<LocalDatabase::Location> LocalDatabase::locationOf(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return std::nullopt;
    const QMutexLocker lock(&openedMutex);
    const auto found = opened().constFind(db.connectionName());
    if (found == opened().cend())
        return std::nullopt;
    return *found;
}

QString LocalDatabase::defaultPath(const QString &serverUrl,
                                   const QString &account,
                                   const QString &dataDir)
{
    const QString base = dataDir.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : dataDir;
    // The folder name identifies account and server without writing either in clear.
    const QByteArray id = QCryptographicHash::hash((account.trimmed().toLower() + QLatin1Char('|')
                                                    + serverUrl.trimmed().toLower())
                                                       .toUtf8(),
                                                   QCryptographicHash::Sha256)
                              .toHex()
                              .left(16);
    return base + QStringLiteral("/accounts/") + QString::fromLatin1(id)
           + QStringLiteral("/cache.db");
}

} // namespace Crm
