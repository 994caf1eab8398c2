// The search box as agents use it, against a real crm-server and the real keychain: an e-mail
// address pasted with Ctrl+V finds that lead alone although other leads' phones hold its digits
// (issue 17), and the last digits of a number, typed as people write them and together with a
// name, find the lead (issue 12, item 10). The keys are real key presses
// (QTest::keyClick) into the focused search box.
#include "desktopsession.h"
#include "item/leadtablemodel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "store/cachekeyprovider.h"
#include "testsupport.h"
#include "translations.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <tuple>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
const QString AgentEmail = QStringLiteral("ivy@gui.example");

const QString Tomas = QStringLiteral("Tomás Martinez");
const QString Martha = QStringLiteral("Martha Stewart");
const QString SamTwo = QStringLiteral("Sam Two");
const QString SamThree = QStringLiteral("Sam Three");

QStringList shownNames(const QAbstractItemModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, LeadTableModel::Name).data().toString();
    names.sort();
    return names;
}

QStringList sorted(QStringList names)
{
    names.sort();
    return names;
}

// QTest::keyClicks types ASCII only; a letter such as "á" arrives as a key press carrying its
// text, the way a keyboard layout with that key (or a dead key) delivers it.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(widget, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

} // namespace

class tst_DesktopSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pastedEmailWithDigitsFindsThatLeadAlone();
    void typedSearchFindsTheLead_data();
    void typedSearchFindsTheLead();

private:
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    // Focus the search box as a user does (Ctrl+F selects what is in it).
    void focusSearch();

    ServerProcess m_server;
    QTemporaryDir m_dataDir;
    std::unique_ptr<DesktopSession> m_session;
};

void tst_DesktopSearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    QVERIFY(!m_server.addUser(u"admin@gui.example"_qs, u"Admin"_qs, u"admin"_qs).isEmpty());
    QVERIFY(!m_server.addUser(AgentEmail, u"Ivy Agent"_qs, u"agent"_qs, Password, 1).isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));

    // Every phone but Tomás's holds 164 (the digits of Sam Two's address); only Tomás's
    // holds 1279, and only his and Martha's names begin with "mart".
    for (const auto &[first, last, email, phone] :
         {std::tuple{"Tomás", "Martinez", "tomas.martinez@example.org", "+12125551279"},
          std::tuple{"Martha", "Stewart", "martha.stewart@example.org", "+16465550164"},
          std::tuple{"Sam", "Two", "sam164.two@example.org", "+16465550200"},
          std::tuple{"Sam", "Three", "sam163.three@example.org", "+16465551640"}}) {
        const QJsonObject lead = m_server.submitContactForm(
            QJsonObject{{u"firstName"_qs, QString::fromUtf8(first)},
                        {u"lastName"_qs, QString::fromUtf8(last)},
                        {u"email"_qs, QString::fromUtf8(email)},
                        {u"phone"_qs, QString::fromUtf8(phone)}});
        QVERIFY(!lead.isEmpty());
    }

    QVERIFY(m_dataDir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_dataDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = AgentEmail;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window()->leads()->rowCount(), 4, 30000);
    window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_DesktopSearch::cleanupTestCase()
{
    m_session.reset();
}

void tst_DesktopSearch::focusSearch()
{
    QTest::keyClick(window(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window()->searchField()));
}

void tst_DesktopSearch::pastedEmailWithDigitsFindsThatLeadAlone()
{
    MainWindow *main = window();
    QVERIFY(main);
    const QAbstractItemModel *table = main->table()->model();
    QCOMPARE(table->rowCount(), 4);
    QApplication::clipboard()->setText(QStringLiteral("sam164.two@example.org"));
    focusSearch();
    QTest::keyClick(main->searchField(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(main->searchField()->text(), QStringLiteral("sam164.two@example.org"));
    QTRY_COMPARE(shownNames(table), QStringList{SamTwo});
    // The same with the name in front, as it comes out of a mail program.
    QApplication::clipboard()->setText(QStringLiteral("Sam Two <sam164.two@example.org>"));
    focusSearch();
    QTest::keyClick(main->searchField(), Qt::Key_V, Qt::ControlModifier);
    QTRY_COMPARE(shownNames(table), QStringList{SamTwo});
    // Clearing the search brings everyone back.
    focusSearch();
    QTest::keyClick(main->searchField(), Qt::Key_Backspace);
    QTRY_COMPARE(table->rowCount(), 4);
}

void tst_DesktopSearch::typedSearchFindsTheLead_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("last four digits") << QStringLiteral("1279") << QStringList{Tomas};
    QTest::newRow("local number") << QStringLiteral("555-1279") << QStringList{Tomas};
    QTest::newRow("local number, digits only") << QStringLiteral("5551279") << QStringList{Tomas};
    QTest::newRow("national format") << QStringLiteral("(212) 555-1279") << QStringList{Tomas};
    QTest::newRow("with country code") << QStringLiteral("+1 212 555 1279") << QStringList{Tomas};
    QTest::newRow("name and last four digits") << QStringLiteral("mart 1279") << QStringList{Tomas};
    QTest::newRow("last four digits and name") << QStringLiteral("1279 mart") << QStringList{Tomas};
    QTest::newRow("name") << QStringLiteral("mart") << QStringList{Tomas, Martha};
    QTest::newRow("last name, first name")
        << QStringLiteral("Martinez, Tomás") << QStringList{Tomas};
    QTest::newRow("without the accent") << QStringLiteral("martinez, tomas") << QStringList{Tomas};
    QTest::newRow("someone else's last four digits")
        << QStringLiteral("0164") << QStringList{Martha};
    QTest::newRow("typed e-mail with digits")
        << QStringLiteral("sam164.two@example.org") << QStringList{SamTwo};
    QTest::newRow("start of that e-mail") << QStringLiteral("sam164.t") << QStringList{SamTwo};
    QTest::newRow("word with digits") << QStringLiteral("sam163") << QStringList{SamThree};
    QTest::newRow("three digits are no phone search") << QStringLiteral("164") << QStringList();
}

void tst_DesktopSearch::typedSearchFindsTheLead()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    MainWindow *main = window();
    QVERIFY(main);
    const QAbstractItemModel *table = main->table()->model();
    focusSearch();
    typeText(main->searchField(), typed);
    QCOMPARE(main->searchField()->text(), typed);
    QTRY_COMPARE(shownNames(table), sorted(expected));
    focusSearch();
    QTest::keyClick(main->searchField(), Qt::Key_Backspace);
    QTRY_COMPARE(table->rowCount(), 4);
}

QTEST_MAIN(tst_DesktopSearch)
#include "tst_desktopsearch.moc"
