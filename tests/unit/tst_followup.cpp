// What a follow-up may hold (models/domain/followup.h), the one rule LocalEdits, the REST
// routes and the sync push all call: a new one says what to do; a changed note may be cleared;
// neither goes past the limit.
#include "domain/followup.h"

#include <QTest>

using namespace Crm;

class tst_FollowUp : public QObject
{
    Q_OBJECT

private slots:
    void validateNew_data();
    void validateNew();
    void validateNoteChange_data();
    void validateNoteChange();
};

void tst_FollowUp::validateNew_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("says what to do") << QStringLiteral("Send the plan brochure") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("only spaces") << QStringLiteral("   ") << false;
    QTest::newRow("only a line break") << QStringLiteral("\n\t") << false;
    QTest::newRow("one character") << QStringLiteral("x") << true;
    QTest::newRow("at the limit") << QString(FollowUp::MaxNoteLength, u'a') << true;
    QTest::newRow("past the limit") << QString(FollowUp::MaxNoteLength + 1, u'a') << false;
    QTest::newRow("accents count once each")
        << QString(FollowUp::MaxNoteLength, QChar(0x00e9)) << true;
}

void tst_FollowUp::validateNew()
{
    QFETCH(QString, note);
    QFETCH(bool, accepted);
    const ValidationErrors errors = FollowUp::validateNew(note);
    QCOMPARE(errors.isEmpty(), accepted);
    if (!accepted) {
        QVERIFY(errors.contains(QStringLiteral("note"))); // named, for the form to show it
        QVERIFY(!errors.summary().isEmpty());
    }
}

void tst_FollowUp::validateNoteChange_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("cleared") << QString() << true;
    QTest::newRow("blank") << QStringLiteral("  ") << true;
    QTest::newRow("changed") << QStringLiteral("Call after 5 pm") << true;
    QTest::newRow("at the limit") << QString(FollowUp::MaxNoteLength, u'a') << true;
    QTest::newRow("past the limit") << QString(FollowUp::MaxNoteLength + 1, u'a') << false;
}

void tst_FollowUp::validateNoteChange()
{
    QFETCH(QString, note);
    QFETCH(bool, accepted);
    const ValidationErrors errors = FollowUp::validateNoteChange(note);
    QCOMPARE(errors.isEmpty(), accepted);
    if (!accepted)
        QVERIFY(errors.contains(QStringLiteral("note")));
}

QTEST_GUILESS_MAIN(tst_FollowUp)
#include "tst_followup.moc"
