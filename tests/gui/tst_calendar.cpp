// The desktop calendar against a real crm-server and the real keychain, driven with real mouse
// events: book by clicking free time (the server has the appointment and its reminders), move a
// block by dragging it (the server has the new time), and a drag onto a taken slot that is
// refused on the spot (the block springs back, the free times are named).
#include "bookingdialog.h"
#include "calendarview.h"
#include "desktopsession.h"
#include "domain/availability.h"
#include "domain/wiretime.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "leaddetailpanel.h"
#include "guisupport.h"
#include "mainwindow.h"
#include "appointmentdialog.h"
#include "serverprocess.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QAbstractButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using CrmTest::ServerProcess;
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

} // namespace

class tst_Calendar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bookByClickingAFreeSlot();
    void dragABlockToAnotherTime();
    void dragOntoATakenSlotSpringsBack();
    void scheduleConsultationFromALead();
    void detailsShowRemindersAndSendOneNow();

private:
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    QJsonObject serverAppointment(const QString &id);
    QJsonArray serverAppointments();

    ServerProcess m_server;
    QString m_ginaId;
    QString m_gina; // token
    QString m_leadId;
    QString m_bookedId;
    QDate m_tuesday; // next week's
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
    m_gina = m_server.login(GinaEmail);
    QVERIFY(!m_gina.isEmpty());
    // Gina's hours: Monday to Friday 09:00-17:00 UTC (the test runs in UTC).
    const auto put = m_server.request("PUT",
                                      u"/api/providers/%1/availability"_qs.arg(m_ginaId),
                                      Availability::defaults(u"UTC"_qs).toJson(),
                                      m_gina);
    QVERIFY2(put.status == 200, put.raw.constData());
    m_leadId = m_server
                   .submitContactForm({{u"firstName"_qs, u"Quentin"_qs},
                                       {u"lastName"_qs, u"Blake"_qs},
                                       {u"email"_qs, u"quentin.blake@example.com"_qs},
                                       {u"phone"_qs, u"+13125552001"_qs}})[u"id"_qs]
                   .toString();
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
        QLineEdit *lead = dialog->leadBox()->lineEdit();
        lead->setFocus();
        QTest::keyClicks(lead, QStringLiteral("Quentin B"));
        QAbstractItemView *popup = dialog->leadBox()->completer()->popup();
        if (popup->isVisible()) {
            popup->setCurrentIndex(popup->model()->index(0, 0));
            QTest::keyClick(popup, Qt::Key_Return);
        }
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
    bool counted = false; // the status bar counts it until the server confirms it
    for (QLabel *label : main->statusBar()->findChildren<QLabel *>())
        counted = counted || label->text() == u"Appointments to be confirmed: 1"_qs;
    if (model->index(0).data(CalendarModel::PendingRole).toBool())
        QVERIFY(counted);
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
    auto toConfirmShown = [main] {
        const QList<QLabel *> labels = main->statusBar()->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
            return label->isVisible() && label->text().startsWith(u"Appointments to be confirmed"_qs);
        });
    };
    QTRY_VERIFY(!toConfirmShown());
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
