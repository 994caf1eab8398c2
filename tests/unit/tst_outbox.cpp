// Outbox over a real encrypted cache (filled through the pull path, edited through LocalEdits):
// what the server's answer to a push does to the outbox, the conflict inbox, the notices and the
// rows the user sees, for each kind of edit and each result.
#include "cachefixture.h"
#include "conflictinbox.h"
#include "domain/leadstatus.h"
#include "domain/syncprotocol.h"
#include "outbox.h"
#include "pullapplier.h"
#include "store/conflictreader.h"
#include "store/notificationstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-00000000000a");
const QString FollowUpId = QStringLiteral("00000000-0000-4000-8000-00000000000f");

QJsonObject serverLead(const QString &firstName, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), LeadId},
            {QStringLiteral("firstName"), firstName},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), QStringLiteral("ana.ruiz@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550101")},
            {QStringLiteral("message"), QStringLiteral("Interested in a silver plan.")},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("qualified")},
            {QStringLiteral("assignedAgentId"), QStringLiteral("u-ana")},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("firstContactAt"), QJsonValue()},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

QJsonObject serverFollowUp(bool done, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), FollowUpId},
            {QStringLiteral("leadId"), LeadId},
            {QStringLiteral("agentId"), QStringLiteral("u-ana")},
            {QStringLiteral("dueAt"),
             CacheFixture::time(QDateTime::currentMSecsSinceEpoch() + 24 * 3600 * 1000LL)},
            {QStringLiteral("note"), QStringLiteral("Call back about the silver plan")},
            {QStringLiteral("done"), done},
            {QStringLiteral("completedAt"), QJsonValue()},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pushResultsAsTheUserSeesThem_data();
    void pushResultsAsTheUserSeesThem();
    void aResultAnsweredTwiceCountsOnce();
    void pendingMutationsInTheOrderMade();

private:
    // Makes one edit of the given kind through LocalEdits; false when it was refused.
    bool edit(const QString &kind);
    // What the user sees of the record the edit of that kind touched.
    QString seen(const QString &kind) const;
    int count(const QString &sql) const;
    QStringList noticeKinds() const;

    CacheFixture m_cache;
};

void tst_Outbox::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), serverLead(QStringLiteral("Ana"), 1)));
    QVERIFY(m_cache.receive(QStringLiteral("follow_up"), serverFollowUp(false, 1)));
}

void tst_Outbox::cleanup()
{
    m_cache.close();
}

bool tst_Outbox::edit(const QString &kind)
{
    LocalEdits &edits = m_cache.edits();
    if (kind == QLatin1String("lead")) {
        return std::holds_alternative<Lead>(
            edits.updateLead(LeadId, {{QStringLiteral("firstName"), QStringLiteral("Anna")}}));
    }
    if (kind == QLatin1String("followUp")) {
        LocalEdits::FollowUpChange done;
        done.done = true;
        return edits.updateFollowUp(FollowUpId, done).ok();
    }
    if (kind == QLatin1String("activity"))
        return edits.addActivity(LeadId, QStringLiteral("call"), QStringLiteral("Left a message"))
            .ok();
    if (kind == QLatin1String("conversion")) {
        return std::holds_alternative<QString>(
            edits.convertToEnrollment(LeadId, QStringLiteral("Silver"), QDate(), QString()));
    }
    return false;
}

QString tst_Outbox::seen(const QString &kind) const
{
    if (kind == QLatin1String("lead"))
        return LocalEdits::readLead(m_cache.db(), LeadId).value().firstName;
    if (kind == QLatin1String("followUp"))
        return count(QStringLiteral("SELECT done FROM follow_ups")) ? QStringLiteral("done")
                                                                    : QStringLiteral("open");
    if (kind == QLatin1String("activity"))
        return QStringLiteral("%1 activities")
            .arg(count(QStringLiteral("SELECT count(*) FROM lead_activities")));
    // The lead's status, and how many enrollments the cache holds.
    return QStringLiteral("%1, %2")
        .arg(LeadStatusMachine::toString(LocalEdits::readLead(m_cache.db(), LeadId).value().status))
        .arg(count(QStringLiteral("SELECT count(*) FROM enrollments")));
}

int tst_Outbox::count(const QString &sql) const
{
    QSqlQuery query(m_cache.db());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

QStringList tst_Outbox::noticeKinds() const
{
    QStringList kinds;
    for (const NotificationStore::Notice &notice :
         NotificationStore(m_cache.db()).newest(100).value_or(QList<NotificationStore::Notice>()))
        kinds << notice.kind;
    return kinds;
}

void tst_Outbox::pushResultsAsTheUserSeesThem_data()
{
    QTest::addColumn<QString>("kind");       // the local edit
    QTest::addColumn<QString>("status");     // the server's result
    QTest::addColumn<QJsonObject>("answer"); // the rest of the result
    QTest::addColumn<QString>("seenBefore");
    QTest::addColumn<QString>("seenAfter");
    QTest::addColumn<QStringList>("inbox"); // open conflict inbox: kind/field
    QTest::addColumn<QStringList>("notices");
    QTest::addColumn<bool>("refetchLead");

    const QJsonObject none;
    const QJsonObject
        leadConflict{{QStringLiteral("conflicts"),
                      QJsonObject{
                          {QStringLiteral("firstName"),
                           QJsonObject{{QStringLiteral("mine"), QStringLiteral("Anna")},
                                       {QStringLiteral("theirs"), QStringLiteral("Annie")}}}}},
                     {QStringLiteral("current"), serverLead(QStringLiteral("Annie"), 2)}};
    const QJsonObject followUpConflict{{QStringLiteral("conflicts"),
                                        QJsonObject{
                                            {QStringLiteral("done"),
                                             QJsonObject{{QStringLiteral("mine"), true},
                                                         {QStringLiteral("theirs"), false}}}}},
                                       {QStringLiteral("current"), serverFollowUp(false, 2)}};
    const QJsonObject refused{{QStringLiteral("reason"), QStringLiteral("forbidden")},
                              {QStringLiteral("message"), QStringLiteral("Not your lead.")}};
    const QStringList nothing;
    const QStringList rejectedRow{QStringLiteral("rejected/")};
    const QStringList rejectedNotice{QStringLiteral("rejected")};
    const QStringList conflictNotice{QStringLiteral("conflict")};
    const QStringList leadField{QStringLiteral("conflict/firstName")};
    const QStringList doneField{QStringLiteral("conflict/done")};

    // A table to read row by row, so laid out by hand.
    // clang-format off
    //             kind          status       answer            seen before         seen after          inbox        notices         refetch lead
    QTest::newRow("lead edit applied")
        << "lead"       << "applied"  << none             << "Anna"           << "Anna"           << nothing     << nothing        << false;
    QTest::newRow("lead edit in conflict: theirs shown, both kept")
        << "lead"       << "conflict" << leadConflict     << "Anna"           << "Annie"          << leadField   << conflictNotice << false;
    QTest::newRow("lead edit rejected: the server's copy is fetched")
        << "lead"       << "rejected" << refused          << "Anna"           << "Anna"           << rejectedRow << rejectedNotice << true;
    QTest::newRow("follow-up completed, applied")
        << "followUp"   << "applied"  << none             << "done"           << "done"           << nothing     << nothing        << false;
    QTest::newRow("follow-up completed, in conflict: theirs shown")
        << "followUp"   << "conflict" << followUpConflict << "done"           << "open"           << doneField   << conflictNotice << false;
    QTest::newRow("follow-up completed, rejected: open again")
        << "followUp"   << "rejected" << refused          << "done"           << "open"           << rejectedRow << rejectedNotice << false;
    QTest::newRow("activity applied")
        << "activity"   << "applied"  << none             << "1 activities"   << "1 activities"   << nothing     << nothing        << false;
    QTest::newRow("activity rejected: gone")
        << "activity"   << "rejected" << refused          << "1 activities"   << "0 activities"   << rejectedRow << rejectedNotice << false;
    QTest::newRow("conversion applied")
        << "conversion" << "applied"  << none             << "enrolled, 1"    << "enrolled, 1"    << nothing     << nothing        << false;
    QTest::newRow("conversion rejected: the lead as it was, then the server's")
        << "conversion" << "rejected" << refused          << "enrolled, 1"    << "qualified, 0"   << rejectedRow << rejectedNotice << true;
    // clang-format on
}

void tst_Outbox::pushResultsAsTheUserSeesThem()
{
    QFETCH(QString, kind);
    QFETCH(QString, status);
    QFETCH(QJsonObject, answer);
    QFETCH(QString, seenBefore);
    QFETCH(QString, seenAfter);
    QFETCH(QStringList, inbox);
    QFETCH(QStringList, notices);
    QFETCH(bool, refetchLead);

    QVERIFY(edit(kind));
    Outbox outbox(m_cache.db());
    QCOMPARE(outbox.pendingCount(), 1);
    QCOMPARE(seen(kind), seenBefore);
    const QJsonArray pending = outbox.pendingMutations(10);
    QCOMPARE(pending.size(), 1);

    QJsonObject result = answer;
    result.insert(SyncProtocol::Key::MutationId,
                  pending.at(0).toObject().value(SyncProtocol::Key::MutationId));
    result.insert(SyncProtocol::Key::Status, status);
    PullApplier records(m_cache.db());
    const Result<Outbox::PushOutcome> outcome = outbox.applyPushResults({result}, records);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().message));

    QCOMPARE(outcome.value().applied, status == QLatin1String("applied") ? 1 : 0);
    QCOMPARE(outcome.value().conflicts, status == QLatin1String("conflict") ? 1 : 0);
    QCOMPARE(outcome.value().rejected, status == QLatin1String("rejected") ? 1 : 0);
    QCOMPARE(outcome.value().leadsToRefetch, refetchLead ? QStringList{LeadId} : QStringList());
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(seen(kind), seenAfter);

    QStringList open;
    for (const ConflictReader::OpenConflict &conflict : ConflictReader(m_cache.db()).open()) {
        open << conflict.kind + QLatin1Char('/') + conflict.field;
        if (conflict.kind == QLatin1String("rejected"))
            QCOMPARE(conflict.reason, QStringLiteral("forbidden: Not your lead."));
        else
            QVERIFY(!conflict.mine.isEmpty() && conflict.mine != conflict.theirs);
    }
    QCOMPARE(open, inbox);
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), inbox.size());
    QCOMPARE(noticeKinds(), notices);
}

void tst_Outbox::aResultAnsweredTwiceCountsOnce()
{
    QVERIFY(edit(QStringLiteral("lead")));
    Outbox outbox(m_cache.db());
    const QJsonObject result{{SyncProtocol::Key::MutationId,
                              outbox.pendingMutations(1).at(0).toObject().value(
                                  SyncProtocol::Key::MutationId)},
                             {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Rejected},
                             {SyncProtocol::Key::Reason, QStringLiteral("forbidden")}};
    PullApplier records(m_cache.db());
    QCOMPARE(outbox.applyPushResults({result}, records).value().rejected, 1);
    // A retried push: the server answers the same mutation again.
    const Result<Outbox::PushOutcome> again = outbox.applyPushResults({result}, records);
    QVERIFY(again.ok());
    QCOMPARE(again.value().rejected, 0);
    QCOMPARE(again.value().leadsToRefetch, QStringList());
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 1);
    QCOMPARE(noticeKinds(), QStringList{QStringLiteral("rejected")});
}

void tst_Outbox::pendingMutationsInTheOrderMade()
{
    QVERIFY(edit(QStringLiteral("lead")));
    QVERIFY(edit(QStringLiteral("activity")));
    QVERIFY(edit(QStringLiteral("followUp")));
    const Outbox outbox(m_cache.db());
    QCOMPARE(outbox.pendingCount(), 3);
    const QJsonArray first = outbox.pendingMutations(2);
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("lead"));
    QCOMPARE(first.at(1).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("activity"));
    QCOMPARE(outbox.pendingMutations(10).at(2).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("follow_up"));
}

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
