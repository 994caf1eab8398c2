// The cache key lives in the OS keychain (gnome-keyring under scripts/test), never on disk.
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"
#include "testsupport.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <qt6keychain/keychain.h>

using namespace Crm;

class tst_CacheKeyProvider : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keychainIsGnomeKeyring();
    void createsKeyOnceAndReadsItBackThroughQtKeychain();
    void keyIsPerAccountAndServer();
    void keyOpensTheCacheAcrossRuns();
    void forgetMakesANewKey();
    void noKeychainIsAClearErrorNotAFallback();

private:
    QString m_server;
};

void tst_CacheKeyProvider::initTestCase()
{
    // A unique server per run keeps entries of earlier runs out of the way.
    m_server = QStringLiteral("http://test-%1.invalid:8080")
                   .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const auto probe = CacheKeyProvider().keyFor(m_server, QStringLiteral("probe@example.com"));
    if (!probe.ok() && !CrmTest::keychainRequired())
        QSKIP(qPrintable(QStringLiteral("No keychain here (%1); scripts/test provides one.")
                             .arg(probe.error().message)));
    QVERIFY2(probe.ok(), qPrintable(probe.error().message));
}

void tst_CacheKeyProvider::keychainIsGnomeKeyring()
{
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    QVERIFY(bus);
    const auto owner = bus->servicePid(QStringLiteral("org.freedesktop.secrets"));
    QVERIFY2(owner.isValid(), "nobody owns org.freedesktop.secrets on the session bus");
    QFile comm(QStringLiteral("/proc/%1/comm").arg(owner.value()));
    QVERIFY(comm.open(QIODevice::ReadOnly));
    QCOMPARE(comm.readAll().trimmed(), QByteArray("gnome-keyring-d"));
}

void tst_CacheKeyProvider::createsKeyOnceAndReadsItBackThroughQtKeychain()
{
    const QString account = QStringLiteral("ana@example.com");
    const auto first = CacheKeyProvider().keyFor(m_server, account);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QCOMPARE(first.value().size(), 32);
    QVERIFY(first.value() != QByteArray(32, '\0'));

    const auto second = CacheKeyProvider().keyFor(m_server, account);
    QVERIFY(second.ok());
    QCOMPARE(second.value(), first.value());

    // Read it straight from the Secret Service through QtKeychain, as another app would.
    QKeychain::ReadPasswordJob job(QStringLiteral("crm"));
    job.setAutoDelete(false);
    job.setKey(CacheKeyProvider::entryName(m_server, account));
    QSignalSpy finished(&job, &QKeychain::Job::finished);
    job.start();
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    QCOMPARE(job.error(), QKeychain::NoError);
    QCOMPARE(job.binaryData(), first.value());
}

void tst_CacheKeyProvider::keyIsPerAccountAndServer()
{
    const auto a = CacheKeyProvider().keyFor(m_server, QStringLiteral("a@example.com"));
    const auto b = CacheKeyProvider().keyFor(m_server, QStringLiteral("b@example.com"));
    const auto c = CacheKeyProvider().keyFor(m_server + QStringLiteral("/other"),
                                             QStringLiteral("a@example.com"));
    QVERIFY(a.ok() && b.ok() && c.ok());
    QVERIFY(a.value() != b.value());
    QVERIFY(a.value() != c.value());
    // The same account spelled differently is the same entry.
    const auto again = CacheKeyProvider().keyFor(m_server + QStringLiteral("/"),
                                                 QStringLiteral(" A@Example.com"));
    QVERIFY(again.ok());
    QCOMPARE(again.value(), a.value());
}

void tst_CacheKeyProvider::keyOpensTheCacheAcrossRuns()
{
    QTemporaryDir dir;
    const QString account = QStringLiteral("reopen@example.com");
    const QString path = LocalDatabase::defaultPath(m_server, account, dir.path());
    {
        const auto key = CacheKeyProvider().keyFor(m_server, account);
        QVERIFY(key.ok());
        auto db = LocalDatabase::open(path, key.value());
        QVERIFY2(db.ok(), qPrintable(db.error().message));
    }
    const auto key = CacheKeyProvider().keyFor(m_server, account);
    QVERIFY(key.ok());
    auto db = LocalDatabase::open(path, key.value());
    QVERIFY2(db.ok(), qPrintable(db.error().message));
}

void tst_CacheKeyProvider::forgetMakesANewKey()
{
    const QString account = QStringLiteral("forget@example.com");
    const auto before = CacheKeyProvider().keyFor(m_server, account);
    QVERIFY(before.ok());
    QVERIFY(CacheKeyProvider().forget(m_server, account).ok());
    const auto after = CacheKeyProvider().keyFor(m_server, account);
    QVERIFY(after.ok());
    QVERIFY(after.value() != before.value());
}

void tst_CacheKeyProvider::noKeychainIsAClearErrorNotAFallback()
{
    QTemporaryDir home;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=%1/no-bus").arg(home.path()));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    env.remove(QStringLiteral("DISPLAY"));
    child.setProcessEnvironment(env);
    child.start(CrmTest::helperPath(QStringLiteral("crm-store-child")),
                {QStringLiteral("keyfor"), m_server, QStringLiteral("nobus@example.com")});
    QVERIFY(child.waitForFinished(60000));
    const QString answer = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
    const QString message = QString::fromUtf8(child.readAllStandardError()).trimmed();
    QCOMPARE(child.exitCode(), 1);
    QCOMPARE(answer, QStringLiteral("keychain_unavailable"));
    QVERIFY2(message.contains(QStringLiteral("passphrase")), qPrintable(message));
    // Nothing was written in the clear instead.
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

QTEST_GUILESS_MAIN(tst_CacheKeyProvider)
#include "tst_cachekeyprovider.moc"
