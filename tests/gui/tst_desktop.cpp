// The desktop app against a real crm-server and the real keychain, driven with keys and
// clicks: sign in, search, a status change that reaches the server, a new lead arriving live,
// and signing in through the dialog.
#include "desktopsession.h"
#include "item/leadtablemodel.h"
#include "leaddetailpanel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "signindialog.h"
#include "store/cachekeyprovider.h"
#include "testsupport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <utility>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
const QString GinaEmail = QStringLiteral("gina@gui.example");
const QString HalEmail = QStringLiteral("hal@gui.example");

QJsonObject person(const QString &first, const QString &last, int n)
{
    return {{QStringLiteral("firstName"), first},
            {QStringLiteral("lastName"), last},
            {QStringLiteral("email"),
             QStringLiteral("%1.%2@example.com").arg(first, last).toLower()},
            {QStringLiteral("phone"), QStringLiteral("+1312555%1").arg(2000 + n)}};
}

QStringList shownNames(const QAbstractItemModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, LeadTableModel::Name).data().toString();
    names.sort();
    return names;
}

// Picks an entry of a combo box as a user does: open the list, move to the entry, press
// Return. QComboBox::activated fires, as it does for a real choice.
void choose(QComboBox *combo, int index)
{
    combo->showPopup();
    QAbstractItemView *view = combo->view();
    QTRY_VERIFY(view->isVisible());
    view->setCurrentIndex(combo->model()->index(index, combo->modelColumn()));
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(!view->isVisible());
}

bool statusBarShows(const QMainWindow *window, const QString &text)
{
    const QList<QLabel *> labels = window->statusBar()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->isVisible() && label->text() == text)
            return true;
    }
    return false;
}

SignInDialog *visibleSignInDialog()
{
    const QWidgetList widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets) {
        if (auto *dialog = qobject_cast<SignInDialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

} // namespace

class tst_Desktop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void signedInWindowShowsMyLeads();
    void searchNarrowsTheTable();
    void statusChangeReachesTheServer();
    void newContactFormLeadAppearsLive();
    void unsavedTypingSurvivesABackgroundSync();
    void signInThroughTheDialog();
    void restartOfflineOpensTheCache();

private:
    QString createLead(const QString &first, const QString &last);
    QJsonObject serverLead(const QString &id);
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }

    ServerProcess m_server;
    QString m_admin;
    QString m_ginaId;
    QString m_halId;
    QMap<QString, QString> m_leadIds; // name -> id
    int m_created = 0;
    QTemporaryDir m_ginaDir;
    std::unique_ptr<DesktopSession> m_session;
};

QString tst_Desktop::createLead(const QString &first, const QString &last)
{
    const auto reply = m_server.request("POST",
                                        QStringLiteral("/api/leads"),
                                        person(first, last, ++m_created));
    if (reply.status != 201) {
        qWarning() << "Contact form failed:" << reply.status << reply.raw;
        return {};
    }
    const QString id = reply.json[u"lead"_qs][u"id"_qs].toString();
    m_leadIds.insert(first + QLatin1Char(' ') + last, id);
    return id;
}

QJsonObject tst_Desktop::serverLead(const QString &id)
{
    return m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin).json;
}

void tst_Desktop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString whyNot;
    if (!m_server.prepare(&whyNot))
        QFAIL(qPrintable(whyNot));
    const auto probe = CacheKeyProvider().keyFor(QStringLiteral("http://probe.invalid"),
                                                 QStringLiteral("probe@example.com"));
    if (!probe.ok() && !CrmTest::keychainRequired())
        QSKIP("crm-desktop keeps its keys in the keychain; scripts/test provides one");
    QVERIFY2(probe.ok(), qPrintable(probe.ok() ? QString() : probe.error().message));
    QVERIFY(!m_server.addUser(u"admin@gui.example"_qs, u"Admin"_qs, u"admin"_qs).isEmpty());
    // Gina takes every contact-form lead (Hal's weight 0 keeps him out of the round-robin).
    m_ginaId = m_server.addUser(GinaEmail, u"Gina Agent"_qs, u"agent"_qs, Password, 1);
    m_halId = m_server.addUser(HalEmail, u"Hal Agent"_qs, u"agent"_qs, Password, 0);
    QVERIFY(!m_ginaId.isEmpty() && !m_halId.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = m_server.login(u"admin@gui.example"_qs);
    QVERIFY(!m_admin.isEmpty());

    for (const auto &[first, last] : {std::pair{"Quentin", "Blake"},
                                      std::pair{"Beatrix", "Potter"},
                                      std::pair{"Roald", "Dahl"},
                                      std::pair{"Astrid", "Lindgren"},
                                      std::pair{"Maurice", "Sendak"},
                                      std::pair{"Tove", "Jansson"},
                                      std::pair{"Judith", "Kerr"},
                                      std::pair{"Michael", "Ende"}}) {
        const QString id = createLead(QLatin1String(first), QLatin1String(last));
        QVERIFY(!id.isEmpty());
        QCOMPARE(serverLead(id)[u"assignedAgentId"_qs].toString(), m_ginaId);
    }
    // Hal's leads, assigned by the admin: never in Gina's table.
    QJsonArray halLeads;
    for (const auto &[first, last] : {std::pair{"Enid", "Blyton"}, std::pair{"Lewis", "Carroll"}}) {
        const QString id = createLead(QLatin1String(first), QLatin1String(last));
        QVERIFY(!id.isEmpty());
        halLeads.append(id);
    }
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/admin/leads/assign"),
                          QJsonObject{{u"leadIds"_qs, halLeads}, {u"agentId"_qs, m_halId}},
                          m_admin)
                 .status,
             200);

    QVERIFY(m_ginaDir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_ginaDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = GinaEmail;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window()->leads()->rowCount(), 8, 30000);
}

void tst_Desktop::cleanupTestCase()
{
    m_session.reset();
}

void tst_Desktop::signedInWindowShowsMyLeads()
{
    MainWindow *main = window();
    QVERIFY(main);
    QVERIFY(main->isVisible());
    QCOMPARE(shownNames(main->table()->model()),
             QStringList({u"Astrid Lindgren"_qs,
                          u"Beatrix Potter"_qs,
                          u"Judith Kerr"_qs,
                          u"Maurice Sendak"_qs,
                          u"Michael Ende"_qs,
                          u"Quentin Blake"_qs,
                          u"Roald Dahl"_qs,
                          u"Tove Jansson"_qs}));
    // Who is signed in, and that everything is in sync.
    QTRY_VERIFY(statusBarShows(main, u"Gina Agent"_qs));
    QTRY_VERIFY_WITH_TIMEOUT(statusBarShows(main, u"● Online"_qs), 10000);
    QTRY_VERIFY(statusBarShows(main, u"All changes sent"_qs));
}

void tst_Desktop::searchNarrowsTheTable()
{
    MainWindow *main = window();
    QVERIFY(main);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    const QAbstractItemModel *table = main->table()->model();
    // Ctrl+F goes to the search field.
    QTest::keyClick(main, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(main->searchField()));
    QTest::keyClicks(main->searchField(), QStringLiteral("quen"));
    QTRY_COMPARE(shownNames(table), QStringList{u"Quentin Blake"_qs});
    // By e-mail and by phone digits too.
    main->searchField()->selectAll();
    QTest::keyClicks(main->searchField(), QStringLiteral("beatrix.potter@"));
    QTRY_COMPARE(shownNames(table), QStringList{u"Beatrix Potter"_qs});
    main->searchField()->selectAll();
    QTest::keyClicks(main->searchField(), QStringLiteral("3125552003"));
    QTRY_COMPARE(shownNames(table), QStringList{u"Roald Dahl"_qs});
    // Hal's lead is not Gina's to find.
    main->searchField()->selectAll();
    QTest::keyClicks(main->searchField(), QStringLiteral("blyton"));
    QTRY_COMPARE(table->rowCount(), 0);
    // Clearing the search brings everyone back.
    main->searchField()->selectAll();
    QTest::keyClick(main->searchField(), Qt::Key_Backspace);
    QTRY_COMPARE(table->rowCount(), 8);
}

void tst_Desktop::statusChangeReachesTheServer()
{
    MainWindow *main = window();
    QVERIFY(main);
    const QString id = m_leadIds.value(u"Beatrix Potter"_qs);
    QCOMPARE(serverLead(id)[u"status"_qs].toString(), QStringLiteral("new"));
    const int row = main->leads()->rowOf(id);
    QVERIFY(row >= 0);
    // Click the lead in the table; the detail panel shows it.
    QTableView *table = main->table();
    const QModelIndex cell = table->model()->index(row, LeadTableModel::Name);
    table->scrollTo(cell);
    QTest::mouseClick(table->viewport(),
                      Qt::LeftButton,
                      Qt::NoModifier,
                      table->visualRect(cell).center());
    QTRY_COMPARE(main->detail()->leadId(), id);
    QCOMPARE(main->detail()->emailEdit()->text(), QStringLiteral("beatrix.potter@example.com"));

    QComboBox *status = main->detail()->statusBox();
    const int contacted = status->findData(QStringLiteral("contacted"));
    QVERIFY(contacted > 0);
    choose(status, contacted);
    QCOMPARE(status->currentData().toString(), QStringLiteral("contacted"));

    // The change reaches the server without anyone pressing "Sync now".
    QTRY_COMPARE_WITH_TIMEOUT(serverLead(id)[u"status"_qs].toString(),
                              QStringLiteral("contacted"),
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(main->leads()
                                  ->index(main->leads()->rowOf(id), LeadTableModel::Status)
                                  .data()
                                  .toString(),
                              QStringLiteral("Contacted"),
                              5000);
    QTRY_VERIFY_WITH_TIMEOUT(statusBarShows(main, u"All changes sent"_qs), 10000);
    // The selection stays on the lead across the refresh after sync.
    QCOMPARE(main->detail()->leadId(), id);
}

void tst_Desktop::newContactFormLeadAppearsLive()
{
    MainWindow *main = window();
    QVERIFY(main);
    const int before = main->leads()->rowCount();
    QElapsedTimer timer;
    timer.start();
    const QString id = createLead(u"Cornelia"_qs, u"Funke"_qs);
    QVERIFY(!id.isEmpty());
    QCOMPARE(serverLead(id)[u"assignedAgentId"_qs].toString(), m_ginaId);
    // No key pressed, no poll due (it runs every few minutes with a live channel).
    QTRY_VERIFY_WITH_TIMEOUT(main->leads()->rowOf(id) >= 0, 5000);
    qInfo() << "The new lead showed after" << timer.elapsed() << "ms";
    QCOMPARE(main->leads()->rowCount(), before + 1);
    QCOMPARE(main->leads()->index(main->leads()->rowOf(id), LeadTableModel::Name).data().toString(),
             QStringLiteral("Cornelia Funke"));
}

void tst_Desktop::unsavedTypingSurvivesABackgroundSync()
{
    // The agent is halfway through correcting an e-mail address when a sync brings in
    // somebody else's change; what they typed must still be there.
    MainWindow *main = window();
    QVERIFY(main);
    const QString id = m_leadIds.value(u"Quentin Blake"_qs);
    QTableView *table = main->table();
    const QModelIndex cell = table->model()->index(main->leads()->rowOf(id), LeadTableModel::Name);
    table->scrollTo(cell);
    QTest::mouseClick(table->viewport(),
                      Qt::LeftButton,
                      Qt::NoModifier,
                      table->visualRect(cell).center());
    QTRY_COMPARE(main->detail()->leadId(), id);
    QLineEdit *email = main->detail()->emailEdit();
    email->setFocus();
    email->selectAll();
    const QString typed = QStringLiteral("quentin.blake@new-address.example");
    QTest::keyClicks(email, typed);
    QCOMPARE(email->text(), typed);

    const QString other = createLead(u"Otfried"_qs, u"Preussler"_qs);
    QVERIFY(!other.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(main->leads()->rowOf(other) >= 0, 5000);
    QCOMPARE(main->detail()->leadId(), id);
    QCOMPARE(email->text(), typed);
}

void tst_Desktop::signInThroughTheDialog()
{
    // Hal has no sign-in in the keychain: the dialog asks, prefilled with server and e-mail.
    QTemporaryDir dir;
    DesktopSession::Options options;
    options.dataDir = dir.path();
    options.server = m_server.baseUrl().toString();
    options.email = HalEmail;
    DesktopSession hal(options);
    QVERIFY(hal.start());
    SignInDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleSignInDialog()) != nullptr);
    QVERIFY(!hal.window());
    QCOMPARE(dialog->server(), m_server.baseUrl().toString());
    QCOMPARE(dialog->email(), HalEmail);
    QLineEdit *password = nullptr;
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Password)
            password = edit;
    }
    QVERIFY(password);
    QPushButton *signIn = nullptr;
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Sign in"))
            signIn = button;
    }
    QVERIFY(signIn);
    QVERIFY(!signIn->isEnabled()); // no password yet

    // A wrong password: the dialog says so and stays.
    QTest::keyClicks(password, QStringLiteral("not-the-password"));
    QVERIFY(signIn->isEnabled());
    QTest::mouseClick(signIn, Qt::LeftButton);
    const auto errorShown = [] {
        SignInDialog *shown = visibleSignInDialog();
        if (!shown)
            return false;
        const QList<QLabel *> labels = shown->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->isVisible() && label->styleSheet().contains(QLatin1String("#b3261e"))
                && !label->text().isEmpty())
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(errorShown(), 10000);
    QVERIFY(!hal.window());

    // The right one: Hal's window opens with Hal's leads only.
    dialog = visibleSignInDialog();
    QVERIFY(dialog);
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Password)
            password = edit;
    }
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Sign in"))
            signIn = button;
    }
    password->selectAll();
    QTest::keyClicks(password, Password);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(hal.window() != nullptr, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(hal.window()->table()->model()),
                              QStringList({u"Enid Blyton"_qs, u"Lewis Carroll"_qs}),
                              20000);
    QTRY_VERIFY(!visibleSignInDialog());
}

void tst_Desktop::restartOfflineOpensTheCache()
{
    // Next start, with the server gone: straight into the cached leads, no password asked,
    // the status bar says offline.
    QVERIFY(window());
    const int rows = window()->leads()->rowCount();
    QVERIFY(rows >= 9);
    m_session.reset();
    m_server.stop();
    DesktopSession::Options options;
    options.dataDir = m_ginaDir.path(); // server and e-mail come from the last session
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 10000);
    QVERIFY(!visibleSignInDialog());
    QTRY_COMPARE_WITH_TIMEOUT(window()->leads()->rowCount(), rows, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(statusBarShows(window(), u"● Offline"_qs), 10000);
}

QTEST_MAIN(tst_Desktop)
#include "tst_desktop.moc"
