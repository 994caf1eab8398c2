// Schema versions: a new cache is at the newest version, and every older version migrates.
#include "domain/leadquery.h"
#include "store/leadsearchindex.h"
#include "store/localdatabase.h"
#include "store/schemamigrator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

namespace {

const QByteArray Key(32, 'm');

int scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

QStringList names(const QSqlDatabase &db, const QString &type)
{
    QSqlQuery query(db);
    query.exec(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = '%1' ORDER BY name").arg(type));
    QStringList result;
    while (query.next())
        result << query.value(0).toString();
    return result;
}

QStringList searchLeads(const QSqlDatabase &db, const QString &match)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT l.id FROM leads_fts f JOIN leads l ON l.rowid = f.docid"
                                 " WHERE leads_fts MATCH ? ORDER BY l.id"));
    query.addBindValue(match);
    QStringList ids;
    if (!query.exec())
        qWarning() << query.lastError().text();
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

// The leads a search in the lead list finds, asked of the indexes the way the list asks.
QStringList searchFor(const QSqlDatabase &db, const QString &search)
{
    const LeadSearchIndex::Condition condition = LeadSearchIndex::condition(
        LeadQuery::parse(search));
    QStringList where = condition.where;
    QVariantList bindings = condition.bindings;
    QString from = QStringLiteral("leads l");
    if (!condition.match.isEmpty()) {
        from += QStringLiteral(" JOIN leads_fts ON leads_fts.docid = l.rowid");
        where.prepend(QStringLiteral("leads_fts MATCH ?"));
        bindings.prepend(condition.match);
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT l.id FROM %1 WHERE %2 ORDER BY l.id")
                      .arg(from, where.join(QStringLiteral(" AND "))));
    for (const QVariant &value : std::as_const(bindings))
        query.addBindValue(value);
    QStringList ids;
    if (!query.exec())
        qWarning() << query.lastError().text();
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

} // namespace

class tst_SchemaMigrator : public QObject
{
    Q_OBJECT

private slots:
    void newCacheIsAtTheNewestVersion();
    void tablesAndIndexesOfTheSeed();
    void migratesVersion1ToNewest();
    void version8RebuildsTheSharedTablesKeepingTheirRows();
    void version9HoldsSchedulingAsTheSyncSendsIt();
    void version10KeepsRowsAndPullsEverythingAgain();
    void searchIndexFollowsEdits();
    void constraintsRejectBadRows_data();
    void constraintsRejectBadRows();
    void refusesACacheFromANewerApp();
};

void tst_SchemaMigrator::newCacheIsAtTheNewestVersion()
{
    QTemporaryDir dir;
    auto db = LocalDatabase::open(dir.filePath(QStringLiteral("c.db")), Key);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    QCOMPARE(SchemaMigrator::currentVersion(db.value().database()).value(),
             SchemaMigrator::latestVersion());
    QVERIFY(SchemaMigrator::latestVersion() >= 2);
    // Migrating again is a no-op.
    QVERIFY(SchemaMigrator::migrate(db.value().database()).ok());
}

void tst_SchemaMigrator::tablesAndIndexesOfTheSeed()
{
    QTemporaryDir dir;
    auto db = LocalDatabase::open(dir.filePath(QStringLiteral("c.db")), Key);
    QVERIFY(db.ok());
    const QStringList tables = names(db.value().database(), QStringLiteral("table"));
    for (const char *table : {"leads",
                              "lead_activities",
                              "appointments",
                              "provider_availability",
                              "appointment_reminders",
                              "follow_ups",
                              "enrollments",
                              "time_off",
                              "users",
                              "outbox",
                              "conflicts",
                              "sync_state",
                              "notifications",
                              "leads_fts",
                              "leads_phone_fts"}) {
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    }
    const QStringList indexes = names(db.value().database(), QStringLiteral("index"));
    for (const char *index : {"idx_leads_status",
                              "idx_leads_assigned_agent",
                              "idx_leads_updated_at",
                              "idx_appointments_provider_time"}) {
        QVERIFY2(indexes.contains(QLatin1String(index)), index);
    }
    QCOMPARE(scalar(db.value().database(), QStringLiteral("PRAGMA foreign_keys")), 1);
    QSqlQuery mode(db.value().database());
    QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
    QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
}

void tst_SchemaMigrator::migratesVersion1ToNewest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.db"));
    {
        LocalDatabase::Options options;
        options.migrate = false;
        auto db = LocalDatabase::open(path, Key, options);
        QVERIFY(db.ok());
        QVERIFY(SchemaMigrator::migrate(db.value().database(), 1).ok());
        QCOMPARE(SchemaMigrator::currentVersion(db.value().database()).value(), 1);
        QVERIFY(!names(db.value().database(), QStringLiteral("table"))
                     .contains(QStringLiteral("leads_fts")));
        QSqlQuery insert(db.value().database());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
            " VALUES ('a', 'Maria', 'Lopez', 'maria.lopez@example.com', '+14155550123', 1, 1),"
            "        ('b', 'John', 'Smith', 'jsmith@example.net', '+442079460958', 2, 2)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO lead_activities (id, leadId, activityType, notes, createdAt)"
            " VALUES ('c', 'a', 'call', 'Before version 6', 1234)")));
    }
    auto db = LocalDatabase::open(path, Key);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    QCOMPARE(SchemaMigrator::currentVersion(db.value().database()).value(),
             SchemaMigrator::latestVersion());
    // Rows written under version 1 are kept and found by the index version 2 added.
    QCOMPARE(scalar(db.value().database(), QStringLiteral("SELECT count(*) FROM leads")), 2);
    // An activity recorded before version 6 happened when it was recorded.
    QCOMPARE(scalar(db.value().database(),
                    QStringLiteral("SELECT occurredAt FROM lead_activities WHERE id = 'c'")),
             1234);
    QCOMPARE(searchLeads(db.value().database(), QStringLiteral("mari*")),
             QStringList{QStringLiteral("a")});
    QCOMPARE(searchLeads(db.value().database(), QStringLiteral("lopez")),
             QStringList{QStringLiteral("a")});
    QCOMPARE(searchLeads(db.value().database(), QStringLiteral("jsmith*")),
             QStringList{QStringLiteral("b")});
    // Phone numbers by any run of 4 or more digits in them (version 5's index).
    for (const char *digits : {"415555", "14155550123", "555-0123", "0123"}) {
        QCOMPARE(searchFor(db.value().database(), QLatin1String(digits)),
                 QStringList{QStringLiteral("a")});
    }
    for (const char *digits : {"4420", "+44 20 7946 0958", "0958"}) {
        QCOMPARE(searchFor(db.value().database(), QLatin1String(digits)),
                 QStringList{QStringLiteral("b")});
    }
    QCOMPARE(searchFor(db.value().database(), QStringLiteral("0124")), QStringList());
    // E-mail addresses as typed, digits and all; words in the name and the address.
    QCOMPARE(searchFor(db.value().database(), QStringLiteral("maria.lopez@example.com")),
             QStringList{QStringLiteral("a")});
    QCOMPARE(searchFor(db.value().database(), QStringLiteral("lopez@example.net")), QStringList());
    QCOMPARE(searchFor(db.value().database(), QStringLiteral("smith 0958")),
             QStringList{QStringLiteral("b")});
}

void tst_SchemaMigrator::version8RebuildsTheSharedTablesKeepingTheirRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v7.db"));
    QStringList indexesBefore;
    QStringList triggersBefore;
    {
        LocalDatabase::Options options;
        options.migrate = false;
        auto db = LocalDatabase::open(path, Key, options);
        QVERIFY(db.ok());
        QVERIFY(SchemaMigrator::migrate(db.value().database(), 7).ok());
        QSqlQuery insert(db.value().database());
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO users (id, email, name, role, weight, createdAt, updatedAt)"
                           " VALUES ('u', 'ana@example.com', 'Ana', 'agent', 100, 1, 1)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt,"
            " version) VALUES ('a', 'Maria', 'Lopez', 'maria@example.com', '+14155550123', 1, 1,"
            " 3)")));
        // Under version 7 an activity could be stored without occurredAt.
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO lead_activities (id, leadId, activityType, notes, createdAt)"
            " VALUES ('c', 'a', 'call', 'Called', 1234)")));
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO follow_ups (id, leadId, dueAt, createdAt, updatedAt)"
                           " VALUES ('f', 'a', 99, 1, 1)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO enrollments (id, leadId, plan, createdAt) VALUES ('e', 'a', 'Gold', 1)")));
        indexesBefore = names(db.value().database(), QStringLiteral("index"));
        triggersBefore = names(db.value().database(), QStringLiteral("trigger"));
    }
    auto db = LocalDatabase::open(path, Key);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(SchemaMigrator::currentVersion(cache).value(), SchemaMigrator::latestVersion());
    // Every row is kept, the lead at its rowid (the search indexes' docid).
    QCOMPARE(scalar(cache, QStringLiteral("SELECT weight FROM users WHERE id = 'u'")), 100);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT version FROM leads WHERE id = 'a'")), 3);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT occurredAt FROM lead_activities")), 1234);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT dueAt FROM follow_ups WHERE id = 'f'")), 99);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM enrollments")), 1);
    QCOMPARE(searchLeads(cache, QStringLiteral("mari*")), QStringList{QStringLiteral("a")});
    QCOMPARE(searchFor(cache, QStringLiteral("5550123")), QStringList{QStringLiteral("a")});
    // The indexes and the search triggers are back; foreign keys are on again and still
    // take a lead's rows with it.
    // (Version 9 keeps a provider's availability whole: the weekly rows' index goes.)
    indexesBefore.removeOne(QStringLiteral("idx_provider_availability_provider"));
    QCOMPARE(names(cache, QStringLiteral("index")), indexesBefore);
    QCOMPARE(names(cache, QStringLiteral("trigger")), triggersBefore);
    QCOMPARE(scalar(cache, QStringLiteral("PRAGMA foreign_keys")), 1);
    QSqlQuery edit(cache);
    QVERIFY(edit.exec(QStringLiteral("UPDATE leads SET firstName = 'Marta' WHERE id = 'a'")));
    QCOMPARE(searchLeads(cache, QStringLiteral("marta")), QStringList{QStringLiteral("a")});
    QVERIFY(edit.exec(QStringLiteral("DELETE FROM leads WHERE id = 'a'")));
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM lead_activities")), 0);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM follow_ups")), 0);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM enrollments")), 0);
    // The new CHECKs and DEFAULTs hold.
    QVERIFY(!edit.exec(QStringLiteral("UPDATE users SET weight = 101 WHERE id = 'u'")));
    QVERIFY(edit.exec(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
        " VALUES ('b', 'John', 'Smith', 'js@example.net', '+442079460958', 2, 2)")));
    QCOMPARE(scalar(cache, QStringLiteral("SELECT version FROM leads WHERE id = 'b'")), 1);
}

void tst_SchemaMigrator::version10KeepsRowsAndPullsEverythingAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v9.db"));
    {
        LocalDatabase::Options options;
        options.migrate = false;
        auto db = LocalDatabase::open(path, Key, options);
        QVERIFY(db.ok());
        QVERIFY(SchemaMigrator::migrate(db.value().database(), 9).ok());
        QSqlQuery insert(db.value().database());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
            " VALUES ('l', 'Ana', 'Ruiz', 'ana@example.com', '+14155550100', 1, 1)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO appointments (id, providerId, leadId, appointmentType, scheduledDate,"
            " createdAt, updatedAt) VALUES ('a', 'u', 'l', 'consultation', 5000, 1, 1)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO appointment_reminders (id, appointmentId, reminderType, scheduledFor,"
            " status) VALUES ('r', 'a', 'sms', 4000, 'sent')")));
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO sync_state (key, value) VALUES ('cursor', '5713')")));
    }
    auto db = LocalDatabase::open(path, Key);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(SchemaMigrator::currentVersion(cache).value(), SchemaMigrator::latestVersion());
    // The rows stay (the lead found by its search index too), with what they never kept empty.
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM leads WHERE id = 'l'"
                                          " AND preferredLanguage IS NULL")),
             1);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM leads_fts WHERE leads_fts MATCH 'ruiz'")),
             1);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM appointment_reminders"
                                          " WHERE purpose = 'reminder' AND deliveredAt IS NULL")),
             1);
    // ... and the next sync brings them again from the start, with those fields.
    QCOMPARE(scalar(cache, QStringLiteral("SELECT value FROM sync_state WHERE key = 'cursor'")), 0);
    QSqlQuery edit(cache);
    QVERIFY(!edit.exec(QStringLiteral("UPDATE leads SET preferredLanguage = 'fr'")));
    QVERIFY(edit.exec(QStringLiteral("UPDATE leads SET preferredLanguage = 'es'")));
    QVERIFY(!edit.exec(QStringLiteral("UPDATE appointment_reminders SET purpose = 'advert'")));
}

void tst_SchemaMigrator::version9HoldsSchedulingAsTheSyncSendsIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v8.db"));
    {
        LocalDatabase::Options options;
        options.migrate = false;
        auto db = LocalDatabase::open(path, Key, options);
        QVERIFY(db.ok());
        QVERIFY(SchemaMigrator::migrate(db.value().database(), 8).ok());
        QSqlQuery insert(db.value().database());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO appointments (id, providerId, appointmentType, scheduledDate, createdAt,"
            " updatedAt, pending) VALUES ('a', 'u', 'consultation', 5000, 1, 1, 1)")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO appointment_reminders (id, appointmentId, reminderType, scheduledFor,"
            " status) VALUES ('r', 'a', 'email', 4000, 'sent')")));
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO time_off (id, providerId, startAt, endAt, reason,"
                           " createdAt) VALUES ('t', 'u', 10, 20, 'Dentist', 1)")));
        // Version 8 knows three reminder statuses only.
        QVERIFY(!insert.exec(QStringLiteral(
            "UPDATE appointment_reminders SET status = 'cancelled' WHERE id = 'r'")));
    }
    auto db = LocalDatabase::open(path, Key);
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(SchemaMigrator::currentVersion(cache).value(), SchemaMigrator::latestVersion());
    // Rows are kept: the appointment still pending, its reminder, the time off.
    QCOMPARE(scalar(cache, QStringLiteral("SELECT pending FROM appointments WHERE id = 'a'")), 1);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT scheduledFor FROM appointment_reminders")), 4000);
    QCOMPARE(scalar(cache, QStringLiteral("SELECT endAt FROM time_off WHERE id = 't'")), 20);
    QSqlQuery edit(cache);
    // The server's reminder statuses, and nothing else.
    for (const char *status : {"pending", "sending", "sent", "failed", "cancelled"}) {
        QVERIFY2(edit.exec(QStringLiteral("UPDATE appointment_reminders SET status = '%1'")
                               .arg(QLatin1String(status))),
                 status);
    }
    QVERIFY(!edit.exec(QStringLiteral("UPDATE appointment_reminders SET status = 'lost'")));
    QVERIFY(!edit.exec(QStringLiteral("UPDATE time_off SET endAt = startAt")));
    // Availability whole, one row per provider; a refusal's details beside its reason.
    QVERIFY(edit.exec(
        QStringLiteral("INSERT INTO provider_availability (providerId, data) VALUES ('u', '{}')")));
    QVERIFY(!edit.exec(
        QStringLiteral("INSERT INTO provider_availability (providerId, data) VALUES ('u', '{}')")));
    QVERIFY(edit.exec(QStringLiteral(
        "INSERT INTO conflicts (id, kind, entity, entityId, reason, details, createdAt)"
        " VALUES ('c', 'rejected', 'appointment', 'a', 'slot_taken', '{}', 1)")));
    // A reminder still goes with its appointment, and the indexes are there.
    QVERIFY(edit.exec(QStringLiteral("DELETE FROM appointments WHERE id = 'a'")));
    QCOMPARE(scalar(cache, QStringLiteral("SELECT count(*) FROM appointment_reminders")), 0);
    const QStringList indexes = names(cache, QStringLiteral("index"));
    QVERIFY(indexes.contains(QStringLiteral("idx_time_off_provider")));
    QVERIFY(indexes.contains(QStringLiteral("idx_appointment_reminders_appointment")));
}

void tst_SchemaMigrator::searchIndexFollowsEdits()
{
    QTemporaryDir dir;
    auto opened = LocalDatabase::open(dir.filePath(QStringLiteral("c.db")), Key);
    QVERIFY(opened.ok());
    const QSqlDatabase db = opened.value().database();
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
        " VALUES ('x', 'Ana', 'Ruiz', 'ana@example.com', '+13105550100', 1, 1)")));
    QCOMPARE(searchLeads(db, QStringLiteral("ruiz")), QStringList{QStringLiteral("x")});
    QVERIFY(query.exec(QStringLiteral("UPDATE leads SET lastName = 'Ortega' WHERE id = 'x'")));
    QCOMPARE(searchLeads(db, QStringLiteral("ruiz")), QStringList());
    QCOMPARE(searchLeads(db, QStringLiteral("ortega")), QStringList{QStringLiteral("x")});
    QCOMPARE(searchFor(db, QStringLiteral("0100")), QStringList{QStringLiteral("x")});
    QVERIFY(query.exec(QStringLiteral("UPDATE leads SET phone = '+13105551279' WHERE id = 'x'")));
    QCOMPARE(searchFor(db, QStringLiteral("0100")), QStringList());
    QCOMPARE(searchFor(db, QStringLiteral("555-1279")), QStringList{QStringLiteral("x")});
    QVERIFY(query.exec(QStringLiteral("UPDATE leads SET status = 'contacted' WHERE id = 'x'")));
    QCOMPARE(searchLeads(db, QStringLiteral("ortega")), QStringList{QStringLiteral("x")});
    QVERIFY(query.exec(QStringLiteral("DELETE FROM leads WHERE id = 'x'")));
    QCOMPARE(searchLeads(db, QStringLiteral("ortega")), QStringList());
}

void tst_SchemaMigrator::constraintsRejectBadRows_data()
{
    QTest::addColumn<QString>("values");
    const QString badSource = QStringLiteral(
        "'Ana', 'Ruiz', 'a@b.co', '+13105550100', 'new', 'web'");
    QTest::newRow("unknown status")
        << QStringLiteral("'Ana', 'Ruiz', 'a@b.co', '+13105550100', 'won', 'website'");
    QTest::newRow("unknown source") << badSource;
    QTest::newRow("empty first name")
        << QStringLiteral("'', 'Ruiz', 'a@b.co', '+13105550100', 'new', 'website'");
    QTest::newRow("256-char last name")
        << QStringLiteral("'Ana', '%1', 'a@b.co', '+13105550100', 'new', 'website'")
               .arg(QString(256, QLatin1Char('r')));
    QTest::newRow("51-char phone")
        << QStringLiteral("'Ana', 'Ruiz', 'a@b.co', '%1', 'new', 'website'")
               .arg(QString(51, QLatin1Char('1')));
}

void tst_SchemaMigrator::constraintsRejectBadRows()
{
    QFETCH(QString, values);
    QTemporaryDir dir;
    auto opened = LocalDatabase::open(dir.filePath(QStringLiteral("c.db")), Key);
    QVERIFY(opened.ok());
    QSqlQuery query(opened.value().database());
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO leads (id, firstName, lastName, email, phone,"
                                       " status, source, createdAt, updatedAt)"
                                       " VALUES ('x', %1, 1, 1)")
                            .arg(values)));
    QVERIFY2(query.lastError().databaseText().contains(QStringLiteral("CHECK constraint failed")),
             qPrintable(query.lastError().databaseText()));
    QCOMPARE(scalar(opened.value().database(), QStringLiteral("SELECT count(*) FROM leads")), 0);
}

void tst_SchemaMigrator::refusesACacheFromANewerApp()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.db"));
    {
        auto db = LocalDatabase::open(path, Key);
        QVERIFY(db.ok());
        QSqlQuery query(db.value().database());
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    auto db = LocalDatabase::open(path, Key);
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, QStringLiteral("schema_too_new"));
    QVERIFY(db.error().message.contains(QStringLiteral("newer version")));
}

QTEST_GUILESS_MAIN(tst_SchemaMigrator)
#include "tst_schemamigrator.moc"
