#include "domain/emailvalidator.h"

#include <QTest>

using Crm::EmailValidator;

// The e-mail syntax check of the lead form and its normal form for duplicate detection.
class TestEmailValidator : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void normalized_data();
    void normalized();
};

void TestEmailValidator::valid_data()
{
    QTest::addColumn<QString>("address");

    // 64-character local part and a 254-character address are the limits.
    const QString local64 = QString(64, QLatin1Char('a'));
    const QString label63 = QString(63, QLatin1Char('b'));
    const QString domain189 = label63 + QLatin1Char('.') + label63 + QLatin1Char('.')
                              + QString(57, QLatin1Char('c')) + QStringLiteral(".com");
    const QString address254 = local64 + QLatin1Char('@') + domain189;
    QCOMPARE(address254.size(), 254);

    QTest::newRow("simple") << QStringLiteral("jane@example.com");
    QTest::newRow("dotted local part") << QStringLiteral("jane.doe@example.com");
    QTest::newRow("plus tag") << QStringLiteral("jane+crm@example.com");
    QTest::newRow("sub-domain") << QStringLiteral("jane@mail.example.co.uk");
    QTest::newRow("hyphen in domain") << QStringLiteral("jane@my-company.example");
    QTest::newRow("digits") << QStringLiteral("123@456.example.com");
    QTest::newRow("upper case") << QStringLiteral("Jane.Doe@Example.COM");
    QTest::newRow("special characters") << QStringLiteral("o'neil_x-y!#$%&*/=?^`{|}~@example.org");
    QTest::newRow("one-letter parts") << QStringLiteral("a@b.co");
    QTest::newRow("internationalised domain") << QStringLiteral("jane@b\u00fccher.de");
    QTest::newRow("64-char local part") << local64 + QStringLiteral("@example.com");
    QTest::newRow("63-char label") << QStringLiteral("jane@") + label63 + QStringLiteral(".com");
    QTest::newRow("254 chars") << address254;
}

void TestEmailValidator::valid()
{
    QFETCH(QString, address);
    QVERIFY(EmailValidator::isValid(address));
}

void TestEmailValidator::invalid_data()
{
    QTest::addColumn<QString>("address");

    const QString local65 = QString(65, QLatin1Char('a'));
    const QString label64 = QString(64, QLatin1Char('b'));
    const QString label63 = QString(63, QLatin1Char('b'));
    const QString address255 = QString(64, QLatin1Char('a')) + QLatin1Char('@') + label63
                               + QLatin1Char('.') + label63 + QLatin1Char('.')
                               + QString(58, QLatin1Char('c')) + QStringLiteral(".com");
    QCOMPARE(address255.size(), 255);

    QTest::newRow("empty") << QString();
    QTest::newRow("no at") << QStringLiteral("jane.example.com");
    QTest::newRow("two ats") << QStringLiteral("jane@doe@example.com");
    QTest::newRow("empty local part") << QStringLiteral("@example.com");
    QTest::newRow("empty domain") << QStringLiteral("jane@");
    QTest::newRow("only at") << QStringLiteral("@");
    QTest::newRow("domain without dot") << QStringLiteral("jane@localhost");
    QTest::newRow("trailing dot in domain") << QStringLiteral("jane@example.com.");
    QTest::newRow("leading dot in domain") << QStringLiteral("jane@.example.com");
    QTest::newRow("double dot in domain") << QStringLiteral("jane@example..com");
    QTest::newRow("leading dot in local part") << QStringLiteral(".jane@example.com");
    QTest::newRow("trailing dot in local part") << QStringLiteral("jane.@example.com");
    QTest::newRow("double dot in local part") << QStringLiteral("jane..doe@example.com");
    QTest::newRow("space inside") << QStringLiteral("jane doe@example.com");
    QTest::newRow("space in domain") << QStringLiteral("jane@exam ple.com");
    QTest::newRow("leading space") << QStringLiteral(" jane@example.com");
    QTest::newRow("trailing space") << QStringLiteral("jane@example.com ");
    QTest::newRow("tab") << QStringLiteral("jane\t@example.com");
    QTest::newRow("label starts with hyphen") << QStringLiteral("jane@-example.com");
    QTest::newRow("label ends with hyphen") << QStringLiteral("jane@example-.com");
    QTest::newRow("underscore in domain") << QStringLiteral("jane@my_company.com");
    QTest::newRow("comma") << QStringLiteral("jane,doe@example.com");
    QTest::newRow("angle brackets") << QStringLiteral("<jane@example.com>");
    QTest::newRow("display name") << QStringLiteral("Jane <jane@example.com>");
    QTest::newRow("quoted local part") << QStringLiteral("\"jane doe\"@example.com");
    QTest::newRow("IP literal") << QStringLiteral("jane@[192.168.0.1]");
    QTest::newRow("IP address") << QStringLiteral("jane@192.168.0.1");
    QTest::newRow("non-ASCII local part") << QStringLiteral("jos\u00e9@example.com");
    QTest::newRow("emoji local part") << QStringLiteral("\U0001F600@example.com");
    QTest::newRow("65-char local part") << local65 + QStringLiteral("@example.com");
    QTest::newRow("64-char label") << QStringLiteral("jane@") + label64 + QStringLiteral(".com");
    QTest::newRow("255 chars") << address255;
    QTest::newRow("300 chars") << QString(60, QLatin1Char('a')) + QLatin1Char('@')
                                      + QString(235, QLatin1Char('b')) + QStringLiteral(".com");
}

void TestEmailValidator::invalid()
{
    QFETCH(QString, address);
    QVERIFY(!EmailValidator::isValid(address));
}

void TestEmailValidator::normalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("already normal")
        << QStringLiteral("jane@example.com") << QStringLiteral("jane@example.com");
    QTest::newRow("upper case") << QStringLiteral("Jane.Doe@Example.COM")
                                << QStringLiteral("jane.doe@example.com");
    QTest::newRow("surrounding spaces")
        << QStringLiteral("  jane@example.com\t") << QStringLiteral("jane@example.com");
    QTest::newRow("empty") << QString() << QString();
}

void TestEmailValidator::normalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(EmailValidator::normalized(input), expected);
    QCOMPARE(EmailValidator::normalized(expected), expected);
}

QTEST_GUILESS_MAIN(TestEmailValidator)
#include "tst_emailvalidator.moc"
