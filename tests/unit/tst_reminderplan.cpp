// When an appointment's reminders are due (models/domain/reminderplan.h): 24 h and 2 h before,
// or one at once when the booking comes too late for both.
#include "domain/reminderplan.h"

#include <QTest>

using namespace Crm;

class tst_ReminderPlan : public QObject
{
    Q_OBJECT

private slots:
    void dueTimes_data();
    void dueTimes();
    void customSchedules_data();
    void customSchedules();
    void schedulesAreValidated();
};

void tst_ReminderPlan::dueTimes_data()
{
    constexpr qint64 H = ReminderPlan::Hour;
    constexpr qint64 M = 60 * 1000;
    QTest::addColumn<qint64>("startsIn"); // from now
    QTest::addColumn<QList<qint64>>("due"); // from now

    QTest::newRow("a week ahead: the day before and two hours before")
        << 7 * 24 * H << QList<qint64>{6 * 24 * H, 7 * 24 * H - 2 * H};
    QTest::newRow("a day and a minute ahead: both") << 24 * H + M << QList<qint64>{M, 22 * H + M};
    QTest::newRow("exactly a day ahead: the day-before time is now, so only 2 h before")
        << 24 * H << QList<qint64>{22 * H};
    QTest::newRow("ten hours ahead: only 2 h before") << 10 * H << QList<qint64>{8 * H};
    QTest::newRow("two hours and a minute ahead: 2 h before, in a minute")
        << 2 * H + M << QList<qint64>{M};
    QTest::newRow("exactly two hours ahead: one at once") << 2 * H << QList<qint64>{0};
    QTest::newRow("in 30 minutes: one at once") << 30 * M << QList<qint64>{0};
    QTest::newRow("already started: none") << 0LL << QList<qint64>{};
    QTest::newRow("yesterday (entered after the fact): none") << -24 * H << QList<qint64>{};
}

void tst_ReminderPlan::dueTimes()
{
    QFETCH(qint64, startsIn);
    QFETCH(QList<qint64>, due);
    const qint64 now = 1'800'000'000'000;
    QList<qint64> expected;
    for (qint64 offset : due)
        expected << now + offset;
    QCOMPARE(ReminderPlan::dueTimes(now + startsIn, now), expected);
}

void tst_ReminderPlan::customSchedules_data()
{
    constexpr qint64 H = ReminderPlan::Hour;
    QTest::addColumn<QString>("schedule"); // minutes before, as settings keep it
    QTest::addColumn<qint64>("startsIn");
    QTest::addColumn<QList<qint64>>("due");
    QTest::newRow("48 h + 1 h, a week ahead") << u"2880,60"_qs << 7 * 24 * H << QList<qint64>{5 * 24 * H, 7 * 24 * H - H};
    QTest::newRow("48 h + 1 h, a day ahead: only 1 h before") << u"2880,60"_qs << 24 * H << QList<qint64>{23 * H};
    QTest::newRow("1 h only, 30 minutes ahead: one at once") << u"60"_qs << H / 2 << QList<qint64>{0};
    QTest::newRow("written in any order, due in time order") << u"60,2880,1440"_qs << 3 * 24 * H
                                                              << QList<qint64>{24 * H, 2 * 24 * H, 3 * 24 * H - H};
    QTest::newRow("unreadable: the default") << u"soon"_qs << 7 * 24 * H << QList<qint64>{6 * 24 * H, 7 * 24 * H - 2 * H};
}

void tst_ReminderPlan::customSchedules()
{
    QFETCH(QString, schedule);
    QFETCH(qint64, startsIn);
    QFETCH(QList<qint64>, due);
    const qint64 now = 1'800'000'000'000;
    QList<qint64> expected;
    for (qint64 offset : due)
        expected << now + offset;
    QCOMPARE(ReminderPlan::dueTimes(now + startsIn, now, ReminderPlan::fromText(schedule)), expected);
}

void tst_ReminderPlan::schedulesAreValidated()
{
    QVERIFY(ReminderPlan::validate(ReminderPlan::defaultSchedule(), u"s"_qs).isEmpty());
    QVERIFY(ReminderPlan::validate({2880, 60}, u"s"_qs).isEmpty());
    QVERIFY(!ReminderPlan::validate({}, u"s"_qs).isEmpty());
    QVERIFY(!ReminderPlan::validate({60, 60}, u"s"_qs).isEmpty());
    QVERIFY(!ReminderPlan::validate({4}, u"s"_qs).isEmpty());
    QVERIFY(!ReminderPlan::validate({31 * 24 * 60}, u"s"_qs).isEmpty());
    QVERIFY(!ReminderPlan::validate({10, 20, 30, 40, 50, 60}, u"s"_qs).isEmpty());
    QVERIFY(ReminderPlan::validate({}, u"schedule"_qs).contains(u"schedule"_qs)); // names the field
    QCOMPARE(ReminderPlan::toText({2880, 60}), u"2880,60"_qs);
}

QTEST_GUILESS_MAIN(tst_ReminderPlan)
#include "tst_reminderplan.moc"
