// The enrollment rule (models/domain/enrollment.h) as a table: what the desktop's Convert
// dialog, the server's REST route and the sync push all accept or refuse.
#include "domain/enrollment.h"

#include <QTest>

using namespace Crm;

class tst_Enrollment : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void normalized();
};

void tst_Enrollment::validate_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("effectiveDate");
    QTest::addColumn<int>("notesLength");
    QTest::addColumn<QStringList>("refused"); // fields with a problem, in form order

    QTest::newRow("plan only") << u"Silver PPO"_qs << u""_qs << 0 << QStringList();
    QTest::newRow("everything") << u"Gold HMO"_qs << u"2027-01-01"_qs << 5000 << QStringList();
    QTest::newRow("no plan") << u""_qs << u"2027-01-01"_qs << 0 << QStringList{u"plan"_qs};
    QTest::newRow("blank plan") << u" \t "_qs << u""_qs << 0 << QStringList{u"plan"_qs};
    QTest::newRow("longest plan") << QString(255, u'p') << u""_qs << 0 << QStringList();
    QTest::newRow("plan too long") << QString(256, u'p') << u""_qs << 0 << QStringList{u"plan"_qs};
    QTest::newRow("padded plan fits")
        << QStringLiteral("  %1  ").arg(QString(255, u'p')) << u""_qs << 0 << QStringList();
    QTest::newRow("no such day") << u"Gold"_qs << u"2027-02-30"_qs << 0
                                 << QStringList{u"effectiveDate"_qs};
    QTest::newRow("short date") << u"Gold"_qs << u"2027-1-1"_qs << 0
                                << QStringList{u"effectiveDate"_qs};
    QTest::newRow("us date") << u"Gold"_qs << u"01/02/2027"_qs << 0
                             << QStringList{u"effectiveDate"_qs};
    QTest::newRow("a time") << u"Gold"_qs << u"2027-01-01T00:00:00Z"_qs << 0
                            << QStringList{u"effectiveDate"_qs};
    QTest::newRow("notes too long") << u"Gold"_qs << u""_qs << 5001 << QStringList{u"notes"_qs};
    QTest::newRow("all wrong") << u""_qs << u"soon"_qs << 5001
                               << QStringList{u"plan"_qs, u"effectiveDate"_qs, u"notes"_qs};
}

void tst_Enrollment::validate()
{
    QFETCH(QString, plan);
    QFETCH(QString, effectiveDate);
    QFETCH(int, notesLength);
    QFETCH(QStringList, refused);
    const Enrollment enrollment{plan, effectiveDate, QString(notesLength, u'n')};
    const ValidationErrors errors = enrollment.validate();
    QCOMPARE(errors.fields(), refused);
    for (const QString &field : refused)
        QVERIFY(!errors.message(field).isEmpty());
}

void tst_Enrollment::normalized()
{
    const Enrollment entered{QStringLiteral("  Silver PPO "),
                             QStringLiteral(" 2027-03-01 "),
                             QStringLiteral(" kept as typed ")};
    const Enrollment stored = entered.normalized();
    QCOMPARE(stored.plan, QStringLiteral("Silver PPO"));
    QCOMPARE(stored.effectiveDate, QStringLiteral("2027-03-01"));
    QCOMPARE(stored.notes, entered.notes);
    QVERIFY(stored.validate().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Enrollment)
#include "tst_enrollment.moc"
