// Who gets a lead (models/domain/assignmentpolicy.h), without a database: the weighted
// rotation, territories and their fallback, and the cases that never reach the rotation.
#include "domain/assignmentpolicy.h"

#include <QTest>

using namespace Crm;
using Candidate = AssignmentPolicy::Candidate;
using Mode = AssignmentPolicy::Mode;

namespace {

QList<Candidate> team(std::initializer_list<std::pair<const char *, int>> members,
                      QHash<QString, QStringList> territories = {})
{
    QList<Candidate> result;
    for (const auto &[id, weight] : members)
        result.append({QString::fromLatin1(id), weight, 0, territories.value(QString::fromLatin1(id))});
    return result;
}

// Who gets each of `count` leads in a row.
QString run(QList<Candidate> &candidates, int count, const QString &state, Mode mode)
{
    QString picks;
    for (int i = 0; i < count; ++i) {
        const auto pick = AssignmentPolicy::pick(candidates, state, mode);
        picks += pick ? pick->agentId : u"-"_qs;
    }
    return picks;
}

} // namespace

class tst_AssignmentPolicy : public QObject
{
    Q_OBJECT

private slots:
    void rotation_data();
    void rotation();
    void reasons_data();
    void reasons();
    void directChoicesSkipTheRotation();
    void modeNames();
};

void tst_AssignmentPolicy::rotation_data()
{
    QTest::addColumn<QList<Candidate>>("candidates");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("picks");

    const QHash<QString, QStringList> covers{{u"A"_qs, {u"CA"_qs}},
                                             {u"B"_qs, {u"CA"_qs, u"NV"_qs}},
                                             {u"C"_qs, {u"TX"_qs}}};
    QTest::newRow("equal weights take turns in order")
        << team({{"A", 1}, {"B", 1}, {"C", 1}}) << QString() << int(Mode::RoundRobin)
        << u"ABCABC"_qs;
    QTest::newRow("weights 3:1 give 3 of every 4, spread out")
        << team({{"A", 3}, {"B", 1}}) << QString() << int(Mode::RoundRobin) << u"AABAAABA"_qs;
    QTest::newRow("weights 2:1:1") << team({{"A", 2}, {"B", 1}, {"C", 1}}) << QString()
                                   << int(Mode::RoundRobin) << u"ABCAABCA"_qs;
    QTest::newRow("territory: only those who cover the state")
        << team({{"A", 1}, {"B", 1}, {"C", 1}}, covers) << u"CA"_qs << int(Mode::Territory)
        << u"ABAB"_qs;
    QTest::newRow("territory: one agent covers it")
        << team({{"A", 1}, {"B", 1}, {"C", 1}}, covers) << u"TX"_qs << int(Mode::Territory)
        << u"CCC"_qs;
    QTest::newRow("territory: nobody covers it, everyone rotates")
        << team({{"A", 1}, {"B", 1}, {"C", 1}}, covers) << u"OH"_qs << int(Mode::Territory)
        << u"ABC"_qs;
    QTest::newRow("territory: no state, everyone rotates")
        << team({{"A", 1}, {"B", 1}}, covers) << QString() << int(Mode::Territory) << u"ABAB"_qs;
    QTest::newRow("manual: nobody") << team({{"A", 1}}) << QString() << int(Mode::Manual)
                                    << u"--"_qs;
    QTest::newRow("no eligible agent: nobody") << QList<Candidate>() << QString()
                                               << int(Mode::RoundRobin) << u"--"_qs;
}

void tst_AssignmentPolicy::rotation()
{
    QFETCH(QList<Candidate>, candidates);
    QFETCH(QString, state);
    QFETCH(int, mode);
    QFETCH(QString, picks);
    QCOMPARE(run(candidates, int(picks.size()), state, Mode(mode)), picks);
}

void tst_AssignmentPolicy::reasons_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("wire");

    QTest::newRow("round-robin") << u"CA"_qs << int(Mode::RoundRobin) << u"round_robin"_qs;
    QTest::newRow("territory") << u"CA"_qs << int(Mode::Territory) << u"territory CA"_qs;
    QTest::newRow("uncovered state") << u"OH"_qs << int(Mode::Territory)
                                     << u"round_robin (no agent covers OH)"_qs;
    QTest::newRow("territory without a state") << QString() << int(Mode::Territory)
                                               << u"round_robin"_qs;
}

void tst_AssignmentPolicy::reasons()
{
    QFETCH(QString, state);
    QFETCH(int, mode);
    QFETCH(QString, wire);
    QList<Candidate> candidates = team({{"A", 1}}, {{u"A"_qs, {u"CA"_qs}}});
    const auto pick = AssignmentPolicy::pick(candidates, state, Mode(mode));
    QVERIFY(pick);
    QCOMPARE(pick->reason.wire(), wire);
}

void tst_AssignmentPolicy::directChoicesSkipTheRotation()
{
    const auto byAgent = AssignmentPolicy::direct(u"agent-1"_qs, u"agent-2"_qs);
    QVERIFY(byAgent);
    QCOMPARE(byAgent->agentId, u"agent-1"_qs);
    QCOMPARE(byAgent->reason.kind, AssignmentReason::Kind::EnteredByAgent);
    const auto byAdmin = AssignmentPolicy::direct(QString(), u"agent-2"_qs);
    QVERIFY(byAdmin);
    QCOMPARE(byAdmin->agentId, u"agent-2"_qs);
    QCOMPARE(byAdmin->reason.kind, AssignmentReason::Kind::Manual);
    QVERIFY(!AssignmentPolicy::direct(QString(), QString()));
}

void tst_AssignmentPolicy::modeNames()
{
    for (Mode mode : {Mode::RoundRobin, Mode::Territory, Mode::Manual})
        QCOMPARE(AssignmentPolicy::parseMode(AssignmentPolicy::modeName(mode)), mode);
    QVERIFY(!AssignmentPolicy::parseMode(u"Round Robin"_qs));
}

QTEST_GUILESS_MAIN(tst_AssignmentPolicy)
#include "tst_assignmentpolicy.moc"
