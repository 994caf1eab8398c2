#include "domain/leadstatus.h"

#include <QTest>

using Crm::LeadStatus;
using Crm::LeadStatusMachine;

namespace Crm {
// Readable failure output for QCOMPARE (found by argument-dependent lookup).
char *toString(LeadStatus status)
{
    return qstrdup(LeadStatusMachine::toString(status).toUtf8().constData());
}
} // namespace Crm

// The lead status rules of API.md, checked for every pair of statuses.
class TestLeadStatus : public QObject
{
    Q_OBJECT

private slots:
    void canTransition_data();
    void canTransition();
    void allowedTransitions_data();
    void allowedTransitions();
    void stringRoundTrip_data();
    void stringRoundTrip();
    void fromStringRejectsUnknown_data();
    void fromStringRejectsUnknown();
    void displayNameIsNotEmpty();
    void isOpen_data();
    void isOpen();
};

void TestLeadStatus::canTransition_data()
{
    QTest::addColumn<LeadStatus>("from");
    QTest::addColumn<LeadStatus>("to");
    QTest::addColumn<bool>("allowed");

    // The whole 5 x 5 table, written out so that a change to the rules shows up here.
    const LeadStatus N = LeadStatus::New;
    const LeadStatus C = LeadStatus::Contacted;
    const LeadStatus Q = LeadStatus::Qualified;
    const LeadStatus E = LeadStatus::Enrolled;
    const LeadStatus X = LeadStatus::Closed;
    const struct
    {
        LeadStatus from;
        LeadStatus to;
        bool allowed;
    } table[] = {
        {N, N, true},  {N, C, true},  {N, Q, true},  {N, E, false}, {N, X, true},
        {C, N, false}, {C, C, true},  {C, Q, true},  {C, E, true},  {C, X, true},
        {Q, N, false}, {Q, C, true},  {Q, Q, true},  {Q, E, true},  {Q, X, true},
        {E, N, false}, {E, C, false}, {E, Q, false}, {E, E, true},  {E, X, true},
        {X, N, false}, {X, C, true},  {X, Q, false}, {X, E, false}, {X, X, true},
    };
    for (const auto &row : table) {
        const QByteArray name = (LeadStatusMachine::toString(row.from) + QStringLiteral("->")
                                 + LeadStatusMachine::toString(row.to))
                                    .toUtf8();
        QTest::newRow(name.constData()) << row.from << row.to << row.allowed;
    }
}

void TestLeadStatus::canTransition()
{
    QFETCH(LeadStatus, from);
    QFETCH(LeadStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(LeadStatusMachine::canTransition(from, to), allowed);
}

void TestLeadStatus::allowedTransitions_data()
{
    QTest::addColumn<LeadStatus>("from");
    QTest::addColumn<QList<LeadStatus>>("expected");

    QTest::newRow("new") << LeadStatus::New
                         << QList<LeadStatus>{LeadStatus::Contacted,
                                              LeadStatus::Qualified,
                                              LeadStatus::Closed};
    QTest::newRow("contacted") << LeadStatus::Contacted
                               << QList<LeadStatus>{LeadStatus::Qualified,
                                                    LeadStatus::Enrolled,
                                                    LeadStatus::Closed};
    QTest::newRow("qualified") << LeadStatus::Qualified
                               << QList<LeadStatus>{LeadStatus::Contacted,
                                                    LeadStatus::Enrolled,
                                                    LeadStatus::Closed};
    QTest::newRow("enrolled") << LeadStatus::Enrolled << QList<LeadStatus>{LeadStatus::Closed};
    QTest::newRow("closed") << LeadStatus::Closed << QList<LeadStatus>{LeadStatus::Contacted};
}

void TestLeadStatus::allowedTransitions()
{
    QFETCH(LeadStatus, from);
    QFETCH(QList<LeadStatus>, expected);

    const QList<LeadStatus> actual = LeadStatusMachine::allowedTransitions(from);
    QCOMPARE(actual, expected);
    QVERIFY(!actual.contains(from));
    // The list and canTransition() must never disagree.
    const QList<LeadStatus> all = LeadStatusMachine::all();
    for (LeadStatus to : all) {
        if (to != from)
            QCOMPARE(actual.contains(to), LeadStatusMachine::canTransition(from, to));
    }
}

void TestLeadStatus::stringRoundTrip_data()
{
    QTest::addColumn<LeadStatus>("status");
    QTest::addColumn<QString>("text");

    QTest::newRow("new") << LeadStatus::New << QStringLiteral("new");
    QTest::newRow("contacted") << LeadStatus::Contacted << QStringLiteral("contacted");
    QTest::newRow("qualified") << LeadStatus::Qualified << QStringLiteral("qualified");
    QTest::newRow("enrolled") << LeadStatus::Enrolled << QStringLiteral("enrolled");
    QTest::newRow("closed") << LeadStatus::Closed << QStringLiteral("closed");
}

void TestLeadStatus::stringRoundTrip()
{
    QFETCH(LeadStatus, status);
    QFETCH(QString, text);

    QCOMPARE(LeadStatusMachine::toString(status), text);
    const std::optional<LeadStatus> parsed = LeadStatusMachine::fromString(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, status);
}

void TestLeadStatus::fromStringRejectsUnknown_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("upper case") << QStringLiteral("NEW");
    QTest::newRow("capitalised") << QStringLiteral("Contacted");
    QTest::newRow("leading space") << QStringLiteral(" new");
    QTest::newRow("trailing space") << QStringLiteral("closed ");
    QTest::newRow("unknown") << QStringLiteral("lost");
    QTest::newRow("display name") << QStringLiteral("Enrolled");
    QTest::newRow("number") << QStringLiteral("1");
}

void TestLeadStatus::fromStringRejectsUnknown()
{
    QFETCH(QString, text);
    QVERIFY(!LeadStatusMachine::fromString(text).has_value());
}

void TestLeadStatus::displayNameIsNotEmpty()
{
    const QList<LeadStatus> all = LeadStatusMachine::all();
    QCOMPARE(all.size(), 5);
    for (LeadStatus status : all)
        QVERIFY(!LeadStatusMachine::displayName(status).isEmpty());
    QCOMPARE(LeadStatusMachine::displayName(LeadStatus::Contacted), QStringLiteral("Contacted"));
}

void TestLeadStatus::isOpen_data()
{
    QTest::addColumn<LeadStatus>("status");
    QTest::addColumn<bool>("open");

    QTest::newRow("new") << LeadStatus::New << true;
    QTest::newRow("contacted") << LeadStatus::Contacted << true;
    QTest::newRow("qualified") << LeadStatus::Qualified << true;
    QTest::newRow("enrolled") << LeadStatus::Enrolled << false;
    QTest::newRow("closed") << LeadStatus::Closed << false;
}

void TestLeadStatus::isOpen()
{
    QFETCH(LeadStatus, status);
    QFETCH(bool, open);

    QCOMPARE(LeadStatusMachine::isOpen(status), open);
    QCOMPARE(LeadStatusMachine::openStatuses().contains(status), open);
}

QTEST_GUILESS_MAIN(TestLeadStatus)
#include "tst_leadstatus.moc"
