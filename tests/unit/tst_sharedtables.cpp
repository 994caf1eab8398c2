// The tables the server and the cache share: a fresh cache and a fresh server database, each
// migrated to its newest schema, hold them exactly as SharedTables declares them (names, types,
// nullability, defaults, CHECKs); each side's extras are named here.
#include "storage/databasespec.h"
#include "domain/syncprotocol.h"
#include "storage/serverdatabase.h"
#include "store/localdatabase.h"
#include "store/sharedtables.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

namespace {

// One column as PRAGMA table_info reports it.
struct StoredColumn
{
    QString type;
    bool notNull = false;
    QString defaultValue; // as written in the CREATE TABLE, empty for none
    bool primaryKey = false;
};

struct StoredTable
{
    QStringList order;
    QHash<QString, StoredColumn> columns;
    QString sql; // the CREATE TABLE as the database keeps it
};

StoredTable storedTable(const QSqlDatabase &db, const QString &name)
{
    StoredTable table;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(name)))
        qWarning() << query.lastError().text();
    while (query.next()) {
        const QString column = query.value(1).toString();
        table.order << column;
        table.columns.insert(column,
                             {query.value(2).toString().toUpper(),
                              query.value(3).toInt() != 0,
                              query.value(4).isNull() ? QString() : query.value(4).toString(),
                              query.value(5).toInt() != 0});
    }
    query.prepare(
        QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(name);
    if (query.exec() && query.next())
        table.sql = query.value(0).toString();
    return table;
}

// What a declared type means: SQLite (and PostgreSQL) store TEXT as text and BIGINT or
// INTEGER as a 64-bit integer; booleans and times are integers too.
QString storage(const QString &declaredType)
{
    if (declaredType == QLatin1String("TEXT"))
        return QStringLiteral("text");
    if (declaredType == QLatin1String("BIGINT") || declaredType == QLatin1String("INTEGER"))
        return QStringLiteral("int64");
    return declaredType;
}

QString storage(ColumnType type)
{
    return type == ColumnType::Text ? QStringLiteral("text") : QStringLiteral("int64");
}

QString withoutSpaces(QString text)
{
    return text.remove(QRegularExpression(QStringLiteral("\\s+")));
}

// The shared table's columns, as declared, in the stored table; `extras` are the columns only
// this side has. Fails the calling test with the first difference.
void compare(const StoredTable &stored, const TableDefinition &table, const QStringList &extras)
{
    QVERIFY2(!stored.order.isEmpty(), qPrintable(table.name()));
    QStringList shared;
    for (const ColumnDefinition &column : table.columns()) {
        const QString where = table.name() + QLatin1Char('.') + column.name;
        QVERIFY2(stored.columns.contains(column.name),
                 qPrintable(where + QStringLiteral(" missing")));
        const StoredColumn &found = stored.columns.value(column.name);
        QCOMPARE(storage(found.type), storage(column.type));
        QVERIFY2(found.notNull == (!column.nullable && !column.primaryKey),
                 qPrintable(where + QStringLiteral(": NOT NULL differs")));
        QCOMPARE(found.primaryKey, column.primaryKey);
        QVERIFY2(found.defaultValue == column.defaultValue,
                 qPrintable(where
                            + QStringLiteral(": DEFAULT %1 here, %2 declared")
                                  .arg(found.defaultValue, column.defaultValue)));
        if (!column.check.isEmpty()) {
            QVERIFY2(withoutSpaces(stored.sql)
                         .contains(QStringLiteral("CHECK(") + withoutSpaces(column.check)
                                   + QLatin1Char(')')),
                     qPrintable(where + QStringLiteral(": no CHECK (") + column.check
                                + QStringLiteral(") in ") + stored.sql));
        }
        shared << column.name;
    }
    // Nothing else, and no CHECK the definition does not have.
    QStringList others = stored.order;
    for (const QString &column : std::as_const(shared))
        others.removeOne(column);
    QCOMPARE(others, extras);
    qsizetype checks = 0;
    for (const ColumnDefinition &column : table.columns())
        checks += column.check.isEmpty() ? 0 : 1;
    QCOMPARE(withoutSpaces(stored.sql).count(QStringLiteral("CHECK(")), checks);
}

const QByteArray CacheKey(32, 's');

} // namespace

class tst_SharedTables : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cacheHoldsTheDefinition_data();
    void cacheHoldsTheDefinition();
    void serverHoldsTheDefinition_data();
    void serverHoldsTheDefinition();
    void columnListsComeFromTheDefinition();
    void entitiesMapToTheirTables();

private:
    QTemporaryDir m_dir;
    std::optional<LocalDatabase> m_cache;
    std::shared_ptr<ServerDatabase> m_server;
};

void tst_SharedTables::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto cache = LocalDatabase::open(m_dir.filePath(QStringLiteral("cache.db")), CacheKey);
    QVERIFY2(cache.ok(), qPrintable(cache.error().message));
    m_cache.emplace(std::move(cache.value()));

    qputenv("CRM_AUDIT_KEY_FILE", m_dir.filePath(QStringLiteral("audit.key")).toUtf8());
    DatabaseSpec spec;
    spec.path = m_dir.filePath(QStringLiteral("server.db"));
    auto server = ServerDatabase::open(spec);
    QVERIFY2(server.ok(), qPrintable(server.error().message));
    m_server = server.value();
}

void tst_SharedTables::cacheHoldsTheDefinition_data()
{
    QTest::addColumn<QString>("table");
    for (const TableDefinition *table : SharedTables::all())
        QTest::newRow(qPrintable(table->name())) << table->name();
}

void tst_SharedTables::cacheHoldsTheDefinition()
{
    QFETCH(QString, table);
    const TableDefinition *definition = nullptr;
    for (const TableDefinition *candidate : SharedTables::all()) {
        if (candidate->name() == table)
            definition = candidate;
    }
    QVERIFY(definition);
    // The cache has no columns of its own in the shared tables.
    compare(storedTable(m_cache->database(), table), *definition, {});
}

void tst_SharedTables::serverHoldsTheDefinition_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("extras");
    // The server's own columns: the password hash and the round-robin's place.
    QTest::newRow("users") << QStringLiteral("users")
                           << QStringList{QStringLiteral("passwordHash"),
                                          QStringLiteral("rrCurrent"),
                                          QStringLiteral("rrOrder")};
    QTest::newRow("leads") << QStringLiteral("leads") << QStringList();
    QTest::newRow("lead_activities") << QStringLiteral("lead_activities") << QStringList();
    QTest::newRow("follow_ups") << QStringLiteral("follow_ups") << QStringList();
    QTest::newRow("enrollments") << QStringLiteral("enrollments") << QStringList();
}

void tst_SharedTables::serverHoldsTheDefinition()
{
    QFETCH(QString, table);
    QFETCH(QStringList, extras);
    const TableDefinition *definition = nullptr;
    for (const TableDefinition *candidate : SharedTables::all()) {
        if (candidate->name() == table)
            definition = candidate;
    }
    QVERIFY(definition);
    Result<QSqlDatabase> db = m_server->connection();
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    compare(storedTable(db.value(), table), *definition, extras);
}

void tst_SharedTables::columnListsComeFromTheDefinition()
{
    // The lists the repositories select and insert: every column of the record, in the
    // definition's order; bookkeeping (a lead's deletedAt) stays out.
    const TableDefinition &leads = SharedTables::leads();
    QVERIFY(leads.selectList().startsWith(QStringLiteral("id, firstName, lastName, ")));
    QVERIFY(!leads.wireColumns().contains(QStringLiteral("deletedAt")));
    QVERIFY(leads.column(QStringLiteral("deletedAt")));
    QCOMPARE(leads.placeholders().count(QLatin1Char('?')), leads.wireColumns().size());
    QCOMPARE(SharedTables::activities().wireColumns().size(),
             SharedTables::activities().columns().size());
}

void tst_SharedTables::entitiesMapToTheirTables()
{
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::Lead), &SharedTables::leads());
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::Activity), &SharedTables::activities());
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::FollowUp), &SharedTables::followUps());
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::Enrollment),
             &SharedTables::enrollments());
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::User), &SharedTables::users());
    // Appointments are not shared tables yet (scheduling will declare them).
    QCOMPARE(SharedTables::forEntity(SyncProtocol::Entity::Appointment), nullptr);
}

QTEST_GUILESS_MAIN(tst_SharedTables)
#include "tst_sharedtables.moc"
