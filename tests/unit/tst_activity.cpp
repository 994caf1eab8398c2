// When an activity happened, as the server keeps it (models/domain/activity.h): what a
// device reports is kept within the lead's lifetime and a few minutes of clock drift, clamped
// otherwise. The REST route and the sync push both call this rule.
#include "domain/activity.h"

#include <QTest>

using namespace Crm;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
// The lead was created at 08:00, the server's clock says 18:00 (in ms since an origin).
constexpr qint64 LeadCreated = 8 * Hour;
constexpr qint64 ServerNow = 18 * Hour;

} // namespace

class tst_Activity : public QObject
{
    Q_OBJECT

private slots:
    void boundedOccurredAt_data();
    void boundedOccurredAt();
    void jsonCarriesBothTimes();
    void validate_data();
    void validate();
};

void tst_Activity::validate_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("error"); // empty: valid

    QTest::newRow("a call with no notes") << "call" << "" << "";
    QTest::newRow("a note with text") << "note" << "Asked about dental" << "";
    QTest::newRow("an empty note") << "note" << "" << "A note needs some text.";
    QTest::newRow("a note of spaces") << "note" << "   \n " << "A note needs some text.";
    QTest::newRow("notes at the limit") << "email" << QString(Activity::MaxNotesLength, u'x')
                                        << "";
    QTest::newRow("notes over the limit")
        << "meeting" << QString(Activity::MaxNotesLength + 1, u'x')
        << "Notes can be at most 5000 characters.";
}

void tst_Activity::validate()
{
    QFETCH(QString, type);
    QFETCH(QString, notes);
    QFETCH(QString, error);
    Activity activity;
    activity.activityType = type;
    activity.notes = notes;
    QCOMPARE(activity.validate().message(QStringLiteral("notes")), error);
}

void tst_Activity::boundedOccurredAt_data()
{
    QTest::addColumn<bool>("sent");
    QTest::addColumn<qint64>("clientTime");
    QTest::addColumn<qint64>("leadCreatedAt");
    QTest::addColumn<qint64>("serverNow");
    QTest::addColumn<qint64>("kept");

    QTest::newRow("not sent: now") << false << 0LL << LeadCreated << ServerNow << ServerNow;
    QTest::newRow("hours offline: kept")
        << true << 12 * Hour << LeadCreated << ServerNow << 12 * Hour;
    QTest::newRow("just now: kept") << true << ServerNow << LeadCreated << ServerNow << ServerNow;
    QTest::newRow("at the lead's creation: kept")
        << true << LeadCreated << LeadCreated << ServerNow << LeadCreated;
    QTest::newRow("before the lead existed: its creation")
        << true << LeadCreated - 1 << LeadCreated << ServerNow << LeadCreated;
    QTest::newRow("years before: its creation")
        << true << 0LL << LeadCreated << ServerNow << LeadCreated;
    QTest::newRow("clock 5 min ahead: kept")
        << true << ServerNow + 5 * Minute << LeadCreated << ServerNow << ServerNow + 5 * Minute;
    QTest::newRow("clock over 5 min ahead: now")
        << true << ServerNow + 5 * Minute + 1 << LeadCreated << ServerNow << ServerNow;
    QTest::newRow("clock a day ahead: now")
        << true << ServerNow + 24 * Hour << LeadCreated << ServerNow << ServerNow;
    QTest::newRow("lead stamped after now (server clock stepped back): now")
        << true << ServerNow - Hour << ServerNow + Hour << ServerNow << ServerNow;
}

void tst_Activity::boundedOccurredAt()
{
    QFETCH(bool, sent);
    QFETCH(qint64, clientTime);
    QFETCH(qint64, leadCreatedAt);
    QFETCH(qint64, serverNow);
    QFETCH(qint64, kept);
    QCOMPARE(Activity::boundedOccurredAt(sent ? std::optional<qint64>(clientTime) : std::nullopt,
                                         leadCreatedAt,
                                         serverNow),
             kept);
}

void tst_Activity::jsonCarriesBothTimes()
{
    Activity activity;
    activity.id = QStringLiteral("a");
    activity.activityType = QStringLiteral("call");
    activity.occurredAt = 1'780'000'000'000;
    activity.createdAt = 1'780'000'600'000;
    const QJsonObject json = activity.toJson();
    QCOMPARE(json.value(u"occurredAt"_qs).toString(), QStringLiteral("2026-05-28T20:26:40Z"));
    QCOMPARE(json.value(u"createdAt"_qs).toString(), QStringLiteral("2026-05-28T20:36:40Z"));
    // An entry without its own time happened when it was recorded.
    activity.occurredAt = 0;
    QCOMPARE(json.value(u"createdAt"_qs), activity.toJson().value(u"occurredAt"_qs));
}

QTEST_GUILESS_MAIN(tst_Activity)
#include "tst_activity.moc"
