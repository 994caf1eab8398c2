// The "Today" panel of the lead dashboard against a real crm-server and the real keychain: the
// agent's next appointments in order with the time until each starts, and the outcome of a
// meeting marked from the panel with real clicks (no-show, completed) reaching the server and
// the lead's history; what the status machine refuses at that minute is not offered.
#include "agendapanel.h"
#include "appointmentdialog.h"
#include "desktopsession.h"
#include "guisupport.h"
#include "domain/wiretime.h"
#include "item/agendamodel.h"
#include "item/leadtablemodel.h"
#include "leaddetailpanel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
const QString GinaEmail = QStringLiteral("gina@agenda.example");
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

} // namespace

class tst_Agenda : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void modelListsTheNextAppointmentsWithTheTimeUntil();
    void noShowFromTheAgendaReachesTheServerAndTheHistory();
    void completedFromTheAgendaAndNoOutcomeBeforeTheStart();

private:
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    QString book(const QString &leadId, const QString &type, qint64 start, int duration);
    QJsonObject serverAppointment(const QString &id);
    void clickRow(AgendaPanel *panel, const QString &appointmentId, bool twice = false);

    ServerProcess m_server;
    QString m_ginaId;
    QString m_gina; // token
    QString m_quentinId;
    QString m_rosaId;
    // The agenda's clock is pinned at today 12:00 (the test runs in UTC); around it:
    qint64 m_noon = 0;
    QString m_ended;     // 10:00-10:30, still scheduled: its outcome is awaited
    QString m_underway;  // 11:50-12:20
    QString m_soon;      // 12:25-12:55
    QString m_tomorrow;  // tomorrow 12:00, with Rosa
    QString m_held;      // 8:00, completed: not on the agenda
    QString m_cancelled; // 14:00, cancelled: not on the agenda
    QString m_far;       // three days ahead: past the agenda's horizon
    QTemporaryDir m_ginaDir;
    std::unique_ptr<DesktopSession> m_session;
};

QString tst_Agenda::book(const QString &leadId, const QString &type, qint64 start, int duration)
{
    // `override` books outside her hours and in the past, as a demo week or a late entry does.
    const auto booked = m_server.request("POST",
                                         u"/api/appointments"_qs,
                                         QJsonObject{{u"providerId"_qs, m_ginaId},
                                                     {u"leadId"_qs, leadId},
                                                     {u"appointmentType"_qs, type},
                                                     {u"scheduledDate"_qs, WireTime::toWire(start)},
                                                     {u"duration"_qs, duration},
                                                     {u"override"_qs, true}},
                                         m_gina);
    if (booked.status != 201)
        qWarning().noquote() << "Not booked:" << booked.raw;
    return booked.json[u"id"_qs].toString();
}

QJsonObject tst_Agenda::serverAppointment(const QString &id)
{
    return m_server.request("GET", u"/api/appointments/"_qs + id, {}, m_gina).json;
}

void tst_Agenda::clickRow(AgendaPanel *panel, const QString &appointmentId, bool twice)
{
    const int row = panel->model()->rowOf(appointmentId);
    QVERIFY(row >= 0);
    QListView *list = panel->list();
    const QRect rect = list->visualRect(panel->model()->index(row, AgendaModel::Time));
    QVERIFY(!rect.isEmpty());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    if (twice)
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QCOMPARE(panel->currentId(), appointmentId);
}

void tst_Agenda::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    QVERIFY(!m_server.addUser(u"admin@agenda.example"_qs, u"Admin"_qs, u"admin"_qs).isEmpty());
    m_ginaId = m_server.addUser(GinaEmail, u"Gina Agent"_qs, u"agent"_qs, Password, 1);
    QVERIFY(!m_ginaId.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_gina = m_server.login(GinaEmail);
    QVERIFY(!m_gina.isEmpty());
    QVERIFY(m_server.setWeekdayHoursUtc(m_ginaId, m_gina));
    m_quentinId = m_server.addContactFormLead(u"Quentin"_qs, u"Blake"_qs, u"+13125552001"_qs);
    m_rosaId = m_server.addContactFormLead(u"Rosa"_qs, u"Diaz"_qs, u"+13125552002"_qs);
    QVERIFY(!m_quentinId.isEmpty() && !m_rosaId.isEmpty());

    m_noon = QDateTime(QDate::currentDate(), QTime(12, 0)).toMSecsSinceEpoch();
    m_held = book(m_quentinId, u"consultation"_qs, m_noon - 4 * Hour, 30);
    m_ended = book(m_quentinId, u"follow_up"_qs, m_noon - 2 * Hour, 30);
    m_underway = book(m_quentinId, u"consultation"_qs, m_noon - 10 * Minute, 30);
    m_soon = book(m_rosaId, u"enrollment"_qs, m_noon + 25 * Minute, 30);
    m_cancelled = book(m_rosaId, u"consultation"_qs, m_noon + 2 * Hour, 30);
    m_tomorrow = book(m_rosaId, u"consultation"_qs, m_noon + Day, 30);
    m_far = book(m_rosaId, u"follow_up"_qs, m_noon + 3 * Day, 30);
    for (const QString &id : {m_held, m_ended, m_underway, m_soon, m_cancelled, m_tomorrow, m_far})
        QVERIFY(!id.isEmpty());
    for (const auto &[id, status] :
         {std::pair{m_held, u"completed"_qs}, std::pair{m_cancelled, u"cancelled"_qs}}) {
        const auto changed = m_server.request("PUT",
                                              u"/api/appointments/"_qs + id,
                                              QJsonObject{{u"status"_qs, status}},
                                              m_gina);
        QVERIFY2(changed.status == 200, changed.raw.constData());
    }

    QVERIFY(m_ginaDir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_ginaDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = GinaEmail;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window()->leads()->rowCount(), 2, 30000);
    AgendaModel *agenda = window()->agendaModel();
    window()->setClock([this] { return m_noon; });
    QTRY_VERIFY_WITH_TIMEOUT((agenda->reload(), agenda->rowOf(m_tomorrow) >= 0), 10000);
}

void tst_Agenda::cleanupTestCase()
{
    m_session.reset();
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")),
             qPrintable(m_server.serverLog()));
}

void tst_Agenda::modelListsTheNextAppointmentsWithTheTimeUntil()
{
    MainWindow *main = window();
    QVERIFY(main);
    AgendaModel model(main->cache().database());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = m_noon;
    model.setClock([&now] { return now; });
    model.setProviderId(m_ginaId);

    // In start order: the meeting over at 10:30 whose outcome is awaited, the one under way,
    // the next, tomorrow's. Not the one held at 8:00, the cancelled one, nor Friday's.
    QStringList ids;
    QStringList until;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids << model.index(row, 0).data(AgendaModel::IdRole).toString();
        until << model.index(row, AgendaModel::Until).data().toString();
    }
    QCOMPARE(ids, (QStringList{m_ended, m_underway, m_soon, m_tomorrow}));
    QCOMPARE(until,
             (QStringList{u"ended 1 h 30 min ago"_qs,
                          u"started 10 min ago"_qs,
                          u"in 25 min"_qs,
                          u"in 24 h"_qs}));
    QCOMPARE(model.index(1, AgendaModel::Time).data().toString(), u"11:50 AM"_qs);
    QCOMPARE(model.index(1, AgendaModel::Lead).data().toString(), u"Quentin Blake"_qs);
    QCOMPARE(model.index(2, AgendaModel::Type).data().toString(), u"Enrollment"_qs);
    QCOMPARE(model.index(2, AgendaModel::Status).data().toString(), u"Scheduled"_qs);
    QCOMPARE(model.index(3, AgendaModel::Time).data().toString(), u"Tomorrow 12:00 PM"_qs);
    QCOMPARE(model.index(3, AgendaModel::Lead).data().toString(), u"Rosa Diaz"_qs);
    QCOMPARE(model.todayCount(), 3);
    // An outcome is offered once a meeting has started, not before.
    QVERIFY(model.index(0, 0).data(AgendaModel::CanCompleteRole).toBool());
    QVERIFY(model.index(1, 0).data(AgendaModel::CanNoShowRole).toBool());
    QVERIFY(!model.index(2, 0).data(AgendaModel::CanNoShowRole).toBool());
    QVERIFY(!model.index(3, 0).data(AgendaModel::CanCompleteRole).toBool());
    QVERIFY(model.index(1, 0).data(AgendaModel::UnderwayRole).toBool());
    QVERIFY(model.index(1, 0).data(Qt::AccessibleTextRole).toString().contains(u"Quentin Blake"_qs));

    // A minute later the same rows stay (a view keeps its selection); only the times move.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    now = m_noon + Minute;
    model.reload();
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(2, AgendaModel::Until).data().toString(), u"in 24 min"_qs);
    // At the start it is "now", then "started".
    now = m_noon + 25 * Minute - 10 * 1000;
    model.reload();
    QCOMPARE(model.index(model.rowOf(m_soon), AgendaModel::Until).data().toString(), u"now"_qs);
    now = m_noon + 30 * Minute;
    model.reload();
    QCOMPARE(model.index(model.rowOf(m_soon), AgendaModel::Until).data().toString(),
             u"started 5 min ago"_qs);
    QVERIFY(model.index(model.rowOf(m_soon), 0).data(AgendaModel::CanNoShowRole).toBool());
    // The one under way at noon is over by now: still listed while its outcome is awaited.
    QCOMPARE(model.index(model.rowOf(m_underway), AgendaModel::Until).data().toString(),
             u"ended 10 min ago"_qs);

    AgendaPanel panel(&model);
    panel.resize(420, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // Late in the evening the day's meetings still wait for their outcome, before tomorrow's.
    now = m_noon + 11 * Hour;
    model.reload();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(model.rowOf(m_soon), AgendaModel::Until).data().toString(),
             u"ended 10 h 5 min ago"_qs);
    QCOMPARE(panel.summaryLabel()->text(), u"3 appointments · 1 tomorrow"_qs);
    QVERIFY(panel.list()->isVisible());
    QVERIFY(!panel.emptyLabel()->isVisible());

    // Nothing coming: no rows, and the panel says so.
    now = m_noon + 10 * Day;
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(panel.emptyLabel()->isVisible());
    QCOMPARE(panel.emptyLabel()->text(), u"No appointments today"_qs);
    QVERIFY(!panel.list()->isVisible());
    QVERIFY(!panel.completedButton()->isVisible() && !panel.noShowButton()->isVisible());
    QVERIFY(!panel.list()->accessibleName().isEmpty());
    panel.setCollapsed(true);
    QCOMPARE(panel.summaryLabel()->text(), u"No appointments today"_qs);
}

void tst_Agenda::noShowFromTheAgendaReachesTheServerAndTheHistory()
{
    MainWindow *main = window();
    QVERIFY(main);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    QTest::keyClick(main, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(!main->calendarShown());
    AgendaPanel *panel = main->agenda();
    QVERIFY(panel->isVisible());
    QVERIFY(!panel->isCollapsed());
    QCOMPARE(panel->summaryLabel()->text(), u"3 appointments · 1 tomorrow"_qs);

    // Quentin did not come to the 11:50 consultation.
    clickRow(panel, m_underway);
    QVERIFY(panel->noShowButton()->isEnabled());
    QTest::mouseClick(panel->noShowButton(), Qt::LeftButton);
    AgendaModel *model = panel->model();
    const auto statusShown = [&] {
        const int row = model->rowOf(m_underway);
        return row < 0 ? QString() : model->index(row, AgendaModel::Status).data().toString();
    };
    QVERIFY2(statusShown().startsWith(u"No-show"_qs), qPrintable(statusShown()));
    QVERIFY(main->statusBar()->currentMessage().startsWith(u"Status: No-show."_qs));
    // The outcome is final: nothing more to mark on it.
    QCOMPARE(panel->currentId(), m_underway);
    QVERIFY(!panel->noShowButton()->isEnabled());
    QVERIFY(!panel->completedButton()->isEnabled());

    // On the server after the sync, and in Quentin's history.
    QTRY_COMPARE_WITH_TIMEOUT(serverAppointment(m_underway)[u"status"_qs].toString(),
                              u"no_show"_qs,
                              10000);
    const auto history = m_server.request("GET",
                                          u"/api/leads/%1/activities"_qs.arg(m_quentinId),
                                          {},
                                          m_gina);
    QCOMPARE(history.status, 200);
    const QJsonArray entries = history.body.isArray() ? history.body.toArray()
                                                      : history.json[u"items"_qs].toArray();
    bool recorded = false;
    for (const QJsonValue &entry : entries) {
        const QJsonObject params = entry[u"params"_qs].toObject();
        recorded = recorded
                   || (entry[u"code"_qs].toString() == u"appointment_status"_qs
                       && params[u"appointmentId"_qs].toString() == m_underway
                       && params[u"status"_qs].toString() == u"no_show"_qs);
    }
    QVERIFY2(recorded, QJsonDocument(entries).toJson().constData());
    // Confirmed: no longer "to be confirmed" on the panel.
    QTRY_COMPARE_WITH_TIMEOUT(statusShown(), u"No-show"_qs, 10000);
}

void tst_Agenda::completedFromTheAgendaAndNoOutcomeBeforeTheStart()
{
    MainWindow *main = window();
    QVERIFY(main);
    AgendaPanel *panel = main->agenda();
    AgendaModel *model = panel->model();

    // The 12:25 enrollment has not started: neither outcome is offered, and the reason is
    // given.
    clickRow(panel, m_soon);
    QVERIFY(!panel->noShowButton()->isEnabled());
    QVERIFY(!panel->completedButton()->isEnabled());
    QCOMPARE(panel->noShowButton()->toolTip(), u"Possible once it has started"_qs);
    QTest::mouseClick(panel->noShowButton(), Qt::LeftButton);
    QCOMPARE(model->index(model->rowOf(m_soon), AgendaModel::Status).data().toString(),
             u"Scheduled"_qs);
    QCOMPARE(serverAppointment(m_soon)[u"status"_qs].toString(), u"scheduled"_qs);
    // Its menu (right click, or the menu key) offers the same, and the rest.
    QMap<QString, bool> offered; // text -> enabled
    CrmTest::whenMenuShown([&offered](QMenu *menu) {
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator())
                offered.insert(action->text(), action->isEnabled());
        }
    });
    const QRect soonRect = panel->list()->visualRect(
        model->index(model->rowOf(m_soon), AgendaModel::Time));
    emit panel->list()->customContextMenuRequested(soonRect.center());
    QCOMPARE(offered,
             (QMap<QString, bool>{{u"Mark &completed"_qs, false},
                                  {u"Mark &no-show"_qs, false},
                                  {u"Open &lead"_qs, true},
                                  {u"&Details…"_qs, true}}));

    // The 10:00 follow-up took place: marked completed, it leaves the agenda.
    clickRow(panel, m_ended);
    QVERIFY(panel->completedButton()->isEnabled());
    QTest::mouseClick(panel->completedButton(), Qt::LeftButton);
    QTRY_VERIFY(model->rowOf(m_ended) < 0);
    QTRY_COMPARE_WITH_TIMEOUT(serverAppointment(m_ended)[u"status"_qs].toString(),
                              u"completed"_qs,
                              10000);

    // A double click on tomorrow's row opens Rosa; Details opens the appointment.
    main->openLead(m_quentinId);
    QCOMPARE(main->detail()->leadId(), m_quentinId);
    clickRow(panel, m_tomorrow, true);
    QTRY_COMPARE(main->detail()->leadId(), m_rosaId);
    QTest::mouseClick(panel->detailsButton(), Qt::LeftButton);
    AppointmentDialog *details = nullptr;
    QTRY_VERIFY((details = main->findChild<AppointmentDialog *>()) && details->isVisible());
    details->close();

    // Booked elsewhere (the web, a colleague): on the panel with the next sync, nothing asked.
    const QString booked = book(m_quentinId, u"primary_care"_qs, m_noon + 3 * Hour, 30);
    QVERIFY(!booked.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(booked) >= 0, 10000);
    QCOMPARE(model->index(model->rowOf(booked), AgendaModel::Until).data().toString(), u"in 3 h"_qs);

    // View > Today's agenda hides the panel and shows it again.
    QAction *toggle = nullptr;
    for (QAction *menu : main->menuBar()->actions()) {
        if (menu->text() == u"&View"_qs && menu->menu()) {
            for (QAction *action : menu->menu()->actions()) {
                if (action->text() == u"Today's &agenda"_qs)
                    toggle = action;
            }
        }
    }
    QVERIFY(toggle && toggle->isChecked());
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    toggle->trigger();
    QVERIFY(!panel->isVisible());
    QVERIFY(!main->agendaShown());
    toggle->trigger();
    QVERIFY(panel->isVisible());
    // Folded, it keeps its summary line.
    QTest::mouseClick(panel->collapseButton(), Qt::LeftButton);
    QVERIFY(panel->isCollapsed());
    QVERIFY(!panel->list()->isVisible());
    QVERIFY(panel->summaryLabel()->isVisible());
    QTest::mouseClick(panel->collapseButton(), Qt::LeftButton);
    QVERIFY(panel->list()->isVisible());
}

int main(int argc, char **argv)
{
    // The agenda's day is the test's: UTC on both sides.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    tst_Agenda test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_agenda.moc"
