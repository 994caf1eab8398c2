#include "sqlcipherdriver.h"

#include "logging.h"
#include "sqlcipherresult.h"

#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlcipher/sqlite3.h>

namespace Crm {

namespace {

bool isHexKey(const QString &key)
{
    if (key.size() != 64)
        return false;
    for (const QChar c : key) {
        if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            && !(c >= QLatin1Char('A') && c <= QLatin1Char('F')))
            return false;
    }
    return true;
}

struct ConnectOptions
{
    int busyTimeoutMs = 5000;
    // SQLite's default cache is 2 MB. Bulk writes with random UUID keys touch pages all over
    // three indexes; every page that falls out of the cache costs a decrypt on re-read and an
    // encrypt on write, so a larger cache is what keeps SQLCipher near plain SQLite's speed.
    // It is a ceiling, not an allocation.
    int cacheSizeKiB = 64 * 1024;
    bool readOnly = false;
    bool create = true;
};

ConnectOptions parseConnectOptions(const QString &text)
{
    ConnectOptions options;
    const QStringList parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString option = part.trimmed();
        if (option.startsWith(QLatin1String("QSQLCIPHER_BUSY_TIMEOUT="))) {
            bool ok = false;
            const int value = option.mid(option.indexOf(QLatin1Char('=')) + 1).toInt(&ok);
            if (ok && value >= 0)
                options.busyTimeoutMs = value;
        } else if (option.startsWith(QLatin1String("QSQLCIPHER_CACHE_SIZE_KIB="))) {
            bool ok = false;
            const int value = option.mid(option.indexOf(QLatin1Char('=')) + 1).toInt(&ok);
            if (ok && value > 0)
                options.cacheSizeKiB = value;
        } else if (option == QLatin1String("QSQLCIPHER_OPEN_READONLY")) {
            options.readOnly = true;
        } else if (option == QLatin1String("QSQLCIPHER_NO_CREATE")) {
            options.create = false;
        } else {
            qCWarning(lcStore) << "Unknown connect option ignored:" << option;
        }
    }
    return options;
}

QSqlDriver *createDriver()
{
    return new SqlCipherDriver;
}

class SqlCipherDriverCreator final : public QSqlDriverCreatorBase
{
public:
    QSqlDriver *createObject() const override { return createDriver(); }
};

} // namespace

QString SqlCipherDriver::driverName()
{
    return QStringLiteral("QSQLCIPHER");
}

void SqlCipherDriver::registerDriver()
{
    static const bool registered = [] {
        QSqlDatabase::registerSqlDriver(driverName(), new SqlCipherDriverCreator);
        return true;
    }();
    Q_UNUSED(registered);
}

SqlCipherDriver::SqlCipherDriver(QObject *parent)
    : QSqlDriver(parent)
{
    setNumericalPrecisionPolicy(QSql::HighPrecision);
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case PreparedQueries:
    case PositionalPlaceholders:
    case BLOB:
    case Unicode:
    case LastInsertId:
    case LowPrecisionNumbers:
    case FinishQuery:
    case SimpleLocking:
    case MultipleResultSets:
        return true;
    case NamedPlaceholders: // QSqlResult rewrites ":name" to '?' and maps the values for us
    case QuerySize:
    case BatchOperations:
    case EventNotifications:
    case CancelQuery:
        return false;
    }
    return false;
}

QSqlError SqlCipherDriver::sqliteError(const QString &driverText, QSqlError::ErrorType type) const
{
    if (!m_db)
        return QSqlError(driverText, QString(), type);
    return QSqlError(driverText,
                     QString::fromUtf8(sqlite3_errmsg(m_db)),
                     type,
                     QString::number(sqlite3_extended_errcode(m_db)));
}

void SqlCipherDriver::failOpen(const QSqlError &error)
{
    qCWarning(lcStore) << "Cannot open database:" << error.text();
    setLastError(error);
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    setOpenError(true);
}

bool SqlCipherDriver::open(const QString &db,
                           const QString &user,
                           const QString &password,
                           const QString &host,
                           int port,
                           const QString &connectOptions)
{
    Q_UNUSED(user);
    Q_UNUSED(host);
    Q_UNUSED(port);
    if (isOpen())
        close();

    // Never a plaintext database: without a proper key there is nothing to open.
    if (!isHexKey(password)) {
        failOpen(QSqlError(tr("No valid encryption key was given for the local database."),
                           tr("The key must be 32 bytes written as 64 hexadecimal digits."),
                           QSqlError::ConnectionError));
        return false;
    }

    const ConnectOptions options = parseConnectOptions(connectOptions);
    int flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.readOnly)
        flags |= SQLITE_OPEN_CREATE;
    // Each QSqlDatabase connection belongs to one thread, so SQLite's own mutex is not needed.
    flags |= SQLITE_OPEN_NOMUTEX;

    const QByteArray path = db.toUtf8();
    if (sqlite3_open_v2(path.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot open the database file %1.").arg(db),
                             QSqlError::ConnectionError));
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, options.busyTimeoutMs);

    const QByteArray keyPragma = "PRAGMA key = \"x'" + password.toLatin1() + "'\";";
    if (sqlite3_exec(m_db, keyPragma.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot apply the encryption key."), QSqlError::ConnectionError));
        return false;
    }
    // SQLCipher 3 defaults to 1 KiB pages; 4 KiB is markedly faster for our bulk writes.
    if (sqlite3_exec(m_db, "PRAGMA cipher_page_size = 4096;", nullptr, nullptr, nullptr)
        != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot set the page size."), QSqlError::ConnectionError));
        return false;
    }
    // The first read decrypts page 1: this is where a wrong key shows. Nothing has been written
    // yet, so a failed open leaves the file exactly as it was.
    if (sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr)
        != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot open the encrypted database %1: the key is wrong or the "
                                "file is not an Agent CRM database.")
                                 .arg(db),
                             QSqlError::ConnectionError));
        return false;
    }
    if (!options.readOnly) {
        // WAL lets readers (the GUI) go on while the sync worker writes. NORMAL durability in
        // WAL survives any process crash; only a power cut may lose the newest commits.
        const char *setup = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        if (sqlite3_exec(m_db, setup, nullptr, nullptr, nullptr) != SQLITE_OK) {
            failOpen(sqliteError(tr("Cannot switch the database to WAL mode."),
                                 QSqlError::ConnectionError));
            return false;
        }
    }
    const QByteArray cacheSize = "PRAGMA cache_size = -" + QByteArray::number(options.cacheSizeKiB)
                                 + ';';
    if (sqlite3_exec(m_db, cacheSize.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot set the cache size."), QSqlError::ConnectionError));
        return false;
    }
    if (sqlite3_exec(m_db, "PRAGMA foreign_keys = ON;", nullptr, nullptr, nullptr) != SQLITE_OK) {
        failOpen(sqliteError(tr("Cannot enable foreign keys."), QSqlError::ConnectionError));
        return false;
    }

    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    // Results still holding statements finalize them in their destructors; close_v2 defers the
    // real close until the last one is gone instead of failing with SQLITE_BUSY.
    if (sqlite3_close_v2(m_db) != SQLITE_OK)
        setLastError(sqliteError(tr("Cannot close the database."), QSqlError::ConnectionError));
    m_db = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::runSimple(const char *sql,
                                const QString &failureText,
                                QSqlError::ErrorType type)
{
    if (!isOpen())
        return false;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        const QSqlError error = sqliteError(failureText, type);
        qCWarning(lcStore) << error.text();
        setLastError(error);
        return false;
    }
    return true;
}

void SqlCipherDriver::attach(SqlCipherResult *result) const
{
    m_results.append(result);
}

void SqlCipherDriver::detach(SqlCipherResult *result) const
{
    m_results.removeOne(result);
}

bool SqlCipherDriver::beginTransaction()
{
    for (SqlCipherResult *result : std::as_const(m_results))
        result->endRead();
    // IMMEDIATE takes the write lock now: two writers then queue on busy_timeout instead of
    // deadlocking when both try to upgrade a read lock later.
    return runSimple("BEGIN IMMEDIATE",
                     tr("Unable to begin transaction"),
                     QSqlError::TransactionError);
}

bool SqlCipherDriver::commitTransaction()
{
    return runSimple("COMMIT", tr("Unable to commit transaction"), QSqlError::TransactionError);
}

bool SqlCipherDriver::rollbackTransaction()
{
    return runSimple("ROLLBACK", tr("Unable to roll back transaction"), QSqlError::TransactionError);
}

bool SqlCipherDriver::executeScript(const QString &sql)
{
    if (!isOpen())
        return false;
    char *message = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : QString();
        sqlite3_free(message);
        const QSqlError error(tr("Unable to execute statements"),
                              text,
                              QSqlError::StatementError,
                              QString::number(sqlite3_extended_errcode(m_db)));
        qCWarning(lcStore) << error.text();
        setLastError(error);
        return false;
    }
    return true;
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList result;
    if (!isOpen())
        return result;
    QString filter;
    if (type & QSql::Tables)
        filter = QStringLiteral("type = 'table' AND name NOT LIKE 'sqlite_%'");
    if (type & QSql::Views)
        filter += (filter.isEmpty() ? QString() : QStringLiteral(" OR "))
                  + QStringLiteral("type = 'view'");
    if (type & QSql::SystemTables) {
        filter += (filter.isEmpty() ? QString() : QStringLiteral(" OR "))
                  + QStringLiteral("(type = 'table' AND name LIKE 'sqlite_%')");
    }
    if (filter.isEmpty())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE ") + filter
                    + QStringLiteral(" ORDER BY name")))
        return result;
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    QSqlRecord result;
    if (!isOpen())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return result;
    while (query.next()) {
        const QString declared = query.value(2).toString().toUpper();
        QMetaType type(QMetaType::QString);
        if (declared.contains(QLatin1String("INT")))
            type = QMetaType(QMetaType::LongLong);
        else if (declared.contains(QLatin1String("REAL"))
                 || declared.contains(QLatin1String("FLOA"))
                 || declared.contains(QLatin1String("DOUB")))
            type = QMetaType(QMetaType::Double);
        else if (declared.contains(QLatin1String("BLOB")))
            type = QMetaType(QMetaType::QByteArray);
        QSqlField field(query.value(1).toString(), type, tableName);
        field.setRequiredStatus(query.value(3).toInt() ? QSqlField::Required : QSqlField::Optional);
        field.setDefaultValue(query.value(4));
        result.append(field);
    }
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen())
        return index;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return index;
    const QSqlRecord fields = record(tableName);
    while (query.next()) {
        if (query.value(5).toInt() > 0)
            index.append(fields.field(query.value(1).toString()));
    }
    return index;
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_db));
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType type) const
{
    if (isIdentifierEscaped(identifier, type))
        return identifier;
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace Crm
