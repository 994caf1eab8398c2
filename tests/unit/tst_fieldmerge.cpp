// The three-way field merge of a device's offline edits (models/domain/fieldmerge.h): each
// case is what a user did on the device (old → mine) while the record became theirs.
#include "domain/fieldmerge.h"

#include <QJsonArray>
#include <QTest>

using namespace Crm;

Q_DECLARE_METATYPE(Crm::FieldMerge::Outcome)

class tst_FieldMerge : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void planAppliesWhatNobodyElseChanged();
    void planRefusesFieldsItMayNotChange_data();
    void planRefusesFieldsItMayNotChange();
};

void tst_FieldMerge::decide_data()
{
    using O = FieldMerge::Outcome;
    QTest::addColumn<QJsonValue>("old");
    QTest::addColumn<QJsonValue>("mine");
    QTest::addColumn<QJsonValue>("theirs");
    QTest::addColumn<O>("outcome");

    QTest::newRow("nobody else touched it") << QJsonValue(u"A"_qs) << QJsonValue(u"B"_qs)
                                            << QJsonValue(u"A"_qs) << O::Apply;
    QTest::newRow("someone made the same change") << QJsonValue(u"A"_qs) << QJsonValue(u"B"_qs)
                                                  << QJsonValue(u"B"_qs) << O::NoOp;
    QTest::newRow("someone changed it otherwise") << QJsonValue(u"A"_qs) << QJsonValue(u"B"_qs)
                                                  << QJsonValue(u"C"_qs) << O::Conflict;
    QTest::newRow("someone changed it back and forth") << QJsonValue(u"A"_qs)
                                                       << QJsonValue(u"B"_qs)
                                                       << QJsonValue(u"A"_qs) << O::Apply;
    QTest::newRow("cleared by me: empty text is no value")
        << QJsonValue(u"CA"_qs) << QJsonValue(u""_qs) << QJsonValue(u"CA"_qs) << O::Apply;
    QTest::newRow("cleared on both sides, one as null, one as empty")
        << QJsonValue(u"CA"_qs) << QJsonValue(u""_qs) << QJsonValue(QJsonValue::Null) << O::NoOp;
    QTest::newRow("set from nothing while the server said null")
        << QJsonValue(u""_qs) << QJsonValue(u"OH"_qs) << QJsonValue(QJsonValue::Null) << O::Apply;
    QTest::newRow("a flag switched on both sides alike")
        << QJsonValue(false) << QJsonValue(true) << QJsonValue(true) << O::NoOp;
    QTest::newRow("a flag I switched, theirs switched twice")
        << QJsonValue(false) << QJsonValue(true) << QJsonValue(false) << O::Apply;
    QTest::newRow("a time moved by both to different times")
        << QJsonValue(u"2026-12-01T15:00:00Z"_qs) << QJsonValue(u"2026-12-02T15:00:00Z"_qs)
        << QJsonValue(u"2026-12-03T15:00:00Z"_qs) << O::Conflict;
    QTest::newRow("a number and its text are different values")
        << QJsonValue(1) << QJsonValue(2) << QJsonValue(u"1"_qs) << O::Conflict;
}

void tst_FieldMerge::decide()
{
    QFETCH(QJsonValue, old);
    QFETCH(QJsonValue, mine);
    QFETCH(QJsonValue, theirs);
    QFETCH(FieldMerge::Outcome, outcome);
    QCOMPARE(FieldMerge::decide(old, mine, theirs), outcome);
}

void tst_FieldMerge::planAppliesWhatNobodyElseChanged()
{
    // The device changed the phone, the state and the message; meanwhile someone else changed
    // the message to something else and cleared the state too.
    const QJsonObject current{{u"phone"_qs, u"+14155550100"_qs},
                              {u"state"_qs, QJsonValue()},
                              {u"message"_qs, u"Call after 5"_qs}};
    const QJsonObject changes{
        {u"phone"_qs, FieldMerge::change(u"+14155550100"_qs, u"+14155550199"_qs)},
        {u"state"_qs, FieldMerge::change(u"CA"_qs, u""_qs)},
        {u"message"_qs, FieldMerge::change(u"Call me"_qs, u"Call mornings"_qs)}};
    const FieldMerge::Plan plan
        = FieldMerge::plan(current, changes, {u"phone"_qs, u"state"_qs, u"message"_qs});
    QVERIFY(plan.badField.isEmpty());
    QCOMPARE(plan.apply, (QJsonObject{{u"phone"_qs, u"+14155550199"_qs}}));
    QCOMPARE(plan.conflicts,
             (QJsonObject{{u"message"_qs,
                           QJsonObject{{u"mine"_qs, u"Call mornings"_qs},
                                       {u"theirs"_qs, u"Call after 5"_qs}}}}));
}

void tst_FieldMerge::planRefusesFieldsItMayNotChange_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QString>("badField");

    QTest::newRow("a field outside the list")
        << QJsonObject{{u"version"_qs, FieldMerge::change(1, 9)}} << u"version"_qs;
    QTest::newRow("a change that is not {old, new}")
        << QJsonObject{{u"phone"_qs, u"+14155550199"_qs}} << u"phone"_qs;
    QTest::newRow("a list instead of a change")
        << QJsonObject{{u"phone"_qs, QJsonArray{1, 2}}} << u"phone"_qs;
}

void tst_FieldMerge::planRefusesFieldsItMayNotChange()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QString, badField);
    const FieldMerge::Plan plan = FieldMerge::plan({{u"phone"_qs, u"+14155550100"_qs}},
                                                   changes,
                                                   {u"phone"_qs});
    QCOMPARE(plan.badField, badField);
}

QTEST_GUILESS_MAIN(tst_FieldMerge)
#include "tst_fieldmerge.moc"
