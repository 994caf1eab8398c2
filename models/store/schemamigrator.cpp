#include "schemamigrator.h"

#include "domain/enrollment.h"
#include "domain/userlimits.h"
#include "leadsearchindex.h"
#include "logging.h"
#include "sharedtables.h"
#include "sqlcipherdriver.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// Version 1: the seed schema's tables (camelCase columns, as on the wire) plus what offline
// sync needs. Ids are UUID text, times UTC epoch milliseconds.
const char *const SchemaV1 = R"SQL(
CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL CHECK (length(email) <= 255),
    name        TEXT NOT NULL CHECK (length(name) <= 255),
    role        TEXT NOT NULL CHECK (role IN ('agent', 'admin', 'provider', 'patient')),
    active      INTEGER NOT NULL DEFAULT 1,
    weight      INTEGER NOT NULL DEFAULT 1 CHECK (weight >= 0),
    timeZone    TEXT NOT NULL DEFAULT 'UTC',
    territories TEXT NOT NULL DEFAULT '',
    createdAt   INTEGER NOT NULL,
    updatedAt   INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE leads (
    id              TEXT PRIMARY KEY,
    firstName       TEXT NOT NULL CHECK (length(firstName) BETWEEN 1 AND 255),
    lastName        TEXT NOT NULL CHECK (length(lastName) BETWEEN 1 AND 255),
    email           TEXT NOT NULL CHECK (length(email) <= 255),
    phone           TEXT NOT NULL CHECK (length(phone) <= 50),
    message         TEXT CHECK (message IS NULL OR length(message) <= 5000),
    source          TEXT NOT NULL DEFAULT 'contact_form'
                    CHECK (source IN ('contact_form', 'website', 'referral', 'phone', 'event',
                                      'other')),
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'contacted', 'qualified', 'enrolled', 'closed')),
    assignedAgentId TEXT,
    state           TEXT CHECK (state IS NULL OR length(state) = 2),
    smsOptIn        INTEGER NOT NULL DEFAULT 0,
    firstContactAt  INTEGER,
    createdAt       INTEGER NOT NULL,
    updatedAt       INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    deletedAt       INTEGER
);
CREATE INDEX idx_leads_status ON leads (status);
CREATE INDEX idx_leads_assigned_agent ON leads (assignedAgentId);
CREATE INDEX idx_leads_updated_at ON leads (updatedAt);

CREATE TABLE lead_activities (
    id           TEXT PRIMARY KEY,
    leadId       TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    agentId      TEXT,
    activityType TEXT NOT NULL
                 CHECK (activityType IN ('call', 'email', 'meeting', 'note', 'system')),
    notes        TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
    createdAt    INTEGER NOT NULL
);
CREATE INDEX idx_lead_activities_lead ON lead_activities (leadId, createdAt);

CREATE TABLE follow_ups (
    id          TEXT PRIMARY KEY,
    leadId      TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    agentId     TEXT,
    dueAt       INTEGER NOT NULL,
    note        TEXT CHECK (note IS NULL OR length(note) <= 5000),
    done        INTEGER NOT NULL DEFAULT 0,
    completedAt INTEGER,
    createdAt   INTEGER NOT NULL,
    updatedAt   INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_follow_ups_due ON follow_ups (done, dueAt);
CREATE INDEX idx_follow_ups_lead ON follow_ups (leadId);

CREATE TABLE enrollments (
    id            TEXT PRIMARY KEY,
    leadId        TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    agentId       TEXT,
    plan          TEXT CHECK (plan IS NULL OR length(plan) <= 255),
    effectiveDate TEXT,
    notes         TEXT,
    createdAt     INTEGER NOT NULL
);
CREATE INDEX idx_enrollments_lead ON enrollments (leadId);

CREATE TABLE appointments (
    id              TEXT PRIMARY KEY,
    userId          TEXT,
    leadId          TEXT,
    providerId      TEXT NOT NULL,
    appointmentType TEXT NOT NULL
                    CHECK (appointmentType IN ('consultation', 'enrollment', 'primary_care',
                                               'follow_up')),
    scheduledDate   INTEGER NOT NULL,
    duration        INTEGER NOT NULL DEFAULT 30 CHECK (duration BETWEEN 5 AND 480),
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'confirmed', 'completed', 'cancelled',
                                      'no_show')),
    notes           TEXT,
    meetingLink     TEXT,
    reminderSent    INTEGER NOT NULL DEFAULT 0,
    pending         INTEGER NOT NULL DEFAULT 0,
    createdAt       INTEGER NOT NULL,
    updatedAt       INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    deletedAt       INTEGER
);
CREATE INDEX idx_appointments_provider_time ON appointments (providerId, scheduledDate);

CREATE TABLE provider_availability (
    id         TEXT PRIMARY KEY,
    providerId TEXT NOT NULL,
    dayOfWeek  INTEGER NOT NULL CHECK (dayOfWeek BETWEEN 0 AND 6),
    startTime  TEXT NOT NULL,
    endTime    TEXT NOT NULL,
    isActive   INTEGER NOT NULL DEFAULT 1,
    createdAt  INTEGER NOT NULL,
    updatedAt  INTEGER NOT NULL
);
CREATE INDEX idx_provider_availability_provider ON provider_availability (providerId, dayOfWeek);

CREATE TABLE time_off (
    id         TEXT PRIMARY KEY,
    providerId TEXT NOT NULL,
    startAt    INTEGER NOT NULL,
    endAt      INTEGER NOT NULL CHECK (endAt > startAt),
    reason     TEXT,
    createdAt  INTEGER NOT NULL
);
CREATE INDEX idx_time_off_provider ON time_off (providerId, startAt);

CREATE TABLE appointment_reminders (
    id            TEXT PRIMARY KEY,
    appointmentId TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    reminderType  TEXT NOT NULL CHECK (reminderType IN ('email', 'sms')),
    scheduledFor  INTEGER NOT NULL,
    sentAt        INTEGER,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    lastError     TEXT
);
CREATE INDEX idx_appointment_reminders_appointment ON appointment_reminders (appointmentId);

CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    mutationId  TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entityId    TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    baseVersion INTEGER,
    payload     TEXT NOT NULL,
    createdAt   INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    lastError   TEXT
);
CREATE INDEX idx_outbox_entity ON outbox (entity, entityId);

CREATE TABLE conflicts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('conflict', 'rejected')),
    mutationId TEXT,
    entity     TEXT NOT NULL,
    entityId   TEXT NOT NULL,
    field      TEXT,
    mine       TEXT,
    theirs     TEXT,
    reason     TEXT,
    createdAt  INTEGER NOT NULL,
    resolvedAt INTEGER,
    resolution TEXT
);
CREATE INDEX idx_conflicts_open ON conflicts (resolvedAt, createdAt);

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE notifications (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    title     TEXT NOT NULL,
    body      TEXT,
    entity    TEXT,
    entityId  TEXT,
    createdAt INTEGER NOT NULL,
    readAt    INTEGER
);
CREATE INDEX idx_notifications_unread ON notifications (readAt, createdAt);
)SQL";

// Version 2: full-text search over lead name, e-mail and phone (FTS4; SQLite 3.15 has no
// FTS5). The phone is indexed by its digits, and US numbers also by their 10-digit national
// form, so "415555" finds +14155550123. Existing leads are indexed by the migration itself.
// Version 5 replaces these triggers and gives the phone its own index.
const char *const LeadsFtsTriggersV2 = R"SQL(
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (docid, name, email, phone)
    VALUES (new.rowid, new.firstName || ' ' || new.lastName, new.email,
            substr(new.phone, 2)
                || CASE WHEN new.phone LIKE '+1%' THEN ' ' || substr(new.phone, 3) ELSE '' END);
END;

CREATE TRIGGER leads_fts_update AFTER UPDATE OF firstName, lastName, email, phone ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.rowid;
    INSERT INTO leads_fts (docid, name, email, phone)
    VALUES (new.rowid, new.firstName || ' ' || new.lastName, new.email,
            substr(new.phone, 2)
                || CASE WHEN new.phone LIKE '+1%' THEN ' ' || substr(new.phone, 3) ELSE '' END);
END;

CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.rowid;
END;

)SQL";

const char *const LeadsFtsFillV2 = R"SQL(
INSERT INTO leads_fts (docid, name, email, phone)
SELECT rowid, firstName || ' ' || lastName, email,
       substr(phone, 2) || CASE WHEN phone LIKE '+1%' THEN ' ' || substr(phone, 3) ELSE '' END
FROM leads;
)SQL";

const char *const SchemaV2 = R"SQL(
CREATE VIRTUAL TABLE leads_fts USING fts4 (name, email, phone, tokenize=unicode61);
)SQL";

// Version 3: the lead list's default order (youngest first) reads an index instead of sorting
// every lead: 100,000 leads open in about 110 ms instead of 285 ms. Partial (live leads only),
// matching the list's "deletedAt IS NULL". A name index was tried and made the name sort of a
// million leads 3x slower (index-order walk), so names are still sorted.
const char *const SchemaV3 = R"SQL(
CREATE INDEX idx_leads_created_at ON leads (createdAt) WHERE deletedAt IS NULL;
)SQL";

// Version 4: time-based notices (a follow-up coming due, an appointment starting soon) are
// raised once per due time: dedupeKey names the occasion. shownAt marks the notices the
// desktop has already raised as desktop notifications.
const char *const SchemaV4 = R"SQL(
ALTER TABLE notifications ADD COLUMN dedupeKey TEXT;
ALTER TABLE notifications ADD COLUMN shownAt INTEGER;
CREATE UNIQUE INDEX idx_notifications_dedupe ON notifications (dedupeKey)
    WHERE dedupeKey IS NOT NULL;
UPDATE notifications SET shownAt = createdAt;
)SQL";

// Version 5: a search finds any run of 4 or more digits inside a phone number ("1279",
// "555-1279"), not only its start, and words never match a phone number: the numbers move to
// their own index of overlapping runs of digits (LeadSearchIndex says why), leads_fts keeps
// the name and the e-mail. Both are built again from the leads.
const char *const SchemaV5 = R"SQL(
DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_update;
DROP TRIGGER leads_fts_delete;
DROP TABLE leads_fts;
CREATE VIRTUAL TABLE leads_fts USING fts4 (name, email, tokenize=unicode61);
CREATE VIRTUAL TABLE leads_phone_fts USING fts4 (digits, tokenize=unicode61);
)SQL";

// Version 6: an activity keeps when it happened (occurredAt: logged offline hours before the
// server recorded it, createdAt); the history is ordered by it. Entries already here happened
// when they were recorded.
const char *const SchemaV6 = R"SQL(
ALTER TABLE lead_activities ADD COLUMN occurredAt INTEGER;
UPDATE lead_activities SET occurredAt = createdAt;
DROP INDEX idx_lead_activities_lead;
CREATE INDEX idx_lead_activities_lead ON lead_activities (leadId, occurredAt);
)SQL";

// Version 7: a system entry keeps what it means (code, params as JSON text) so the history is
// shown in the user's language; entries from before have none and are read from their notes.
const char *const SchemaV7 = R"SQL(
ALTER TABLE lead_activities ADD COLUMN code TEXT;
ALTER TABLE lead_activities ADD COLUMN params TEXT;
)SQL";

// Version 8: the shared tables become what SharedTables declares, as the server has them: a
// record's version defaults to 1 (it was 0 here; every writer states it anyway), a user's
// name is 1 to 255 characters and the weight 0 to 100 (looser here), an activity always has
// its occurredAt, and enrollment notes have the server's limit. SQLite cannot change a CHECK or
// a DEFAULT, so each table is rebuilt from the definition (rebuildSharedTables). First, the
// rows the old checks let in are brought inside the new ones; the server never sent any.
QString schemaV8()
{
    return QStringLiteral(R"SQL(
UPDATE lead_activities SET occurredAt = createdAt WHERE occurredAt IS NULL;
UPDATE users SET weight = %1 WHERE weight > %1;
UPDATE enrollments SET notes = substr(notes, 1, %2) WHERE length(notes) > %2;
)SQL")
        .arg(UserLimits::MaxWeight)
        .arg(Enrollment::MaxNotesLength);
}

// Version 9: scheduling reaches the cache (pulled appointments, availability, time off and
// reminders; bookings made offline). Nothing wrote the scheduling tables of version 1 before,
// but their rows are carried over all the same.
// - A provider's availability is kept whole, as the sync sends it (Availability::toJson, one
//   row per provider): the cache only ever reads it whole, for SlotCalculator, so the weekly
//   windows and the date overrides with their own windows need no tables of their own. The
//   weekly-row table of version 1 goes.
// - Time off as the sync sends it (no createdAt: the server keeps that).
// - Reminders take the server's statuses: pending, sending, sent, failed, cancelled.
// - A booking the server refused keeps what the user should see with it (the clashing slot,
//   the suggested ones) in the conflict inbox: conflicts.details, JSON.
// Appointments keep their table: `pending` (cache-only) marks a row with changes on their way.
const char *const SchemaV9 = R"SQL(
DROP TABLE provider_availability;
CREATE TABLE provider_availability (
    providerId TEXT PRIMARY KEY,
    data       TEXT NOT NULL
);

CREATE TABLE time_off_v9 (
    id         TEXT PRIMARY KEY,
    providerId TEXT NOT NULL,
    startAt    INTEGER NOT NULL,
    endAt      INTEGER NOT NULL CHECK (endAt > startAt),
    reason     TEXT
);
INSERT INTO time_off_v9 (id, providerId, startAt, endAt, reason)
    SELECT id, providerId, startAt, endAt, reason FROM time_off;
DROP TABLE time_off;
ALTER TABLE time_off_v9 RENAME TO time_off;
CREATE INDEX idx_time_off_provider ON time_off (providerId, startAt);

CREATE TABLE appointment_reminders_v9 (
    id            TEXT PRIMARY KEY,
    appointmentId TEXT NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    reminderType  TEXT NOT NULL CHECK (reminderType IN ('email', 'sms')),
    scheduledFor  INTEGER NOT NULL,
    sentAt        INTEGER,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    lastError     TEXT
);
INSERT INTO appointment_reminders_v9 (id, appointmentId, reminderType, scheduledFor, sentAt,
                                      status, attempts, lastError)
    SELECT id, appointmentId, reminderType, scheduledFor, sentAt, status, attempts, lastError
    FROM appointment_reminders;
DROP TABLE appointment_reminders;
ALTER TABLE appointment_reminders_v9 RENAME TO appointment_reminders;
CREATE INDEX idx_appointment_reminders_appointment ON appointment_reminders (appointmentId);

ALTER TABLE conflicts ADD COLUMN details TEXT;
)SQL";

// Version 10: a lead's preferred language, as the server keeps it (its schema 8). The column
// comes from SharedTables like every shared column: the leads table is rebuilt from the
// definition (a cache that passed through version 8 after this definition was written has it
// already, so an ALTER TABLE would fail there). And what the ledger shows of a reminder beyond
// its state: when the carrier confirmed an SMS (deliveredAt), and whether it is a reminder or
// the notice of a cancellation (purpose), as the server's schema 7 has them.
// The server has been sending these fields all along: the rows already here never kept them,
// so the next sync pulls everything again (from cursor 0; edits waiting to be sent stay on top).
const char *const SchemaV10 = R"SQL(
ALTER TABLE appointment_reminders ADD COLUMN deliveredAt INTEGER;
ALTER TABLE appointment_reminders ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reminder'
    CHECK (purpose IN ('reminder', 'cancellation'));
UPDATE sync_state SET value = '0' WHERE key = 'cursor';
)SQL";

// The search indexes' triggers and fill since version 5.
QString leadsFtsTriggers()
{
    return QStringLiteral(R"SQL(
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (docid, name, email)
    VALUES (new.rowid, new.firstName || ' ' || new.lastName, new.email);
    INSERT INTO leads_phone_fts (docid, digits) VALUES (new.rowid, %1);
END;

CREATE TRIGGER leads_fts_update AFTER UPDATE OF firstName, lastName, email, phone ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.rowid;
    DELETE FROM leads_phone_fts WHERE docid = old.rowid;
    INSERT INTO leads_fts (docid, name, email)
    VALUES (new.rowid, new.firstName || ' ' || new.lastName, new.email);
    INSERT INTO leads_phone_fts (docid, digits) VALUES (new.rowid, %1);
END;

CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.rowid;
    DELETE FROM leads_phone_fts WHERE docid = old.rowid;
END;
)SQL")
        .arg(LeadSearchIndex::phoneColumnSql(QStringLiteral("new.phone")));
}

QString leadsFtsFill()
{
    return QStringLiteral(R"SQL(
INSERT INTO leads_fts (docid, name, email)
SELECT rowid, firstName || ' ' || lastName, email FROM leads;
INSERT INTO leads_phone_fts (docid, digits)
SELECT rowid, %1 FROM leads;
)SQL")
        .arg(LeadSearchIndex::phoneColumnSql(QStringLiteral("phone")));
}

// One schema version: its script, and which shared tables are then rebuilt from SharedTables
// (how the cache takes up a change of their CHECKs, DEFAULTs or columns): none, some by
// name, or all of them (AllShared).
const QStringList AllShared{QStringLiteral("*")};

struct Step
{
    QStringList script;
    QStringList rebuild;
};

const QList<Step> &steps()
{
    static const QList<Step> steps{{{QString::fromUtf8(SchemaV1)}},
                                   {{QString::fromUtf8(SchemaV2),
                                     QString::fromUtf8(LeadsFtsTriggersV2),
                                     QString::fromUtf8(LeadsFtsFillV2)}},
                                   {{QString::fromUtf8(SchemaV3)}},
                                   {{QString::fromUtf8(SchemaV4)}},
                                   {{QString::fromUtf8(SchemaV5),
                                     leadsFtsTriggers(),
                                     leadsFtsFill()}},
                                   {{QString::fromUtf8(SchemaV6)}},
                                   {{QString::fromUtf8(SchemaV7)}},
                                   {{schemaV8()}, AllShared},
                                   {{QString::fromUtf8(SchemaV9)}},
                                   {{QString::fromUtf8(SchemaV10)}, {QStringLiteral("leads")}}};
    return steps;
}

// What the cache adds to a shared table: the rows hanging off a lead go with it when the cache
// drops the lead (revoked or deleted); the server keeps them.
QStringList cacheExtras(const TableDefinition &table)
{
    if (table.column(QStringLiteral("leadId")))
        return {QStringLiteral("FOREIGN KEY (leadId) REFERENCES leads (id) ON DELETE CASCADE")};
    return {};
}

// Rebuilds a table as the definition (plus the cache's extras) says, in the caller's
// transaction: keeps its rows with their rowids (the search indexes' docids), its indexes and
// its triggers. Foreign keys must be off (SQLite's documented procedure for a table change
// that ALTER TABLE cannot make): dropping the old leads table would otherwise cascade into
// every row hanging off a lead.
bool rebuildTable(const QSqlDatabase &db, SqlCipherDriver *driver, const TableDefinition &table)
{
    QStringList kept;
    QStringList restore;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table.name())))
            return false;
        QStringList existing;
        while (query.next())
            existing << query.value(1).toString();
        for (const ColumnDefinition &column : table.columns()) {
            if (existing.contains(column.name))
                kept << column.name;
        }
        query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE tbl_name = ?"
                                     " AND type IN ('index', 'trigger') AND sql IS NOT NULL"));
        query.addBindValue(table.name());
        if (!query.exec())
            return false;
        while (query.next())
            restore << query.value(0).toString() + QLatin1Char(';');
    }
    const QString staging = table.name() + QStringLiteral("_rebuilt");
    const QString columns = kept.join(QStringLiteral(", "));
    const QString script = table.createSql(cacheExtras(table), staging) + QStringLiteral(";\n")
                           + QStringLiteral("INSERT INTO %1 (rowid, %2) SELECT rowid, %2 FROM %3;\n"
                                            "DROP TABLE %3;\n"
                                            "ALTER TABLE %1 RENAME TO %3;\n")
                                 .arg(staging, columns, table.name())
                           + restore.join(QLatin1Char('\n'));
    return driver->executeScript(script);
}

// The shared tables `names` names (AllShared: every one) rebuilt, then no row may point at a
// missing lead.
bool rebuildSharedTables(const QSqlDatabase &db, SqlCipherDriver *driver, const QStringList &names,
                         QString *reason)
{
    for (const TableDefinition *table : SharedTables::all()) {
        if (names != AllShared && !names.contains(table->name()))
            continue;
        if (!rebuildTable(db, driver, *table)) {
            *reason = driver->lastError().text();
            return false;
        }
    }
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        *reason = check.lastError().text();
        return false;
    }
    if (check.next()) {
        *reason = QStringLiteral("a row of %1 refers to a missing row")
                      .arg(check.value(0).toString());
        return false;
    }
    return true;
}

QString script(const QStringList &parts)
{
    return parts.join(QString());
}

// The indexes a bulk load drops and rebuilds: the same definitions as above.
const char *const SuspendIndexes = R"SQL(
DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_update;
DROP TRIGGER leads_fts_delete;
DROP INDEX idx_leads_status;
DROP INDEX idx_leads_assigned_agent;
DROP INDEX idx_leads_updated_at;
DROP INDEX idx_leads_created_at;
DROP INDEX idx_lead_activities_lead;
)SQL";

const char *const RestoreIndexes = R"SQL(
CREATE INDEX idx_leads_status ON leads (status);
CREATE INDEX idx_leads_assigned_agent ON leads (assignedAgentId);
CREATE INDEX idx_leads_updated_at ON leads (updatedAt);
CREATE INDEX idx_leads_created_at ON leads (createdAt) WHERE deletedAt IS NULL;
CREATE INDEX idx_lead_activities_lead ON lead_activities (leadId, occurredAt);
DELETE FROM leads_fts;
DELETE FROM leads_phone_fts;
)SQL";

} // namespace

int SchemaMigrator::latestVersion()
{
    return int(steps().size());
}

namespace {

// failure: a message with %1 for the database's reason.
Status runScript(const QSqlDatabase &db, const QStringList &parts, const QString &failure)
{
    auto *driver = qobject_cast<SqlCipherDriver *>(db.driver());
    if (!driver || !db.isOpen())
        return Error{QStringLiteral("not_open"),
                     SchemaMigrator::tr("The local database is not open.")};
    if (!driver->executeScript(script(parts)))
        return Error{QStringLiteral("cache_failed"), failure.arg(driver->lastError().text())};
    return {};
}

// Switches foreign keys off for its lifetime when asked (and when they were on).
class ForeignKeysOff final
{
public:
    ForeignKeysOff(const QSqlDatabase &db, SqlCipherDriver *driver, bool wanted)
        : m_driver(driver)
    {
        if (!wanted)
            return;
        QSqlQuery query(db);
        m_wasOn = query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next()
                  && query.value(0).toInt() == 1;
        if (m_wasOn)
            m_driver->executeScript(QStringLiteral("PRAGMA foreign_keys = OFF;"));
    }
    ~ForeignKeysOff()
    {
        if (m_wasOn)
            m_driver->executeScript(QStringLiteral("PRAGMA foreign_keys = ON;"));
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    SqlCipherDriver *m_driver;
    bool m_wasOn = false;
};

} // namespace

Status SchemaMigrator::suspendIndexes(const QSqlDatabase &db)
{
    return runScript(db,
                     {QString::fromUtf8(SuspendIndexes)},
                     tr("Cannot suspend the local indexes: %1"));
}

Status SchemaMigrator::restoreIndexes(const QSqlDatabase &db)
{
    return runScript(db,
                     {QString::fromUtf8(RestoreIndexes), leadsFtsTriggers(), leadsFtsFill()},
                     tr("Cannot rebuild the local indexes: %1"));
}

Result<int> SchemaMigrator::currentVersion(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        qCWarning(lcStore) << "Cannot read the schema version:" << query.lastError().text();
        return Error{QStringLiteral("schema_unreadable"),
                     tr("Cannot read the schema version: %1").arg(query.lastError().text())};
    }
    return query.value(0).toInt();
}

Status SchemaMigrator::migrate(const QSqlDatabase &db, int targetVersion)
{
    auto *driver = qobject_cast<SqlCipherDriver *>(db.driver());
    if (!driver || !db.isOpen())
        return Error{QStringLiteral("not_open"), tr("The local database is not open.")};

    const Result<int> current = currentVersion(db);
    if (!current.ok())
        return current.error();
    if (current.value() > latestVersion()) {
        return Error{QStringLiteral("schema_too_new"),
                     tr("The local database was written by a newer version of Agent CRM "
                        "(schema %1; this version knows up to %2). Update the app.")
                         .arg(current.value())
                         .arg(latestVersion())};
    }

    for (int version = current.value() + 1; version <= targetVersion; ++version) {
        const Step &step = steps().at(version - 1);
        const QString text = script(step.script)
                             + QStringLiteral("\nPRAGMA user_version = %1;").arg(version);
        // Foreign keys can only be switched outside a transaction; they are on again after.
        ForeignKeysOff foreignKeysOff(db, driver, !step.rebuild.isEmpty());
        if (!driver->beginTransaction()) {
            return Error{QStringLiteral("migration_failed"),
                         tr("Cannot start migrating to schema %1: %2")
                             .arg(version)
                             .arg(driver->lastError().text())};
        }
        QString reason;
        if (!driver->executeScript(text)
            || (!step.rebuild.isEmpty() && !rebuildSharedTables(db, driver, step.rebuild, &reason))) {
            if (reason.isEmpty())
                reason = driver->lastError().text();
            driver->rollbackTransaction();
            qCWarning(lcStore) << "Migration to schema" << version << "failed:" << reason;
            return Error{QStringLiteral("migration_failed"),
                         tr("Cannot migrate the local database to schema %1: %2")
                             .arg(version)
                             .arg(reason)};
        }
        if (!driver->commitTransaction()) {
            reason = driver->lastError().text();
            driver->rollbackTransaction();
            return Error{QStringLiteral("migration_failed"),
                         tr("Cannot commit schema %1: %2").arg(version).arg(reason)};
        }
        qCInfo(lcStore) << "Migrated local database to schema" << version;
    }
    return {};
}

} // namespace Crm
