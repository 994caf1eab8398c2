#include "sqlcipherresult.h"

#include "logging.h"
#include "sqlcipherdriver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlField>

#include <sqlcipher/sqlite3.h>

#include <limits>

namespace Crm {

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver)
    : QSqlResult(driver)
{
    driver->attach(this);
}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
    if (driver())
        cipherDriver()->detach(this);
}

void SqlCipherResult::endRead()
{
    if (m_stmt && !m_done && sqlite3_stmt_busy(m_stmt)) {
        sqlite3_reset(m_stmt);
        m_done = true;
        m_pendingRow = false;
    }
}

const SqlCipherDriver *SqlCipherResult::cipherDriver() const
{
    return static_cast<const SqlCipherDriver *>(driver());
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_stmt));
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    m_record.clear();
    m_row.clear();
    m_cache.clear();
    m_pendingRow = false;
    m_done = false;
    m_rowsRead = 0;
}

void SqlCipherResult::setStatementError(const QString &text)
{
    const QSqlError error = cipherDriver()->sqliteError(text, QSqlError::StatementError);
    qCWarning(lcStore).noquote() << error.text() << "in" << lastQuery();
    setLastError(error);
}

bool SqlCipherResult::reset(const QString &query)
{
    if (!prepare(query))
        return false;
    return exec();
}

bool SqlCipherResult::prepare(const QString &query)
{
    if (!driver() || !driver()->isOpen() || driver()->isOpenError())
        return false;
    finalize();
    setSelect(false);
    setActive(false);
    setAt(QSql::BeforeFirstRow);

    sqlite3 *db = cipherDriver()->connection();
    const void *tail = nullptr;
    const int rc = sqlite3_prepare16_v2(db,
                                        query.utf16(),
                                        int(query.size() * sizeof(QChar)),
                                        &m_stmt,
                                        &tail);
    if (rc != SQLITE_OK) {
        setStatementError(
            QCoreApplication::translate("Crm::SqlCipherResult", "Unable to prepare statement"));
        finalize();
        return false;
    }
    // A second statement in the same string would be silently ignored; refuse it instead.
    if (tail) {
        const auto *rest = static_cast<const QChar *>(tail);
        const auto *end = query.constData() + query.size();
        for (const QChar *c = rest; c < end; ++c) {
            if (!c->isSpace() && *c != QLatin1Char(';')) {
                setLastError(QSqlError(
                    QCoreApplication::translate("Crm::SqlCipherResult",
                                                "Unable to prepare statement"),
                    QCoreApplication::translate("Crm::SqlCipherResult",
                                                "Only one statement at a time is allowed"),
                    QSqlError::StatementError));
                finalize();
                return false;
            }
        }
    }
    return true;
}

bool SqlCipherResult::bindValues()
{
    const QList<QVariant> values = boundValues();
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (expected != values.size()) {
        setLastError(QSqlError(
            QCoreApplication::translate("Crm::SqlCipherResult", "Parameter count mismatch"),
            QCoreApplication::translate("Crm::SqlCipherResult",
                                        "The statement has %1 parameters but %2 values were bound")
                .arg(expected)
                .arg(values.size()),
            QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        const int position = i + 1;
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(m_stmt, position);
        } else {
            switch (value.metaType().id()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Long:
            case QMetaType::ULong:
            case QMetaType::LongLong:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Char:
            case QMetaType::SChar:
            case QMetaType::UChar:
                rc = sqlite3_bind_int64(m_stmt, position, value.toLongLong());
                break;
            case QMetaType::ULongLong:
                // SQLite integers are signed 64-bit; larger values would wrap, so keep them exact
                // as text rather than corrupt them.
                if (value.toULongLong() > quint64(std::numeric_limits<qint64>::max())) {
                    const QByteArray text = value.toString().toUtf8();
                    rc = sqlite3_bind_text(m_stmt,
                                           position,
                                           text.constData(),
                                           int(text.size()),
                                           SQLITE_TRANSIENT);
                } else {
                    rc = sqlite3_bind_int64(m_stmt, position, value.toLongLong());
                }
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, position, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob64(m_stmt,
                                         position,
                                         bytes.constData(),
                                         sqlite3_uint64(bytes.size()),
                                         SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QDateTime: {
                const QString text = value.toDateTime().toString(Qt::ISODateWithMs);
                rc = sqlite3_bind_text16(m_stmt,
                                         position,
                                         text.utf16(),
                                         int(text.size() * sizeof(QChar)),
                                         SQLITE_TRANSIENT);
                break;
            }
            default: {
                const QString text = value.toString();
                rc = sqlite3_bind_text16(m_stmt,
                                         position,
                                         text.utf16(),
                                         int(text.size() * sizeof(QChar)),
                                         SQLITE_TRANSIENT);
                break;
            }
            }
        }
        if (rc != SQLITE_OK) {
            setStatementError(
                QCoreApplication::translate("Crm::SqlCipherResult", "Unable to bind parameters"));
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    if (!m_stmt)
        return false;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_row.clear();
    m_cache.clear();
    m_pendingRow = false;
    m_done = false;
    m_rowsRead = 0;
    m_rowsAffected = 0;
    setAt(QSql::BeforeFirstRow);
    setActive(false);

    if (!bindValues())
        return false;

    const Step first = step();
    if (first == Step::Error) {
        setStatementError(
            QCoreApplication::translate("Crm::SqlCipherResult", "Unable to execute statement"));
        sqlite3_reset(m_stmt);
        return false;
    }
    buildRecord();
    setSelect(sqlite3_column_count(m_stmt) > 0);
    m_rowsAffected = isSelect() ? 0 : sqlite3_changes(cipherDriver()->connection());
    m_pendingRow = first == Step::Row;
    if (first == Step::Row)
        m_row = readRow();
    setActive(true);
    return true;
}

SqlCipherResult::Step SqlCipherResult::step()
{
    if (m_done)
        return Step::Done;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return Step::Row;
    m_done = true;
    // Releasing the statement now frees its read lock, so a finished SELECT never holds back a
    // checkpoint or another connection's write. The bindings stay for the next exec().
    const int resetRc = sqlite3_reset(m_stmt);
    if (rc == SQLITE_DONE && resetRc == SQLITE_OK)
        return Step::Done;
    return Step::Error;
}

QList<QVariant> SqlCipherResult::readRow() const
{
    const int columns = sqlite3_column_count(m_stmt);
    QList<QVariant> row;
    row.reserve(columns);
    const QSql::NumericalPrecisionPolicy policy = numericalPrecisionPolicy();
    for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER: {
            const qint64 value = sqlite3_column_int64(m_stmt, i);
            if (policy == QSql::LowPrecisionInt32)
                row.append(int(value));
            else if (policy == QSql::LowPrecisionDouble)
                row.append(double(value));
            else
                row.append(qlonglong(value));
            break;
        }
        case SQLITE_FLOAT: {
            const double value = sqlite3_column_double(m_stmt, i);
            if (policy == QSql::LowPrecisionInt32)
                row.append(int(value));
            else if (policy == QSql::LowPrecisionInt64)
                row.append(qlonglong(value));
            else
                row.append(value);
            break;
        }
        case SQLITE_BLOB: {
            const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, i));
            const int size = sqlite3_column_bytes(m_stmt, i);
            row.append(QByteArray(bytes, size));
            break;
        }
        case SQLITE_NULL:
            row.append(QVariant(m_record.field(i).metaType()));
            break;
        default: {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
            const int size = sqlite3_column_bytes(m_stmt, i);
            row.append(QString::fromUtf8(text, size));
            break;
        }
        }
    }
    return row;
}

void SqlCipherResult::buildRecord()
{
    m_record.clear();
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, i));
        const QString declared = QString::fromUtf8(sqlite3_column_decltype(m_stmt, i)).toUpper();
        QMetaType type(QMetaType::QString);
        if (declared.contains(QLatin1String("INT")))
            type = QMetaType(QMetaType::LongLong);
        else if (declared.contains(QLatin1String("REAL"))
                 || declared.contains(QLatin1String("FLOA"))
                 || declared.contains(QLatin1String("DOUB")))
            type = QMetaType(QMetaType::Double);
        else if (declared.contains(QLatin1String("BLOB")))
            type = QMetaType(QMetaType::QByteArray);
        else if (declared.isEmpty())
            type = QMetaType(); // an expression: its type is known per row only
        const char *table = sqlite3_column_table_name(m_stmt, i);
        m_record.append(QSqlField(name, type, table ? QString::fromUtf8(table) : QString()));
    }
}

bool SqlCipherResult::fetchNext()
{
    if (!isActive() || !isSelect())
        return false;
    // Past the end (AfterLastRow is -2): nothing more, and no cached row to go back to.
    if (at() == QSql::AfterLastRow && m_done)
        return false;
    if (m_pendingRow) {
        m_pendingRow = false;
    } else if (!isForwardOnly() && at() >= QSql::BeforeFirstRow && at() + 1 < m_cache.size()) {
        m_row = m_cache.at(at() + 1);
        setAt(at() + 1);
        return true;
    } else {
        switch (step()) {
        case Step::Row:
            m_row = readRow();
            break;
        case Step::Done:
            setAt(QSql::AfterLastRow);
            return false;
        case Step::Error:
            setStatementError(
                QCoreApplication::translate("Crm::SqlCipherResult", "Unable to fetch row"));
            setAt(QSql::AfterLastRow);
            return false;
        }
    }
    ++m_rowsRead;
    if (!isForwardOnly())
        m_cache.append(m_row);
    setAt(m_rowsRead - 1);
    return true;
}

bool SqlCipherResult::fetch(int index)
{
    if (index < 0 || !isActive() || !isSelect())
        return false;
    if (index < m_rowsRead) {
        if (isForwardOnly()) {
            // Forward-only results keep just the current row.
            if (index != at())
                return false;
            return true;
        }
        m_row = m_cache.at(index);
        setAt(index);
        return true;
    }
    while (m_rowsRead <= index) {
        const int before = m_rowsRead;
        // Reading past cached rows: continue from the last row stepped.
        if (!isForwardOnly() && at() != m_rowsRead - 1 && m_rowsRead > 0)
            setAt(m_rowsRead - 1);
        if (!fetchNext())
            return false;
        if (m_rowsRead == before)
            return false;
    }
    return at() == index;
}

bool SqlCipherResult::fetchFirst()
{
    if (at() == 0 && m_rowsRead > 0)
        return true;
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    if (isForwardOnly()) {
        bool any = false;
        while (fetchNext())
            any = true;
        if (!any)
            return false;
        setAt(m_rowsRead - 1);
        return true;
    }
    while (fetchNext()) {
    }
    if (m_cache.isEmpty())
        return false;
    m_row = m_cache.last();
    setAt(int(m_cache.size()) - 1);
    return true;
}

QVariant SqlCipherResult::data(int column)
{
    if (column < 0 || column >= m_row.size() || at() < 0)
        return QVariant();
    return m_row.at(column);
}

bool SqlCipherResult::isNull(int column)
{
    if (column < 0 || column >= m_row.size() || at() < 0)
        return true;
    return m_row.at(column).isNull();
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QVariant SqlCipherResult::lastInsertId() const
{
    if (!isActive())
        return QVariant();
    const qint64 id = sqlite3_last_insert_rowid(cipherDriver()->connection());
    return id ? QVariant(qlonglong(id)) : QVariant();
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return QSqlRecord();
    return m_record;
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_done = true;
    m_pendingRow = false;
}

} // namespace Crm
