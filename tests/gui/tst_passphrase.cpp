// A computer without a keychain: the desktop app keeps the cache encrypted with a key derived
// from a passphrase the user chooses, opens it again only with that passphrase, and says so
// when it is wrong. The test runs on a private D-Bus session bus with no Secret Service (and
// none to activate), against a real crm-server.
#include "desktopsession.h"
#include "item/leadtablemodel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "signindialog.h"
#include "store/localdatabase.h"
#include "store/passphrasekey.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Passphrase = QStringLiteral("correct horse battery");

SignInDialog *visibleSignInDialog()
{
    const QWidgetList widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets) {
        if (auto *dialog = qobject_cast<SignInDialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

bool dialogShows(const QString &text)
{
    SignInDialog *dialog = visibleSignInDialog();
    if (!dialog)
        return false;
    const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->isVisible() && label->text().contains(text))
            return true;
    }
    return false;
}

} // namespace

class tst_Passphrase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void noKeychainMeansAPassphrase();

private:
    DesktopSession::Options options(const QString &passphrase) const;

    ServerProcess m_server;
    QTemporaryDir m_dataDir;
};

DesktopSession::Options tst_Passphrase::options(const QString &passphrase) const
{
    DesktopSession::Options options;
    options.dataDir = m_dataDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = QStringLiteral("nia@pass.example");
    options.password = QStringLiteral("secret-password");
    options.cachePassphrase = passphrase;
    return options;
}

void tst_Passphrase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    CRM_REQUIRE_READY(m_server.readiness());
    QVERIFY(!m_server.addUser(u"nia@pass.example"_qs, u"Nia Agent"_qs, u"agent"_qs).isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          QJsonObject{{u"firstName"_qs, u"Otto"_qs},
                                                      {u"lastName"_qs, u"Offline"_qs},
                                                      {u"email"_qs, u"otto.offline@example.com"_qs},
                                                      {u"phone"_qs, u"+13125557001"_qs}});
    QCOMPARE(created.status, 202);
}

void tst_Passphrase::cleanupTestCase() {}

void tst_Passphrase::noKeychainMeansAPassphrase()
{
    const QString cachePath = LocalDatabase::defaultPath(m_server.baseUrl().toString(),
                                                         u"nia@pass.example"_qs,
                                                         m_dataDir.path());
    {
        // First start: too short a passphrase is refused; a good one makes the cache.
        DesktopSession tooShort(options(u"short"_qs));
        QVERIFY(tooShort.start());
        QTRY_VERIFY(dialogShows(u"at least 12 characters"_qs));
        QVERIFY(!tooShort.window());
        QVERIFY(!QFile::exists(cachePath));
    }
    {
        DesktopSession session(options(Passphrase));
        QVERIFY(session.start());
        QTRY_VERIFY_WITH_TIMEOUT(session.window() != nullptr, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(session.window()->leads()->rowCount(), 1, 20000);
    }
    // Encrypted, with its salt beside it, and no readable member data in the file.
    QVERIFY(QFile::exists(PassphraseKey::saltPath(cachePath)));
    QFile file(cachePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains("otto.offline@example.com"));

    {
        // The wrong passphrase opens nothing and says so.
        DesktopSession wrong(options(u"not the right one"_qs));
        QVERIFY(wrong.start());
        QTRY_VERIFY(dialogShows(u"does not open the local data"_qs));
        QVERIFY(!wrong.window());
    }
    {
        // The right one opens the cached leads again.
        DesktopSession again(options(Passphrase));
        QVERIFY(again.start());
        QTRY_VERIFY_WITH_TIMEOUT(again.window() != nullptr, 20000);
        QTRY_COMPARE(again.window()->leads()->rowCount(), 1);
    }
}

// The bus must be private before anything talks to D-Bus: a session bus with no services, so
// no Secret Service answers or can be started.
int main(int argc, char *argv[])
{
    QTemporaryDir busDir;
    const QString config = busDir.filePath(QStringLiteral("bus.conf"));
    QFile conf(config);
    if (!conf.open(QIODevice::WriteOnly))
        return 2;
    conf.write(
        QStringLiteral(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\""
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">"
            "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
            "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>")
            .arg(busDir.path())
            .toUtf8());
    conf.close();
    QProcess bus;
    bus.start(QStringLiteral("dbus-daemon"),
              {QStringLiteral("--config-file=") + config,
               QStringLiteral("--nofork"),
               QStringLiteral("--print-address=1")});
    if (!bus.waitForStarted(5000) || !bus.waitForReadyRead(5000)) {
        qCritical("tst_passphrase: cannot start a private dbus-daemon (package dbus)");
        return 2;
    }
    const QByteArray address = bus.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    int status = 0;
    {
        QApplication app(argc, argv);
        tst_Passphrase test;
        status = QTest::qExec(&test, argc, argv);
    }
    bus.terminate();
    bus.waitForFinished(5000);
    return status;
}

#include "tst_passphrase.moc"
