#include "sqlitebaseline.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>

namespace CrmBench {

namespace {

int bindText(sqlite3_stmt *statement, int position, const std::string &text)
{
    // The strings outlive sqlite3_step, so SQLite need not copy them.
    return sqlite3_bind_text(statement, position, text.data(), int(text.size()), SQLITE_STATIC);
}

int bindText(sqlite3_stmt *statement, int position, const std::optional<std::string> &text)
{
    return text ? bindText(statement, position, *text) : sqlite3_bind_null(statement, position);
}

// Finalized on every way out.
using StatementPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)>;

StatementPtr prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        statement = nullptr;
    }
    return StatementPtr(statement, sqlite3_finalize);
}

} // namespace

SqliteBaseline::~SqliteBaseline()
{
    sqlite3_close_v2(m_db);
}

const char *SqliteBaseline::libraryVersion()
{
    return sqlite3_libversion();
}

bool SqliteBaseline::fail(const char *what)
{
    m_error = std::string(what) + ": " + (m_db ? sqlite3_errmsg(m_db) : "no database");
    return false;
}

bool SqliteBaseline::exec(const char *sql, const char *what)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        m_error = std::string(what) + ": " + (message ? message : sqlite3_errmsg(m_db));
        sqlite3_free(message);
        return false;
    }
    return true;
}

bool SqliteBaseline::open(const std::string &path, const std::string &schemaSql)
{
    // The same flags, timeout and pragmas as Crm::SqlCipherDriver::open, minus the key; the
    // page size must come before the first write to take effect.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK)
        return fail("Cannot open the database");
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    if (!exec("PRAGMA page_size = 4096;", "Cannot set the page size")
        || !exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", "Cannot switch to WAL")
        || !exec("PRAGMA cache_size = -65536;", "Cannot set the cache size")
        || !exec("PRAGMA foreign_keys = ON;", "Cannot enable foreign keys")) {
        return false;
    }
    // journal_mode answers with the mode it could set instead of failing.
    if (queryText("PRAGMA journal_mode") != "wal" || queryText("PRAGMA page_size") != "4096") {
        m_error = "The database did not take WAL mode and 4096-byte pages";
        return false;
    }
    return exec("BEGIN IMMEDIATE", "Cannot begin the schema transaction")
           && exec(schemaSql.c_str(), "Cannot create the schema")
           && exec("COMMIT", "Cannot commit the schema");
}

bool SqliteBaseline::insertLead(sqlite3_stmt *statement, const BenchDataset::Lead &lead)
{
    bindText(statement, 1, lead.id);
    bindText(statement, 2, lead.firstName);
    bindText(statement, 3, lead.lastName);
    bindText(statement, 4, lead.email);
    bindText(statement, 5, lead.phone);
    bindText(statement, 6, lead.message);
    bindText(statement, 7, lead.source);
    bindText(statement, 8, lead.status);
    bindText(statement, 9, lead.assignedAgentId);
    bindText(statement, 10, lead.state);
    sqlite3_bind_int(statement, 11, lead.smsOptIn);
    sqlite3_bind_int64(statement, 12, lead.createdAt);
    sqlite3_bind_int64(statement, 13, lead.updatedAt);
    sqlite3_bind_int(statement, 14, lead.version);
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc == SQLITE_DONE || fail("Cannot insert a lead");
}

bool SqliteBaseline::insertActivity(sqlite3_stmt *statement, const BenchDataset::Activity &activity)
{
    bindText(statement, 1, activity.id);
    bindText(statement, 2, activity.leadId);
    bindText(statement, 3, activity.agentId);
    bindText(statement, 4, activity.activityType);
    bindText(statement, 5, activity.notes);
    sqlite3_bind_int64(statement, 6, activity.createdAt);
    sqlite3_bind_int64(statement, 7, activity.createdAt); // occurredAt
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    return rc == SQLITE_DONE || fail("Cannot insert an activity");
}

std::optional<double> SqliteBaseline::insert(const BenchDataset &dataset)
{
    const StatementPtr leadInsert = prepare(m_db, BenchDataset::leadInsertSql());
    const StatementPtr activityInsert = prepare(m_db, BenchDataset::activityInsertSql());
    if (!leadInsert || !activityInsert) {
        fail("Cannot prepare the inserts");
        return std::nullopt;
    }

    const auto started = std::chrono::steady_clock::now();
    const int leadCount = dataset.config().leadCount;
    const int activitiesPerLead = dataset.config().activitiesPerLead;
    bool inTransaction = false;
    for (int index = 0; index < leadCount; ++index) {
        if (!inTransaction) {
            if (!exec("BEGIN IMMEDIATE", "Cannot begin a transaction"))
                return std::nullopt;
            inTransaction = true;
        }
        const BenchDataset::Lead lead = dataset.lead(index);
        if (!insertLead(leadInsert.get(), lead))
            return std::nullopt;
        for (int number = 0; number < activitiesPerLead; ++number) {
            if (!insertActivity(activityInsert.get(), dataset.activity(lead, number)))
                return std::nullopt;
        }
        if (dataset.commitsAfter(index)) {
            if (!exec("COMMIT", "Cannot commit a transaction"))
                return std::nullopt;
            inTransaction = false;
        }
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    return elapsed.count();
}

std::optional<std::string> SqliteBaseline::queryText(const char *sql)
{
    const StatementPtr statement = prepare(m_db, sql);
    if (!statement || sqlite3_step(statement.get()) != SQLITE_ROW) {
        fail("Cannot run a query");
        return std::nullopt;
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement.get(), 0));
    return std::string(text ? text : "");
}

std::optional<long long> SqliteBaseline::count(const char *table)
{
    const std::optional<std::string> text = queryText(
        (std::string("SELECT count(*) FROM ") + table).c_str());
    if (!text)
        return std::nullopt;
    return std::stoll(*text);
}

} // namespace CrmBench
