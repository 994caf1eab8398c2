// The availability editor against a real crm-server and the real keychain, driven through its
// widgets: Monday's hours changed to 10:00-12:00 reach the server's slots and the calendar's
// shading; time off added in the dialog reaches the server and hatches in the calendar, and
// removing it works; a window that ends before it starts is named and nothing is sent.
#include "availabilityeditor.h"
#include "calendarview.h"
#include "desktopsession.h"
#include "domain/availability.h"
#include "domain/wiretime.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "mainwindow.h"
#include "serverprocess.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");
const QString VeraEmail = QStringLiteral("vera@availability.example");
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

qint64 at(const QDate &date, int hour)
{
    return QDateTime(date, QTime(hour, 0), Qt::UTC).toMSecsSinceEpoch();
}

// Chooses a time in a time box as a keyboard user does: F4 opens its list, typing the time
// finds it, Enter takes it.
void chooseTime(QComboBox *box, const QString &typed)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Home); // the search starts from the top of the list
    QTest::keyClick(box, Qt::Key_F4);
    QTest::keyClicks(box->view(), typed);
    QTest::keyClick(box->view(), Qt::Key_Return);
}

// The Alt+letters that more than one button or labelled field of the dialog use.
QStringList accessKeysUsedTwice(QWidget *dialog)
{
    QMap<QChar, QStringList> keys;
    auto note = [&keys](const QString &text) {
        const qsizetype at = text.indexOf(QLatin1Char('&'));
        if (at >= 0 && at + 1 < text.size() && text[at + 1] != QLatin1Char('&'))
            keys[text[at + 1].toLower()] << text;
    };
    for (QAbstractButton *button : dialog->findChildren<QAbstractButton *>())
        note(button->text());
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->buddy())
            note(label->text());
    }
    QStringList twice;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        if (it.value().size() > 1)
            twice << it.value().join(u" / "_qs);
    }
    return twice;
}

} // namespace

class tst_AvailabilityEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void mondayHoursReachTheServerAndTheShading();
    void invalidWindowIsNamedAndNothingIsSaved();
    void timeOffIsAddedAndRemoved();
    void refusalIsShownAndTheEditsStay();
    void eachAccessKeyOnceInEnglishAndSpanish();
    void offlineSaveKeepsTheEdits(); // last: stops the server

private:
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    AvailabilityEditor *openFromCalendar();
    bool saveAndWait(AvailabilityEditor *editor);
    QJsonArray serverSlots(const QDate &day);
    QJsonObject serverAvailability();

    ServerProcess m_server;
    QString m_veraId;
    QString m_vera; // token
    QDate m_monday; // next week's
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopSession> m_session;
};

QJsonArray tst_AvailabilityEditor::serverSlots(const QDate &day)
{
    const auto reply = m_server
                           .request("GET",
                                    u"/api/appointments/availability?providerId=%1&from=%2&to=%3"_qs
                                        .arg(m_veraId,
                                             WireTime::toWire(at(day, 0)),
                                             WireTime::toWire(at(day, 0) + Day)),
                                    {},
                                    m_vera);
    return reply.json.value(u"slots"_qs).toArray();
}

QJsonObject tst_AvailabilityEditor::serverAvailability()
{
    return m_server.request("GET", u"/api/providers/%1/availability"_qs.arg(m_veraId), {}, m_vera)
        .json;
}

void tst_AvailabilityEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    m_veraId = m_server.addUser(VeraEmail, u"Vera Agent"_qs, u"agent"_qs, Password, 1);
    QVERIFY(!m_veraId.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_vera = m_server.login(VeraEmail);
    QVERIFY(!m_vera.isEmpty());
    // Vera's hours: Monday to Friday 09:00-17:00 UTC (the test runs in UTC).
    const auto put = m_server.request("PUT",
                                      u"/api/providers/%1/availability"_qs.arg(m_veraId),
                                      Availability::defaults(u"UTC"_qs).toJson(),
                                      m_vera);
    QVERIFY2(put.status == 200, put.raw.constData());
    const QDate today = QDate::currentDate();
    m_monday = today.addDays(8 - today.dayOfWeek());

    QVERIFY(m_dir.isValid());
    DesktopSession::Options options;
    options.dataDir = m_dir.path();
    options.server = m_server.baseUrl().toString();
    options.email = VeraEmail;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT((window()->calendarModel()->reload(),
                              window()->calendarModel()->availabilityKnown()),
                             20000);
}

void tst_AvailabilityEditor::cleanupTestCase()
{
    m_session.reset();
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")),
             qPrintable(m_server.serverLog()));
}

AvailabilityEditor *tst_AvailabilityEditor::openFromCalendar()
{
    MainWindow *main = window();
    if (!main)
        return nullptr;
    main->showCalendar();
    auto *button = main->findChild<QPushButton *>(u"availabilityButton"_qs);
    if (!button || !button->isVisible())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    const QList<AvailabilityEditor *> editors = main->findChildren<AvailabilityEditor *>();
    for (AvailabilityEditor *editor : editors) {
        if (editor->isVisible())
            return editor;
    }
    return nullptr;
}

bool tst_AvailabilityEditor::saveAndWait(AvailabilityEditor *editor)
{
    QPointer<AvailabilityEditor> open(editor);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    // It closes once the server has taken everything.
    QElapsedTimer timer;
    timer.start();
    while (open && open->isVisible() && timer.elapsed() < 15000)
        QTest::qWait(50);
    if (open && open->isVisible())
        qWarning().noquote() << "Still open:" << open->messageLabel()->text();
    return !open || !open->isVisible();
}

void tst_AvailabilityEditor::mondayHoursReachTheServerAndTheShading()
{
    AvailabilityEditor *editor = openFromCalendar();
    QVERIFY(editor);
    // Loaded from the cache: Vera's weekdays, 9 to 5 in UTC.
    QCOMPARE(editor->timeZoneBox()->currentText(), u"UTC"_qs);
    QVERIFY(editor->dayCheck(1)->isChecked());
    QVERIFY(!editor->dayCheck(0)->isChecked());
    QCOMPARE(editor->windowCount(1), 1);
    QCOMPARE(editor->startBox(1, 0)->currentText(), u"9:00 AM"_qs);

    chooseTime(editor->startBox(1, 0), u"10:00"_qs);
    chooseTime(editor->endBox(1, 0), u"12:00"_qs);
    QCOMPARE(editor->startBox(1, 0)->currentText(), u"10:00 AM"_qs);
    QCOMPARE(editor->endBox(1, 0)->currentText(), u"12:00 PM"_qs);

    // The preview follows before anything is saved: Mondays only between 10 and 12.
    auto mondaysInside = [editor] {
        int mondaySlots = 0;
        for (const TimeRange &slot : editor->previewSlots()) {
            const QDateTime start = QDateTime::fromMSecsSinceEpoch(slot.start, Qt::UTC);
            if (start.date().dayOfWeek() != 1)
                continue;
            ++mondaySlots;
            if (slot.start < at(start.date(), 10) || slot.end > at(start.date(), 12))
                return false;
        }
        return mondaySlots > 0;
    };
    QTRY_VERIFY(mondaysInside());

    QVERIFY(saveAndWait(editor));

    // The server offers next Monday's slots between 10 and 12 only; Tuesday keeps 9 to 5.
    const QJsonArray monday = serverSlots(m_monday);
    QVERIFY(!monday.isEmpty());
    for (const QJsonValue &slot : monday) {
        const qint64 start = WireTime::fromWire(slot[u"start"_qs].toString()).value_or(0);
        const qint64 end = WireTime::fromWire(slot[u"end"_qs].toString()).value_or(0);
        QVERIFY2(start >= at(m_monday, 10) && end <= at(m_monday, 12),
                 qPrintable(slot[u"start"_qs].toString()));
    }
    QCOMPARE(WireTime::fromWire(monday.first()[u"start"_qs].toString()).value_or(0),
             at(m_monday, 10));
    const QJsonArray tuesday = serverSlots(m_monday.addDays(1));
    QVERIFY(!tuesday.isEmpty());
    QCOMPARE(WireTime::fromWire(tuesday.first()[u"start"_qs].toString()).value_or(0),
             at(m_monday.addDays(1), 9));

    // After the sync the calendar shades Monday open from 10 to 12 only.
    MainWindow *main = window();
    main->calendar()->setDate(m_monday);
    CalendarModel *model = main->calendarModel();
    auto mondayOpen = [&] {
        model->reload();
        QList<TimeRange> open;
        for (const TimeRange &range : model->openRanges()) {
            if (range.start >= at(m_monday, 0) && range.end <= at(m_monday, 0) + Day)
                open << range;
        }
        return open;
    };
    QTRY_COMPARE_WITH_TIMEOUT(mondayOpen(),
                              (QList<TimeRange>{{at(m_monday, 10), at(m_monday, 12)}}),
                              15000);
}

void tst_AvailabilityEditor::invalidWindowIsNamedAndNothingIsSaved()
{
    const QJsonObject before = serverAvailability();
    QVERIFY(before.contains(u"weekly"_qs));
    AvailabilityEditor *editor = openFromCalendar();
    QVERIFY(editor);
    // Wednesday from 12:00 to 10:00.
    chooseTime(editor->startBox(3, 0), u"12:00"_qs);
    chooseTime(editor->endBox(3, 0), u"10:00"_qs);
    QCOMPARE(editor->endBox(3, 0)->currentText(), u"10:00 AM"_qs);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    const QString said = editor->messageLabel()->text();
    QVERIFY2(editor->messageLabel()->isVisible() && said.startsWith(u"Weekly hours:"_qs)
                 && said.contains(u"end after it starts"_qs),
             qPrintable(said));
    QVERIFY(editor->isVisible()); // the edits stay
    QCOMPARE(editor->endBox(3, 0)->currentText(), u"10:00 AM"_qs);
    QTest::qWait(300);
    QCOMPARE(serverAvailability().value(u"weekly"_qs), before.value(u"weekly"_qs));
    editor->reject();
}

void tst_AvailabilityEditor::timeOffIsAddedAndRemoved()
{
    const QDate tuesday = m_monday.addDays(1);
    AvailabilityEditor *editor = openFromCalendar();
    QVERIFY(editor);
    QCOMPARE(editor->timeOffTable()->rowCount(), 0);
    editor->timeOffStartEdit()->setDateTime(QDateTime(tuesday, QTime(13, 0)));
    editor->timeOffEndEdit()->setDateTime(QDateTime(tuesday, QTime(15, 0)));
    QTest::keyClicks(editor->timeOffReasonEdit(), u"Dentist"_qs);
    QTest::mouseClick(editor->addTimeOffButton(), Qt::LeftButton);
    QCOMPARE(editor->timeOffTable()->rowCount(), 1);
    QCOMPARE(editor->timeOffTable()->item(0, 2)->text(), u"Dentist"_qs);
    QCOMPARE(editor->timeOffTable()->item(0, 3)->text(), u"Sent when you save"_qs);
    // The preview leaves those hours out already.
    auto tuesdayHasTheGap = [&] {
        bool before = false;
        for (const TimeRange &slot : editor->previewSlots()) {
            if (slot.overlaps({at(tuesday, 13), at(tuesday, 15)}))
                return false;
            before = before || slot.start == at(tuesday, 12);
        }
        return before;
    };
    QTRY_VERIFY(tuesdayHasTheGap());
    QVERIFY(saveAndWait(editor));

    // On the server, and no slot in it.
    const QJsonArray timeOff = serverAvailability().value(u"timeOff"_qs).toArray();
    QCOMPARE(timeOff.size(), 1);
    QCOMPARE(timeOff.first()[u"reason"_qs].toString(), u"Dentist"_qs);
    QCOMPARE(WireTime::fromWire(timeOff.first()[u"start"_qs].toString()).value_or(0),
             at(tuesday, 13));
    for (const QJsonValue &slot : serverSlots(tuesday)) {
        const qint64 start = WireTime::fromWire(slot[u"start"_qs].toString()).value_or(0);
        QVERIFY(start + 30 * Minute <= at(tuesday, 13) || start >= at(tuesday, 15));
    }
    // Hatched in the calendar after the sync.
    MainWindow *main = window();
    main->calendar()->setDate(tuesday);
    CalendarModel *model = main->calendarModel();
    QTRY_COMPARE_WITH_TIMEOUT((model->reload(), model->timeOff()),
                              (QList<TimeRange>{{at(tuesday, 13), at(tuesday, 15)}}),
                              15000);

    // Removed: chosen in the list, Remove, Save.
    editor = openFromCalendar();
    QVERIFY(editor);
    QTRY_COMPARE(editor->timeOffTable()->rowCount(), 1);
    QCOMPARE(editor->timeOffTable()->item(0, 3)->text(), u"Saved"_qs);
    QVERIFY(!editor->removeTimeOffButton()->isEnabled());
    QTableWidget *table = editor->timeOffTable();
    QTest::mouseClick(table->viewport(),
                      Qt::LeftButton,
                      Qt::NoModifier,
                      table->visualItemRect(table->item(0, 2)).center());
    QVERIFY(editor->removeTimeOffButton()->isEnabled());
    QTest::mouseClick(editor->removeTimeOffButton(), Qt::LeftButton);
    QCOMPARE(editor->timeOffTable()->rowCount(), 0);
    QVERIFY(saveAndWait(editor));
    QCOMPARE(serverAvailability().value(u"timeOff"_qs).toArray().size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT((model->reload(), model->timeOff().isEmpty()), 15000);
}

void tst_AvailabilityEditor::refusalIsShownAndTheEditsStay()
{
    // Time off Vera removes here while it is removed elsewhere too: the server says no such
    // time off, the dialog says so and keeps her other edit; saving again goes through.
    const QDate thursday = m_monday.addDays(3);
    const QString path = u"/api/providers/%1/time-off"_qs.arg(m_veraId);
    const auto added = m_server.request("POST",
                                        path,
                                        QJsonObject{{u"start"_qs,
                                                     WireTime::toWire(at(thursday, 10))},
                                                    {u"end"_qs, WireTime::toWire(at(thursday, 11))},
                                                    {u"reason"_qs, u"Course"_qs}},
                                        m_vera);
    QCOMPARE(added.status, 201);
    CalendarModel *model = window()->calendarModel();
    window()->calendar()->setDate(thursday);
    QTRY_COMPARE_WITH_TIMEOUT((model->reload(), model->timeOff().size()), 1, 15000);

    AvailabilityEditor *editor = openFromCalendar();
    QVERIFY(editor);
    QCOMPARE(editor->timeOffTable()->rowCount(), 1);
    chooseTime(editor->endBox(4, 0), u"3:00 PM"_qs);
    QCOMPARE(editor->endBox(4, 0)->currentText(), u"3:00 PM"_qs);
    QTableWidget *table = editor->timeOffTable();
    QTest::mouseClick(table->viewport(),
                      Qt::LeftButton,
                      Qt::NoModifier,
                      table->visualItemRect(table->item(0, 0)).center());
    QTest::mouseClick(editor->removeTimeOffButton(), Qt::LeftButton);
    QCOMPARE(editor->timeOffTable()->rowCount(), 0);
    const QString id = added.json[u"id"_qs].toString();
    QCOMPARE(m_server.request("DELETE", path + u"/"_qs + id, {}, m_vera).status, 204);

    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->messageLabel()->text().startsWith(
                                 u"The server did not accept"_qs),
                             15000);
    QVERIFY2(editor->messageLabel()->text().contains(u"No such time off"_qs),
             qPrintable(editor->messageLabel()->text()));
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->endBox(4, 0)->currentText(), u"3:00 PM"_qs);
    QVERIFY(saveAndWait(editor));
    bool thursdayUntilThree = false;
    for (const QJsonValue &entry : serverAvailability().value(u"weekly"_qs).toArray()) {
        if (entry[u"dayOfWeek"_qs].toInt() == 4)
            thursdayUntilThree = entry[u"endTime"_qs].toString() == u"15:00"_qs;
    }
    QVERIFY(thursdayUntilThree);
}

void tst_AvailabilityEditor::eachAccessKeyOnceInEnglishAndSpanish()
{
    MainWindow *main = window();
    QVERIFY(main);
    for (const QLocale &locale :
         {QLocale(QLocale::English), QLocale(QLocale::Spanish, QLocale::UnitedStates)}) {
        QVERIFY(Translations::install(locale));
        AvailabilityEditor editor(main->cache(), nullptr, m_veraId);
        editor.show();
        QVERIFY(editor.dayCheck(1)->isChecked());
        const QStringList twice = accessKeysUsedTwice(&editor);
        QVERIFY2(twice.isEmpty(), qPrintable(twice.join(u"; "_qs)));
        if (locale.language() == QLocale::Spanish)
            QCOMPARE(editor.dayCheck(1)->text(), u"Lunes"_qs);
    }
    QVERIFY(Translations::install(QLocale(QLocale::English)));
}

void tst_AvailabilityEditor::offlineSaveKeepsTheEdits()
{
    m_server.stop();
    AvailabilityEditor *editor = openFromCalendar();
    QVERIFY(editor);
    // Friday until 4 PM; the preview follows offline, from the cache.
    chooseTime(editor->endBox(5, 0), u"4:00 PM"_qs);
    QCOMPARE(editor->endBox(5, 0)->currentText(), u"4:00 PM"_qs);
    const QDate friday = m_monday.addDays(4);
    auto fridayEndsAtFour = [&] {
        bool any = false;
        for (const TimeRange &slot : editor->previewSlots()) {
            if (QDateTime::fromMSecsSinceEpoch(slot.start, Qt::UTC).date() != friday)
                continue;
            any = true;
            if (slot.end > at(friday, 16))
                return false;
        }
        return any;
    };
    QTRY_VERIFY(fridayEndsAtFour());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->messageLabel()->text().startsWith(
                                 u"Saving needs the server"_qs),
                             60000);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->saveButton()->isEnabled()); // ready to try again
    QCOMPARE(editor->endBox(5, 0)->currentText(), u"4:00 PM"_qs);
    QVERIFY(editor->isModified());
    editor->reject();
}

int main(int argc, char **argv)
{
    // Vera's hours are in UTC and so is her desktop.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    tst_AvailabilityEditor test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_availabilityeditor.moc"
