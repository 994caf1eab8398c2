// The calendar's week grid over a real encrypted cache (filled through the pull path), driven
// with real mouse events on the offscreen platform: overlapping blocks side by side, a click on
// free time asks for a booking at its quarter hour, a drag asks for a move snapped to the
// quarter hour, Esc cancels a drag, and the week and day spans. With CRM_SCREENSHOT_DIR set it
// also renders the week (light and dark) to PNG files there.
#include "cachefixture.h"
#include "calendarview.h"
#include "item/calendarmodel.h"

#include <QAccessible>
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-0000000000b1");
const QString Lead2Id = QStringLiteral("00000000-0000-4000-8000-0000000000b2");
const QString TenId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");      // Mon 10:00
const QString OverlapId = QStringLiteral("00000000-0000-4000-8000-0000000000a2");  // Mon 10:15
const QString CancelledId = QStringLiteral("00000000-0000-4000-8000-0000000000a3"); // Tue 15:00
const QString NoShowId = QStringLiteral("00000000-0000-4000-8000-0000000000a4");    // Mon 14:00
const QString DoneId = QStringLiteral("00000000-0000-4000-8000-0000000000a5");      // Mon 9:00
const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z (the test runs in UTC)
const qint64 Minute = 60 * 1000;
const qint64 Hour = 60 * Minute;
const qint64 Day = 24 * Hour;
const qint64 Now = Monday + 12 * Hour + 40 * Minute; // Monday 12:40

QJsonObject lead(const QString &id, const QString &first, const QString &last)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("firstName"), first},
            {QStringLiteral("lastName"), last},
            {QStringLiteral("email"), first.toLower() + QStringLiteral("@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550101")},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("contacted")},
            {QStringLiteral("assignedAgentId"), QStringLiteral("u-ana")},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), 1}};
}

QJsonObject appointment(const QString &id, qint64 start, int minutes, const QString &status,
                        const QString &leadId, const QString &type)
{
    QJsonObject json = CacheFixture::appointment(id, QStringLiteral("u-ana"), start, minutes,
                                                 status, 1, leadId);
    json.insert(QStringLiteral("appointmentType"), type);
    return json;
}

} // namespace

class tst_CalendarView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void overlappingBlocksSitSideBySide();
    void clickingFreeTimeAsksForABookingThere();
    void draggingABlockAsksToMoveItSnapped();
    void escapeCancelsADrag();
    void draggingOverFreeTimeAsksForABookingOfThatLength();
    void escapeCancelsASelection();
    void eachBlockIsAnAccessibleChild();
    void columnTitleNamesTheProvider();
    void draggingTheBottomEdgeAsksForANewLength();
    void spansAndWeeks();
    void arrowKeysStepThroughTheBlocksAndSayThem();
    void screenshots();

private:
    void show();

    CacheFixture m_cache;
    std::unique_ptr<CalendarModel> m_model;
    std::unique_ptr<CalendarView> m_view;
};

void tst_CalendarView::init()
{
    QVERIFY(m_cache.open());
    m_cache.edits().setClock([] { return Now; });
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), lead(LeadId, u"Maria"_qs, u"Ruiz"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), lead(Lead2Id, u"John"_qs, u"Carter"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("time_off"),
                            {{QStringLiteral("id"), QStringLiteral("t1")},
                             {QStringLiteral("providerId"), QStringLiteral("u-ana")},
                             {QStringLiteral("start"), CacheFixture::time(Monday + 3 * Day + 13 * Hour)},
                             {QStringLiteral("end"), CacheFixture::time(Monday + 3 * Day + 17 * Hour)},
                             {QStringLiteral("reason"), QStringLiteral("Training")}}));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            appointment(TenId, Monday + 10 * Hour, 45, u"confirmed"_qs, LeadId,
                                        u"consultation"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            appointment(OverlapId, Monday + 10 * Hour + 15 * Minute, 60,
                                        u"scheduled"_qs, Lead2Id, u"enrollment"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            appointment(CancelledId, Monday + Day + 15 * Hour, 30,
                                        u"cancelled"_qs, LeadId, u"primary_care"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            appointment(NoShowId, Monday + 14 * Hour, 30, u"no_show"_qs, Lead2Id,
                                        u"follow_up"_qs)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            appointment(DoneId, Monday + 9 * Hour, 30, u"completed"_qs, LeadId,
                                        u"consultation"_qs)));
    // One booked here, not yet confirmed: Wednesday 11:00.
    LocalEdits::Booking booking;
    booking.leadId = Lead2Id;
    booking.type = AppointmentType::FollowUp;
    booking.start = Monday + 2 * Day + 11 * Hour;
    booking.duration = 30;
    QVERIFY(std::holds_alternative<Appointment>(m_cache.edits().bookAppointment(booking)));

    m_model = std::make_unique<CalendarModel>(m_cache.db());
    m_model->setClock([] { return Now; });
    m_model->setProviderId(QStringLiteral("u-ana"));
    m_view = std::make_unique<CalendarView>(m_model.get());
    m_view->setDate(QDate(2026, 1, 7));
}

void tst_CalendarView::cleanup()
{
    m_view.reset();
    m_model.reset();
    m_cache.close();
}

void tst_CalendarView::show()
{
    m_view->resize(1100, 760);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_CalendarView::overlappingBlocksSitSideBySide()
{
    show();
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 5));
    QCOMPARE(m_model->rowCount(), 6);
    const QRect ten = m_view->blockRect(TenId);
    const QRect overlap = m_view->blockRect(OverlapId);
    QVERIFY(!ten.isEmpty() && !overlap.isEmpty());
    QVERIFY2(!ten.intersects(overlap), "overlapping appointments never cover each other");
    QVERIFY(ten.right() < overlap.left());
    QVERIFY(ten.top() < overlap.top()); // 10:00 above 10:15
    QCOMPARE(m_view->appointmentAt(ten.center()), TenId);
    // The 9:00 block sits alone: the whole day's width.
    QVERIFY(m_view->blockRect(DoneId).width() > ten.width() * 1.8);
    // Where a time is drawn and the time at a point agree.
    const qint64 eleven = Monday + Day + 11 * Hour;
    QCOMPARE(m_view->instantAt(m_view->pointAt(eleven)) / (15 * Minute), eleven / (15 * Minute));
}

void tst_CalendarView::clickingFreeTimeAsksForABookingThere()
{
    show();
    QSignalSpy booking(m_view.get(), &CalendarView::bookingRequested);
    // Tuesday, a little after 11:30: the 11:30 quarter.
    const QPoint at = m_view->pointAt(Monday + Day + 11 * Hour + 37 * Minute);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(booking.size(), 1);
    QCOMPARE(booking.at(0).at(0).toLongLong(), Monday + Day + 11 * Hour + 30 * Minute);
    // A click on a block does not book.
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, m_view->blockRect(TenId).center());
    QCOMPARE(booking.size(), 1);
}

void tst_CalendarView::draggingABlockAsksToMoveItSnapped()
{
    show();
    QSignalSpy moved(m_view.get(), &CalendarView::moveRequested);
    const QRect block = m_view->blockRect(DoneId);
    const QPoint grab(block.center().x(), block.top() + 4); // 9:00 and a bit
    const qint64 grabbed = m_view->instantAt(grab);
    // To Thursday, about 11:05 plus the grab offset: snaps to 11:00.
    const QPoint target = m_view->pointAt(Monday + 3 * Day + 11 * Hour + 5 * Minute
                                          + (grabbed - (Monday + 9 * Hour)));
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, grab);
    QTest::mouseMove(m_view.get(), grab + QPoint(0, 20));
    QTest::mouseMove(m_view.get(), target);
    QVERIFY(!m_view->isDragging());
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, target);
    // A completed appointment cannot move: no request.
    QCOMPARE(moved.size(), 0);

    const QRect ten = m_view->blockRect(TenId);
    const QPoint from(ten.center().x(), ten.top() + 3);
    const qint64 offset = m_view->instantAt(from) - (Monday + 10 * Hour);
    const QPoint to = m_view->pointAt(Monday + 3 * Day + 11 * Hour + 5 * Minute + offset);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(m_view.get(), from + QPoint(0, 20));
    QTest::mouseMove(m_view.get(), to);
    QVERIFY(m_view->isDragging());
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(0).toString(), TenId);
    QCOMPARE(moved.at(0).at(1).toLongLong(), Monday + 3 * Day + 11 * Hour);
}

void tst_CalendarView::escapeCancelsADrag()
{
    show();
    QSignalSpy moved(m_view.get(), &CalendarView::moveRequested);
    const QRect ten = m_view->blockRect(TenId);
    const QPoint to = m_view->pointAt(Monday + Day + 14 * Hour);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, ten.center());
    QTest::mouseMove(m_view.get(), ten.center() + QPoint(0, 20));
    QTest::mouseMove(m_view.get(), to);
    QVERIFY(m_view->isDragging());
    QTest::keyClick(m_view.get(), Qt::Key_Escape);
    QVERIFY(!m_view->isDragging());
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(m_view->blockRect(TenId), ten);
}

void tst_CalendarView::draggingOverFreeTimeAsksForABookingOfThatLength()
{
    show();
    QSignalSpy booking(m_view.get(), &CalendarView::bookingRequested);
    // Wednesday, from a little after 14:00 down to 15:30, through the afternoon.
    const QPoint from = m_view->pointAt(Monday + 2 * Day + 14 * Hour + 4 * Minute);
    const QPoint to = m_view->pointAt(Monday + 2 * Day + 15 * Hour + 30 * Minute);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(m_view.get(), from + QPoint(0, 12));
    QTest::mouseMove(m_view.get(), (from + to) / 2);
    QTest::mouseMove(m_view.get(), to);
    QVERIFY(m_view->isDragging());
    // Shown as a range snapped to the quarter hour.
    QCOMPARE(m_view->selection().start, Monday + 2 * Day + 14 * Hour);
    QCOMPARE(m_view->selection().end, Monday + 2 * Day + 15 * Hour + 30 * Minute);
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, to);
    QVERIFY(!m_view->isDragging());
    QCOMPARE(booking.size(), 1);
    QCOMPARE(booking.at(0).at(0).toLongLong(), Monday + 2 * Day + 14 * Hour);
    QCOMPARE(booking.at(0).at(1).toInt(), 90);

    // Dragged upwards: the same range, from the quarter released at to the one pressed in.
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, to + QPoint(0, 3));
    QTest::mouseMove(m_view.get(), to + QPoint(0, -12));
    QTest::mouseMove(m_view.get(), from);
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
    QCOMPARE(booking.size(), 2);
    QCOMPARE(booking.at(1).at(0).toLongLong(), Monday + 2 * Day + 14 * Hour);
    QCOMPARE(booking.at(1).at(1).toInt(), 105); // 14:00 to the end of the 15:30 quarter

    // A plain click still asks for the kind's usual length.
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
    QCOMPARE(booking.size(), 3);
    QCOMPARE(booking.at(2).at(0).toLongLong(), Monday + 2 * Day + 14 * Hour);
    QCOMPARE(booking.at(2).at(1).toInt(), 0);
}

void tst_CalendarView::escapeCancelsASelection()
{
    show();
    QSignalSpy booking(m_view.get(), &CalendarView::bookingRequested);
    const QPoint from = m_view->pointAt(Monday + 2 * Day + 14 * Hour);
    const QPoint to = m_view->pointAt(Monday + 2 * Day + 16 * Hour);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(m_view.get(), from + QPoint(0, 12));
    QTest::mouseMove(m_view.get(), to);
    QVERIFY(m_view->isDragging());
    QTest::keyClick(m_view.get(), Qt::Key_Escape);
    QVERIFY(!m_view->isDragging());
    QCOMPARE(m_view->selection().end, 0);
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(booking.size(), 0);
}

void tst_CalendarView::eachBlockIsAnAccessibleChild()
{
    show();
    QAccessibleInterface *view = QAccessible::queryAccessibleInterface(m_view.get());
    QVERIFY(view);
    // The week's six appointments, each a child named as its tooltip says it.
    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(view->childCount(), 6);
    const QStringList shown = m_view->visibleAppointments();
    QCOMPARE(shown.size(), 6);
    for (int i = 0; i < view->childCount(); ++i) {
        QAccessibleInterface *block = view->child(i);
        QVERIFY(block && block->isValid());
        const int row = m_model->rowOf(shown.at(i));
        QVERIFY(row >= 0);
        QCOMPARE(block->text(QAccessible::Name), CalendarModel::describe(m_model->entryAt(row)));
        QCOMPARE(block->role(), QAccessible::Button);
        const QRect rect = m_view->blockRect(shown.at(i));
        QCOMPARE(block->rect(), QRect(m_view->mapToGlobal(rect.topLeft()), rect.size()));
        QCOMPARE(block->parent(), view);
        QCOMPARE(view->indexOfChild(block), i);
        QCOMPARE(view->child(i), block); // the same item each time asked
    }
    // The one under a point, as a screen reader's pointer finds it.
    const QRect done = m_view->blockRect(DoneId);
    QAccessibleInterface *under = view->childAt(m_view->mapToGlobal(done.center()).x(),
                                                m_view->mapToGlobal(done.center()).y());
    QVERIFY(under);
    QVERIFY(under->text(QAccessible::Name).contains(u"Maria Ruiz"_qs));
    // Press opens it (the details), as Enter does.
    QSignalSpy activated(m_view.get(), &CalendarView::appointmentActivated);
    QAccessibleActionInterface *actions = under->actionInterface();
    QVERIFY(actions);
    QVERIFY(actions->actionNames().contains(QAccessibleActionInterface::pressAction()));
    actions->doAction(QAccessibleActionInterface::pressAction());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), DoneId);
    QCOMPARE(m_view->selectedAppointment(), DoneId);
    QVERIFY(under->state().selected);
    // A week without appointments has no children; the old items are no longer valid.
    m_view->showNext();
    QCOMPARE(view->childCount(), 0);
    QVERIFY(!under->isValid());
}

void tst_CalendarView::columnTitleNamesTheProvider()
{
    show();
    m_view->setSpan(CalendarView::Span::Day);
    m_view->setColumnTitle(u"Ana Agent"_qs);
    QCOMPARE(m_view->accessibleName(), u"Calendar of Ana Agent"_qs);
    // The same hours as a neighbour's column.
    const int first = m_view->firstHour();
    m_view->setMinimumHours(6, 21);
    QCOMPARE(m_view->firstHour(), std::min(first, 6));
    QCOMPARE(m_view->lastHour(), 21);
    m_view->setMinimumHours(24, 0);
    QCOMPARE(m_view->firstHour(), first);
}

void tst_CalendarView::draggingTheBottomEdgeAsksForANewLength()
{
    show();
    QSignalSpy resized(m_view.get(), &CalendarView::resizeRequested);
    QSignalSpy moved(m_view.get(), &CalendarView::moveRequested);
    const QRect ten = m_view->blockRect(TenId); // 10:00-10:45
    const QPoint edge(ten.center().x(), ten.bottom() - 1);
    const QPoint to(edge.x(), m_view->pointAt(Monday + 11 * Hour + 32 * Minute).y());
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, edge);
    QTest::mouseMove(m_view.get(), edge + QPoint(0, 20));
    QTest::mouseMove(m_view.get(), to);
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(resized.size(), 1);
    QCOMPARE(resized.at(0).at(0).toString(), TenId);
    QCOMPARE(resized.at(0).at(1).toInt(), 90); // to 11:30, the nearest quarter hour
}

void tst_CalendarView::spansAndWeeks()
{
    show();
    QSignalSpy range(m_view.get(), &CalendarView::rangeChanged);
    QCOMPARE(m_view->dayCount(), 5);
    QVERIFY(m_view->title().contains(QStringLiteral("5 Jan 2026")));
    QVERIFY(m_view->title().contains(QStringLiteral("9 Jan 2026")));
    m_view->setSpan(CalendarView::Span::Week);
    QCOMPARE(m_view->dayCount(), 7);
    QCOMPARE(m_model->to() - m_model->from(), 7 * Day);
    m_view->showNext();
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 12));
    QCOMPARE(m_model->rowCount(), 0);
    m_view->showToday();
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 5));
    QCOMPARE(m_model->rowCount(), 6);
    m_view->setSpan(CalendarView::Span::Day);
    QCOMPARE(m_view->dayCount(), 1);
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 5));
    QCOMPARE(m_model->rowCount(), 4); // Monday's
    m_view->showPrevious();
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 4));
    QCOMPARE(range.size(), 5);

    // The month: six weeks from the Monday before the 1st; a click on a day opens it.
    m_view->setSpan(CalendarView::Span::Month);
    m_view->setDate(QDate(2026, 1, 20));
    QCOMPARE(m_view->firstDay(), QDate(2025, 12, 29));
    QCOMPARE(m_view->dayCount(), 42);
    QCOMPARE(m_model->rowCount(), 6);
    QVERIFY(m_view->title().contains(QStringLiteral("2026")));
    m_view->showNext();
    QCOMPARE(m_view->date(), QDate(2026, 2, 20));
    m_view->showPrevious();
    const int column = 2, week = 1; // Wednesday 7 January
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier,
                      QPoint(m_view->width() * column / 7 + 20,
                             m_view->height() / 8 + (m_view->height() * 7 / 8) * week / 6 + 30));
    QCOMPARE(m_view->span(), CalendarView::Span::Day);
    QCOMPARE(m_view->firstDay(), QDate(2026, 1, 7));
}

void tst_CalendarView::arrowKeysStepThroughTheBlocksAndSayThem()
{
    show();
    m_view->setFocus();
    QSignalSpy opened(m_view.get(), &CalendarView::appointmentActivated);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // the first of the week: Monday 9:00
    QCOMPARE(m_view->selectedAppointment(), DoneId);
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(m_view->selectedAppointment(), TenId);
    QVERIFY2(m_view->accessibleDescription().contains(u"Maria Ruiz"_qs)
                 && m_view->accessibleDescription().contains(u"Confirmed"_qs),
             qPrintable(m_view->accessibleDescription()));
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QCOMPARE(m_view->selectedAppointment(), DoneId);
    QTest::keyClick(m_view.get(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), DoneId);
}

void tst_CalendarView::screenshots()
{
    const QString dir = qEnvironmentVariable("CRM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("CRM_SCREENSHOT_DIR not set");
    QDir().mkpath(dir);
    show();
    QVERIFY(m_view->grab().save(dir + QStringLiteral("/calendar-week.png")));
    m_view->setSpan(CalendarView::Span::Day);
    m_view->setDate(QDate(2026, 1, 5));
    QVERIFY(m_view->grab().save(dir + QStringLiteral("/calendar-day.png")));
    m_view->setSpan(CalendarView::Span::Month);
    QVERIFY(m_view->grab().save(dir + QStringLiteral("/calendar-month.png")));
    m_view->setSpan(CalendarView::Span::WorkWeek);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x21, 0x24));
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1c, 0x1f));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    dark.setColor(QPalette::Mid, QColor(0x3c, 0x40, 0x43));
    dark.setColor(QPalette::Highlight, QColor(0x8a, 0xb4, 0xf8));
    dark.setColor(QPalette::HighlightedText, QColor(0x20, 0x21, 0x24));
    m_view->setPalette(dark);
    QVERIFY(m_view->grab().save(dir + QStringLiteral("/calendar-week-dark.png")));
}

int main(int argc, char **argv)
{
    // The week is laid out in local time: pin it, so the grid's positions are the test's.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    tst_CalendarView test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_calendarview.moc"
