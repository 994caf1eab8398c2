#include "serverdatabase.h"

#include "serverlogging.h"
#include "storage/serverschema.h"
#include "store/sqlcipherdriver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <sodium.h>

namespace Crm {

ServerDatabase::ServerDatabase(DatabaseSpec spec)
    : m_spec(std::move(spec))
    , m_id(QUuid::createUuid().toString(QUuid::Id128).left(12))
{}

ServerDatabase::~ServerDatabase()
{
    closeAll();
}

Result<QByteArray> ServerDatabase::keyFromFile(const QString &databasePath)
{
    // The embedded database's key lives beside it, readable by the server's user only. It
    // protects a copied or backed-up database file, not a compromised server account.
    const QString keyPath = databasePath + QStringLiteral(".key");
    if (!QFile::exists(keyPath) && QFile::exists(databasePath)) {
        return Error{QStringLiteral("key_missing"),
                     tr("The database %1 exists but its key file %2 is missing.")
                         .arg(databasePath, keyPath)};
    }
    return loadKeyFile(keyPath, true, tr("database key"));
}

Result<QByteArray> ServerDatabase::loadKeyFile(const QString &keyPath,
                                               bool mayCreate,
                                               const QString &what)
{
    QFile file(keyPath);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            return Error{QStringLiteral("key_unreadable"),
                         tr("Cannot read the %1 %2: %3").arg(what, keyPath, file.errorString())};
        }
        const QFileDevice::Permissions shared = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::WriteOther | QFileDevice::ExeOther;
        if (file.permissions() & shared) {
            // Whoever could read it may already have it: starting anyway would hide that.
            return Error{QStringLiteral("key_exposed"),
                         tr("The %1 %2 is open to other users; it must be readable by the "
                            "server's user alone (chmod 600 %2), and if others may have read it, "
                            "it should be replaced.")
                             .arg(what, keyPath)};
        }
        const QByteArray key = QByteArray::fromHex(file.readAll().trimmed());
        if (key.size() != 32) {
            return Error{QStringLiteral("key_damaged"),
                         tr("The %1 %2 is damaged.").arg(what, keyPath)};
        }
        return key;
    }
    if (!mayCreate)
        return Error{QStringLiteral("key_missing"), tr("The %1 %2 is missing.").arg(what, keyPath)};
    if (sodium_init() < 0)
        return Error{QStringLiteral("crypto_unavailable"), tr("libsodium failed to start.")};
    QByteArray key(32, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    QDir().mkpath(QFileInfo(keyPath).absolutePath());
    // Created with mode 0600 from the start, never briefly world-readable.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key.toHex() + '\n') != 65 || !file.flush()) {
        return Error{QStringLiteral("key_unwritable"),
                     tr("Cannot write the %1 %2: %3").arg(what, keyPath, file.errorString())};
    }
    return key;
}

QString ServerDatabase::auditKeyPath()
{
    const QString given = qEnvironmentVariable("CRM_AUDIT_KEY_FILE");
    if (!given.isEmpty())
        return given;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + QStringLiteral("/audit.key");
}

Result<std::shared_ptr<ServerDatabase>> ServerDatabase::open(const DatabaseSpec &spec)
{
    std::shared_ptr<ServerDatabase> database(new ServerDatabase(spec));
    if (!database->isPostgres()) {
        const Result<QByteArray> key = keyFromFile(spec.path);
        if (!key.ok())
            return key.error();
        database->m_key = key.value();
    }
    Result<QSqlDatabase> db = database->connection();
    if (!db.ok())
        return db.error();
    const Status migrated = database->migrate(db.value());
    if (!migrated.ok())
        return migrated.error();
    const QString auditKeyPath = ServerDatabase::auditKeyPath();
    const bool hadAuditKey = QFile::exists(auditKeyPath);
    const Result<QByteArray> auditKey = loadKeyFile(auditKeyPath, true, tr("audit key"));
    if (!auditKey.ok())
        return auditKey.error();
    database->m_auditKey = auditKey.value();
    if (!hadAuditKey) {
        QSqlQuery head(db.value());
        if (head.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'audit'"))
            && head.next() && head.value(0).toLongLong() > 0)
            qCWarning(lcServer) << "A new audit key was made for an audit log that already has"
                                << head.value(0).toLongLong()
                                << "entries; they will not verify against it";
    }
    return database;
}

Result<QSqlDatabase> ServerDatabase::openConnection(const QString &name) const
{
    QSqlDatabase db;
    if (isPostgres()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_spec.host);
        db.setPort(m_spec.port);
        db.setUserName(m_spec.user);
        db.setPassword(m_spec.password);
        db.setDatabaseName(m_spec.name);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    } else {
        SqlCipherDriver::registerDriver();
        QDir().mkpath(QFileInfo(m_spec.path).absolutePath());
        db = QSqlDatabase::addDatabase(SqlCipherDriver::driverName(), name);
        db.setDatabaseName(m_spec.path);
        db.setPassword(QString::fromLatin1(m_key.toHex()));
        db.setConnectOptions(QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=30000"));
    }
    if (!db.open()) {
        const QString message = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Error{QStringLiteral("db_unavailable"),
                     tr("Cannot open the database %1: %2").arg(m_spec.describe(), message)};
    }
    if (!isPostgres()) {
        db.setPassword(QString());
        // Encrypted or not, the shared database is for the server's user alone.
        QFile::setPermissions(m_spec.path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return db;
}

Result<QSqlDatabase> ServerDatabase::connection()
{
    QThread *thread = QThread::currentThread();
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_connections.constFind(thread);
        if (it != m_connections.cend()) {
            QSqlDatabase db = QSqlDatabase::database(it.value(), false);
            if (db.isOpen())
                return db;
        }
    }
    const QString name = QStringLiteral("crm-server-%1-%2").arg(m_id).arg(quintptr(thread), 0, 16);
    if (QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
    Result<QSqlDatabase> db = openConnection(name);
    if (!db.ok())
        return db;
    QMutexLocker lock(&m_mutex);
    m_connections.insert(thread, name);
    return db;
}

void ServerDatabase::endWrite()
{
    if (!isPostgres())
        m_writeLock.unlock();
}

Status ServerDatabase::beginWrite(QSqlDatabase &db)
{
    if (!isPostgres())
        m_writeLock.lock();
    if (!db.transaction()) {
        endWrite();
        return Error{QStringLiteral("db_busy"),
                     tr("Cannot start a transaction: %1").arg(db.lastError().text())};
    }
    if (isPostgres()) {
        QSqlQuery lock(db);
        if (!lock.exec(
                QStringLiteral("SELECT value FROM counters WHERE name = 'seq' FOR UPDATE"))) {
            const QString message = lock.lastError().text();
            db.rollback();
            endWrite();
            return Error{QStringLiteral("db_busy"),
                         tr("Cannot lock the change log: %1").arg(message)};
        }
    }
    return {};
}

Status ServerDatabase::migrate(QSqlDatabase &db) const
{
    int current = 0;
    if (db.tables().contains(QStringLiteral("settings"))) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'schemaVersion'"))
            && query.next())
            current = query.value(0).toInt();
        else
            current = 1;
    }
    if (current > ServerSchema::latestVersion()) {
        return Error{QStringLiteral("schema_too_new"),
                     tr("The database has schema %1, newer than this server knows (%2).")
                         .arg(current)
                         .arg(ServerSchema::latestVersion())};
    }
    for (int version = current + 1; version <= ServerSchema::latestVersion(); ++version) {
        if (!db.transaction())
            return Error{QStringLiteral("migration_failed"), db.lastError().text()};
        QSqlQuery query(db);
        QStringList statements = ServerSchema::statements(version);
        statements << (version == 1 ? QStringLiteral("INSERT INTO settings (key, value) VALUES "
                                                     "('schemaVersion', '1')")
                                    : QStringLiteral("UPDATE settings SET value = '%1' WHERE "
                                                     "key = 'schemaVersion'")
                                          .arg(version));
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                const QString message = query.lastError().text();
                db.rollback();
                qCCritical(lcServer)
                    << "Schema migration" << version << "failed:" << message << statement.left(80);
                return Error{QStringLiteral("migration_failed"),
                             tr("Cannot migrate the database to schema %1: %2")
                                 .arg(version)
                                 .arg(message)};
            }
        }
        if (!db.commit())
            return Error{QStringLiteral("migration_failed"), db.lastError().text()};
        qCInfo(lcServer) << "Database" << m_spec.describe() << "migrated to schema" << version;
    }
    return {};
}

void ServerDatabase::closeAll()
{
    QMutexLocker lock(&m_mutex);
    // Called once the worker threads are idle: removing a connection destroys its driver, which
    // closes the database (QSqlDatabase::database() itself may only be used on the owning
    // thread, so it is not called here).
    for (const QString &name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
    m_connections.clear();
}

} // namespace Crm
