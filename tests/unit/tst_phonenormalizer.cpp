#include "domain/phonenormalizer.h"

#include <QTest>

using Crm::PhoneNormalizer;

// E.164 normalisation of what people type into the phone field.
class TestPhoneNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void acceptsValidNumbers_data();
    void acceptsValidNumbers();
    void rejectsInvalidNumbers_data();
    void rejectsInvalidNumbers();
};

void TestPhoneNormalizer::acceptsValidNumbers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");

    const QString us = QStringLiteral("US");
    const QString sf = QStringLiteral("+14155550123");
    QTest::newRow("parentheses") << QStringLiteral("(415) 555-0123") << us << sf;
    QTest::newRow("dots") << QStringLiteral("415.555.0123") << us << sf;
    QTest::newRow("international with spaces") << QStringLiteral("+1 415 555 0123") << us << sf;
    QTest::newRow("digits only") << QStringLiteral("4155550123") << us << sf;
    QTest::newRow("national prefix 1") << QStringLiteral("1-415-555-0123") << us << sf;
    QTest::newRow("already E.164") << sf << us << sf;
    QTest::newRow("surrounding spaces") << QStringLiteral("  415 555 0123 ") << us << sf;
    QTest::newRow("region lower case")
        << QStringLiteral("415-555-0123") << QStringLiteral("us") << sf;
    QTest::newRow("UK international")
        << QStringLiteral("+44 20 7946 0958") << us << QStringLiteral("+442079460958");
    QTest::newRow("UK via US exit code")
        << QStringLiteral("011 44 20 7946 0958") << us << QStringLiteral("+442079460958");
    QTest::newRow("UK national with region GB")
        << QStringLiteral("020 7946 0958") << QStringLiteral("GB")
        << QStringLiteral("+442079460958");
    QTest::newRow("New York") << QStringLiteral("(212) 555-0100") << us
                              << QStringLiteral("+12125550100");
    QTest::newRow("extension dropped")
        << QStringLiteral("(212) 555-0100 ext. 5") << us << QStringLiteral("+12125550100");
    QTest::newRow("toll free vanity")
        << QStringLiteral("1-800-FLOWERS") << us << QStringLiteral("+18003569377");
}

void TestPhoneNormalizer::acceptsValidNumbers()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, expected);

    const Crm::Result<QString> result = PhoneNormalizer::toE164(input, region);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result.value(), expected);
}

void TestPhoneNormalizer::rejectsInvalidNumbers_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("empty") << QString();
    QTest::newRow("spaces only") << QStringLiteral("   ");
    QTest::newRow("too short") << QStringLiteral("12");
    QTest::newRow("letters") << QStringLiteral("abc");
    QTest::newRow("too long") << QStringLiteral("555-0000-99999999");
    QTest::newRow("one digit too many") << QStringLiteral("+1 415 555 01234");
    QTest::newRow("area code 000") << QStringLiteral("(000) 555-0123");
    QTest::newRow("seven digits") << QStringLiteral("555-0123");
    QTest::newRow("unknown country code") << QStringLiteral("+999 1234 5678");
    QTest::newRow("only a plus") << QStringLiteral("+");
    QTest::newRow("e-mail address") << QStringLiteral("jane@example.com");
}

void TestPhoneNormalizer::rejectsInvalidNumbers()
{
    QFETCH(QString, input);

    const Crm::Result<QString> result = PhoneNormalizer::toE164(input);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? result.value() : QString()));
    QCOMPARE(result.error().code, QStringLiteral("invalid_phone"));
    QVERIFY(!result.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestPhoneNormalizer)
#include "tst_phonenormalizer.moc"
