// AgendaModel over a real encrypted cache (filled through the pull path): which appointments
// the "Today" panel lists (the rest of today and tomorrow, and today's meetings still waiting
// for their outcome; never cancelled ones, another provider's, or later days), in start order
// and within the row limit, and the "time until" text as a table, under
// QAbstractItemModelTester.
#include "cachefixture.h"
#include "item/agendamodel.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z
const qint64 Second = 1000;
const qint64 Minute = 60 * Second;
const qint64 Hour = 60 * Minute;
const qint64 Day = 24 * Hour;
const qint64 Noon = Monday + 12 * Hour;

QString id(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

} // namespace

class tst_AgendaModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsWhatIsLeftOfTodayAndTomorrow();
    void keepsToTheRowLimit();
    void unrecordedMeetingsNeverPushTheComingOnesOff();
    void timeUntil_data();
    void timeUntil();

private:
    bool book(int n, qint64 start, int duration, const QString &status, const QString &provider);

    CacheFixture m_cache;
};

bool tst_AgendaModel::book(
    int n, qint64 start, int duration, const QString &status, const QString &provider)
{
    return m_cache.receive(QStringLiteral("appointment"),
                           CacheFixture::appointment(id(n), provider, start, duration, status));
}

void tst_AgendaModel::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-hal"), QStringLiteral("Hal"))));
}

void tst_AgendaModel::cleanup()
{
    m_cache.close();
}

void tst_AgendaModel::listsWhatIsLeftOfTodayAndTomorrow()
{
    const QString ana = QStringLiteral("u-ana");
    QVERIFY(book(1, Monday + 8 * Hour, 30, QStringLiteral("confirmed"), ana));  // over, awaited
    QVERIFY(book(2, Monday + 9 * Hour, 30, QStringLiteral("completed"), ana));  // over, held
    QVERIFY(book(3, Noon - 10 * Minute, 30, QStringLiteral("no_show"), ana));   // still on
    QVERIFY(book(4, Noon + 30 * Minute, 30, QStringLiteral("cancelled"), ana)); // called off
    QVERIFY(book(5, Noon + 2 * Hour, 60, QStringLiteral("scheduled"), ana));
    QVERIFY(book(6, Noon + Day - 3 * Hour, 30, QStringLiteral("scheduled"), ana)); // tomorrow 9:00
    QVERIFY(book(7, Monday + 2 * Day + 9 * Hour, 30, QStringLiteral("scheduled"), ana)); // Wed
    QVERIFY(book(8, Noon + Hour, 30, QStringLiteral("scheduled"), QStringLiteral("u-hal")));
    QVERIFY(book(9, Monday - Day + 16 * Hour, 30, QStringLiteral("scheduled"), ana)); // Sunday's

    AgendaModel model(m_cache.db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return Noon; });
    QCOMPARE(model.rowCount(), 0); // no provider yet
    model.setProviderId(ana);
    QStringList ids;
    QStringList until;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids << model.index(row, 0).data(AgendaModel::IdRole).toString();
        until << model.index(row, AgendaModel::Until).data().toString();
    }
    QCOMPARE(ids, (QStringList{id(1), id(3), id(5), id(6)}));
    QCOMPARE(until,
             (QStringList{QStringLiteral("ended 3 h 30 min ago"),
                          QStringLiteral("started 10 min ago"),
                          QStringLiteral("in 2 h"),
                          QStringLiteral("in 21 h")}));
    QCOMPARE(model.todayCount(), 3);
    QCOMPARE(model.index(3, 0).data(AgendaModel::DayRole).toString(), QStringLiteral("Tomorrow"));
    QCOMPARE(model.index(0, 0).data(AgendaModel::DayRole).toString(), QString());
    // The outcome offered: on the awaited one, not on the no-show (final) nor ahead of time.
    QVERIFY(model.index(0, 0).data(AgendaModel::CanNoShowRole).toBool());
    QVERIFY(!model.index(1, 0).data(AgendaModel::CanCompleteRole).toBool());
    QVERIFY(!model.index(2, 0).data(AgendaModel::CanCompleteRole).toBool());
    QVERIFY(model.index(1, 0).data(AgendaModel::UnderwayRole).toBool());
    QCOMPARE(model.index(1, AgendaModel::Status).data().toString(), QStringLiteral("No-show"));
    QCOMPARE(model.index(0, AgendaModel::Lead).data().toString(), QStringLiteral("No lead"));
}

void tst_AgendaModel::keepsToTheRowLimit()
{
    for (int n = 1; n <= AgendaModel::RowLimit + 3; ++n)
        QVERIFY(book(n, Noon + n * Hour, 30, QStringLiteral("scheduled"), QStringLiteral("u-ana")));
    AgendaModel model(m_cache.db());
    model.setClock([] { return Noon; });
    model.setProviderId(QStringLiteral("u-ana"));
    QCOMPARE(model.rowCount(), AgendaModel::RowLimit);
    QCOMPARE(model.index(0, 0).data(AgendaModel::IdRole).toString(), id(1)); // the soonest
}

void tst_AgendaModel::unrecordedMeetingsNeverPushTheComingOnesOff()
{
    // A busy morning nobody has recorded yet: more meetings waiting for their outcome than
    // the panel has rows. The coming ones still show (they are what the agent must not miss);
    // the oldest unrecorded ones give way; the list stays in start order.
    const QString ana = QStringLiteral("u-ana");
    for (int n = 1; n <= AgendaModel::RowLimit + 2; ++n)
        QVERIFY(book(n, Monday + 6 * Hour + n * 15 * Minute, 15, QStringLiteral("scheduled"), ana));
    QVERIFY(book(100, Noon + Hour, 30, QStringLiteral("scheduled"), ana));
    QVERIFY(book(101, Noon + 3 * Hour, 30, QStringLiteral("confirmed"), ana));
    AgendaModel model(m_cache.db());
    model.setClock([] { return Noon; });
    model.setProviderId(ana);
    QCOMPARE(model.rowCount(), AgendaModel::RowLimit);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(AgendaModel::IdRole).toString();
    QStringList expected;
    for (int n = 5; n <= AgendaModel::RowLimit + 2; ++n) // the latest eight of the morning
        expected << id(n);
    expected << id(100) << id(101);
    QCOMPARE(ids, expected);
}

void tst_AgendaModel::timeUntil_data()
{
    QTest::addColumn<qint64>("startsIn"); // from now; negative: started that long ago
    QTest::addColumn<int>("duration");    // minutes
    QTest::addColumn<QString>("expected");

    QTest::newRow("25 min ahead") << 25 * Minute << 30 << QStringLiteral("in 25 min");
    QTest::newRow("rounded to the minute")
        << 24 * Minute + 40 * Second << 30 << QStringLiteral("in 25 min");
    QTest::newRow("an hour and a half") << 90 * Minute << 30 << QStringLiteral("in 1 h 30 min");
    QTest::newRow("whole hours") << 2 * Hour << 30 << QStringLiteral("in 2 h");
    QTest::newRow("a minute ahead") << Minute << 30 << QStringLiteral("in 1 min");
    QTest::newRow("seconds ahead") << 20 * Second << 30 << QStringLiteral("now");
    QTest::newRow("seconds in") << -20 * Second << 30 << QStringLiteral("now");
    QTest::newRow("5 min in") << -5 * Minute << 30 << QStringLiteral("started 5 min ago");
    QTest::newRow("long meeting") << -65 * Minute << 90 << QStringLiteral("started 1 h 5 min ago");
    QTest::newRow("over") << -40 * Minute << 30 << QStringLiteral("ended 10 min ago");
    QTest::newRow("just over") << -30 * Minute - 10 * Second << 30
                               << QStringLiteral("ended 1 min ago");
}

void tst_AgendaModel::timeUntil()
{
    QFETCH(qint64, startsIn);
    QFETCH(int, duration);
    QFETCH(QString, expected);
    const qint64 start = Noon + startsIn;
    QCOMPARE(AgendaModel::timeUntil(start, start + duration * Minute, Noon), expected);
}

int main(int argc, char **argv)
{
    // "Today" is the test's: UTC.
    qputenv("TZ", "UTC");
    QCoreApplication app(argc, argv);
    tst_AgendaModel test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_agendamodel.moc"
