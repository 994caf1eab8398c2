#include "domain/lead.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using Crm::Lead;
using Crm::LeadSource;
using Crm::LeadStatus;

namespace {

Lead validLead()
{
    Lead lead;
    lead.firstName = QStringLiteral("Jane");
    lead.lastName = QStringLiteral("Doe");
    lead.email = QStringLiteral("jane@example.com");
    lead.phone = QStringLiteral("+14155550123");
    lead.message = QStringLiteral("Please call me about the silver plan.");
    lead.state = QStringLiteral("CA");
    return lead;
}

Lead fullLead()
{
    Lead lead = validLead();
    lead.id = QStringLiteral("0b6e7a52-9a8e-4c59-8a43-3f1a2b3c4d5e");
    lead.source = LeadSource::Referral;
    lead.status = LeadStatus::Qualified;
    lead.assignedAgentId = QStringLiteral("5f0c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5");
    lead.smsOptIn = true;
    lead.preferredLanguage = QStringLiteral("es");
    lead.firstContactAt = 1764601200123; // 2025-12-01T15:00:00.123Z
    lead.createdAt = 1764597600000;      // 2025-12-01T14:00:00Z
    lead.updatedAt = 1764604800456;
    lead.version = 7;
    return lead;
}

void setField(Lead &lead, const QString &field, const QString &value)
{
    if (field == QLatin1String("firstName"))
        lead.firstName = value;
    else if (field == QLatin1String("lastName"))
        lead.lastName = value;
    else if (field == QLatin1String("email"))
        lead.email = value;
    else if (field == QLatin1String("phone"))
        lead.phone = value;
    else if (field == QLatin1String("message"))
        lead.message = value;
    else if (field == QLatin1String("state"))
        lead.state = value;
    else if (field == QLatin1String("preferredLanguage"))
        lead.preferredLanguage = value;
    else
        QFAIL("unknown field in test data");
}

} // namespace

// Lead validation, normalisation and the API's JSON form.
class TestLead : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void validateReportsEveryMissingField();
    void normalize();
    void toJsonHasExactlyTheApiFields();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void fromJsonMinimalContactForm();
    void fromJsonAcceptsNulls();
    void fromJsonRejects_data();
    void fromJsonRejects();
    void recordContact_data();
    void recordContact();
    void openLeads();
};

void TestLead::recordContact_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("firstContactAt"); // 0: none yet
    QTest::addColumn<qint64>("contactAt");
    QTest::addColumn<bool>("changed");
    QTest::addColumn<QString>("statusAfter");
    QTest::addColumn<qint64>("firstContactAfter");

    QTest::newRow("first call moves new to contacted") << "new" << 0LL << 500LL << true
                                                       << "contacted" << 500LL;
    QTest::newRow("a later call changes nothing") << "contacted" << 500LL << 900LL << false
                                                  << "contacted" << 500LL;
    QTest::newRow("an earlier call synced late becomes the first")
        << "contacted" << 500LL << 300LL << true << "contacted" << 300LL;
    QTest::newRow("a qualified lead stays qualified") << "qualified" << 0LL << 500LL << true
                                                      << "qualified" << 500LL;
    QTest::newRow("a closed lead stays closed") << "closed" << 0LL << 500LL << true << "closed"
                                                << 500LL;
    QTest::newRow("the same moment again changes nothing") << "contacted" << 500LL << 500LL
                                                           << false << "contacted" << 500LL;
}

void TestLead::recordContact()
{
    QFETCH(QString, status);
    QFETCH(qint64, firstContactAt);
    QFETCH(qint64, contactAt);
    QFETCH(bool, changed);
    QFETCH(QString, statusAfter);
    QFETCH(qint64, firstContactAfter);
    Lead lead;
    lead.status = *Crm::LeadStatusMachine::fromString(status);
    if (firstContactAt)
        lead.firstContactAt = firstContactAt;
    QCOMPARE(lead.recordContact(contactAt), changed);
    QCOMPARE(Crm::LeadStatusMachine::toString(lead.status), statusAfter);
    QCOMPARE(lead.firstContactAt.value_or(0), firstContactAfter);
}

void TestLead::openLeads()
{
    Lead lead;
    for (Crm::LeadStatus status : Crm::LeadStatusMachine::all()) {
        lead.status = status;
        const bool ended = status == Crm::LeadStatus::Enrolled || status == Crm::LeadStatus::Closed;
        QCOMPARE(lead.isOpen(), !ended);
    }
}

void TestLead::validate_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    // The field validate() must name; empty when the lead is valid.
    QTest::addColumn<QString>("expectedField");

    const QString firstName = QStringLiteral("firstName");
    const QString lastName = QStringLiteral("lastName");
    const QString email = QStringLiteral("email");
    const QString phone = QStringLiteral("phone");
    const QString message = QStringLiteral("message");
    const QString state = QStringLiteral("state");
    const QString none;

    QTest::newRow("valid lead") << firstName << QStringLiteral("Jane") << none;

    for (const QString &name : {firstName, lastName}) {
        const QByteArray prefix = name.toUtf8() + ' ';
        QTest::newRow((prefix + "empty").constData()) << name << QString() << name;
        QTest::newRow((prefix + "spaces only").constData())
            << name << QStringLiteral("   ") << name;
        QTest::newRow((prefix + "surrounded by spaces").constData())
            << name << QStringLiteral("  Al ") << none;
        QTest::newRow((prefix + "255 chars").constData())
            << name << QString(255, QLatin1Char('x')) << none;
        QTest::newRow((prefix + "256 chars").constData())
            << name << QString(256, QLatin1Char('x')) << name;
        QTest::newRow((prefix + "255 chars plus spaces").constData())
            << name << QStringLiteral(" ") + QString(255, QLatin1Char('x')) + QStringLiteral(" ")
            << none;
        QTest::newRow((prefix + "non-ASCII").constData())
            << name << QStringLiteral("Jos\u00e9 Mar\u00eda") << none;
    }

    QTest::newRow("email empty") << email << QString() << email;
    QTest::newRow("email no at") << email << QStringLiteral("jane.example.com") << email;
    QTest::newRow("email two ats") << email << QStringLiteral("jane@@example.com") << email;
    QTest::newRow("email no dot") << email << QStringLiteral("jane@example") << email;
    QTest::newRow("email space") << email << QStringLiteral("jane doe@example.com") << email;
    QTest::newRow("email upper case and spaces")
        << email << QStringLiteral(" Jane@Example.com ") << none;
    QTest::newRow("email 256 chars") << email
                                     << QString(200, QLatin1Char('a')) + QStringLiteral("@")
                                            + QString(51, QLatin1Char('b')) + QStringLiteral(".com")
                                     << email;

    // A valid number padded with inner spaces to exactly 50 / 51 characters.
    const QString phone50 = QStringLiteral("415") + QString(39, QLatin1Char(' '))
                            + QStringLiteral("555-0123");
    QCOMPARE(phone50.size(), 50);
    QTest::newRow("phone empty") << phone << QString() << phone;
    QTest::newRow("phone too short") << phone << QStringLiteral("12") << phone;
    QTest::newRow("phone letters") << phone << QStringLiteral("abc") << phone;
    QTest::newRow("phone too many digits") << phone << QStringLiteral("555-0000-99999999") << phone;
    QTest::newRow("phone national format") << phone << QStringLiteral("(415) 555-0123") << none;
    QTest::newRow("phone UK") << phone << QStringLiteral("+44 20 7946 0958") << none;
    QTest::newRow("phone 50 chars") << phone << phone50 << none;
    // One more inner space: still a valid number, so only the length is wrong.
    QTest::newRow("phone 51 chars")
        << phone << phone50.left(3) + QLatin1Char(' ') + phone50.mid(3) << phone;

    QTest::newRow("message empty") << message << QString() << none;
    QTest::newRow("message 5000 chars") << message << QString(5000, QLatin1Char('m')) << none;
    QTest::newRow("message 5001 chars") << message << QString(5001, QLatin1Char('m')) << message;

    QTest::newRow("state empty") << state << QString() << none;
    QTest::newRow("state CA") << state << QStringLiteral("CA") << none;
    QTest::newRow("state lower case") << state << QStringLiteral("ny") << none;
    QTest::newRow("state DC") << state << QStringLiteral("DC") << none;
    QTest::newRow("state PR") << state << QStringLiteral("PR") << none;
    QTest::newRow("state unknown code") << state << QStringLiteral("XX") << state;
    QTest::newRow("state full name") << state << QStringLiteral("California") << state;
    QTest::newRow("state one letter") << state << QStringLiteral("C") << state;

    const QString language = QStringLiteral("preferredLanguage");
    QTest::newRow("language not said") << language << QString() << none;
    QTest::newRow("language English") << language << QStringLiteral("en") << none;
    QTest::newRow("language Spanish") << language << QStringLiteral("es") << none;
    QTest::newRow("language upper case") << language << QStringLiteral(" ES ") << none;
    QTest::newRow("language we cannot write in") << language << QStringLiteral("fr") << language;
    QTest::newRow("language as a name") << language << QStringLiteral("Spanish") << language;
}

void TestLead::validate()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expectedField);

    Lead lead = validLead();
    setField(lead, field, value);
    const Crm::ValidationErrors errors = lead.validate();

    if (expectedField.isEmpty()) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.summary()));
        // What validate() accepts must still be acceptable once normalised for storage.
        lead.normalize();
        QVERIFY2(lead.validate().isEmpty(), qPrintable(lead.validate().summary()));
        return;
    }
    QCOMPARE(errors.fields(), QStringList{expectedField});
    QVERIFY(errors.contains(expectedField));
    QVERIFY(!errors.message(expectedField).isEmpty());
    QCOMPARE(errors.toJson().keys(), QStringList{expectedField});
    // Length problems say what the limit is.
    if (value.size() > 50 && field != QLatin1String("state"))
        QVERIFY2(errors.message(expectedField).contains(QRegularExpression(QStringLiteral("\\d"))),
                 qPrintable(errors.message(expectedField)));
}

void TestLead::validateReportsEveryMissingField()
{
    const Crm::ValidationErrors errors = Lead().validate();
    const QStringList expected{QStringLiteral("firstName"),
                               QStringLiteral("lastName"),
                               QStringLiteral("email"),
                               QStringLiteral("phone")};
    QCOMPARE(errors.fields(), expected);
    QCOMPARE(errors.count(), 4);
    QCOMPARE(errors.summary().count(QLatin1Char('\n')), 3);
    QCOMPARE(errors.message(QStringLiteral("email")), QStringLiteral("Enter an e-mail address."));
    QVERIFY(errors.message(QStringLiteral("message")).isEmpty());
}

void TestLead::normalize()
{
    Lead lead;
    lead.firstName = QStringLiteral("  Jane ");
    lead.lastName = QStringLiteral("\tDoe\n");
    lead.email = QStringLiteral(" Jane.Doe@Example.COM ");
    lead.phone = QStringLiteral(" (415) 555-0123 ");
    lead.state = QStringLiteral(" ca ");
    lead.message = QStringLiteral("  keep my spacing  ");
    lead.normalize();

    QCOMPARE(lead.firstName, QStringLiteral("Jane"));
    QCOMPARE(lead.lastName, QStringLiteral("Doe"));
    QCOMPARE(lead.email, QStringLiteral("jane.doe@example.com"));
    QCOMPARE(lead.phone, QStringLiteral("+14155550123"));
    QCOMPARE(lead.state, QStringLiteral("CA"));
    QCOMPARE(lead.message, QStringLiteral("  keep my spacing  "));
    QVERIFY(lead.validate().isEmpty());

    // An unparseable phone stays as typed (trimmed) so validate() can point at it.
    lead.phone = QStringLiteral(" 12 ");
    lead.normalize();
    QCOMPARE(lead.phone, QStringLiteral("12"));
    QCOMPARE(lead.validate().fields(), QStringList{QStringLiteral("phone")});
}

void TestLead::toJsonHasExactlyTheApiFields()
{
    const QJsonObject json = fullLead().toJson();
    QStringList expectedKeys{QStringLiteral("id"),
                             QStringLiteral("firstName"),
                             QStringLiteral("lastName"),
                             QStringLiteral("email"),
                             QStringLiteral("phone"),
                             QStringLiteral("message"),
                             QStringLiteral("source"),
                             QStringLiteral("status"),
                             QStringLiteral("assignedAgentId"),
                             QStringLiteral("state"),
                             QStringLiteral("smsOptIn"),
                             QStringLiteral("preferredLanguage"),
                             QStringLiteral("firstContactAt"),
                             QStringLiteral("createdAt"),
                             QStringLiteral("updatedAt"),
                             QStringLiteral("version")};
    expectedKeys.sort();
    QCOMPARE(json.keys(), expectedKeys);

    QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("referral"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("qualified"));
    QCOMPARE(json.value(QStringLiteral("smsOptIn")), QJsonValue(true));
    QCOMPARE(json.value(QStringLiteral("version")).toInteger(), qint64(7));
    QCOMPARE(json.value(QStringLiteral("firstContactAt")).toString(),
             QStringLiteral("2025-12-01T15:00:00.123Z"));
    QCOMPARE(json.value(QStringLiteral("createdAt")).toString(),
             QStringLiteral("2025-12-01T14:00:00Z"));
    QCOMPARE(json.value(QStringLiteral("updatedAt")).toString(),
             QStringLiteral("2025-12-01T16:00:00.456Z"));

    // "None" values are null on the wire.
    const QJsonObject fresh = validLead().toJson();
    QVERIFY(fresh.value(QStringLiteral("firstContactAt")).isNull());
    QVERIFY(fresh.value(QStringLiteral("assignedAgentId")).isNull());
    QCOMPARE(fresh.value(QStringLiteral("source")).toString(), QStringLiteral("contact_form"));
    QCOMPARE(fresh.value(QStringLiteral("status")).toString(), QStringLiteral("new"));
    QCOMPARE(fresh.value(QStringLiteral("smsOptIn")), QJsonValue(false));
}

void TestLead::jsonRoundTrip_data()
{
    QTest::addColumn<Lead>("lead");

    QTest::newRow("full") << fullLead();
    QTest::newRow("fresh") << validLead();
    Lead reopened = fullLead();
    reopened.status = LeadStatus::Closed;
    reopened.source = LeadSource::ContactForm;
    reopened.assignedAgentId.clear();
    reopened.state.clear();
    reopened.message.clear();
    reopened.firstContactAt = 0; // the epoch itself is a time, not "none"
    QTest::newRow("closed, unassigned") << reopened;
    Lead unicode = fullLead();
    unicode.firstName = QStringLiteral("Jos\u00e9");
    unicode.message = QStringLiteral("\u00bfHabla espa\u00f1ol? \U0001F600 \"quoted\"\n");
    QTest::newRow("unicode") << unicode;
}

void TestLead::jsonRoundTrip()
{
    QFETCH(Lead, lead);

    // Through serialised text, as it travels.
    const QByteArray text = QJsonDocument(lead.toJson()).toJson(QJsonDocument::Compact);
    const QJsonObject parsed = QJsonDocument::fromJson(text).object();
    const Crm::Result<Lead> result = Lead::fromJson(parsed);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(result.value() == lead);
    QCOMPARE(result.value().toJson(), lead.toJson());
}

void TestLead::fromJsonMinimalContactForm()
{
    const QJsonObject json{{QStringLiteral("firstName"), QStringLiteral("Jane")},
                           {QStringLiteral("lastName"), QStringLiteral("Doe")},
                           {QStringLiteral("email"), QStringLiteral("jane@example.com")},
                           {QStringLiteral("phone"), QStringLiteral("415-555-0123")},
                           {QStringLiteral("baseVersion"), 3}}; // unknown keys are ignored
    const Crm::Result<Lead> result = Lead::fromJson(json);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Lead &lead = result.value();
    QCOMPARE(lead.firstName, QStringLiteral("Jane"));
    QCOMPARE(lead.phone, QStringLiteral("415-555-0123"));
    QCOMPARE(lead.source, LeadSource::ContactForm);
    QCOMPARE(lead.status, LeadStatus::New);
    QVERIFY(lead.id.isEmpty());
    QVERIFY(!lead.smsOptIn);
    QVERIFY(!lead.firstContactAt.has_value());
    QCOMPARE(lead.version, qint64(0));
    QVERIFY(lead.validate().isEmpty());
}

void TestLead::fromJsonAcceptsNulls()
{
    QJsonObject json = fullLead().toJson();
    for (const char *key :
         {"id", "message", "assignedAgentId", "state", "preferredLanguage", "firstContactAt"})
        json.insert(QLatin1String(key), QJsonValue::Null);
    const Crm::Result<Lead> result = Lead::fromJson(json);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(result.value().id.isEmpty());
    QVERIFY(result.value().message.isEmpty());
    QVERIFY(result.value().assignedAgentId.isEmpty());
    QVERIFY(result.value().state.isEmpty());
    QVERIFY(result.value().preferredLanguage.isEmpty());
    QCOMPARE(result.value().language(), QStringLiteral("en"));
    QVERIFY(!result.value().firstContactAt.has_value());

    // Offsets other than Z name the same instant.
    json.insert(QStringLiteral("createdAt"), QStringLiteral("2025-12-01T09:00:00-05:00"));
    const Crm::Result<Lead> offset = Lead::fromJson(json);
    QVERIFY2(offset.ok(), qPrintable(offset.error().message));
    QCOMPARE(offset.value().createdAt, fullLead().createdAt);
}

void TestLead::fromJsonRejects_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");

    auto row = [](const char *name, const char *field, const QJsonValue &value) {
        QTest::newRow(name) << QString::fromLatin1(field) << value;
    };
    row("firstName number", "firstName", 42);
    row("firstName null", "firstName", QJsonValue::Null);
    row("lastName array", "lastName", QJsonArray{QStringLiteral("Doe")});
    row("email bool", "email", true);
    row("phone number", "phone", 4155550123.0);
    row("message object", "message", QJsonObject{});
    row("id number", "id", 1);
    row("source unknown", "source", QStringLiteral("facebook"));
    row("source display name", "source", QStringLiteral("Contact form"));
    row("source number", "source", 0);
    row("status unknown", "status", QStringLiteral("lost"));
    row("status upper case", "status", QStringLiteral("NEW"));
    row("status null", "status", QJsonValue::Null);
    row("assignedAgentId number", "assignedAgentId", 5);
    row("state array", "state", QJsonArray{});
    row("smsOptIn string", "smsOptIn", QStringLiteral("yes"));
    row("smsOptIn number", "smsOptIn", 1);
    row("firstContactAt number", "firstContactAt", 1764601200123.0);
    row("firstContactAt bad text", "firstContactAt", QStringLiteral("yesterday"));
    row("createdAt without zone", "createdAt", QStringLiteral("2026-12-01T15:00:00"));
    row("createdAt date only", "createdAt", QStringLiteral("2026-12-01"));
    row("createdAt invalid date", "createdAt", QStringLiteral("2026-13-45T15:00:00Z"));
    row("createdAt null", "createdAt", QJsonValue::Null);
    row("updatedAt bool", "updatedAt", false);
    row("version string", "version", QStringLiteral("3"));
    row("version fraction", "version", 1.5);
    row("version negative", "version", -1);
    row("version null", "version", QJsonValue::Null);
}

void TestLead::fromJsonRejects()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);

    QJsonObject json = fullLead().toJson();
    json.insert(field, value);
    const Crm::Result<Lead> result = Lead::fromJson(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(field), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestLead)
#include "tst_lead.moc"
