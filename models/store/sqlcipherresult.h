#pragma once

#include <QList>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3_stmt;

namespace Crm {

class SqlCipherDriver;

// One prepared SQLCipher statement and its rows.
//
// Forward-only queries stream rows straight from sqlite3_step and keep only the current row, so
// walking a million leads costs one row of memory. Scrollable queries keep the rows read so far.
class SqlCipherResult final : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;

    // Ends an unfinished read (see SqlCipherDriver::beginTransaction).
    void endRead();

protected:
    bool reset(const QString &query) override;
    bool prepare(const QString &query) override;
    bool exec() override;

    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override;

    QVariant data(int column) override;
    bool isNull(int column) override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    enum class Step { Row, Done, Error };

    const SqlCipherDriver *cipherDriver() const;
    void finalize();
    bool bindValues();
    Step step();
    QList<QVariant> readRow() const;
    void buildRecord();
    void setStatementError(const QString &text);

    sqlite3_stmt *m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QVariant> m_row;          // current row
    QList<QList<QVariant>> m_cache; // rows read so far, scrollable queries only
    bool m_pendingRow = false;      // exec() stepped onto a row not yet handed out
    bool m_done = false;            // the statement has no more rows
    int m_rowsRead = 0;             // rows stepped over so far (forward-only bookkeeping)
    int m_rowsAffected = 0;
};

} // namespace Crm
