#pragma once

#include "benchdataset.h"

#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace CrmBench {

// The reference side of the cache-insert benchmark: the same schema, pragmas, rows and
// transactions as our SQLCipher cache, written through the plain system SQLite C API.
//
// Lives in its own executable: libsqlite3 and libsqlcipher both export sqlite3_*, so they must
// never share a process.
class SqliteBaseline final
{
public:
    SqliteBaseline() = default;
    ~SqliteBaseline();
    SqliteBaseline(const SqliteBaseline &) = delete;
    SqliteBaseline &operator=(const SqliteBaseline &) = delete;

    // Creates the database with the pragmas our driver uses, then runs the schema script.
    bool open(const std::string &path, const std::string &schemaSql);
    // Inserts the whole data set; returns the wall-clock seconds the inserts took.
    std::optional<double> insert(const BenchDataset &dataset);
    std::optional<long long> count(const char *table);
    // The first column of the first row, as text.
    std::optional<std::string> queryText(const char *sql);

    const std::string &errorMessage() const { return m_error; }
    static const char *libraryVersion();

private:
    bool exec(const char *sql, const char *what);
    bool fail(const char *what);
    bool insertLead(sqlite3_stmt *statement, const BenchDataset::Lead &lead);
    bool insertActivity(sqlite3_stmt *statement, const BenchDataset::Activity &activity);

    sqlite3 *m_db = nullptr;
    std::string m_error;
};

} // namespace CrmBench
