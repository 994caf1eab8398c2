// The desktop calendar against a real crm-server and the real keychain, driven with real mouse
// events: book by clicking free time (the server has the appointment and its reminders), move a
// block by dragging it (the server has the new time), and a drag onto a taken slot that is
// refused on the spot (the block springs back, the free times are named). The details of an
// appointment: export as .ics, the calendar feed link (copy, make new), a follow-up task, the
// lead's history. Offline: a booking made with the server stopped is pending until the server
// takes it; one the server refuses (the slot went meanwhile) is rebooked from the conflict
// dialog's suggestions.
#include "appointmentdialog.h"
#include "bookingdialog.h"
#include "calendarview.h"
#include "conflictdialog.h"
#include "desktopsession.h"
#include "domain/displaytime.h"
#include "domain/wiretime.h"
#include "followupswidget.h"
#include "guisupport.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "item/notificationlistmodel.h"
#include "leaddetailpanel.h"
#include "mainwindow.h"
#include "notificationcenter.h"
#include "serverprocess.h"
#include "store/conflictreader.h"
#include "store/localdatabase.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QHelpEvent>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>

#include <libical/ical.h>

#include <algorithm>
#include <memory>

using CrmTest::ServerProcess;
using CrmTest::statusBarShows;
using CrmTest::statusBarStartsWith;
using CrmTest::statusBarText;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
const QString GinaEmail = QStringLiteral("gina@calendar.example");
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

// Drags from one point to another with real mouse events, as a hand does.
void drag(QWidget *widget, const QPoint &from, const QPoint &to)
{
    QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(widget, from + QPoint(0, 12));
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
}

struct IcsEvent
{
    QString uid;
    qint64 start = 0;
    qint64 end = 0;
};

// The events of an iCalendar text as a calendar app reads them (libical); empty when the text
// is not a VCALENDAR.
QList<IcsEvent> icsEvents(const QByteArray &text)
{
    QList<IcsEvent> events;
    icalcomponent *calendar = icalparser_parse_string(text.constData());
    if (!calendar)
        return events;
    if (icalcomponent_isa(calendar) == ICAL_VCALENDAR_COMPONENT) {
        for (icalcomponent *event = icalcomponent_get_first_component(calendar,
                                                                      ICAL_VEVENT_COMPONENT);
             event;
             event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            events.append({QString::fromUtf8(icalcomponent_get_uid(event)),
                           qint64(icaltime_as_timet(icalcomponent_get_dtstart(event))) * 1000,
                           qint64(icaltime_as_timet(icalcomponent_get_dtend(event))) * 1000});
        }
    }
    icalcomponent_free(calendar);
    return events;
}

} // namespace

class tst_Calendar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bookByClickingAFreeSlot();
    void bookByDraggingOverFreeTime();
    void dragABlockToAnotherTime();
    void dragOntoATakenSlotSpringsBack();
    void scheduleConsultationFromALead();
    void bookingFormKeepsItsLeadWhenASyncLands();
    void detailsShowRemindersAndSendOneNow();
    void noticeOfABookingMadeElsewhereOpensItInTheCalendar();
    void detailsExportAnIcsFile();
    void feedLinkIsCopiedAndMadeNew();
    void followUpTaskFromDetails();
    void openLeadHistoryFromDetails();
    void offlineBookingIsPendingUntilTheServerTakesIt();
    void refusedOfflineBookingIsRebookedFromASuggestion();

private:
    // Clicks free time at `start` in the calendar and books it for Quentin Blake in the form.
    void bookByClicking(qint64 start);
    // Sync now, as the File menu's action.
    void syncNow();
    // Starts the server again where the desktop knows it (the same port).
    bool restartServer();
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    QJsonObject serverAppointment(const QString &id);
    QJsonArray serverAppointments();

    ServerProcess m_server;
    QString m_ginaId;
    QString m_gina; // token
    QString m_leadId;
    QString m_bookedId;
    QDate m_tuesday; // next week's
    int m_port = 0;
    QTemporaryDir m_ginaDir;
    std::unique_ptr<DesktopSession> m_session;
};

QJsonObject tst_Calendar::serverAppointment(const QString &id)
{
    return m_server.request("GET", QStringLiteral("/api/appointments/") + id, {}, m_gina).json;
}

QJsonArray tst_Calendar::serverAppointments()
{
    const auto reply = m_server.request("GET", QStringLiteral("/api/agent/appointments"), {}, m_gina);
    return reply.json.value(u"items"_qs).toArray();
}

void tst_Calendar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    QVERIFY(!m_server.addUser(u"admin@calendar.example"_qs, u"Admin"_qs, u"admin"_qs).isEmpty());
    m_ginaId = m_server.addUser(GinaEmail, u"Gina Agent"_qs, u"agent"_qs, Password, 1);
    QVERIFY(!m_ginaId.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_port = m_server.baseUrl().port();
    m_gina = m_server.login(GinaEmail);
    QVERIFY(!m_gina.isEmpty());
    // Gina's hours: Monday to Friday 09:00-17:00 UTC (the test runs in UTC).
    QVERIFY(m_server.setWeekdayHoursUtc(m_ginaId, m_gina));
    m_leadId = m_server.addContactFormLead(u"Quentin"_qs, u"Blake"_qs, u"+13125552001"_qs);
    QVERIFY(!m_leadId.isEmpty());
    const QDate today = QDate::currentDate();
    m_tuesday = today.addDays(8 - today.dayOfWeek() + 1);

    QVERIFY(m_ginaDir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_ginaDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = GinaEmail;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window()->leads()->rowCount(), 1, 30000);
    // Her hours have come down with the first sync.
    QTRY_VERIFY_WITH_TIMEOUT((window()->calendarModel()->reload(),
                              window()->calendarModel()->availabilityKnown()),
                             10000);
}

void tst_Calendar::cleanupTestCase()
{
    m_session.reset();
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")), qPrintable(m_server.serverLog()));
}

void tst_Calendar::bookByClickingAFreeSlot()
{
    MainWindow *main = window();
    QVERIFY(main);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    QTest::keyClick(main, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(main->calendarShown());
    CalendarView *calendar = main->calendar();
    calendar->setDate(m_tuesday);
    QVERIFY(main->calendarTitle()->text().contains(QString::number(m_tuesday.addDays(-1).day())));
    const qint64 ten = QDateTime(m_tuesday, QTime(10, 0)).toMSecsSinceEpoch();

    bool dialogSaidTen = false;
    bool listedFreeTimes = false;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        dialogSaidTen = dialog->startEdit()->dateTime().toMSecsSinceEpoch() == ten;
        listedFreeTimes = dialog->freeTimes()->count() > 10
                          && dialog->freeTimes()->item(0)->text().startsWith(u"9:00"_qs);
        if (!listedFreeTimes && dialog->freeTimes()->count() > 0)
            qWarning().noquote() << "Free times:" << dialog->freeTimes()->item(0)->text();
        // The lead, found by typing part of the name.
        CrmTest::pickFirstCompletion(dialog->leadBox(), QStringLiteral("Quentin B"));
        QTest::keyClicks(dialog->meetingLinkEdit(), QStringLiteral("https://meet.example/qb"));
        // Enter books.
        QTest::keyClick(dialog->meetingLinkEdit(), Qt::Key_Return);
        if (dialog->isVisible()) {
            qWarning().noquote() << "Not booked:" << dialog->leadBox()->currentText()
                                 << dialog->errorLabel()->text();
            dialog->reject();
        }
    });
    QTest::mouseClick(calendar, Qt::LeftButton, Qt::NoModifier, calendar->pointAt(ten + 7 * Minute));
    QVERIFY(dialogSaidTen);
    QVERIFY(listedFreeTimes);

    // In the calendar at once, pending; on the server after the sync, with its reminders.
    CalendarModel *model = main->calendarModel();
    QTRY_COMPARE(model->rowCount(), 1);
    m_bookedId = model->index(0).data(CalendarModel::IdRole).toString();
    // The status bar counts it until the server confirms it.
    const bool counted = statusBarShows(main, u"Appointments to be confirmed: 1"_qs);
    if (model->index(0).data(CalendarModel::PendingRole).toBool())
        QVERIFY2(counted, qPrintable(statusBarText(main)));
    QCOMPARE(model->index(0).data(CalendarModel::StartRole).toLongLong(), ten);
    QCOMPARE(model->index(0).data(CalendarModel::LeadIdRole).toString(), m_leadId);
    auto onServer = [&] {
        for (const QJsonValue &entry : serverAppointments()) {
            if (entry[u"id"_qs].toString() == m_bookedId)
                return WireTime::fromWire(entry[u"scheduledDate"_qs].toString()).value_or(0) == ten;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(onServer(), 10000);
    QCOMPARE(serverAppointment(m_bookedId)[u"leadId"_qs].toString(), m_leadId);
    QCOMPARE(serverAppointment(m_bookedId)[u"meetingLink"_qs].toString(), u"https://meet.example/qb"_qs);
    const auto reminders = m_server.request("GET",
                                            u"/api/appointments/%1/reminders"_qs.arg(m_bookedId),
                                            {},
                                            m_gina);
    QCOMPARE(reminders.status, 200);
    QVERIFY(!reminders.body.toArray().isEmpty());
    for (const QJsonValue &reminder : reminders.body.toArray())
        QCOMPARE(reminder[u"appointmentId"_qs].toString(), m_bookedId);
    // Confirmed by the server: no longer pending.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(m_bookedId) >= 0
                                 && !model->index(model->rowOf(m_bookedId))
                                         .data(CalendarModel::PendingRole)
                                         .toBool(),
                             10000);
    QTRY_VERIFY2(!statusBarStartsWith(main, u"Appointments to be confirmed"_qs),
                 qPrintable(statusBarText(main)));
}

void tst_Calendar::bookByDraggingOverFreeTime()
{
    MainWindow *main = window();
    QVERIFY(main);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    main->showCalendar();
    // An agent sees their own calendar only: no provider picker.
    QVERIFY(!main->calendarOwnerBox()->isVisible());
    CalendarView *calendar = main->calendar();
    const QDate day = m_tuesday.addDays(7); // nothing booked that day
    calendar->setDate(day);
    const qint64 ten = QDateTime(day, QTime(10, 0)).toMSecsSinceEpoch();
    const qint64 halfPastEleven = QDateTime(day, QTime(11, 30)).toMSecsSinceEpoch();

    qint64 dialogStart = 0;
    int dialogMinutes = 0;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        dialogStart = dialog->startEdit()->dateTime().toMSecsSinceEpoch();
        dialogMinutes = dialog->durationBox()->value();
        CrmTest::pickFirstCompletion(dialog->leadBox(), QStringLiteral("Quentin B"));
        QTest::keyClick(dialog->meetingLinkEdit(), Qt::Key_Return);
        if (dialog->isVisible()) {
            qWarning().noquote() << "Not booked:" << dialog->errorLabel()->text();
            dialog->reject();
        }
    });
    // From a little after 10:00 down to 11:30.
    drag(calendar, calendar->pointAt(ten + 4 * Minute), calendar->pointAt(halfPastEleven));
    QCOMPARE(dialogStart, ten);
    QCOMPARE(dialogMinutes, 90);
    QVERIFY(!calendar->isDragging());
    // The server has a 90-minute appointment at 10:00 that day.
    auto onServer = [&] {
        for (const QJsonValue &entry : serverAppointments()) {
            if (WireTime::fromWire(entry[u"scheduledDate"_qs].toString()).value_or(0) == ten)
                return entry[u"duration"_qs].toInt();
        }
        return 0;
    };
    QTRY_COMPARE_WITH_TIMEOUT(onServer(), 90, 10000);
    calendar->setDate(m_tuesday); // where the next tests look
}

void tst_Calendar::dragABlockToAnotherTime()
{
    MainWindow *main = window();
    QVERIFY(main);
    QVERIFY(!m_bookedId.isEmpty());
    CalendarView *calendar = main->calendar();
    const QRect block = calendar->blockRect(m_bookedId);
    QVERIFY(!block.isEmpty());
    const qint64 ten = QDateTime(m_tuesday, QTime(10, 0)).toMSecsSinceEpoch();
    const QPoint grab(block.center().x(), block.top() + 3);
    const qint64 offset = calendar->instantAt(grab) - ten;
    // Wednesday at 14:00 (and a few minutes: it snaps to the quarter hour).
    const qint64 wednesdayTwo = QDateTime(m_tuesday.addDays(1), QTime(14, 0)).toMSecsSinceEpoch();
    drag(calendar, grab, calendar->pointAt(wednesdayTwo + 4 * Minute + offset));
    CalendarModel *model = main->calendarModel();
    QCOMPARE(model->index(model->rowOf(m_bookedId)).data(CalendarModel::StartRole).toLongLong(),
             wednesdayTwo);
    QTRY_COMPARE_WITH_TIMEOUT(WireTime::fromWire(
                                  serverAppointment(m_bookedId)[u"scheduledDate"_qs].toString())
                                  .value_or(0),
                              wednesdayTwo,
                              10000);
    // Its reminders moved with it.
    const auto reminders = m_server.request("GET",
                                            u"/api/appointments/%1/reminders"_qs.arg(m_bookedId),
                                            {},
                                            m_gina);
    for (const QJsonValue &reminder : reminders.body.toArray()) {
        if (reminder[u"status"_qs].toString() == u"pending"_qs)
            QVERIFY(WireTime::fromWire(reminder[u"scheduledFor"_qs].toString()).value_or(0) < wednesdayTwo);
    }
}

void tst_Calendar::dragOntoATakenSlotSpringsBack()
{
    MainWindow *main = window();
    QVERIFY(main);
    QVERIFY(!m_bookedId.isEmpty());
    // Someone books Wednesday 11:00 on the server; it reaches the calendar.
    const qint64 eleven = QDateTime(m_tuesday.addDays(1), QTime(11, 0)).toMSecsSinceEpoch();
    const auto booked = m_server.request("POST",
                                         u"/api/appointments"_qs,
                                         QJsonObject{{u"providerId"_qs, m_ginaId},
                                                     {u"appointmentType"_qs, u"enrollment"_qs},
                                                     {u"scheduledDate"_qs, WireTime::toWire(eleven)},
                                                     {u"duration"_qs, 60}},
                                         m_gina);
    QCOMPARE(booked.status, 201);
    const QString otherId = booked.json[u"id"_qs].toString();
    CalendarModel *model = main->calendarModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(otherId) >= 0, 10000);

    CalendarView *calendar = main->calendar();
    const QRect before = calendar->blockRect(m_bookedId);
    const qint64 start = model->index(model->rowOf(m_bookedId)).data(CalendarModel::StartRole).toLongLong();
    const QPoint grab(before.center().x(), before.top() + 3);
    const qint64 offset = calendar->instantAt(grab) - start;
    drag(calendar, grab, calendar->pointAt(eleven + 15 * Minute + offset));
    // Refused here at once: back where it was, and the free times are named.
    QCOMPARE(model->index(model->rowOf(m_bookedId)).data(CalendarModel::StartRole).toLongLong(), start);
    QCOMPARE(calendar->blockRect(m_bookedId), before);
    const QString said = main->statusBar()->currentMessage();
    QVERIFY2(said.startsWith(u"Not moved"_qs) && said.contains(u"Free instead"_qs), qPrintable(said));
    QCOMPARE(WireTime::fromWire(serverAppointment(m_bookedId)[u"scheduledDate"_qs].toString()).value_or(0),
             start);

    // The free times offered are one click away: the first moves it there.
    QMessageBox *offer = nullptr;
    QTRY_VERIFY((offer = main->findChild<QMessageBox *>(u"refusedMove"_qs)) && offer->isVisible());
    QAbstractButton *first = nullptr;
    for (QAbstractButton *button : offer->buttons()) {
        if (offer->buttonRole(button) == QMessageBox::AcceptRole) {
            first = button;
            break;
        }
    }
    QVERIFY(first);
    QTest::mouseClick(first, Qt::LeftButton);
    const qint64 chosen = model->index(model->rowOf(m_bookedId)).data(CalendarModel::StartRole).toLongLong();
    QVERIFY(chosen != start);
    QTRY_COMPARE_WITH_TIMEOUT(WireTime::fromWire(
                                  serverAppointment(m_bookedId)[u"scheduledDate"_qs].toString())
                                  .value_or(0),
                              chosen,
                              10000);
}

void tst_Calendar::scheduleConsultationFromALead()
{
    MainWindow *main = window();
    QVERIFY(main);
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    QTest::keyClick(main, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(!main->calendarShown());
    main->openLead(m_leadId);
    QTRY_COMPARE(main->detail() != nullptr, true);
    QString lead;
    QString type;
    qint64 start = 0;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        lead = dialog->leadBox()->currentText();
        type = dialog->typeBox()->currentData().toString();
        start = dialog->startEdit()->dateTime().toMSecsSinceEpoch();
        dialog->reject();
    });
    QTest::keyClick(main, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(lead, u"Quentin Blake"_qs);
    QCOMPARE(type, u"consultation"_qs);
    // The first free time from now, inside her hours.
    const QTime at = QDateTime::fromMSecsSinceEpoch(start).time();
    QVERIFY2(start > QDateTime::currentMSecsSinceEpoch() && at >= QTime(9, 0) && at < QTime(17, 0),
             qPrintable(QDateTime::fromMSecsSinceEpoch(start).toString(Qt::ISODate)));
}

void tst_Calendar::bookingFormKeepsItsLeadWhenASyncLands()
{
    // The booking form shares the lead list: a sync that lands while it is open (here a new
    // lead arrives) reloads that list, which used to empty the form's lead. It keeps it, and
    // what was typed but not yet picked.
    MainWindow *main = window();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    main->showLeads();
    main->openLead(m_leadId);
    QTRY_COMPARE(main->detail()->leadId(), m_leadId);
    const int leadsBefore = main->leads()->rowCount();
    QString before;
    QString after;
    QString typedAfter;
    int leadsDuring = 0;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        before = dialog->leadBox()->currentText();
        m_server.submitContactForm({{u"firstName"_qs, u"Rosa"_qs},
                                    {u"lastName"_qs, u"Parks"_qs},
                                    {u"email"_qs, u"rosa.parks@example.com"_qs},
                                    {u"phone"_qs, u"+13125552002"_qs}});
        QElapsedTimer waited;
        waited.start();
        while (main->leads()->rowCount() == leadsBefore && waited.elapsed() < 15000)
            QTest::qWait(20);
        leadsDuring = main->leads()->rowCount();
        after = dialog->leadBox()->currentText();
        // Half a name typed, nothing picked: kept as typed through the next reload.
        dialog->leadBox()->setCurrentIndex(-1);
        dialog->leadBox()->setEditText(u"Quen"_qs);
        main->leads()->reload();
        typedAfter = dialog->leadBox()->currentText();
        dialog->reject();
    });
    QTest::keyClick(main, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(before, u"Quentin Blake"_qs);
    QCOMPARE(leadsDuring, leadsBefore + 1);
    QCOMPARE(after, u"Quentin Blake"_qs);
    QCOMPARE(typedAfter, u"Quen"_qs);
}

void tst_Calendar::detailsShowRemindersAndSendOneNow()
{
    // Enter on a block (or a double click) opens its details: the reminders with their states,
    // and "Send now" reaches the server.
    MainWindow *main = window();
    QVERIFY(!m_bookedId.isEmpty());
    AppointmentDialog *details = main->showAppointment(m_bookedId);
    QVERIFY(details);
    QTRY_VERIFY_WITH_TIMEOUT((details->reload(), details->reminders()->rowCount() >= 1), 10000);
    const int before = int(m_server.request("GET", u"/api/appointments/%1/reminders"_qs.arg(m_bookedId), {}, m_gina)
                               .body.toArray().size());
    QCOMPARE(details->reminders()->rowCount(), before);
    QCOMPARE(details->reminders()->item(0, 2)->text(), u"Pending"_qs);
    QVERIFY(details->sendEmailButton()->isEnabled());
    QVERIFY(!details->sendSmsButton()->isEnabled()); // the lead did not opt in
    QTest::mouseClick(details->sendEmailButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_server.request("GET", u"/api/appointments/%1/reminders"_qs.arg(m_bookedId), {}, m_gina)
                                      .body.toArray().size()),
                              before + 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(details->messageLabel()->text().startsWith(u"On its way"_qs), 10000);
    // And the new one shows in the dialog with the next sync.
    QTRY_VERIFY_WITH_TIMEOUT((details->reload(), details->reminders()->rowCount() == before + 1), 15000);
    details->close();
}

void tst_Calendar::noticeOfABookingMadeElsewhereOpensItInTheCalendar()
{
    // Booked on the web page or by a colleague: the notice says so, and a click on it shows
    // the appointment in the calendar, on its day, selected, with its details open.
    MainWindow *main = window();
    main->showLeads();
    const QDate day = QDate::currentDate().addDays(17);
    const qint64 start = QDateTime(day, QTime(15, 0)).toMSecsSinceEpoch();
    const auto booked = m_server.request("POST", u"/api/appointments"_qs,
                                         QJsonObject{{u"providerId"_qs, m_ginaId},
                                                     {u"leadId"_qs, m_leadId},
                                                     {u"appointmentType"_qs, u"consultation"_qs},
                                                     {u"scheduledDate"_qs, WireTime::toWire(start)},
                                                     {u"duration"_qs, 30},
                                                     {u"override"_qs, true}},
                                         m_gina);
    QCOMPARE(booked.status, 201);
    const QString id = booked.json[u"id"_qs].toString();
    syncNow();
    NotificationListModel *notices = main->notifications()->model();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((notices->reload(), row = [&] {
                                  for (int i = 0; i < notices->rowCount(); ++i) {
                                      if (notices->index(i, 0).data(NotificationListModel::EntityIdRole) == id)
                                          return i;
                                  }
                                  return -1;
                              }(), row >= 0),
                             15000);
    const QModelIndex notice = notices->index(row, 0);
    QCOMPARE(notice.data(NotificationListModel::EntityRole).toString(), u"appointment"_qs);
    if (!main->notifications()->isVisible())
        main->toggleNotifications();
    QListView *list = main->notifications()->view();
    QTRY_VERIFY(list->isVisible());
    list->scrollTo(notice);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualRect(notice).center());
    QVERIFY(main->calendarShown());
    QVERIFY(main->calendar()->firstDay() <= day && day < main->calendar()->firstDay().addDays(7));
    QCOMPARE(main->calendar()->selectedAppointment(), id);
    AppointmentDialog *details = nullptr;
    QTRY_VERIFY((details = main->findChild<AppointmentDialog *>()) && details->isVisible());
    details->close();
    main->showLeads();
}

void tst_Calendar::bookByClicking(qint64 start)
{
    MainWindow *main = window();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    main->showCalendar();
    CalendarView *calendar = main->calendar();
    calendar->setDate(QDateTime::fromMSecsSinceEpoch(start).date());
    bool booked = false;
    CrmTest::whenShown<BookingDialog>([&](BookingDialog *dialog) {
        CrmTest::pickFirstCompletion(dialog->leadBox(), QStringLiteral("Quentin B"));
        QTest::keyClick(dialog->meetingLinkEdit(), Qt::Key_Return);
        booked = !dialog->isVisible();
        if (!booked) {
            qWarning().noquote() << "Not booked:" << dialog->errorLabel()->text();
            dialog->reject();
        }
    });
    QTest::mouseClick(calendar,
                      Qt::LeftButton,
                      Qt::NoModifier,
                      calendar->pointAt(start + 7 * Minute));
    QVERIFY(booked);
}

void tst_Calendar::syncNow()
{
    for (QAction *action : window()->findChildren<QAction *>()) {
        if (action->text() == u"&Sync now"_qs) {
            action->trigger();
            return;
        }
    }
    QFAIL("No Sync now action");
}

bool tst_Calendar::restartServer()
{
    return m_server.start({u"--listen"_qs, u"127.0.0.1:%1"_qs.arg(m_port)});
}

void tst_Calendar::detailsExportAnIcsFile()
{
    // Export .ics… asks where (the name from the date) and saves the server's iCalendar of it:
    // a VCALENDAR with the appointment's UID and time, as a calendar app reads it.
    MainWindow *main = window();
    QVERIFY(!m_bookedId.isEmpty());
    AppointmentDialog *details = main->showAppointment(m_bookedId);
    QVERIFY(details);
    QVERIFY(details->exportButton()->isEnabled());
    const QJsonObject onServer = serverAppointment(m_bookedId);
    const qint64 start = WireTime::fromWire(onServer[u"scheduledDate"_qs].toString()).value_or(0);
    QVERIFY(start > 0);
    const QString expectedName = u"appointment-%1.ics"_qs.arg(
        QDateTime::fromMSecsSinceEpoch(start).toString(u"yyyy-MM-dd-HHmm"_qs));
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"exported.ics"_qs);
    QString offered;
    CrmTest::whenShown<QFileDialog>([&](QFileDialog *dialog) {
        offered = dialog->selectedFiles().value(0);
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept"); // Save
    });
    QSignalSpy exported(details, &AppointmentDialog::exported);
    QTest::mouseClick(details->exportButton(), Qt::LeftButton);
    QVERIFY2(offered.endsWith(u"/"_qs + expectedName), qPrintable(offered));
    QVERIFY(!exported.isEmpty() || exported.wait(10000));
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(details->messageLabel()->text()));
    QVERIFY(details->messageLabel()->text().startsWith(u"Exported to"_qs));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.startsWith("BEGIN:VCALENDAR"), text.left(80).constData());
    const QList<IcsEvent> events = icsEvents(text);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().uid, m_bookedId + u"@agent-crm"_qs);
    QCOMPARE(events.first().start, start);
    QCOMPARE(events.first().end, start + onServer[u"duration"_qs].toInt() * Minute);
    details->close();
}

void tst_Calendar::feedLinkIsCopiedAndMadeNew()
{
    // Copy calendar feed URL: a link any calendar app can subscribe to (the server answers it
    // with the calendar); copied again, the same link (kept in the keychain). Calendar feed >
    // New calendar feed URL… (confirmed) makes another: the old one stops working.
    MainWindow *main = window();
    AppointmentDialog *details = main->showAppointment(m_bookedId);
    QVERIFY(details);
    QGuiApplication::clipboard()->clear();
    // This computer knows no link yet: making one is asked first (it would end one made
    // elsewhere).
    QString firstQuestion;
    CrmTest::answerNextMessageBox(u"Make link"_qs, &firstQuestion);
    details->feedUrlButton()->click(); // (a mouse click would let the answer run before the question)
    QVERIFY2(firstQuestion.contains(u"stops updating"_qs), qPrintable(firstQuestion));
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().startsWith(
                                 m_server.baseUrl().toString()
                                 + u"/api/agent/calendar.ics?token="_qs),
                             10000);
    const QString first = QGuiApplication::clipboard()->text();
    QVERIFY2(details->messageLabel()->text().startsWith(u"Calendar feed link made and copied"_qs),
             qPrintable(details->messageLabel()->text()));
    details->close();
    auto fetch = [this](const QString &url) { return m_server.requestRaw("GET", url, {}, {}, {}); };
    auto reply = fetch(first);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.header("Content-Type").startsWith("text/calendar"),
             reply.header("Content-Type").constData());
    const QList<IcsEvent> events = icsEvents(reply.raw);
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [this](const IcsEvent &event) {
        return event.uid == m_bookedId + u"@agent-crm"_qs;
    }));

    // Again: the same link, without a new token.
    QGuiApplication::clipboard()->clear();
    main->showCalendar();
    auto *feedButton = main->findChild<QPushButton *>(u"calendarFeed"_qs);
    QVERIFY(feedButton && feedButton->isVisible());
    const QList<QAction *> actions = feedButton->menu()->actions();
    QCOMPARE(actions.size(), 2);
    actions.at(0)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), first, 5000);
    QCOMPARE(fetch(first).status, 200);

    // A new link, after the question.
    QString asked;
    CrmTest::answerNextMessageBox(u"Make new link"_qs, &asked);
    actions.at(1)->trigger();
    QVERIFY2(asked.contains(u"stop updating"_qs), qPrintable(asked));
    QTRY_VERIFY_WITH_TIMEOUT(!QGuiApplication::clipboard()->text().isEmpty()
                                 && QGuiApplication::clipboard()->text() != first,
                             10000);
    const QString second = QGuiApplication::clipboard()->text();
    QCOMPARE(fetch(first).status, 401);
    reply = fetch(second);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("text/calendar"));
    QVERIFY(main->statusBar()->currentMessage().contains(u"old one no longer works"_qs));
}

void tst_Calendar::followUpTaskFromDetails()
{
    // Follow-up task… opens the lead with its follow-up form filled from the appointment (the
    // day after it ends, a note naming it); setting it sends it to the server.
    MainWindow *main = window();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    AppointmentDialog *details = main->showAppointment(m_bookedId);
    QVERIFY(details);
    const QJsonObject onServer = serverAppointment(m_bookedId);
    const qint64 end = WireTime::fromWire(onServer[u"scheduledDate"_qs].toString()).value_or(0)
                       + onServer[u"duration"_qs].toInt() * Minute;
    QTest::mouseClick(details->followUpButton(), Qt::LeftButton);
    QTRY_VERIFY(!main->calendarShown());
    QCOMPARE(main->detail()->leadId(), m_leadId);
    FollowUpsWidget *followUps = main->detail()->followUps();
    QCOMPARE(followUps->dueEdit()->dateTime().toMSecsSinceEpoch(), end + Day);
    const QString note = followUps->noteEdit()->text();
    QVERIFY2(note.startsWith(u"After the appointment of "_qs) && note.contains(u"Consultation"_qs),
             qPrintable(note));
    QTRY_COMPARE(main->focusWidget(), static_cast<QWidget *>(followUps->noteEdit()));
    QTest::mouseClick(followUps->addButton(), Qt::LeftButton);
    QVERIFY(followUps->noteEdit()->text().isEmpty());
    auto reached = [&] {
        const auto reply = m_server.request("GET",
                                            u"/api/agent/follow-ups?dueBefore=%1"_qs.arg(
                                                WireTime::toWire(end + 30 * Day)),
                                            {},
                                            m_gina);
        for (const QJsonValue &item : reply.json[u"items"_qs].toArray()) {
            if (item[u"note"_qs].toString() == note && item[u"leadId"_qs].toString() == m_leadId)
                return WireTime::fromWire(item[u"dueAt"_qs].toString()).value_or(0) == end + Day;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reached(), 10000);
}

void tst_Calendar::openLeadHistoryFromDetails()
{
    // Open lead history: one click from the appointment to the lead's history, which records
    // the booking.
    MainWindow *main = window();
    main->showCalendar();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));
    AppointmentDialog *details = main->showAppointment(m_bookedId);
    QVERIFY(details);
    QCOMPARE(details->openLeadButton()->text(), u"Open lead &history"_qs);
    QTest::mouseClick(details->openLeadButton(), Qt::LeftButton);
    QTRY_VERIFY(!main->calendarShown());
    QCOMPARE(main->detail()->leadId(), m_leadId);
    QListView *history = main->detail()->historyView();
    QTRY_COMPARE(main->focusWidget(), static_cast<QWidget *>(history));
    QCOMPARE(history->currentIndex().row(), 0);
    bool booked = false;
    for (int row = 0; row < history->model()->rowCount(); ++row)
        booked = booked
                 || history->model()->index(row, 0).data().toString().contains(
                     u"Consultation booked for"_qs);
    QVERIFY(booked);
}

void tst_Calendar::offlineBookingIsPendingUntilTheServerTakesIt()
{
    // With the server stopped, a slot clicked in the calendar is booked here at once, drawn as
    // pending (its tooltip and accessible text say so) and counted in the status bar; an export
    // says it needs the server. With the server back, the next sync confirms it.
    MainWindow *main = window();
    m_server.stop();
    const qint64 thursdayTen = QDateTime(m_tuesday.addDays(2), QTime(10, 0)).toMSecsSinceEpoch();
    bookByClicking(thursdayTen);
    CalendarModel *model = main->calendarModel();
    QString id;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(CalendarModel::StartRole).toLongLong() == thursdayTen)
            id = model->index(row).data(CalendarModel::IdRole).toString();
    }
    QVERIFY(!id.isEmpty());
    QVERIFY(model->index(model->rowOf(id)).data(CalendarModel::PendingRole).toBool());
    QVERIFY(statusBarShows(main, u"Appointments to be confirmed: 1"_qs));
    CalendarView *calendar = main->calendar();
    const QRect block = calendar->blockRect(id);
    QVERIFY(!block.isEmpty());
    QHelpEvent help(QEvent::ToolTip, block.center(), calendar->mapToGlobal(block.center()));
    QApplication::sendEvent(calendar, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"to be confirmed"_qs), qPrintable(QToolTip::text()));
    QToolTip::hideText();
    QTest::mouseClick(calendar, Qt::LeftButton, Qt::NoModifier, block.center());
    QCOMPARE(calendar->selectedAppointment(), id);
    QVERIFY2(calendar->accessibleDescription().contains(u"to be confirmed"_qs),
             qPrintable(calendar->accessibleDescription()));

    // Still pending after a failed sync; exporting needs the server.
    syncNow();
    QTest::qWait(1500);
    QVERIFY(model->index(model->rowOf(id)).data(CalendarModel::PendingRole).toBool());
    AppointmentDialog *pending = main->showAppointment(id);
    QVERIFY(!pending->exportButton()->isEnabled()); // the server has not written it yet
    pending->close();
    AppointmentDialog *confirmed = main->showAppointment(m_bookedId);
    QTemporaryDir folder;
    QSignalSpy exported(confirmed, &AppointmentDialog::exported);
    confirmed->exportTo(folder.filePath(u"offline.ics"_qs));
    QVERIFY(!exported.isEmpty() || exported.wait(35000));
    QCOMPARE(exported.first().at(0).toBool(), false);
    QVERIFY2(confirmed->messageLabel()->text().contains(u"made by the server"_qs),
             qPrintable(confirmed->messageLabel()->text()));
    QVERIFY(!QFile::exists(folder.filePath(u"offline.ics"_qs)));
    confirmed->close();

    // The server is back: confirmed, no longer counted, and the server has it.
    QVERIFY2(restartServer(), qPrintable(m_server.serverLog()));
    m_gina = m_server.login(GinaEmail);
    syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(id) >= 0
                                 && !model->index(model->rowOf(id))
                                         .data(CalendarModel::PendingRole)
                                         .toBool(),
                             20000);
    QTRY_VERIFY(!statusBarShows(main, u"Appointments to be confirmed: 1"_qs));
    const QJsonObject onServer = serverAppointment(id);
    QCOMPARE(WireTime::fromWire(onServer[u"scheduledDate"_qs].toString()).value_or(0), thursdayTen);
    QCOMPARE(onServer[u"leadId"_qs].toString(), m_leadId);
}

void tst_Calendar::refusedOfflineBookingIsRebookedFromASuggestion()
{
    // Booked offline at a time someone else takes on the server meanwhile: back online the
    // server refuses it; the conflict dialog says the slot was taken and offers free times;
    // one click on the first books it there, and the server has it.
    MainWindow *main = window();
    m_server.stop();
    const qint64 fridayTen = QDateTime(m_tuesday.addDays(3), QTime(10, 0)).toMSecsSinceEpoch();
    bookByClicking(fridayTen);
    CalendarModel *model = main->calendarModel();
    QString mine;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(CalendarModel::StartRole).toLongLong() == fridayTen)
            mine = model->index(row).data(CalendarModel::IdRole).toString();
    }
    QVERIFY(!mine.isEmpty());
    QVERIFY(model->index(model->rowOf(mine)).data(CalendarModel::PendingRole).toBool());

    // Meanwhile, on the server (somewhere this desktop does not reach): Friday 10:00 is taken.
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    QVERIFY(m_server.baseUrl().port() != m_port);
    const QString token = m_server.login(GinaEmail);
    const auto taken = m_server.request("POST",
                                        u"/api/appointments"_qs,
                                        QJsonObject{{u"providerId"_qs, m_ginaId},
                                                    {u"appointmentType"_qs, u"enrollment"_qs},
                                                    {u"scheduledDate"_qs,
                                                     WireTime::toWire(fridayTen)},
                                                    {u"duration"_qs, 60}},
                                        token);
    QCOMPARE(taken.status, 201);
    const QString takenId = taken.json[u"id"_qs].toString();
    m_server.stop();

    // Online again: refused, and the dialog tells why with the free times.
    QVERIFY2(restartServer(), qPrintable(m_server.serverLog()));
    m_gina = m_server.login(GinaEmail);
    syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(mine) < 0 && model->rowOf(takenId) >= 0, 20000);
    // The notice says so; a click on it shows the refusal (the booking itself is gone).
    main->toggleNotifications();
    NotificationCenter *center = main->notifications();
    QModelIndex notice;
    QTRY_VERIFY_WITH_TIMEOUT(
        (
            center->reload(),
            notice =
                [&] {
                    for (int row = 0; row < center->model()->rowCount(); ++row) {
                        const QModelIndex index = center->model()->index(row, 0);
                        if (index.data(NotificationListModel::EntityIdRole).toString() == mine)
                            return index;
                    }
                    return QModelIndex();
                }(),
            notice.isValid()),
        10000);
    QCOMPARE(notice.data(NotificationListModel::TitleRole).toString(),
             u"Booking not accepted: Quentin Blake"_qs);
    QTest::mouseClick(center->view()->viewport(),
                      Qt::LeftButton,
                      Qt::NoModifier,
                      center->view()->visualRect(notice).center());
    ConflictDialog *conflicts = main->findChild<ConflictDialog *>();
    QVERIFY2(conflicts && conflicts->isVisible(), qPrintable(main->statusBar()->currentMessage()));
    main->toggleNotifications();
    QTRY_VERIFY_WITH_TIMEOUT((conflicts->reload(), conflicts->table()->rowCount() == 1), 10000);
    QTableWidget *table = conflicts->table();
    QCOMPARE(table->item(0, 0)->text(), u"Appointment: Quentin Blake"_qs);
    QCOMPARE(table->item(0, 1)->text(), u"Booking not accepted"_qs);
    const QString why = table->item(0, 2)->text();
    QVERIFY2(why.contains(u"taken meanwhile by another appointment"_qs) && why.contains(u"10:00"_qs)
                 && why.contains(u"11:00"_qs),
             qPrintable(why));
    const QList<QPushButton *> suggestions = table->cellWidget(0, 4)->findChildren<QPushButton *>(
        u"suggestion"_qs);
    QVERIFY(!suggestions.isEmpty());
    // The first suggestion: the server's nearest free time of the same length.
    const QList<ConflictReader::OpenConflict> open = ConflictReader(main->cache().database()).open();
    QCOMPARE(open.size(), 1);
    const qint64 offered = WireTime::fromWire(
                               open.first().details[u"suggestions"_qs][0][u"start"_qs].toString())
                               .value_or(0);
    QVERIFY(offered >= fridayTen + Hour
            || offered + 30 * Minute <= fridayTen); // clear of the taken hour
    QPushButton *first = suggestions.first();
    QCOMPARE(first->toolTip(), u"Book it at %1 instead"_qs.arg(DisplayTime::dateTime(offered)));
    QTest::mouseClick(first, Qt::LeftButton);
    QTRY_COMPARE(table->rowCount(), 0);
    QString rebooked;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(CalendarModel::StartRole).toLongLong() == offered)
            rebooked = model->index(row).data(CalendarModel::IdRole).toString();
    }
    QVERIFY(!rebooked.isEmpty());
    QCOMPARE(model->index(model->rowOf(rebooked)).data(CalendarModel::LeadIdRole).toString(),
             m_leadId);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(rebooked) >= 0
                                 && !model->index(model->rowOf(rebooked))
                                         .data(CalendarModel::PendingRole)
                                         .toBool(),
                             20000);
    const QJsonObject onServer = serverAppointment(rebooked);
    QCOMPARE(WireTime::fromWire(onServer[u"scheduledDate"_qs].toString()).value_or(0), offered);
    QCOMPARE(onServer[u"leadId"_qs].toString(), m_leadId);
    QCOMPARE(onServer[u"appointmentType"_qs].toString(), u"consultation"_qs);
    conflicts->close();
}

int main(int argc, char **argv)
{
    // Gina's hours are in UTC and so is her desktop: the grid's positions are the test's.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    tst_Calendar test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_calendar.moc"
