// PullApplier over a real encrypted cache (CacheFixture pulls through it; edits go through
// LocalEdits): pending edits survive a newer server copy, a revoked lead takes the pending
// edits of the lead along, and a lead that becomes mine raises one "new lead" notice, not
// during the first download.
#include "cachefixture.h"
#include "outbox.h"
#include "pullapplier.h"
#include "store/notificationstore.h"
#include "syncstate.h"

#include <QJsonArray>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-0000000000b1");

QJsonObject serverLead(const QString &agentId, const QString &phone, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), LeadId},
            {QStringLiteral("firstName"), QStringLiteral("Ana")},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), QStringLiteral("ana.ruiz@example.com")},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("contacted")},
            {QStringLiteral("assignedAgentId"), agentId},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

} // namespace

class tst_PullApplier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aPendingEditStaysOnTopOfANewerServerCopy();
    void aRevokedLeadTakesItsPendingEditsAlong();
    void aLeadThatBecomesMineIsNews_data();
    void aLeadThatBecomesMineIsNews();

private:
    int notices() const;

    CacheFixture m_cache;
};

void tst_PullApplier::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ben"), QStringLiteral("Ben"))));
}

void tst_PullApplier::cleanup()
{
    m_cache.close();
}

int tst_PullApplier::notices() const
{
    return int(NotificationStore(m_cache.db())
                   .newest(100)
                   .value_or(QList<NotificationStore::Notice>())
                   .size());
}

void tst_PullApplier::aPendingEditStaysOnTopOfANewerServerCopy()
{
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    QVERIFY(std::holds_alternative<Lead>(
        m_cache.edits().updateLead(LeadId,
                                   {{QStringLiteral("firstName"), QStringLiteral("Anna")}})));
    // Someone else changed the phone meanwhile: both show, mine still waiting to be sent.
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550199"), 2)));
    const std::optional<Lead> lead = LocalEdits::readLead(m_cache.db(), LeadId);
    QVERIFY(lead);
    QCOMPARE(lead->firstName, QStringLiteral("Anna"));
    QCOMPARE(lead->phone, QStringLiteral("+14155550199"));
    QCOMPARE(lead->version, qint64(2));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
}

void tst_PullApplier::aRevokedLeadTakesItsPendingEditsAlong()
{
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    QVERIFY(std::holds_alternative<Lead>(
        m_cache.edits().updateLead(LeadId,
                                   {{QStringLiteral("firstName"), QStringLiteral("Anna")}})));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
    const QJsonObject revoke{{QStringLiteral("seq"), 100},
                             {QStringLiteral("entity"), QStringLiteral("lead")},
                             {QStringLiteral("id"), LeadId},
                             {QStringLiteral("op"), QStringLiteral("revoke")}};
    QVERIFY(PullApplier(m_cache.db()).applyPage({revoke}, 100).ok());
    QVERIFY(!LocalEdits::readLead(m_cache.db(), LeadId));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 0);
    QCOMPARE(SyncState(m_cache.db()).cursor(), qint64(100));
}

void tst_PullApplier::aLeadThatBecomesMineIsNews_data()
{
    QTest::addColumn<bool>("firstSyncDone");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<int>("notices");

    QTest::newRow("mine, after the first download") << true << "u-ana" << 1;
    QTest::newRow("mine, during the first download") << false << "u-ana" << 0;
    QTest::newRow("someone else's") << true << "u-ben" << 0;
}

void tst_PullApplier::aLeadThatBecomesMineIsNews()
{
    QFETCH(bool, firstSyncDone);
    QFETCH(QString, agent);
    QFETCH(int, notices);

    if (firstSyncDone)
        QVERIFY(SyncState(m_cache.db())
                    .setState(QStringLiteral("lastSync"), QStringLiteral("2026-01-01T00:00:00Z"))
                    .ok());
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(agent, QStringLiteral("+14155550101"), 1)));
    // A later version of the same lead is not news again.
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(agent, QStringLiteral("+14155550199"), 2)));
    QCOMPARE(this->notices(), notices);
}

QTEST_GUILESS_MAIN(tst_PullApplier)
#include "tst_pullapplier.moc"
