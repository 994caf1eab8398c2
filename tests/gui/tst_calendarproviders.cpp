// Whose calendar an admin sees, against a real crm-server and the real keychain: the admin
// picks agent Ben's calendar and sees Ben's appointments (not their own), books a slot there
// (the server has it as Ben's), and puts Ben's and Cleo's day side by side (each column shows
// its own provider's appointments, as a screen reader walks them). An agent has no picker.
#include "bookingdialog.h"
#include "calendarcolumns.h"
#include "calendarview.h"
#include "desktopsession.h"
#include "domain/displaytime.h"
#include "domain/wiretime.h"
#include "guisupport.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
constexpr qint64 Minute = 60 * 1000;

void drag(QWidget *widget, const QPoint &from, const QPoint &to)
{
    QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(widget, from + QPoint(0, 12));
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
}

// The names a screen reader reads for the blocks of a calendar view.
QStringList accessibleBlocks(CalendarView *view)
{
    QStringList names;
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(view);
    for (int i = 0; iface && i < iface->childCount(); ++i) {
        if (iface->child(i)->role() == QAccessible::Button)
            names << iface->child(i)->text(QAccessible::Name);
    }
    return names;
}

} // namespace

class tst_CalendarProviders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void adminSwitchesToAnAgentsCalendar();
    void adminBooksInTheAgentsCalendar();
    void twoProvidersSideBySideInTheDayView();
    void agentsHaveNoPicker();

private:
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    QString book(const QString &token, const QString &providerId, const QTime &at, int minutes);
    QString userToken(const QString &email) { return m_server.login(email, Password); }

    ServerProcess m_server;
    QString m_adminId, m_benId, m_cleoId;
    QString m_admin, m_ben, m_cleo; // tokens
    QString m_adminAppointment, m_benAppointment, m_cleoAppointment;
    QDate m_day; // next week's Wednesday
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopSession> m_session;
};

QString tst_CalendarProviders::book(const QString &token,
                                    const QString &providerId,
                                    const QTime &at,
                                    int minutes)
{
    const auto reply = m_server.request("POST",
                                        u"/api/appointments"_qs,
                                        QJsonObject{{u"providerId"_qs, providerId},
                                                    {u"appointmentType"_qs, u"consultation"_qs},
                                                    {u"scheduledDate"_qs,
                                                     WireTime::toWire(
                                                         QDateTime(m_day, at).toMSecsSinceEpoch())},
                                                    {u"duration"_qs, minutes}},
                                        token);
    if (reply.status != 201)
        qWarning().noquote() << "Booking failed:" << reply.raw;
    return reply.json.value(u"id"_qs).toString();
}

void tst_CalendarProviders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    m_adminId = m_server.addUser(u"ada@providers.example"_qs,
                                 u"Ada Admin"_qs,
                                 u"admin"_qs,
                                 Password);
    m_benId = m_server.addUser(u"ben@providers.example"_qs, u"Ben Agent"_qs, u"agent"_qs, Password);
    m_cleoId = m_server.addUser(u"cleo@providers.example"_qs,
                                u"Cleo Agent"_qs,
                                u"agent"_qs,
                                Password);
    QVERIFY(!m_adminId.isEmpty() && !m_benId.isEmpty() && !m_cleoId.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = userToken(u"ada@providers.example"_qs);
    m_ben = userToken(u"ben@providers.example"_qs);
    m_cleo = userToken(u"cleo@providers.example"_qs);
    QVERIFY(!m_admin.isEmpty() && !m_ben.isEmpty() && !m_cleo.isEmpty());
    // Everyone works Monday to Friday 09:00-17:00 UTC (the test runs in UTC).
    for (const auto &[id, token] :
         {std::pair{m_adminId, m_admin}, std::pair{m_benId, m_ben}, std::pair{m_cleoId, m_cleo}})
        QVERIFY(m_server.setWeekdayHoursUtc(id, token));
    const QDate today = QDate::currentDate();
    m_day = today.addDays(8 - today.dayOfWeek() + 2);
    m_adminAppointment = book(m_admin, m_adminId, QTime(9, 0), 30);
    m_benAppointment = book(m_ben, m_benId, QTime(10, 0), 45);
    m_cleoAppointment = book(m_cleo, m_cleoId, QTime(13, 0), 60);
    QVERIFY(!m_adminAppointment.isEmpty() && !m_benAppointment.isEmpty()
            && !m_cleoAppointment.isEmpty());
    const QString lead = m_server.addContactFormLead(u"Quentin"_qs, u"Blake"_qs, u"+13125552001"_qs);
    QVERIFY(!lead.isEmpty());

    QVERIFY(m_dir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_dir.path();
    options.server = m_server.baseUrl().toString();
    options.email = u"ada@providers.example"_qs;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(window()->leads()->rowCount() >= 1, 30000);
    // The team has come down: Ben and Cleo are in the picker.
    QTRY_VERIFY_WITH_TIMEOUT(window()->calendarOwnerBox()->findData(m_cleoId) >= 0, 20000);
}

void tst_CalendarProviders::cleanupTestCase()
{
    m_session.reset();
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")),
             qPrintable(m_server.serverLog()));
}

void tst_CalendarProviders::adminSwitchesToAnAgentsCalendar()
{
    MainWindow *main = window();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    QTest::keyClick(main, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(main->calendarShown());
    CalendarView *calendar = main->calendar();
    calendar->setDate(m_day);
    QComboBox *owner = main->calendarOwnerBox();
    QVERIFY(owner->isVisible());
    // Their own first, then the agents by name; no admin but themself.
    QCOMPARE(owner->count(), 3);
    QCOMPARE(owner->itemText(0), u"My calendar"_qs);
    QCOMPARE(owner->itemText(1), u"Ben Agent"_qs);
    QCOMPARE(owner->itemText(2), u"Cleo Agent"_qs);
    // Their own week first.
    QTRY_VERIFY_WITH_TIMEOUT((main->calendarModel()->reload(),
                              !calendar->blockRect(m_adminAppointment).isEmpty()),
                             10000);
    QVERIFY(calendar->blockRect(m_benAppointment).isEmpty());

    // Picked with the keyboard, as a hand would.
    owner->setFocus();
    for (int i = 0; i < 3 && owner->currentData().toString() != m_benId; ++i)
        QTest::keyClick(owner, Qt::Key_Down);
    QCOMPARE(owner->currentData().toString(), m_benId);
    QCOMPARE(main->calendarModel()->providerId(), m_benId);
    QTRY_VERIFY(!calendar->blockRect(m_benAppointment).isEmpty());
    QVERIFY(calendar->blockRect(m_adminAppointment).isEmpty());
    QVERIFY(calendar->blockRect(m_cleoAppointment).isEmpty());
    const QStringList read = accessibleBlocks(calendar);
    QCOMPARE(read.size(), 1);
    QVERIFY2(read.first().contains(DisplayTime::time(QTime(10, 0))), qPrintable(read.first()));
}

void tst_CalendarProviders::adminBooksInTheAgentsCalendar()
{
    MainWindow *main = window();
    QCOMPARE(main->calendarModel()->providerId(), m_benId);
    CalendarView *calendar = main->calendar();
    calendar->setDate(m_day);
    const qint64 two = QDateTime(m_day, QTime(14, 0)).toMSecsSinceEpoch();
    QString dialogProvider;
    int dialogMinutes = 0;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        dialogProvider = dialog->providerId();
        dialogMinutes = dialog->durationBox()->value();
        CrmTest::pickFirstCompletion(dialog->leadBox(), QStringLiteral("Quentin B"));
        QTest::keyClick(dialog->meetingLinkEdit(), Qt::Key_Return);
        if (dialog->isVisible()) {
            qWarning().noquote() << "Not booked:" << dialog->errorLabel()->text();
            dialog->reject();
        }
    });
    drag(calendar, calendar->pointAt(two + 3 * Minute), calendar->pointAt(two + 60 * Minute));
    QCOMPARE(dialogProvider, m_benId);
    QCOMPARE(dialogMinutes, 60);
    // In Ben's calendar at once; on the server as Ben's after the sync.
    CalendarModel *model = main->calendarModel();
    QString booked;
    auto findBooked = [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->entryAt(row).appointment.scheduledDate == two)
                booked = model->entryAt(row).appointment.id;
        }
        return !booked.isEmpty();
    };
    QTRY_VERIFY(findBooked());
    QTRY_VERIFY_WITH_TIMEOUT(m_server.request("GET", u"/api/appointments/"_qs + booked, {}, m_ben)
                                     .status
                                 == 200,
                             15000);
    const QJsonObject onServer
        = m_server.request("GET", u"/api/appointments/"_qs + booked, {}, m_admin).json;
    QCOMPARE(onServer[u"providerId"_qs].toString(), m_benId);
    QCOMPARE(onServer[u"duration"_qs].toInt(), 60);
    QCOMPARE(WireTime::fromWire(onServer[u"scheduledDate"_qs].toString()).value_or(0), two);
}

void tst_CalendarProviders::twoProvidersSideBySideInTheDayView()
{
    MainWindow *main = window();
    QToolButton *sideBySide = main->sideBySideButton();
    QVERIFY(sideBySide->isVisible());
    // Ben and Cleo checked in the menu.
    for (QAction *action : sideBySide->menu()->actions()) {
        if (action->text() == u"Ben Agent"_qs || action->text() == u"Cleo Agent"_qs)
            action->trigger();
    }
    QTRY_VERIFY(main->sideBySideShown());
    QCOMPARE(main->calendar()->span(), CalendarView::Span::Day);
    main->calendar()->setDate(m_day);
    const QList<CalendarView *> columns = main->calendarColumns()->views();
    QCOMPARE(columns.size(), 2);
    CalendarView *ben = columns.at(0);
    CalendarView *cleo = columns.at(1);
    QVERIFY(ben->isVisible() && cleo->isVisible());
    QCOMPARE(ben->columnTitle(), u"Ben Agent"_qs);
    QCOMPARE(cleo->columnTitle(), u"Cleo Agent"_qs);
    QCOMPARE(ben->date(), m_day);
    QCOMPARE(cleo->date(), m_day);
    // Each column holds its own provider's appointments, as a screen reader walks them.
    QTRY_COMPARE(accessibleBlocks(ben).size(), 2); // 10:00 and the 14:00 just booked
    const QStringList benBlocks = accessibleBlocks(ben);
    QVERIFY2(benBlocks.at(0).contains(DisplayTime::time(QTime(10, 0)))
                 && benBlocks.at(1).contains(DisplayTime::time(QTime(14, 0))),
             qPrintable(benBlocks.join(u" | "_qs)));
    QTRY_COMPARE(accessibleBlocks(cleo).size(), 1);
    const QStringList cleoBlocks = accessibleBlocks(cleo);
    QVERIFY2(cleoBlocks.first().contains(DisplayTime::time(QTime(13, 0))),
             qPrintable(cleoBlocks.first()));
    // Side by side on screen: Ben's blocks left of Cleo's, the rows at the same hours.
    QAccessibleInterface *benBlock = QAccessible::queryAccessibleInterface(ben)->child(0);
    QAccessibleInterface *cleoBlock = QAccessible::queryAccessibleInterface(cleo)->child(0);
    QVERIFY(benBlock->rect().right() < cleoBlock->rect().left());
    QCOMPARE(ben->firstHour(), cleo->firstHour());
    QCOMPARE(ben->mapToGlobal(ben->pointAt(QDateTime(m_day, QTime(13, 0)).toMSecsSinceEpoch())).y(),
             cleo->mapToGlobal(cleo->pointAt(QDateTime(m_day, QTime(13, 0)).toMSecsSinceEpoch()))
                 .y());
    QVERIFY(ben->blockRect(m_cleoAppointment).isEmpty());
    QVERIFY(cleo->blockRect(m_benAppointment).isEmpty());

    // A click in Cleo's column books for Cleo.
    QString dialogProvider;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        dialogProvider = dialog->providerId();
        dialog->reject();
    });
    QTest::mouseClick(cleo,
                      Qt::LeftButton,
                      Qt::NoModifier,
                      cleo->pointAt(QDateTime(m_day, QTime(15, 0)).toMSecsSinceEpoch()));
    QCOMPARE(dialogProvider, m_cleoId);

    // Back to one calendar: the week shows the single view again.
    main->showSideBySide({});
    QVERIFY(!main->sideBySideShown());
    QVERIFY(main->calendar()->isVisible());
}

void tst_CalendarProviders::agentsHaveNoPicker()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DesktopSession::Options options;
    options.dataDir = dir.path();
    options.server = m_server.baseUrl().toString();
    options.email = u"ben@providers.example"_qs;
    options.password = Password;
    DesktopSession ben(options);
    QVERIFY(ben.start());
    QTRY_VERIFY_WITH_TIMEOUT(ben.window() != nullptr, 20000);
    MainWindow *main = ben.window();
    main->showCalendar();
    QVERIFY(main->calendarShown());
    QVERIFY(!main->calendarOwnerBox()->isVisible());
    QVERIFY(!main->sideBySideButton()->isVisible());
    QCOMPARE(main->calendarModel()->providerId(), m_benId);
    // Asking for another's calendar does nothing.
    main->showCalendarOf(m_cleoId);
    QCOMPARE(main->calendarModel()->providerId(), m_benId);
    main->showSideBySide({m_benId, m_cleoId});
    QVERIFY(!main->sideBySideShown());
}

int main(int argc, char **argv)
{
    // Everyone's hours are in UTC and so is the desktop: the grid's positions are the test's.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    tst_CalendarProviders test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_calendarproviders.moc"
