// CalendarModel over a real encrypted cache (filled through the pull path and LocalEdits):
// the appointments of the visible range with their roles, the open hours and time off behind
// them, and a reload after an edit, under QAbstractItemModelTester.
#include "cachefixture.h"
#include "item/calendarmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-0000000000b1");
const QString BookedId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");    // Mon 10:00
const QString CancelledId = QStringLiteral("00000000-0000-4000-8000-0000000000a2"); // Mon 15:00
const QString OtherId = QStringLiteral("00000000-0000-4000-8000-0000000000a3");     // Hal's
const QString NextWeekId = QStringLiteral("00000000-0000-4000-8000-0000000000a4");
const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z
const qint64 Minute = 60 * 1000;
const qint64 Hour = 60 * Minute;
const qint64 Day = 24 * Hour;

} // namespace

class tst_CalendarModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aWeekHoldsItsAppointmentsWithTheirRoles();
    void openHoursAndTimeOffAreClippedToTheRange();
    void anotherWeekAndAnotherProvider();
    void aBookingMadeHereShowsPendingAfterReload();

private:
    CacheFixture m_cache;
};

void tst_CalendarModel::init()
{
    QVERIFY(m_cache.open());
    m_cache.edits().setClock([] { return Monday; });
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-hal"), QStringLiteral("Hal"))));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), CacheFixture::lead(LeadId)));
    // Monday to Friday 09:00-17:00 UTC; time off on Tuesday 13:00-14:00.
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("time_off"),
                            {{QStringLiteral("id"), QStringLiteral("t1")},
                             {QStringLiteral("providerId"), QStringLiteral("u-ana")},
                             {QStringLiteral("start"), CacheFixture::time(Monday + Day + 13 * Hour)},
                             {QStringLiteral("end"), CacheFixture::time(Monday + Day + 14 * Hour)},
                             {QStringLiteral("reason"), QStringLiteral("Dentist")}}));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(BookedId, QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour, 30,
                                                      QStringLiteral("scheduled"), 1, LeadId)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(CancelledId, QStringLiteral("u-ana"),
                                                      Monday + 15 * Hour, 45,
                                                      QStringLiteral("cancelled"), 2)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(OtherId, QStringLiteral("u-hal"),
                                                      Monday + 11 * Hour)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(NextWeekId, QStringLiteral("u-ana"),
                                                      Monday + 7 * Day + 9 * Hour)));
}

void tst_CalendarModel::cleanup()
{
    m_cache.close();
}

void tst_CalendarModel::aWeekHoldsItsAppointmentsWithTheirRoles()
{
    CalendarModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // no provider yet
    model.setProviderId(QStringLiteral("u-ana"));
    model.setRange(Monday, Monday + 7 * Day);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex booked = model.index(0);
    QCOMPARE(booked.data(CalendarModel::IdRole).toString(), BookedId);
    QCOMPARE(booked.data(CalendarModel::StartRole).toLongLong(), Monday + 10 * Hour);
    QCOMPARE(booked.data(CalendarModel::EndRole).toLongLong(), Monday + 10 * Hour + 30 * Minute);
    QCOMPARE(booked.data(CalendarModel::DurationRole).toInt(), 30);
    QCOMPARE(booked.data(CalendarModel::TypeRole).toString(), QStringLiteral("consultation"));
    QCOMPARE(booked.data(CalendarModel::StatusRole).toString(), QStringLiteral("scheduled"));
    QCOMPARE(booked.data(CalendarModel::PendingRole).toBool(), false);
    QCOMPARE(booked.data(CalendarModel::LeadIdRole).toString(), LeadId);
    QCOMPARE(booked.data(CalendarModel::LeadNameRole).toString(), QStringLiteral("Ana Ruiz"));
    QCOMPARE(booked.data(Qt::DisplayRole).toString(), QStringLiteral("Ana Ruiz"));
    QCOMPARE(booked.data(CalendarModel::CanRescheduleRole).toBool(), true);
    QVERIFY(booked.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Ana Ruiz")));
    QCOMPARE(booked.data(Qt::AccessibleTextRole), booked.data(Qt::ToolTipRole));

    // Cancelled ones stay in the calendar (struck through), without a lead they say their type.
    const QModelIndex cancelled = model.index(1);
    QCOMPARE(cancelled.data(CalendarModel::IdRole).toString(), CancelledId);
    QCOMPARE(cancelled.data(CalendarModel::StatusRole).toString(), QStringLiteral("cancelled"));
    QCOMPARE(cancelled.data(Qt::DisplayRole).toString(), QStringLiteral("Consultation"));
    QCOMPARE(cancelled.data(CalendarModel::CanRescheduleRole).toBool(), false);
    QCOMPARE(model.rowOf(CancelledId), 1);
    QCOMPARE(model.rowOf(OtherId), -1);
}

void tst_CalendarModel::openHoursAndTimeOffAreClippedToTheRange()
{
    CalendarModel model(m_cache.db());
    model.setProviderId(QStringLiteral("u-ana"));
    model.setClock([] { return Monday; });
    model.setRange(Monday + 12 * Hour, Monday + Day + 24 * Hour); // Monday noon to Tuesday's end
    QVERIFY(model.availabilityKnown());
    // Monday from noon; Tuesday around the time off.
    const QList<TimeRange> expected{{Monday + 12 * Hour, Monday + 17 * Hour},
                                    {Monday + Day + 9 * Hour, Monday + Day + 13 * Hour},
                                    {Monday + Day + 14 * Hour, Monday + Day + 17 * Hour}};
    QCOMPARE(model.openRanges(), expected);
    QCOMPARE(model.timeOff().size(), 1);
    QCOMPARE(model.timeOff().at(0).start, Monday + Day + 13 * Hour);
    // The cache's free half hours on Tuesday: the hours, less the time off.
    const QList<TimeRange> free = model.freeSlots(Monday + Day, Monday + 2 * Day, 30);
    QVERIFY(!free.isEmpty());
    QCOMPARE(free.first().start, Monday + Day + 9 * Hour);
    for (const TimeRange &slot : free)
        QVERIFY(!slot.overlaps({Monday + Day + 13 * Hour, Monday + Day + 14 * Hour}));
}

void tst_CalendarModel::anotherWeekAndAnotherProvider()
{
    CalendarModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProviderId(QStringLiteral("u-ana"));
    model.setRange(Monday + 7 * Day, Monday + 14 * Day);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(CalendarModel::IdRole).toString(), NextWeekId);
    model.setProviderId(QStringLiteral("u-hal"));
    QCOMPARE(model.rowCount(), 0);
    model.setRange(Monday, Monday + 7 * Day);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(CalendarModel::IdRole).toString(), OtherId);
    // Hal has not set his hours: the defaults of a new provider, for the server to check.
    QVERIFY(!model.availabilityKnown());
}

void tst_CalendarModel::aBookingMadeHereShowsPendingAfterReload()
{
    CalendarModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProviderId(QStringLiteral("u-ana"));
    model.setRange(Monday, Monday + 7 * Day);
    LocalEdits::Booking booking;
    booking.leadId = LeadId;
    booking.type = AppointmentType::FollowUp;
    booking.start = Monday + 11 * Hour;
    booking.duration = 45;
    QVERIFY(std::holds_alternative<Appointment>(m_cache.edits().bookAppointment(booking)));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.reload();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex pending = model.index(1); // in start order: 10:00, 11:00, 15:00
    QCOMPARE(pending.data(CalendarModel::TypeRole).toString(), QStringLiteral("follow_up"));
    QCOMPARE(pending.data(CalendarModel::PendingRole).toBool(), true);
    QVERIFY(pending.data(Qt::ToolTipRole).toString().contains(QStringLiteral("to be confirmed")));
}

QTEST_GUILESS_MAIN(tst_CalendarModel)
#include "tst_calendarmodel.moc"
