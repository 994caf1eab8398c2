// The QSQLCIPHER driver as a Qt SQL user sees it: types, bindings, transactions, errors and
// several threads, all against a real encrypted file.
#include "store/localdatabase.h"
#include "store/sqlcipherdriver.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <limits>

using namespace Crm;

namespace {

QByteArray testKey(char fill = 'k')
{
    return QByteArray(32, fill);
}

} // namespace

class tst_SqlCipherDriver : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void registeredAsQSqlCipher();
    void roundTripsEveryType_data();
    void roundTripsEveryType();
    void nullKeepsItsType();
    void positionalAndNamedBindings();
    void parameterCountMismatchIsAnError();
    void transactionRollsBack();
    void transactionCommits();
    void errorCarriesSqliteMessage();
    void syntaxErrorCarriesSqliteMessage();
    void refusesSecondStatement();
    void lastInsertIdAndRowsAffected();
    void forwardOnlyStreamsAllRows();
    void scrollableQuerySeeksBackAndForth();
    void queryModelOverAnEmptyResult();
    void recordDescribesColumns();
    void tablesAndPrimaryIndex();
    void twoThreadsWithTwoConnections();
    void unfinishedReadDoesNotBlockAWrite();
    void qtSqlitePluginIsNeverLoaded();

private:
    QSqlDatabase db() const { return m_db.database(); }
    QTemporaryDir m_dir;
    LocalDatabase m_db;
};

void tst_SqlCipherDriver::init()
{
    QVERIFY(m_dir.isValid());
    auto opened = LocalDatabase::open(m_dir.filePath(QStringLiteral("driver.db")), testKey());
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_db = std::move(opened).value();
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("DROP TABLE IF EXISTS t")));
    QVERIFY2(query.exec(QStringLiteral(
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB)")),
             qPrintable(query.lastError().text()));
}

void tst_SqlCipherDriver::cleanup()
{
    m_db.close();
}

void tst_SqlCipherDriver::registeredAsQSqlCipher()
{
    QVERIFY(QSqlDatabase::drivers().contains(QStringLiteral("QSQLCIPHER")));
    QCOMPARE(db().driverName(), QStringLiteral("QSQLCIPHER"));
    QVERIFY(db().driver()->hasFeature(QSqlDriver::Transactions));
    QVERIFY(db().driver()->hasFeature(QSqlDriver::PreparedQueries));
    QVERIFY(db().driver()->hasFeature(QSqlDriver::BLOB));
    QVERIFY(db().driver()->hasFeature(QSqlDriver::LastInsertId));
}

void tst_SqlCipherDriver::roundTripsEveryType_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<int>("expectedType");

    QTest::newRow("int64 max") << "i" << QVariant(std::numeric_limits<qint64>::max())
                               << int(QMetaType::LongLong);
    QTest::newRow("int64 min") << "i" << QVariant(std::numeric_limits<qint64>::min())
                               << int(QMetaType::LongLong);
    QTest::newRow("epoch ms") << "i" << QVariant(qint64(1795000000123)) << int(QMetaType::LongLong);
    QTest::newRow("bool") << "i" << QVariant(true) << int(QMetaType::LongLong);
    QTest::newRow("double") << "r" << QVariant(3.14159265358979) << int(QMetaType::Double);
    QTest::newRow("negative double") << "r" << QVariant(-1e-300) << int(QMetaType::Double);
    QTest::newRow("ascii") << "s" << QVariant(QStringLiteral("jane@example.com"))
                           << int(QMetaType::QString);
    QTest::newRow("utf-8") << "s" << QVariant(QString::fromUtf8("Ñandú Pérez — 日本語 🌵"))
                           << int(QMetaType::QString);
    QTest::newRow("empty text") << "s" << QVariant(QStringLiteral("")) << int(QMetaType::QString);
    QTest::newRow("blob with zeros")
        << "b" << QVariant(QByteArray("\0\1\2\xff\0end", 8)) << int(QMetaType::QByteArray);
    QTest::newRow("big blob") << "b" << QVariant(QByteArray(1 << 20, '\x5a'))
                              << int(QMetaType::QByteArray);
}

void tst_SqlCipherDriver::roundTripsEveryType()
{
    QFETCH(QString, column);
    QFETCH(QVariant, value);
    QFETCH(int, expectedType);

    QSqlQuery insert(db());
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO t (%1) VALUES (?)").arg(column)));
    insert.addBindValue(value);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

    QSqlQuery select(db());
    QVERIFY(select.exec(QStringLiteral("SELECT %1 FROM t").arg(column)));
    QVERIFY(select.next());
    const QVariant read = select.value(0);
    QCOMPARE(read.metaType().id(), expectedType);
    if (value.metaType().id() == QMetaType::Bool)
        QCOMPARE(read.toLongLong(), 1);
    else
        QCOMPARE(read, value);
    QVERIFY(!select.next());
}

void tst_SqlCipherDriver::nullKeepsItsType()
{
    QSqlQuery query(db());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?)")));
    for (int i = 0; i < 4; ++i)
        query.addBindValue(QVariant());
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT i, r, s, b FROM t")));
    QVERIFY(query.next());
    for (int i = 0; i < 4; ++i)
        QVERIFY(query.isNull(i));
    QCOMPARE(query.value(0).metaType().id(), int(QMetaType::LongLong));
    QCOMPARE(query.value(1).metaType().id(), int(QMetaType::Double));
    QCOMPARE(query.value(2).metaType().id(), int(QMetaType::QString));
    QCOMPARE(query.value(3).metaType().id(), int(QMetaType::QByteArray));
}

void tst_SqlCipherDriver::positionalAndNamedBindings()
{
    QSqlQuery query(db());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i, s) VALUES (?, ?)")));
    query.bindValue(1, QStringLiteral("second"));
    query.bindValue(0, 2);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i, s, r) VALUES (:n, :text, :n * 1.5)")));
    query.bindValue(QStringLiteral(":text"), QStringLiteral("named, used twice"));
    query.bindValue(QStringLiteral(":n"), 4);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

    // A string literal that looks like a placeholder stays a literal.
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i, s) VALUES (:n, ':not a binding ?')")));
    query.bindValue(QStringLiteral(":n"), 5);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

    QVERIFY(query.exec(QStringLiteral("SELECT i, s, r FROM t ORDER BY i")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2);
    QCOMPARE(query.value(1).toString(), QStringLiteral("second"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 4);
    QCOMPARE(query.value(1).toString(), QStringLiteral("named, used twice"));
    QCOMPARE(query.value(2).toDouble(), 6.0);
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toString(), QStringLiteral(":not a binding ?"));
    QVERIFY(!query.next());

    // Re-executing a prepared statement with new values reuses it.
    QVERIFY(query.prepare(QStringLiteral("SELECT count(*) FROM t WHERE i >= ?")));
    for (int threshold : {0, 3, 5, 6}) {
        query.addBindValue(threshold);
        QVERIFY(query.exec());
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(),
                 threshold <= 2   ? 3
                 : threshold <= 4 ? 2
                 : threshold <= 5 ? 1
                                  : 0);
    }
}

void tst_SqlCipherDriver::parameterCountMismatchIsAnError()
{
    QSqlQuery query(db());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i, s) VALUES (?, ?)")));
    query.addBindValue(1);
    QVERIFY(!query.exec());
    QVERIFY(query.lastError().isValid());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_SqlCipherDriver::transactionRollsBack()
{
    QVERIFY(db().transaction());
    QSqlQuery query(db());
    for (int i = 0; i < 10; ++i)
        QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i) VALUES (%1)").arg(i)));
    QVERIFY(db().rollback());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_SqlCipherDriver::transactionCommits()
{
    QVERIFY(db().transaction());
    QSqlQuery query(db());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (i) VALUES (?)")));
    for (int i = 0; i < 10; ++i) {
        query.addBindValue(i);
        QVERIFY(query.exec());
    }
    QVERIFY(db().commit());

    // Another connection sees the committed rows.
    auto other = LocalDatabase::open(m_db.path(), testKey());
    QVERIFY2(other.ok(), qPrintable(other.error().message));
    QSqlQuery count(other.value().database());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*), sum(i) FROM t")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), 10);
    QCOMPARE(count.value(1).toInt(), 45);
}

void tst_SqlCipherDriver::errorCarriesSqliteMessage()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (id, i) VALUES (1, 1)")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO t (id, i) VALUES (1, 2)")));
    const QSqlError error = query.lastError();
    QCOMPARE(error.type(), QSqlError::StatementError);
    QVERIFY2(error.databaseText().contains(QStringLiteral("UNIQUE constraint failed: t.id")),
             qPrintable(error.databaseText()));
    QCOMPARE(error.nativeErrorCode(), QStringLiteral("1555")); // SQLITE_CONSTRAINT_PRIMARYKEY
}

void tst_SqlCipherDriver::syntaxErrorCarriesSqliteMessage()
{
    QSqlQuery query(db());
    QVERIFY(!query.exec(QStringLiteral("SELEKT * FROM t")));
    QVERIFY2(query.lastError().databaseText().contains(QStringLiteral("syntax error")),
             qPrintable(query.lastError().databaseText()));
    QVERIFY(!query.exec(QStringLiteral("SELECT * FROM no_such_table")));
    QVERIFY(query.lastError().databaseText().contains(QStringLiteral("no such table")));
}

void tst_SqlCipherDriver::refusesSecondStatement()
{
    QSqlQuery query(db());
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO t (i) VALUES (1); DROP TABLE t")));
    QVERIFY(db().tables().contains(QStringLiteral("t")));
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t;  ")));
}

void tst_SqlCipherDriver::lastInsertIdAndRowsAffected()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (id, i) VALUES (41, 0)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i) VALUES (1)")));
    QCOMPARE(query.lastInsertId().toLongLong(), 42);
    QCOMPARE(query.numRowsAffected(), 1);
    QVERIFY(query.exec(QStringLiteral("UPDATE t SET i = i + 1")));
    QCOMPARE(query.numRowsAffected(), 2);
    QVERIFY(query.exec(QStringLiteral("DELETE FROM t WHERE id = 9999")));
    QCOMPARE(query.numRowsAffected(), 0);
}

void tst_SqlCipherDriver::forwardOnlyStreamsAllRows()
{
    QSqlQuery insert(db());
    QVERIFY(db().transaction());
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO t (i, s) VALUES (?, ?)")));
    for (int i = 0; i < 5000; ++i) {
        insert.addBindValue(i);
        insert.addBindValue(QStringLiteral("row %1").arg(i));
        QVERIFY(insert.exec());
    }
    QVERIFY(db().commit());

    QSqlQuery query(db());
    query.setForwardOnly(true);
    QVERIFY(query.exec(QStringLiteral("SELECT i, s FROM t ORDER BY i")));
    int expected = 0;
    while (query.next()) {
        QCOMPARE(query.at(), expected);
        QCOMPARE(query.value(0).toInt(), expected);
        QCOMPARE(query.value(1).toString(), QStringLiteral("row %1").arg(expected));
        ++expected;
    }
    QCOMPARE(expected, 5000);
    QVERIFY(!query.lastError().isValid());
}

void tst_SqlCipherDriver::scrollableQuerySeeksBackAndForth()
{
    QSqlQuery query(db());
    for (int i = 0; i < 20; ++i)
        QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i) VALUES (%1)").arg(i * 10)));
    QVERIFY(query.exec(QStringLiteral("SELECT i FROM t ORDER BY i")));
    QVERIFY(query.seek(7));
    QCOMPARE(query.value(0).toInt(), 70);
    QVERIFY(query.previous());
    QCOMPARE(query.value(0).toInt(), 60);
    QVERIFY(query.first());
    QCOMPARE(query.value(0).toInt(), 0);
    QVERIFY(query.last());
    QCOMPARE(query.value(0).toInt(), 190);
    QCOMPARE(query.at(), 19);
    QVERIFY(query.seek(3));
    QCOMPARE(query.value(0).toInt(), 30);
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 40);
    QVERIFY(!query.seek(20));
}

void tst_SqlCipherDriver::queryModelOverAnEmptyResult()
{
    // QSqlQueryModel asks for row 0 more than once; an empty result must just say "no".
    QSqlQueryModel model;
    model.setQuery(QStringLiteral("SELECT i, s FROM t WHERE i < 0"), db());
    QVERIFY(!model.lastError().isValid());
    QCOMPARE(model.rowCount(), 0);
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i, s) VALUES (1, 'one'), (2, 'two')")));
    model.setQuery(QStringLiteral("SELECT i, s FROM t ORDER BY i"), db());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("two"));
}

void tst_SqlCipherDriver::recordDescribesColumns()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("SELECT id, i, r, s, b FROM t")));
    const QSqlRecord record = query.record();
    QCOMPARE(record.count(), 5);
    QCOMPARE(record.fieldName(3), QStringLiteral("s"));
    QCOMPARE(record.field(1).metaType().id(), int(QMetaType::LongLong));
    QCOMPARE(record.field(2).metaType().id(), int(QMetaType::Double));
    QCOMPARE(record.field(4).metaType().id(), int(QMetaType::QByteArray));

    const QSqlRecord table = db().record(QStringLiteral("t"));
    QCOMPARE(table.count(), 5);
    QCOMPARE(table.fieldName(0), QStringLiteral("id"));
}

void tst_SqlCipherDriver::tablesAndPrimaryIndex()
{
    const QStringList tables = db().tables();
    QVERIFY(tables.contains(QStringLiteral("leads")));
    QVERIFY(tables.contains(QStringLiteral("t")));
    QVERIFY(!tables.contains(QStringLiteral("sqlite_sequence")));
    const QSqlIndex index = db().primaryIndex(QStringLiteral("leads"));
    QCOMPARE(index.count(), 1);
    QCOMPARE(index.fieldName(0), QStringLiteral("id"));
}

void tst_SqlCipherDriver::twoThreadsWithTwoConnections()
{
    const QString path = m_db.path();
    constexpr int RowsPerThread = 400;
    auto writer = [path](int base) {
        auto opened = LocalDatabase::open(path, testKey());
        if (!opened.ok())
            return QStringLiteral("open: ") + opened.error().message;
        QSqlDatabase db = opened.value().database();
        QSqlQuery query(db);
        if (!query.prepare(QStringLiteral("INSERT INTO t (i, s) VALUES (?, ?)")))
            return query.lastError().text();
        // Many small transactions, so the two threads really interleave on the write lock.
        for (int i = 0; i < RowsPerThread; ++i) {
            if (!db.transaction())
                return db.lastError().text();
            query.addBindValue(base + i);
            query.addBindValue(QThread::currentThread()->objectName());
            if (!query.exec())
                return query.lastError().text();
            if (!db.commit())
                return db.lastError().text();
        }
        return QString();
    };

    QString errorA, errorB;
    QThread *a = QThread::create([&] { errorA = writer(0); });
    QThread *b = QThread::create([&] { errorB = writer(100000); });
    a->setObjectName(QStringLiteral("a"));
    b->setObjectName(QStringLiteral("b"));
    a->start();
    b->start();
    QVERIFY(a->wait(60000));
    QVERIFY(b->wait(60000));
    delete a;
    delete b;
    QVERIFY2(errorA.isEmpty(), qPrintable(errorA));
    QVERIFY2(errorB.isEmpty(), qPrintable(errorB));

    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral(
        "SELECT count(*), count(DISTINCT i), sum(i < 100000), sum(i >= 100000) FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2 * RowsPerThread);
    QCOMPARE(query.value(1).toInt(), 2 * RowsPerThread);
    QCOMPARE(query.value(2).toInt(), RowsPerThread);
    QCOMPARE(query.value(3).toInt(), RowsPerThread);
}

void tst_SqlCipherDriver::unfinishedReadDoesNotBlockAWrite()
{
    // A lookup reads its first row and moves on, leaving its statement open; meanwhile another
    // connection commits. Starting a write must still work (and not fail with "locked").
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i) VALUES (1), (2), (3)")));
    QSqlQuery lookup(db());
    QVERIFY(lookup.exec(QStringLiteral("SELECT i FROM t ORDER BY i")));
    QVERIFY(lookup.next());
    QCOMPARE(lookup.value(0).toInt(), 1);

    auto other = LocalDatabase::open(m_db.path(), testKey());
    QVERIFY(other.ok());
    QSqlQuery write(other.value().database());
    QVERIFY(write.exec(QStringLiteral("INSERT INTO t (i) VALUES (4)")));

    QVERIFY2(db().transaction(), qPrintable(db().lastError().text()));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (i) VALUES (5)")));
    QVERIFY(db().commit());
    // The interrupted lookup ends rather than starting over.
    QVERIFY(!lookup.next());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")) && query.next());
    QCOMPARE(query.value(0).toInt(), 5);
}

void tst_SqlCipherDriver::qtSqlitePluginIsNeverLoaded()
{
    // Both libraries export sqlite3_*; if either got mapped into this process the symbol clash
    // could corrupt data silently.
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("libsqlcipher"));
    QVERIFY2(!mapped.contains("libqsqlite"), "Qt's QSQLITE plugin is loaded");
    QVERIFY2(!mapped.contains("libsqlite3.so"), "the system libsqlite3 is loaded");
}

QTEST_GUILESS_MAIN(tst_SqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
