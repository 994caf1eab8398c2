// DueNotices over a real encrypted cache (filled through the pull path, edited through
// LocalEdits): which follow-ups raise a notice, and each only once per due time.
// Appointments starting soon are covered end to end in tst_crmsync (the cache takes no
// appointments through the pull path yet).
#include "cachefixture.h"
#include "duenotices.h"
#include "store/notificationstore.h"

#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const qint64 Now = 1'767'225'600'000; // 2026-01-01T00:00:00Z
const qint64 Minute = 60 * 1000;

QJsonObject serverLead(const QString &id, const QString &agentId)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("firstName"), QStringLiteral("Ana")},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), id + QStringLiteral("@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550101")},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("contacted")},
            {QStringLiteral("assignedAgentId"), agentId},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), 1}};
}

QJsonObject serverFollowUp(const QString &id, const QString &leadId, qint64 dueAt, bool done)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("leadId"), leadId},
            {QStringLiteral("dueAt"), CacheFixture::time(dueAt)},
            {QStringLiteral("note"), QStringLiteral("Ask about the dental rider")},
            {QStringLiteral("done"), done},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), 1}};
}

const QString FollowUpId = QStringLiteral("00000000-0000-4000-8000-0000000000f1");

} // namespace

class tst_DueNotices : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void followUpsDueRaiseOneNotice_data();
    void followUpsDueRaiseOneNotice();
    void aSnoozedFollowUpIsRaisedAgainWhenItsNewTimeComes();

private:
    QList<NotificationStore::Notice> notices() const;

    CacheFixture m_cache;
};

void tst_DueNotices::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ben"), QStringLiteral("Ben"))));
}

void tst_DueNotices::cleanup()
{
    m_cache.close();
}

QList<NotificationStore::Notice> tst_DueNotices::notices() const
{
    return NotificationStore(m_cache.db()).newest(100).value_or(QList<NotificationStore::Notice>());
}

void tst_DueNotices::followUpsDueRaiseOneNotice_data()
{
    QTest::addColumn<QString>("agent"); // whose lead the follow-up is on
    QTest::addColumn<qint64>("dueAt");
    QTest::addColumn<bool>("done");
    QTest::addColumn<int>("raised");

    QTest::newRow("mine, due now") << "u-ana" << Now << false << 1;
    QTest::newRow("mine, an hour overdue") << "u-ana" << Now - 60 * Minute << false << 1;
    QTest::newRow("mine, six days overdue") << "u-ana" << Now - 6 * 24 * 60 * Minute << false << 1;
    QTest::newRow("mine, eight days overdue: old news")
        << "u-ana" << Now - 8 * 24 * 60 * Minute << false << 0;
    QTest::newRow("mine, due in a minute") << "u-ana" << Now + Minute << false << 0;
    QTest::newRow("mine, done") << "u-ana" << Now - Minute << true << 0;
    QTest::newRow("someone else's lead") << "u-ben" << Now - Minute << false << 0;
}

void tst_DueNotices::followUpsDueRaiseOneNotice()
{
    QFETCH(QString, agent);
    QFETCH(qint64, dueAt);
    QFETCH(bool, done);
    QFETCH(int, raised);

    const QString leadId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");
    QVERIFY(m_cache.receive(QStringLiteral("lead"), serverLead(leadId, agent)));
    QVERIFY(m_cache.receive(QStringLiteral("follow_up"),
                            serverFollowUp(FollowUpId, leadId, dueAt, done)));

    DueNotices due(m_cache.db());
    const Result<int> first = due.raise(Now, 15);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QCOMPARE(first.value(), raised);
    // Asked again (every 30 seconds, and after every sync): nothing new.
    QCOMPARE(due.raise(Now, 15).value(), 0);

    const QList<NotificationStore::Notice> shown = notices();
    QCOMPARE(shown.size(), raised);
    if (raised) {
        QCOMPARE(shown.at(0).kind, QStringLiteral("follow_up_due"));
        QCOMPARE(shown.at(0).title, QStringLiteral("Follow-up due: Ana Ruiz"));
        QCOMPARE(shown.at(0).body, QStringLiteral("Ask about the dental rider"));
        QCOMPARE(shown.at(0).entityId, FollowUpId);
    }
}

void tst_DueNotices::aSnoozedFollowUpIsRaisedAgainWhenItsNewTimeComes()
{
    const QString leadId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");
    QVERIFY(m_cache.receive(QStringLiteral("lead"), serverLead(leadId, QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("follow_up"),
                            serverFollowUp(FollowUpId, leadId, Now, false)));
    DueNotices due(m_cache.db());
    QCOMPARE(due.raise(Now, 15).value(), 1);

    LocalEdits::FollowUpChange snooze;
    snooze.dueAt = Now + 30 * Minute;
    QVERIFY(m_cache.edits().updateFollowUp(FollowUpId, snooze).ok());
    QCOMPARE(due.raise(Now + 10 * Minute, 15).value(), 0);
    QCOMPARE(due.raise(Now + 30 * Minute, 15).value(), 1);
    QCOMPARE(due.raise(Now + 31 * Minute, 15).value(), 0);
    QCOMPARE(notices().size(), 2);
}

QTEST_GUILESS_MAIN(tst_DueNotices)
#include "tst_duenotices.moc"
