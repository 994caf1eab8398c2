// CalendarModel over a real encrypted cache (filled through the pull path and LocalEdits):
// the appointments of the visible range with their roles, the open hours and time off behind
// them, a reload after an edit, and a busy provider's large range read off the GUI thread (a
// stale answer dropped), under QAbstractItemModelTester.
#include "cachefixture.h"
#include "item/calendarmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTest>
#include <QThread>
#include <QTimer>

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
// A busy stretch: six weeks from 19 January, 150 appointments a week (30 a weekday, every
// quarter hour from 09:00).
const qint64 BusyMonday = Monday + 14 * Day;
const int BusyWeeks = 6;
const int BusyPerWeek = 150;

QString busyId(int index)
{
    return QStringLiteral("00000000-0000-4000-9000-%1").arg(index, 12, 10, QLatin1Char('0'));
}

QList<QJsonObject> busyWeeks()
{
    QList<QJsonObject> appointments;
    for (int week = 0; week < BusyWeeks; ++week) {
        for (int k = 0; k < BusyPerWeek; ++k) {
            const qint64 start = BusyMonday + week * 7 * Day + (k % 5) * Day + 9 * Hour
                                 + (k / 5) * 15 * Minute;
            appointments.append(CacheFixture::appointment(busyId(week * BusyPerWeek + k),
                                                          QStringLiteral("u-ana"),
                                                          start,
                                                          15));
        }
    }
    return appointments;
}

QStringList idsOf(const CalendarModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row).data(CalendarModel::IdRole).toString();
    return ids;
}


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
    void aLargeRangeLoadsOffTheGuiThread();
    void aStaleAnswerIsDropped();

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

void tst_CalendarModel::aLargeRangeLoadsOffTheGuiThread()
{
    QVERIFY(m_cache.receiveAll(QStringLiteral("appointment"), busyWeeks()));
    CalendarModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &CalendarModel::loaded);
    model.setProviderId(QStringLiteral("u-ana"));
    // A week, even a busy one, is read at once.
    model.setRange(BusyMonday, BusyMonday + 7 * Day);
    QCOMPARE(model.rowCount(), BusyPerWeek);
    QVERIFY(!model.isLoading());
    QCOMPARE(loaded.size(), 2); // the provider (no range yet), then the week
    loaded.clear();
    const QStringList connections = QSqlDatabase::connectionNames();

    // The month around it would be 900 rows: setRange returns before they are read.
    model.setRange(BusyMonday - Day, BusyMonday + 41 * Day);
    QVERIFY(model.isLoading());
    QVERIFY(loaded.isEmpty());
    // Meanwhile the hours and the week already read stay.
    QVERIFY(model.availabilityKnown());
    QVERIFY(!model.openRanges().isEmpty());
    QCOMPARE(model.rowCount(), BusyPerWeek);

    // The GUI's event loop runs while the rows are read elsewhere.
    int ticksWhileLoading = 0;
    QTimer ticker;
    ticker.setInterval(0);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (model.isLoading())
            ++ticksWhileLoading;
    });
    ticker.start();
    QVERIFY(loaded.wait(10000));
    ticker.stop();
    QVERIFY2(ticksWhileLoading > 0, "the event loop did not run during the read");
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), BusyWeeks * BusyPerWeek);
    QCOMPARE(model.index(0).data(CalendarModel::IdRole).toString(), busyId(0));
    // Read on a connection of its own.
    QCOMPARE(QSqlDatabase::connectionNames().size(), connections.size() + 1);

    // Back to a week: at once again.
    loaded.clear();
    model.setRange(BusyMonday + 7 * Day, BusyMonday + 14 * Day);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(model.rowCount(), BusyPerWeek);
    QCOMPARE(model.index(0).data(CalendarModel::IdRole).toString(), busyId(BusyPerWeek));
}

void tst_CalendarModel::aStaleAnswerIsDropped()
{
    QVERIFY(m_cache.receiveAll(QStringLiteral("appointment"), busyWeeks()));
    CalendarModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProviderId(QStringLiteral("u-ana"));
    model.setRange(BusyMonday, BusyMonday + 7 * Day);
    QCOMPARE(model.rowCount(), BusyPerWeek);
    // What the model showed after each reset.
    QList<QStringList> shown;
    connect(&model, &QAbstractItemModel::modelReset, this, [&] { shown.append(idsOf(model)); });
    QSignalSpy loaded(&model, &CalendarModel::loaded);

    // The busy month is asked for, and while its answer is on its way the user goes to the
    // quiet weeks before it.
    model.setRange(BusyMonday, BusyMonday + 42 * Day);
    QVERIFY(model.isLoading());
    QThread::msleep(300); // the reader answers meanwhile; the answer waits in the queue
    model.setRange(Monday - 35 * Day, Monday + 7 * Day);
    QVERIFY(model.isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(idsOf(model), (QStringList{BookedId, CancelledId}));
    QTest::qWait(300); // nothing else comes
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(idsOf(model), (QStringList{BookedId, CancelledId}));
    // The busy month's rows were never shown for the quiet weeks.
    for (const QStringList &ids : std::as_const(shown)) {
        if (ids.size() > BusyPerWeek)
            QFAIL(qPrintable(QStringLiteral("a stale answer was shown: %1 rows").arg(ids.size())));
    }
    QCOMPARE(shown.last(), (QStringList{BookedId, CancelledId}));
}

QTEST_GUILESS_MAIN(tst_CalendarModel)
#include "tst_calendarmodel.moc"
