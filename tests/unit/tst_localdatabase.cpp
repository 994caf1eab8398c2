// The local cache is encrypted at rest: what an attacker with the laptop's disk would see.
#include "store/localdatabase.h"
#include "store/passphrasekey.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

namespace {

const QByteArray KnownEmail = "jane.known.person@example.org";
const QByteArray KnownName = "Zebediah";

QByteArray randomKey(char seed)
{
    QByteArray key(32, Qt::Uninitialized);
    for (int i = 0; i < key.size(); ++i)
        key[i] = char(seed * 31 + i * 7);
    return key;
}

bool insertLeads(const QSqlDatabase &db, int count)
{
    QSqlDatabase conn = db;
    if (!conn.transaction())
        return false;
    QSqlQuery query(conn);
    query.prepare(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
        " VALUES (?, ?, 'Known', ?, '+14155550123', 1, 1)"));
    for (int i = 0; i < count; ++i) {
        query.addBindValue(QStringLiteral("lead-%1").arg(i));
        query.addBindValue(QString::fromLatin1(KnownName));
        query.addBindValue(QString::fromLatin1(KnownEmail));
        if (!query.exec()) {
            qWarning() << query.lastError().text();
            return false;
        }
    }
    return conn.commit();
}

// Every file SQLite may have written for this database: the file, its WAL, shared memory
// index and rollback journal.
QStringList databaseFiles(const QString &path)
{
    QStringList files;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        const QString file = path + QLatin1String(suffix);
        if (QFile::exists(file))
            files << file;
    }
    return files;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray fingerprint(const QString &dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList names = QDir(dir).entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        hash.addData(name.toUtf8());
        hash.addData(readAll(dir + QLatin1Char('/') + name));
    }
    return hash.result();
}

} // namespace

class tst_LocalDatabase : public QObject
{
    Q_OBJECT

private slots:
    void noPlaintextInFileOrWal();
    void wrongKeyFailsAndChangesNothing();
    void refusesMissingOrShortKey();
    void reopensWithTheRightKey();
    void anotherThreadFindsWhereTheCacheIs();
    void passphraseRouteDerivesAStableKey();
    void defaultPathIsPerAccountAndServer();
};

void tst_LocalDatabase::noPlaintextInFileOrWal()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        auto db = LocalDatabase::open(path, randomKey(1));
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        QVERIFY(insertLeads(db.value().database(), 500));

        // While open, the committed rows sit in the WAL: it must be ciphertext too.
        const QStringList files = databaseFiles(path);
        QVERIFY2(files.contains(path + QStringLiteral("-wal")), qPrintable(files.join(u',')));
        for (const QString &file : files) {
            const QByteArray bytes = readAll(file);
            QVERIFY2(!bytes.contains(KnownEmail), qPrintable(file));
            QVERIFY2(!bytes.contains(KnownName), qPrintable(file));
            QVERIFY2(!bytes.contains("SQLite format 3"), qPrintable(file));
        }
    }
    // Closed: everything is checkpointed into the main file.
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.size() > 100 * 1024);
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains("SQLite format 3"));
    QVERIFY(!bytes.contains(KnownEmail));
    QVERIFY(!bytes.contains(KnownName));
    QVERIFY(!bytes.contains("CREATE TABLE"));
    for (const QString &file : databaseFiles(path)) {
        QVERIFY2(!readAll(file).contains(KnownEmail), qPrintable(file));
    }
}

void tst_LocalDatabase::wrongKeyFailsAndChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    {
        auto db = LocalDatabase::open(path, randomKey(1));
        QVERIFY(db.ok());
        QVERIFY(insertLeads(db.value().database(), 10));
    }
    const QByteArray before = fingerprint(dir.path());
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);

    auto wrong = LocalDatabase::open(path, randomKey(2));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, QStringLiteral("wrong_key"));
    QVERIFY2(wrong.error().message.contains(QStringLiteral("cannot be decrypted")),
             qPrintable(wrong.error().message));

    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    QCOMPARE(fingerprint(dir.path()), before);

    // The right key still opens it, with all the rows.
    auto right = LocalDatabase::open(path, randomKey(1));
    QVERIFY2(right.ok(), qPrintable(right.error().message));
    QSqlQuery query(right.value().database());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM leads")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 10);
}

void tst_LocalDatabase::refusesMissingOrShortKey()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    auto none = LocalDatabase::open(path, QByteArray());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("bad_key"));
    auto shortKey = LocalDatabase::open(path, QByteArray(16, 'x'));
    QVERIFY(!shortKey.ok());
    QVERIFY(!QFile::exists(path)); // nothing was created in the clear
}

void tst_LocalDatabase::reopensWithTheRightKey()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/folder/cache.db"));
    {
        auto db = LocalDatabase::open(path, randomKey(3));
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        QVERIFY(insertLeads(db.value().database(), 3));
    }
    auto db = LocalDatabase::open(path, randomKey(3));
    QVERIFY2(db.ok(), qPrintable(db.error().message));
    QSqlQuery query(db.value().database());
    QVERIFY(query.exec(QStringLiteral("SELECT email FROM leads LIMIT 1")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QString::fromLatin1(KnownEmail));
}

void tst_LocalDatabase::anotherThreadFindsWhereTheCacheIs()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    auto db = LocalDatabase::open(path, randomKey(4));
    QVERIFY(db.ok());
    // What a reader thread needs for a connection of its own, and it opens the same cache.
    const std::optional<LocalDatabase::Location> where = LocalDatabase::locationOf(
        db.value().database());
    QVERIFY(where.has_value());
    QCOMPARE(where->path, path);
    QCOMPARE(where->key, randomKey(4));
    LocalDatabase::Options options;
    options.migrate = false;
    options.create = false;
    QVERIFY(LocalDatabase::open(where->path, where->key, options).ok());
    // Nothing once it is closed, nor for a connection this class did not open.
    const QString name = db.value().connectionName();
    db = Crm::Result<LocalDatabase>(LocalDatabase());
    QVERIFY(!LocalDatabase::locationOf(QSqlDatabase::database(name, false)).has_value());
    QVERIFY(!LocalDatabase::locationOf(QSqlDatabase()).has_value());
}

void tst_LocalDatabase::passphraseRouteDerivesAStableKey()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    auto key = PassphraseKey::keyForDatabase(path, QStringLiteral("correct horse battery"));
    QVERIFY2(key.ok(), qPrintable(key.error().message));
    QCOMPARE(key.value().size(), 32);
    QVERIFY(QFile::exists(path + QStringLiteral(".salt")));
    {
        auto db = LocalDatabase::open(path, key.value());
        QVERIFY(db.ok());
        QVERIFY(insertLeads(db.value().database(), 2));
    }
    auto again = PassphraseKey::keyForDatabase(path, QStringLiteral("correct horse battery"));
    QVERIFY(again.ok());
    QCOMPARE(again.value(), key.value());
    QVERIFY(LocalDatabase::open(path, again.value()).ok());

    auto wrong = PassphraseKey::keyForDatabase(path, QStringLiteral("correct horse battery!"));
    QVERIFY(wrong.ok());
    QVERIFY(wrong.value() != key.value());
    auto refused = LocalDatabase::open(path, wrong.value());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("wrong_key"));

    QCOMPARE(PassphraseKey::keyForDatabase(path, QString()).error().code,
             QStringLiteral("empty_passphrase"));
}

void tst_LocalDatabase::defaultPathIsPerAccountAndServer()
{
    const QString a = LocalDatabase::defaultPath(QStringLiteral("http://127.0.0.1:8080"),
                                                 QStringLiteral("ana@example.com"),
                                                 QStringLiteral("/data"));
    const QString b = LocalDatabase::defaultPath(QStringLiteral("http://127.0.0.1:8080"),
                                                 QStringLiteral("bo@example.com"),
                                                 QStringLiteral("/data"));
    const QString c = LocalDatabase::defaultPath(QStringLiteral("http://other:8080"),
                                                 QStringLiteral("ana@example.com"),
                                                 QStringLiteral("/data"));
    QVERIFY(a.startsWith(QStringLiteral("/data/accounts/")));
    QVERIFY(a.endsWith(QStringLiteral("/cache.db")));
    QVERIFY(a != b);
    QVERIFY(a != c);
    QVERIFY(!a.contains(QStringLiteral("ana")));
    QCOMPARE(LocalDatabase::defaultPath(QStringLiteral("http://127.0.0.1:8080"),
                                        QStringLiteral("ANA@example.com "),
                                        QStringLiteral("/data")),
             a);
}

QTEST_GUILESS_MAIN(tst_LocalDatabase)
#include "tst_localdatabase.moc"
