#include "domain/leadstats.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <optional>

using Crm::LeadStats;
using Crm::LeadStatus;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Base = 1'798'761'600'000; // 2027-01-01T00:00:00Z

// A lead created at Base, first contacted `minutes` later (or never, when negative).
LeadStats::Row lead(LeadStatus status, const QString &source, double minutes = -1)
{
    LeadStats::Row row;
    row.assignedAgentId = QStringLiteral("agent-1");
    row.status = status;
    row.source = source;
    row.createdAt = Base;
    if (minutes >= 0)
        row.firstContactAt = Base + qint64(minutes * Minute);
    return row;
}

LeadStats::Row contacted(double minutes)
{
    return lead(LeadStatus::Contacted, QStringLiteral("website"), minutes);
}

using OptionalMinutes = std::optional<double>;

} // namespace

Q_DECLARE_METATYPE(OptionalMinutes)

// The arithmetic of the lead statistics: medians, nearest-rank p90, the one-hour rate,
// conversion rates and the per-source table, without a database.
class TestLeadStats : public QObject
{
    Q_OBJECT

private slots:
    void responseTimes_data();
    void responseTimes();
    void percentile_data();
    void percentile();
    void conversion_data();
    void conversion();
    void emptyInput();
    void bySourceOrder();
    void jsonShape();
    void contactBeforeCreationCountsAsImmediate();
    void appointments_data();
    void appointments();
};

void TestLeadStats::appointments_data()
{
    using S = Crm::AppointmentStatus;
    QTest::addColumn<QList<S>>("statuses");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("none") << QList<S>{}
                          << QJsonObject{{u"booked"_qs, 0}, {u"completed"_qs, 0}, {u"noShow"_qs, 0},
                                         {u"cancelled"_qs, 0}, {u"noShowRate"_qs, 0.0}};
    QTest::newRow("one of four due did not come; cancelled and future ones are not due")
        << QList<S>{S::Completed, S::Completed, S::Completed, S::NoShow, S::Cancelled,
                    S::Scheduled, S::Confirmed}
        << QJsonObject{{u"booked"_qs, 7}, {u"completed"_qs, 3}, {u"noShow"_qs, 1},
                       {u"cancelled"_qs, 1}, {u"noShowRate"_qs, 0.25}};
    QTest::newRow("only cancellations: no rate") << QList<S>{S::Cancelled, S::Cancelled}
                                                 << QJsonObject{{u"booked"_qs, 2},
                                                                {u"completed"_qs, 0},
                                                                {u"noShow"_qs, 0},
                                                                {u"cancelled"_qs, 2},
                                                                {u"noShowRate"_qs, 0.0}};
}

void TestLeadStats::appointments()
{
    QFETCH(QList<Crm::AppointmentStatus>, statuses);
    QFETCH(QJsonObject, expected);
    QCOMPARE(LeadStats::appointments(statuses).toJson(), expected);
}

void TestLeadStats::responseTimes_data()
{
    QTest::addColumn<QList<double>>("minutes");
    QTest::addColumn<OptionalMinutes>("median");
    QTest::addColumn<OptionalMinutes>("p90");
    QTest::addColumn<double>("within1HourRate");

    QTest::newRow("none") << QList<double>{} << OptionalMinutes() << OptionalMinutes() << 0.0;
    QTest::newRow("one") << QList<double>{42} << OptionalMinutes(42) << OptionalMinutes(42) << 1.0;
    QTest::newRow("odd count, unsorted")
        << QList<double>{90, 10, 30} << OptionalMinutes(30) << OptionalMinutes(90) << 2.0 / 3.0;
    QTest::newRow("even count: mean of the middle two")
        << QList<double>{10, 40, 20, 30} << OptionalMinutes(25) << OptionalMinutes(40) << 1.0;
    QTest::newRow("exactly one hour is within")
        << QList<double>{60, 61} << OptionalMinutes(60.5) << OptionalMinutes(61) << 0.5;
    QTest::newRow("ten values: p90 is the 9th")
        << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 100} << OptionalMinutes(5.5)
        << OptionalMinutes(9) << 0.9;
    QTest::newRow("eleven values: p90 is the 10th")
        << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 500} << OptionalMinutes(6)
        << OptionalMinutes(10) << 10.0 / 11.0;
    QTest::newRow("all slow") << QList<double>{120, 240} << OptionalMinutes(180)
                              << OptionalMinutes(240) << 0.0;
}

void TestLeadStats::responseTimes()
{
    QFETCH(QList<double>, minutes);
    QFETCH(OptionalMinutes, median);
    QFETCH(OptionalMinutes, p90);
    QFETCH(double, within1HourRate);

    QList<LeadStats::Row> rows;
    for (double value : std::as_const(minutes))
        rows << contacted(value);
    // Leads never contacted count towards the total but not towards response times.
    rows << lead(LeadStatus::New, QStringLiteral("website"));
    const LeadStats::Summary summary = LeadStats::compute(rows);

    QCOMPARE(summary.total, minutes.size() + 1);
    QCOMPARE(summary.contacted, minutes.size());
    QCOMPARE(summary.medianMinutes.has_value(), median.has_value());
    if (median)
        QCOMPARE(*summary.medianMinutes, *median);
    QCOMPARE(summary.p90Minutes.has_value(), p90.has_value());
    if (p90)
        QCOMPARE(*summary.p90Minutes, *p90);
    QCOMPARE(summary.within1HourRate, within1HourRate);
}

void TestLeadStats::percentile_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("percent");
    QTest::addColumn<double>("expected");

    // Values 1..count: the nearest rank is ceil(percent / 100 * count).
    QTest::newRow("p90 of 1") << 1 << 90 << 1.0;
    QTest::newRow("p90 of 2") << 2 << 90 << 2.0;
    QTest::newRow("p90 of 9") << 9 << 90 << 9.0;
    QTest::newRow("p90 of 10") << 10 << 90 << 9.0;
    QTest::newRow("p90 of 20") << 20 << 90 << 18.0;
    QTest::newRow("p90 of 21") << 21 << 90 << 19.0;
    QTest::newRow("p50 of 4") << 4 << 50 << 2.0;
    QTest::newRow("p100 of 7") << 7 << 100 << 7.0;
    QTest::newRow("p1 of 7") << 7 << 1 << 1.0;
}

void TestLeadStats::percentile()
{
    QFETCH(int, count);
    QFETCH(int, percent);
    QFETCH(double, expected);

    QList<double> values;
    for (int i = count; i >= 1; --i)
        values << double(i);
    const std::optional<double> result = LeadStats::percentile(values, percent);
    QVERIFY(result.has_value());
    QCOMPARE(*result, expected);
}

void TestLeadStats::conversion_data()
{
    QTest::addColumn<int>("enrolled");
    QTest::addColumn<int>("others");
    QTest::addColumn<double>("rate");

    QTest::newRow("none enrolled") << 0 << 4 << 0.0;
    QTest::newRow("one of four") << 1 << 3 << 0.25;
    QTest::newRow("all enrolled") << 3 << 0 << 1.0;
    QTest::newRow("one of three") << 1 << 2 << 1.0 / 3.0;
}

void TestLeadStats::conversion()
{
    QFETCH(int, enrolled);
    QFETCH(int, others);
    QFETCH(double, rate);

    QList<LeadStats::Row> rows;
    for (int i = 0; i < enrolled; ++i)
        rows << lead(LeadStatus::Enrolled, QStringLiteral("referral"), 30);
    const LeadStatus otherStatuses[] = {LeadStatus::New,
                                        LeadStatus::Contacted,
                                        LeadStatus::Qualified,
                                        LeadStatus::Closed};
    for (int i = 0; i < others; ++i)
        rows << lead(otherStatuses[i % 4], QStringLiteral("referral"));
    const LeadStats::Summary summary = LeadStats::compute(rows);

    QCOMPARE(summary.total, enrolled + others);
    QCOMPARE(summary.count(LeadStatus::Enrolled), enrolled);
    QCOMPARE(summary.conversionRate, rate);
    QCOMPARE(summary.bySource.size(), 1);
    QCOMPARE(summary.bySource.at(0).source, QStringLiteral("referral"));
    QCOMPARE(summary.bySource.at(0).total, enrolled + others);
    QCOMPARE(summary.bySource.at(0).enrolled, enrolled);
    QCOMPARE(summary.bySource.at(0).conversionRate, rate);
}

void TestLeadStats::emptyInput()
{
    const LeadStats::Summary summary = LeadStats::compute({});
    QCOMPARE(summary.total, 0);
    QCOMPARE(summary.contacted, 0);
    QCOMPARE(summary.conversionRate, 0.0);
    QVERIFY(!summary.medianMinutes);
    QVERIFY(!summary.p90Minutes);
    QCOMPARE(summary.within1HourRate, 0.0);
    QVERIFY(summary.bySource.isEmpty());

    const QJsonObject json = summary.toJson();
    QCOMPARE(json.value(QStringLiteral("total")).toInt(-1), 0);
    const QJsonObject byStatus = json.value(QStringLiteral("byStatus")).toObject();
    QCOMPARE(byStatus.size(), 5);
    for (const QString &status : {QStringLiteral("new"),
                                  QStringLiteral("contacted"),
                                  QStringLiteral("qualified"),
                                  QStringLiteral("enrolled"),
                                  QStringLiteral("closed")})
        QCOMPARE(byStatus.value(status).toInt(-1), 0);
    const QJsonObject responseTime = json.value(QStringLiteral("responseTime")).toObject();
    QVERIFY(responseTime.value(QStringLiteral("medianMinutes")).isNull());
    QVERIFY(responseTime.value(QStringLiteral("p90Minutes")).isNull());
    QCOMPARE(responseTime.value(QStringLiteral("within1HourRate")).toDouble(-1), 0.0);
    QCOMPARE(json.value(QStringLiteral("conversionRate")).toDouble(-1), 0.0);
    QVERIFY(json.value(QStringLiteral("bySource")).isArray());
    QVERIFY(json.value(QStringLiteral("bySource")).toArray().isEmpty());
}

void TestLeadStats::bySourceOrder()
{
    QList<LeadStats::Row> rows;
    rows << lead(LeadStatus::New, QStringLiteral("website"))
         << lead(LeadStatus::Enrolled, QStringLiteral("referral"), 5)
         << lead(LeadStatus::New, QStringLiteral("referral"))
         << lead(LeadStatus::New, QStringLiteral("event"))
         << lead(LeadStatus::New, QStringLiteral("contact_form"))
         << lead(LeadStatus::New, QStringLiteral("contact_form"))
         << lead(LeadStatus::Enrolled, QStringLiteral("contact_form"), 5);
    const LeadStats::Summary summary = LeadStats::compute(rows);

    // By total descending, ties by source name; sources without leads are left out.
    QStringList order;
    for (const LeadStats::SourceSummary &source : summary.bySource)
        order << source.source;
    QCOMPARE(order,
             (QStringList{QStringLiteral("contact_form"),
                          QStringLiteral("referral"),
                          QStringLiteral("event"),
                          QStringLiteral("website")}));
    QCOMPARE(summary.bySource.at(0).total, 3);
    QCOMPARE(summary.bySource.at(0).enrolled, 1);
    QCOMPARE(summary.bySource.at(0).conversionRate, 1.0 / 3.0);
    QCOMPARE(summary.bySource.at(1).conversionRate, 0.5);
    QCOMPARE(summary.bySource.at(3).conversionRate, 0.0);
    QCOMPARE(summary.count(LeadStatus::New), 5);
    QCOMPARE(summary.count(LeadStatus::Enrolled), 2);
}

void TestLeadStats::jsonShape()
{
    QList<LeadStats::Row> rows;
    rows << contacted(1.0 / 3.0) << contacted(12.26)
         << lead(LeadStatus::Enrolled, QStringLiteral("website"), 100);
    const QJsonObject json = LeadStats::compute(rows).toJson();

    QCOMPARE(json.value(QStringLiteral("total")).toInt(), 3);
    const QJsonObject byStatus = json.value(QStringLiteral("byStatus")).toObject();
    QCOMPARE(byStatus.value(QStringLiteral("contacted")).toInt(), 2);
    QCOMPARE(byStatus.value(QStringLiteral("enrolled")).toInt(), 1);
    QCOMPARE(byStatus.value(QStringLiteral("new")).toInt(-1), 0);
    QCOMPARE(json.value(QStringLiteral("conversionRate")).toDouble(), 1.0 / 3.0);
    const QJsonObject responseTime = json.value(QStringLiteral("responseTime")).toObject();
    // Minutes on the wire have one decimal.
    QCOMPARE(responseTime.value(QStringLiteral("medianMinutes")).toDouble(), 12.3);
    QCOMPARE(responseTime.value(QStringLiteral("p90Minutes")).toDouble(), 100.0);
    QCOMPARE(responseTime.value(QStringLiteral("within1HourRate")).toDouble(), 2.0 / 3.0);
    const QJsonArray bySource = json.value(QStringLiteral("bySource")).toArray();
    QCOMPARE(bySource.size(), 1);
    const QJsonObject website = bySource.at(0).toObject();
    QCOMPARE(website.value(QStringLiteral("source")).toString(), QStringLiteral("website"));
    QCOMPARE(website.value(QStringLiteral("total")).toInt(), 3);
    QCOMPARE(website.value(QStringLiteral("enrolled")).toInt(), 1);
}

void TestLeadStats::contactBeforeCreationCountsAsImmediate()
{
    LeadStats::Row row = contacted(0);
    row.firstContactAt = row.createdAt - 5 * Minute;
    const LeadStats::Summary summary = LeadStats::compute({row});
    QVERIFY(summary.medianMinutes.has_value());
    QCOMPARE(*summary.medianMinutes, 0.0);
    QCOMPARE(summary.within1HourRate, 1.0);
}

QTEST_GUILESS_MAIN(TestLeadStats)
#include "tst_leadstats.moc"
