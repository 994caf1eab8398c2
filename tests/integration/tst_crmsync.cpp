// crm-sync and the sync engine against a real crm-server: round trips, faults on the wire,
// a kill in the middle of the first sync, several clients converging, a skewed clock.
#include "domain/ids.h"
#include "device.h"
#include "domain/wiretime.h"
#include "faultproxy.h"
#include "localedits.h"
#include "serverprocess.h"
#include "syncrunner.h"
#include "store/cachekeyprovider.h"
#include "store/conflictreader.h"
#include "store/localdatabase.h"
#include "duenotices.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <signal.h>

using CrmTest::FaultProxy;
using CrmTest::ServerProcess;
using namespace Crm;

namespace {

using Run = CrmTest::ProgramRun;
using CrmTest::Device;
using CrmTest::runCrmSync;

QStringList column(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.exec(sql);
    QStringList values;
    while (query.next())
        values << query.value(0).toString();
    return values;
}

QJsonObject person(int i, const QString &tag)
{
    return {{QStringLiteral("firstName"), QStringLiteral("P%1").arg(i)},
            {QStringLiteral("lastName"), tag},
            {QStringLiteral("email"), QStringLiteral("p%1.%2@example.com").arg(i).arg(tag)},
            {QStringLiteral("phone"), QStringLiteral("+1312555%1").arg(1000 + i)}};
}

} // namespace

class tst_CrmSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTripReachesTheServerOnce();
    void faultsOnTheWireApplyEachMutationOnce();
    void signInIsNeededWithoutAToken();
    void conflictLandsInTheInboxAndResolves();
    void followUpsAndConversionMadeOfflineReachTheServerOnce();
    void followUpEditedOnBothSidesIsAConflict();
    void refusedConversionComesBackWithItsReason();
    void dueFollowUpsAndAppointmentsRaiseOneNoticeEach();
    void leadRevokedAndSentAgainInTheFirstDownload();
    void clockSkewDecidesNothing();
    void callLoggedOfflineKeepsItsTime();
    void offlineBookingsAreDecidedByTheServer();
    void convergence_data();
    void convergence();
    void killDuringInitialSyncThenResume();
    void serverGoneRightAfterTheLiveChannelIsNoticed();

private:
    QString serverLeadStatus(const QString &id);
    QString newLeadFor(const QString &agentId, int i, const QString &tag);
    // Every value of every row the server's database answers, as text.
    QStringList serverValues(const QString &statement);

    ServerProcess m_server;
    QString m_admin;
    QString m_anaId;
};

void tst_CrmSync::initTestCase()
{
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    QVERIFY(!m_server
                 .addUser(QStringLiteral("admin@cs.example"),
                          QStringLiteral("Admin"),
                          QStringLiteral("admin"))
                 .isEmpty());
    m_anaId = m_server.addUser(QStringLiteral("ana@cs.example"),
                               QStringLiteral("Ana"),
                               QStringLiteral("agent"));
    QVERIFY(!m_server
                 .addUser(QStringLiteral("ben@cs.example"),
                          QStringLiteral("Ben"),
                          QStringLiteral("agent"))
                 .isEmpty());
    QVERIFY(
        !m_server
             .addUser(QStringLiteral("cy@cs.example"), QStringLiteral("Cy"), QStringLiteral("agent"))
             .isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = m_server.login(QStringLiteral("admin@cs.example"));
    // Manual mode: tests decide who gets what.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/admin/assignment"),
                          QJsonObject{{u"mode"_qs, u"manual"_qs}},
                          m_admin)
                 .status,
             200);
}

QString tst_CrmSync::serverLeadStatus(const QString &id)
{
    return m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin)
        .json[u"status"_qs]
        .toString();
}

void tst_CrmSync::roundTripReachesTheServerOnce()
{
    // A contact-form lead for Ana appears in her cache.
    const QJsonObject created = m_server.submitContactForm(person(1, u"trip"_qs));
    QVERIFY(!created.isEmpty());
    const QString id = created[u"id"_qs].toString();
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/admin/leads/assign"),
                          QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, m_anaId}},
                          m_admin)
                 .status,
             200);
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    Run run = ana.sync(true);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    {
        auto db = ana.open();
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        QVERIFY(column(db.value().database(), QStringLiteral("SELECT id FROM leads")).contains(id));
        // Offline: a status change and a note, in the cache only.
        LocalEdits edits(db.value().database(), m_anaId);
        auto updated = edits.updateLead(id, QJsonObject{{u"status"_qs, u"qualified"_qs}});
        QVERIFY(std::holds_alternative<Lead>(updated));
        QVERIFY(
            edits.addActivity(id, QStringLiteral("note"), QStringLiteral("Called from the road"))
                .ok());
        QCOMPARE(column(db.value().database(), QStringLiteral("SELECT count(*) FROM outbox"))
                     .value(0),
                 QStringLiteral("2"));
    }
    QCOMPARE(serverLeadStatus(id), QStringLiteral("new"));
    QCOMPARE(ana.status()[u"outbox"_qs].toInt(), 2);

    run = ana.sync(); // the keychain's refresh token this time
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(serverLeadStatus(id), QStringLiteral("qualified"));
    // Again: nothing is sent twice.
    QVERIFY(ana.sync().exitCode == 0);
    const auto history = m_server.request("GET",
                                          QStringLiteral("/api/leads/%1/activities").arg(id),
                                          {},
                                          m_admin);
    int notes = 0;
    for (const QJsonValue &item : history.json[u"items"_qs].toArray())
        notes += item[u"notes"_qs] == u"Called from the road"_qs;
    QCOMPARE(notes, 1);
    const QJsonObject status = ana.status();
    QCOMPARE(status[u"outbox"_qs].toInt(), 0);
    QCOMPARE(status[u"user"_qs].toString(), QStringLiteral("ana@cs.example"));
    QVERIFY(status[u"counts"_qs][u"lead"_qs].toInt() >= 1);
    QVERIFY(!status[u"lastSync"_qs].toString().isEmpty());
    // The cache's copy of the note is the server's (same id, no duplicate).
    auto db = ana.open();
    QCOMPARE(
        column(db.value().database(),
               QStringLiteral(
                   "SELECT count(*) FROM lead_activities WHERE notes = 'Called from the road'"))
            .value(0),
        QStringLiteral("1"));

    // A lead assigned after the first download raises a "new lead" notification; the ones of
    // the first download do not.
    const QJsonObject second = m_server.submitContactForm(person(5, u"notify"_qs));
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{second[u"id"_qs]}},
                                 {u"agentId"_qs, m_anaId}},
                     m_admin);
    QVERIFY(ana.sync().exitCode == 0);
    auto cache = ana.open();
    QCOMPARE(column(cache.value().database(),
                    QStringLiteral("SELECT body FROM notifications WHERE kind = 'new_lead'")),
             QStringList{QStringLiteral("P5 notify")});
}

void tst_CrmSync::faultsOnTheWireApplyEachMutationOnce()
{
    FaultProxy proxy(quint16(m_server.baseUrl().port()));
    const QJsonObject created = m_server.submitContactForm(person(2, u"fault"_qs));
    const QString id = created[u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, m_anaId}},
                     m_admin);
    Device ana{QStringLiteral("ana@cs.example"), proxy.url(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(edits.addActivity(id, QStringLiteral("call"), QStringLiteral("Fault call")).ok());
        QVERIFY(edits.addActivity(id, QStringLiteral("note"), QStringLiteral("Fault note")).ok());
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(id, QJsonObject{{u"firstName"_qs, u"Renamed"_qs}})));
    }
    // The push is cut after the server committed, the retry is refused, then dropped, then
    // delayed; the engine keeps the same mutation ids throughout.
    using F = FaultProxy::Fault;
    const QByteArray push = "/api/sync/push";
    proxy.setDelayMs(1500);
    proxy.plan({{F::CutResponse, push},
                {F::Refuse, {}},
                {F::Drop, push},
                {F::Delay, push},
                {F::CutResponse, "/api/sync/pull"}});
    const Run run = ana.sync();
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(proxy.faultsApplied(), 5);
    const auto history = m_server.request("GET",
                                          QStringLiteral("/api/leads/%1/activities").arg(id),
                                          {},
                                          m_admin);
    int calls = 0;
    int notes = 0;
    for (const QJsonValue &item : history.json[u"items"_qs].toArray()) {
        calls += item[u"notes"_qs] == u"Fault call"_qs;
        notes += item[u"notes"_qs] == u"Fault note"_qs;
    }
    QCOMPARE(calls, 1);
    QCOMPARE(notes, 1);
    const auto lead = m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin).json;
    QCOMPARE(lead[u"firstName"_qs].toString(), QStringLiteral("Renamed"));
    QCOMPARE(lead[u"status"_qs].toString(), QStringLiteral("contacted"));
    // Each mutation id is stored once on the server.
    const auto dup = m_server.sql(QStringLiteral(
        "SELECT mutationId, count(*) FROM mutations GROUP BY mutationId HAVING count(*) > 1"));
    QVERIFY(dup.isEmpty());
    QCOMPARE(ana.status()[u"outbox"_qs].toInt(), 0);

    // The server is down: crm-sync gives up after its retries, keeps the outbox, exits 1.
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(edits.addActivity(id, QStringLiteral("note"), QStringLiteral("While down")).ok());
    }
    proxy.setListening(false);
    const Run down = ana.sync();
    QCOMPARE(down.exitCode, 1);
    QVERIFY2(down.output.contains(QStringLiteral("cannot be reached")), qPrintable(down.output));
    QCOMPARE(ana.status()[u"outbox"_qs].toInt(), 1);
    proxy.setListening(true);
    QCOMPARE(ana.sync().exitCode, 0);
    QCOMPARE(ana.status()[u"outbox"_qs].toInt(), 0);
}

void tst_CrmSync::signInIsNeededWithoutAToken()
{
    Device stranger{QStringLiteral("ben@cs.example"), m_server.baseUrl().toString(), {}};
    Run run = runCrmSync({QStringLiteral("--server"),
                       stranger.server,
                       QStringLiteral("--email"),
                       stranger.email,
                       QStringLiteral("--data-dir"),
                       stranger.dir.path(),
                       QStringLiteral("sync")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.output.contains(QStringLiteral("--password-stdin")));
    run = runCrmSync({QStringLiteral("--server"),
                   stranger.server,
                   QStringLiteral("--email"),
                   stranger.email,
                   QStringLiteral("--data-dir"),
                   stranger.dir.path(),
                   QStringLiteral("--password-stdin"),
                   QStringLiteral("sync")},
                  "wrong password\n");
    QCOMPARE(run.exitCode, 3);
    QVERIFY(stranger.sync(true).exitCode == 0);
}

void tst_CrmSync::conflictLandsInTheInboxAndResolves()
{
    const QJsonObject created = m_server.submitContactForm(person(3, u"conf"_qs));
    const QString id = created[u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, m_anaId}},
                     m_admin);
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(id, QJsonObject{{u"lastName"_qs, u"Mine"_qs}})));
    }
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + id,
                          QJsonObject{{u"lastName"_qs, u"Theirs"_qs}},
                          m_admin)
                 .status,
             200);
    QVERIFY(ana.sync().exitCode == 0);
    QCOMPARE(ana.status()[u"conflicts"_qs].toInt(), 1);
    {
        auto db = ana.open();
        const QSqlDatabase cache = db.value().database();
        QCOMPARE(column(cache, QStringLiteral("SELECT mine FROM conflicts WHERE field = 'lastName'"))
                     .value(0),
                 QStringLiteral("[\"Mine\"]"));
        QCOMPARE(column(cache,
                        QStringLiteral("SELECT theirs FROM conflicts WHERE field = 'lastName'"))
                     .value(0),
                 QStringLiteral("[\"Theirs\"]"));
        QCOMPARE(column(cache, QStringLiteral("SELECT lastName FROM leads WHERE id = '%1'").arg(id))
                     .value(0),
                 QStringLiteral("Theirs"));
        QCOMPARE(column(cache,
                        QStringLiteral(
                            "SELECT count(*) FROM notifications WHERE kind = 'conflict'"))
                     .value(0),
                 QStringLiteral("1"));
        // Keep mine: my value goes out again, over theirs.
        LocalEdits edits(cache, m_anaId);
        const QString conflictId = column(cache, QStringLiteral("SELECT id FROM conflicts")).value(0);
        QVERIFY(edits.resolveConflict(conflictId, true).ok());
    }
    QVERIFY(ana.sync().exitCode == 0);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin)
                 .json[u"lastName"_qs]
                 .toString(),
             QStringLiteral("Mine"));
    QCOMPARE(ana.status()[u"conflicts"_qs].toInt(), 0);
}

QStringList tst_CrmSync::serverValues(const QString &statement)
{
    QStringList values;
    const QList<QVariantList> rows = m_server.sql(statement);
    for (const QVariantList &row : rows) {
        for (const QVariant &value : row)
            values << value.toString();
    }
    return values;
}

QString tst_CrmSync::newLeadFor(const QString &agentId, int i, const QString &tag)
{
    const QJsonObject created = m_server.submitContactForm(person(i, tag));
    const QString id = created[u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, agentId}},
                     m_admin);
    return id;
}

void tst_CrmSync::followUpsAndConversionMadeOfflineReachTheServerOnce()
{
    const QString id = newLeadFor(m_anaId, 10, u"fu"_qs);
    FaultProxy proxy(quint16(m_server.baseUrl().port()));
    Device ana{QStringLiteral("ana@cs.example"), proxy.url(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    const qint64 tomorrow = QDateTime::currentMSecsSinceEpoch() + 24 * 3600 * 1000LL;
    QString first;
    QString second;
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(id, QJsonObject{{u"status"_qs, u"contacted"_qs}})));
        const auto a = edits.addFollowUp(id, tomorrow, QStringLiteral("Send the plan brochure"));
        const auto b = edits.addFollowUp(id, tomorrow, QStringLiteral("Call back"));
        QVERIFY(a.ok() && b.ok());
        first = a.value();
        second = b.value();
        // Completed and snoozed, still offline.
        LocalEdits::FollowUpChange done;
        done.done = true;
        QVERIFY(edits.updateFollowUp(first, done).ok());
        LocalEdits::FollowUpChange snooze;
        snooze.dueAt = tomorrow + 3600 * 1000LL;
        QVERIFY(edits.updateFollowUp(second, snooze).ok());
        const auto converted = edits.convertToEnrollment(id,
                                                         QStringLiteral("Silver PPO"),
                                                         QDate(2027, 1, 1),
                                                         QStringLiteral("Signed at home"));
        QVERIFY(std::holds_alternative<QString>(converted));
        QCOMPARE(column(db.value().database(),
                        QStringLiteral("SELECT status FROM leads WHERE id = '%1'").arg(id)),
                 QStringList{QStringLiteral("enrolled")});
        // Converting twice is refused at once, locally.
        QVERIFY(std::holds_alternative<Error>(
            edits.convertToEnrollment(id, QStringLiteral("Gold"), QDate(), QString())));
    }
    QCOMPARE(serverLeadStatus(id), QStringLiteral("new"));
    QCOMPARE(ana.status()[u"outbox"_qs].toInt(), 6);

    // The push is cut after the server committed: the retry must change nothing.
    proxy.plan({{FaultProxy::Fault::CutResponse, "/api/sync/push"}});
    Run run = ana.sync();
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(proxy.faultsApplied(), 1);
    QCOMPARE(serverLeadStatus(id), QStringLiteral("enrolled"));
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT count(*) FROM enrollments WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("1")});
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT plan, effectiveDate FROM enrollments WHERE leadId = '%1'")
                     .arg(id)),
             (QStringList{QStringLiteral("Silver PPO"), QStringLiteral("2027-01-01")}));
    QCOMPARE(serverValues(QStringLiteral("SELECT done FROM follow_ups WHERE id = '%1'").arg(first)),
             QStringList{QStringLiteral("1")});
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT dueAt FROM follow_ups WHERE id = '%1'").arg(second)),
             QStringList{QString::number(tomorrow + 3600 * 1000LL)});
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT count(*) FROM follow_ups WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("2")});
    // The agent's open follow-ups: only the snoozed one.
    const auto open = m_server.request("GET",
                                       QStringLiteral("/api/agent/follow-ups?agentId=") + m_anaId,
                                       {},
                                       m_admin);
    QStringList openIds;
    for (const QJsonValue &item : open.json[u"items"_qs].toArray())
        openIds << item[u"id"_qs].toString();
    QVERIFY(openIds.contains(second));
    QVERIFY(!openIds.contains(first));
    const QJsonObject status = ana.status();
    QCOMPARE(status[u"outbox"_qs].toInt(), 0);
    QCOMPARE(status[u"conflicts"_qs].toInt(), 0);
    // The cache holds the server's copies: the same ids, once.
    auto db = ana.open();
    QCOMPARE(column(db.value().database(),
                    QStringLiteral("SELECT count(*) FROM enrollments WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("1")});
    QCOMPARE(column(db.value().database(),
                    QStringLiteral("SELECT version FROM follow_ups WHERE id = '%1'").arg(second)),
             QStringList{QStringLiteral("2")});
}

void tst_CrmSync::followUpEditedOnBothSidesIsAConflict()
{
    const QString id = newLeadFor(m_anaId, 11, u"fuconf"_qs);
    const qint64 due = QDateTime::currentMSecsSinceEpoch() + 48 * 3600 * 1000LL;
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads/%1/follow-ups").arg(id),
                                          QJsonObject{{u"dueAt"_qs, WireTime::toWire(due)},
                                                      {u"note"_qs, u"Original"_qs}},
                                          m_admin);
    QCOMPARE(created.status, 201);
    const QString followUp = created.json[u"id"_qs].toString();
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        LocalEdits::FollowUpChange change;
        change.note = QStringLiteral("Mine");
        change.done = true;
        QVERIFY(edits.updateFollowUp(followUp, change).ok());
    }
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/follow-ups/") + followUp,
                          QJsonObject{{u"note"_qs, u"Theirs"_qs}},
                          m_admin)
                 .status,
             200);
    QVERIFY(ana.sync().exitCode == 0);
    // "done" applied (nobody else touched it); the note is a conflict with both values.
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT done, note FROM follow_ups WHERE id = '%1'").arg(followUp)),
             (QStringList{QStringLiteral("1"), QStringLiteral("Theirs")}));
    auto db = ana.open();
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT mine || ' ' || theirs FROM conflicts WHERE entityId = "
                                   "'%1' AND resolvedAt IS NULL")
                        .arg(followUp)),
             QStringList{QStringLiteral("[\"Mine\"] [\"Theirs\"]")});
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT note FROM follow_ups WHERE id = '%1'").arg(followUp)),
             QStringList{QStringLiteral("Theirs")});
    // Keep mine: my note goes out again.
    LocalEdits edits(cache, m_anaId);
    const QString conflictId
        = column(cache,
                 QStringLiteral("SELECT id FROM conflicts WHERE entityId = '%1'").arg(followUp))
              .value(0);
    QVERIFY(edits.resolveConflict(conflictId, true).ok());
    QVERIFY(ana.sync().exitCode == 0);
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT note FROM follow_ups WHERE id = '%1'").arg(followUp)),
             QStringList{QStringLiteral("Mine")});
}

void tst_CrmSync::refusedConversionComesBackWithItsReason()
{
    const QString id = newLeadFor(m_anaId, 12, u"refuse"_qs);
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(id, QJsonObject{{u"status"_qs, u"contacted"_qs}})));
    }
    QVERIFY(ana.sync().exitCode == 0);
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        QVERIFY(std::holds_alternative<QString>(
            edits.convertToEnrollment(id, QStringLiteral("Gold HMO"), QDate(), QString())));
    }
    // Meanwhile an admin closes the lead: contacted -> closed is allowed, closed -> enrolled not.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + id,
                          QJsonObject{{u"status"_qs, u"closed"_qs}},
                          m_admin)
                 .status,
             200);
    QVERIFY(ana.sync().exitCode == 0);
    QCOMPARE(serverLeadStatus(id), QStringLiteral("closed"));
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT count(*) FROM enrollments WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("0")});
    auto db = ana.open();
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(column(cache, QStringLiteral("SELECT status FROM leads WHERE id = '%1'").arg(id)),
             QStringList{QStringLiteral("closed")});
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM enrollments WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("0")});
    const QStringList reasons
        = column(cache,
                 QStringLiteral("SELECT reason FROM conflicts WHERE kind = 'rejected' AND entity "
                                "= 'enrollment'"));
    QCOMPARE(reasons.size(), 1);
    QVERIFY2(reasons.value(0).startsWith(QStringLiteral("invalid_transition")),
             qPrintable(reasons.value(0)));
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM notifications WHERE kind = 'rejected' "
                                   "AND entity = 'enrollment'")),
             QStringList{QStringLiteral("1")});
}

void tst_CrmSync::dueFollowUpsAndAppointmentsRaiseOneNoticeEach()
{
    const QString id = newLeadFor(m_anaId, 13, u"due"_qs);
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    auto db = ana.open();
    const QSqlDatabase cache = db.value().database();
    LocalEdits edits(cache, m_anaId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto followUp = edits.addFollowUp(id, now + 3600 * 1000LL, QStringLiteral("Ring"));
    QVERIFY(followUp.ok());
    const QString appointmentId = Ids::create();
    QSqlQuery appointment(cache);
    QVERIFY(appointment.exec(
        QStringLiteral("INSERT INTO appointments (id, userId, leadId, providerId, appointmentType,"
                       " scheduledDate, duration, status, createdAt, updatedAt) VALUES"
                       " ('%1', '%2', '%3', '%2', 'consultation', %4, 30, 'scheduled', %5, %5)")
            .arg(appointmentId, m_anaId, id)
            .arg(now + 20 * 60 * 1000LL)
            .arg(now)));
    DueNotices dueNotices(cache);
    // Notices about this lead's follow-up and appointment (Ana's other leads have their own).
    auto notices = [&](const QString &entityId) {
        return column(cache,
                      QStringLiteral("SELECT count(*) FROM notifications WHERE entityId = '%1'")
                          .arg(entityId))
            .value(0)
            .toInt();
    };
    auto raiseAt = [&](qint64 when) { QVERIFY(dueNotices.raise(when, 15).ok()); };
    // Not yet: the follow-up is an hour away, the appointment 20 minutes (lead time 15).
    raiseAt(now);
    QCOMPARE(notices(followUp.value()), 0);
    QCOMPARE(notices(appointmentId), 0);
    // Five minutes later the appointment is 15 minutes away: one notice, however often asked.
    raiseAt(now + 5 * 60 * 1000LL);
    raiseAt(now + 6 * 60 * 1000LL);
    QCOMPARE(notices(appointmentId), 1);
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT title FROM notifications WHERE entityId = '%1'")
                        .arg(appointmentId)),
             QStringList{QStringLiteral("Appointment soon: P13 due")});
    QCOMPARE(notices(followUp.value()), 0);
    // An hour later the follow-up is due: one notice with its note.
    raiseAt(now + 3601 * 1000LL);
    raiseAt(now + 3700 * 1000LL);
    QCOMPARE(notices(followUp.value()), 1);
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT body FROM notifications WHERE entityId = '%1'")
                        .arg(followUp.value())),
             QStringList{QStringLiteral("Ring")});
    // Snoozed to tomorrow: due again then, once; a completed one never.
    LocalEdits::FollowUpChange snooze;
    snooze.dueAt = now + 24 * 3600 * 1000LL;
    QVERIFY(edits.updateFollowUp(followUp.value(), snooze).ok());
    raiseAt(now + 24 * 3600 * 1000LL + 1000);
    QCOMPARE(notices(followUp.value()), 2);
    snooze.dueAt = now + 48 * 3600 * 1000LL;
    QVERIFY(edits.updateFollowUp(followUp.value(), snooze).ok());
    LocalEdits::FollowUpChange done;
    done.done = true;
    QVERIFY(edits.updateFollowUp(followUp.value(), done).ok());
    raiseAt(now + 49 * 3600 * 1000LL);
    QCOMPARE(notices(followUp.value()), 2);
}

void tst_CrmSync::leadRevokedAndSentAgainInTheFirstDownload()
{
    // Ana's log holds the lead, its revoke (it went to Ben) and the lead again (back to her),
    // with a follow-up: a fresh device's first download (a bulk load) ends with it once.
    const QString id = newLeadFor(m_anaId, 14, u"boomerang"_qs);
    const qint64 due = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000LL;
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/leads/%1/follow-ups").arg(id),
                          QJsonObject{{u"dueAt"_qs, WireTime::toWire(due)},
                                      {u"note"_qs, u"Call back"_qs}},
                          m_admin)
                 .status,
             201);
    for (const QString &agent : {m_server
                                     .sql(QStringLiteral("SELECT id FROM users WHERE email = "
                                                         "'ben@cs.example'"))[0][0]
                                     .toString(),
                                 m_anaId}) {
        QCOMPARE(m_server
                     .request("POST",
                              QStringLiteral("/api/admin/leads/assign"),
                              QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, agent}},
                              m_admin)
                     .status,
                 200);
    }
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    const Run run = ana.sync(true);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    auto db = ana.open();
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(column(cache, QStringLiteral("SELECT count(*) FROM leads WHERE id = '%1'").arg(id)),
             QStringList{QStringLiteral("1")});
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM follow_ups WHERE leadId = '%1'").arg(id)),
             QStringList{QStringLiteral("1")});
    // The first download's leads are not news.
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM notifications WHERE kind ="
                                   " 'new_lead'")),
             QStringList{QStringLiteral("0")});
}

void tst_CrmSync::clockSkewDecidesNothing()
{
    // Two devices edit the same field; the second to reach the server gets the conflict, even
    // when its clock says it edited a day later.
    const QByteArray faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
    if (!QFile::exists(QString::fromLatin1(faketime)))
        QFAIL("libfaketime is missing; scripts/install-deps installs it");
    const QJsonObject created = m_server.submitContactForm(person(4, u"skew"_qs));
    const QString id = created[u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, m_anaId}},
                     m_admin);
    Device laptop{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    Device tablet{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(laptop.sync(true).exitCode == 0);
    QVERIFY(tablet.sync(true).exitCode == 0);
    for (Device *client : {&laptop, &tablet}) {
        auto db = client->open();
        LocalEdits edits(db.value().database(), m_anaId);
        const QString value = client == &laptop ? QStringLiteral("Laptop")
                                                : QStringLiteral("Tablet");
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(id, QJsonObject{{u"lastName"_qs, value}})));
    }
    QVERIFY(laptop.sync().exitCode == 0);
    QProcessEnvironment skew;
    skew.insert(QStringLiteral("LD_PRELOAD"), QString::fromLatin1(faketime));
    skew.insert(QStringLiteral("FAKETIME"), QStringLiteral("+1d"));
    const Run run = runCrmSync({QStringLiteral("--data-dir"),
                             tablet.dir.path(),
                             QStringLiteral("sync")},
                            {},
                            120000,
                            skew);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin)
                 .json[u"lastName"_qs]
                 .toString(),
             QStringLiteral("Laptop"));
    QCOMPARE(tablet.status()[u"conflicts"_qs].toInt(), 1);
}

void tst_CrmSync::callLoggedOfflineKeepsItsTime()
{
    // A call logged offline reaches the server later with the time it was made: the history
    // shows that time and the lead's first contact is that time, not the sync's.
    const QJsonObject created = m_server.submitContactForm(person(6, u"offline"_qs));
    const QString id = created[u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/admin/leads/assign"),
                     QJsonObject{{u"leadIds"_qs, QJsonArray{id}}, {u"agentId"_qs, m_anaId}},
                     m_admin);
    Device ana{QStringLiteral("ana@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(ana.sync(true).exitCode == 0);
    QString callId;
    qint64 madeAt = 0;
    {
        auto db = ana.open();
        LocalEdits edits(db.value().database(), m_anaId);
        const Result<QString> call = edits.addActivity(id,
                                                       QStringLiteral("call"),
                                                       QStringLiteral("Called from the train"));
        QVERIFY(call.ok());
        callId = call.value();
        madeAt = column(db.value().database(),
                        QStringLiteral("SELECT occurredAt FROM lead_activities WHERE id = '%1'")
                            .arg(callId))
                     .value(0)
                     .toLongLong();
        QVERIFY(madeAt > 0);
    }
    QTest::qWait(1500); // still offline
    const Run run = ana.sync();
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    QJsonObject onServer;
    for (const QJsonValue &item : m_server
                                      .request("GET",
                                               QStringLiteral("/api/leads/%1/activities").arg(id),
                                               {},
                                               m_admin)
                                      .json[u"items"_qs]
                                      .toArray()) {
        if (item[u"id"_qs] == callId)
            onServer = item.toObject();
    }
    QCOMPARE(onServer[u"occurredAt"_qs].toString(), WireTime::toWire(madeAt));
    QVERIFY(*WireTime::fromWire(onServer[u"createdAt"_qs].toString()) >= madeAt + 1500);
    const QJsonObject lead
        = m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin).json;
    QCOMPARE(lead[u"status"_qs].toString(), QStringLiteral("contacted"));
    QCOMPARE(lead[u"firstContactAt"_qs].toString(), WireTime::toWire(madeAt));
    // The cache, after pulling the server's copy, still says when the call was made.
    auto db = ana.open();
    QCOMPARE(column(db.value().database(),
                    QStringLiteral("SELECT occurredAt FROM lead_activities WHERE id = '%1'")
                        .arg(callId)),
             QStringList{QString::number(madeAt)});
    QCOMPARE(column(db.value().database(),
                    QStringLiteral("SELECT firstContactAt FROM leads WHERE id = '%1'").arg(id)),
             QStringList{QString::number(madeAt)});
}

void tst_CrmSync::offlineBookingsAreDecidedByTheServer()
{
    // Dee takes appointments every day 09:00-17:00 UTC with no notice (the test runs at any
    // hour); her laptop and her tablet each book offline.
    const QString dee = m_server.addUser(u"dee@cs.example"_qs, u"Dee"_qs, u"agent"_qs);
    QVERIFY(!dee.isEmpty());
    QJsonArray weekly;
    for (int day = 0; day < 7; ++day)
        weekly.append(QJsonObject{{u"dayOfWeek"_qs, day},
                                  {u"startTime"_qs, u"09:00"_qs},
                                  {u"endTime"_qs, u"17:00"_qs}});
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/providers/%1/availability").arg(dee),
                          QJsonObject{{u"timeZone"_qs, u"UTC"_qs},
                                      {u"bufferMinutes"_qs, 0},
                                      {u"minNoticeMinutes"_qs, 0},
                                      {u"maxDaysAhead"_qs, 60},
                                      {u"weekly"_qs, weekly},
                                      {u"overrides"_qs, QJsonArray()}},
                          m_admin)
                 .status,
             200);
    const QString lead = newLeadFor(dee, 30, u"appt"_qs);
    const qint64 hour = 3600 * 1000LL;
    const qint64 day = (QDateTime::currentMSecsSinceEpoch() / (24 * hour) + 2) * 24 * hour;
    Device laptop{QStringLiteral("dee@cs.example"), m_server.baseUrl().toString(), {}};
    Device tablet{QStringLiteral("dee@cs.example"), m_server.baseUrl().toString(), {}};
    QVERIFY(laptop.sync(true).exitCode == 0);
    QVERIFY(tablet.sync(true).exitCode == 0);
    auto notices = [](const Device &device, const QString &kind, const QString &entityId) {
        return device.column(QStringLiteral("SELECT title FROM notifications WHERE kind = '%1'"
                                            " AND entityId = '%2' ORDER BY rowid")
                                 .arg(kind, entityId));
    };

    // Offline on the laptop: 10:00 and 14:00, pending until the server decides.
    QString accepted;
    QString refused;
    {
        auto db = laptop.open();
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        LocalEdits edits(db.value().database(), dee);
        LocalEdits::Booking booking;
        booking.leadId = lead;
        booking.start = day + 10 * hour;
        const auto first = edits.bookAppointment(booking);
        booking.start = day + 14 * hour;
        const auto second = edits.bookAppointment(booking);
        QVERIFY(std::holds_alternative<Appointment>(first));
        QVERIFY(std::holds_alternative<Appointment>(second));
        accepted = std::get<Appointment>(first).id;
        refused = std::get<Appointment>(second).id;
        QCOMPARE(column(db.value().database(),
                        QStringLiteral("SELECT count(*) FROM appointments WHERE pending = 1")),
                 QStringList{QStringLiteral("2")});
    }
    QCOMPARE(laptop.status()[u"outbox"_qs].toInt(), 2);
    // Meanwhile the tablet takes 14:15-15:00, and reaches the server first.
    QString taken;
    {
        auto db = tablet.open();
        LocalEdits edits(db.value().database(), dee);
        LocalEdits::Booking booking;
        booking.leadId = lead;
        booking.start = day + 14 * hour + hour / 4;
        booking.duration = 45;
        const auto booked = edits.bookAppointment(booking);
        QVERIFY(std::holds_alternative<Appointment>(booked));
        taken = std::get<Appointment>(booked).id;
    }
    QVERIFY(tablet.sync().exitCode == 0);
    Run run = laptop.sync();
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    // The server holds 10:00 and the tablet's 14:15, nothing else, nothing overlapping.
    QCOMPARE(serverValues(QStringLiteral("SELECT id FROM appointments WHERE providerId = '%1'"
                                         " ORDER BY scheduledDate")
                              .arg(dee)),
             (QStringList{accepted, taken}));
    // On the laptop: 10:00 accepted (scheduled, no longer pending), 14:00 taken back, the
    // tablet's booking pulled in.
    QCOMPARE(laptop.column(QStringLiteral("SELECT id || ' ' || status || ' ' || pending || ' '"
                                          " || version FROM appointments ORDER BY scheduledDate")),
             (QStringList{accepted + QStringLiteral(" scheduled 0 1"),
                          taken + QStringLiteral(" scheduled 0 1")}));
    const QJsonObject status = laptop.status();
    QCOMPARE(status[u"outbox"_qs].toInt(), 0);
    QCOMPARE(status[u"conflicts"_qs].toInt(), 1);
    {
        auto db = laptop.open();
        const QList<ConflictReader::OpenConflict> inbox = ConflictReader(db.value().database())
                                                              .open();
        QCOMPARE(inbox.size(), 1);
        const ConflictReader::OpenConflict &refusal = inbox.at(0);
        QCOMPARE(refusal.kind, QStringLiteral("rejected"));
        QCOMPARE(refusal.entity, QStringLiteral("appointment"));
        QVERIFY2(refusal.reason.startsWith(QStringLiteral("slot_taken")),
                 qPrintable(refusal.reason));
        QCOMPARE(refusal.recordName, QStringLiteral("P30 appt"));
        const QJsonObject details = refusal.details;
        QCOMPARE(details[u"wanted"_qs][u"start"_qs].toString(), WireTime::toWire(day + 14 * hour));
        QCOMPARE(details[u"conflicting"_qs][u"id"_qs].toString(), taken);
        QCOMPARE(details[u"conflicting"_qs][u"start"_qs].toString(),
                 WireTime::toWire(day + 14 * hour + hour / 4));
        // Up to three free half hours nearest to 14:00, clear of both bookings.
        const QJsonArray suggestions = details[u"suggestions"_qs].toArray();
        QCOMPARE(suggestions.size(), 3);
        for (const QJsonValue &slot : suggestions) {
            const qint64 start = WireTime::fromWire(slot[u"start"_qs].toString()).value();
            const qint64 end = WireTime::fromWire(slot[u"end"_qs].toString()).value();
            QCOMPARE(end - start, hour / 2);
            QVERIFY(end <= day + 14 * hour + hour / 4 || start >= day + 15 * hour);
            QVERIFY(end <= day + 10 * hour || start >= day + 10 * hour + hour / 2);
        }
    }
    // The user is told once of the refusal, and of the tablet's booking; not of their own.
    QCOMPARE(notices(laptop, u"rejected"_qs, refused),
             QStringList{QStringLiteral("Booking not accepted: P30 appt")});
    QCOMPARE(notices(laptop, u"appointment_changed"_qs, taken),
             QStringList{QStringLiteral("Appointment booked: P30 appt")});
    QCOMPARE(notices(laptop, u"appointment_changed"_qs, accepted), QStringList());
    QVERIFY(tablet.sync().exitCode == 0);
    QCOMPARE(notices(tablet, u"appointment_changed"_qs, accepted),
             QStringList{QStringLiteral("Appointment booked: P30 appt")});
    QCOMPARE(notices(tablet, u"appointment_changed"_qs, taken), QStringList());

    // An admin moves 10:00 to 11:00: the laptop is told, and shows it there.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/appointments/") + accepted,
                          QJsonObject{{u"scheduledDate"_qs, WireTime::toWire(day + 11 * hour)}},
                          m_admin)
                 .status,
             200);
    QVERIFY(laptop.sync().exitCode == 0);
    QCOMPARE(notices(laptop, u"appointment_changed"_qs, accepted),
             QStringList{QStringLiteral("Appointment moved: P30 appt")});
    QCOMPARE(laptop.column(QStringLiteral("SELECT scheduledDate FROM appointments WHERE id = '%1'")
                               .arg(accepted)),
             QStringList{QString::number(day + 11 * hour)});
    // Cancelled on the laptop: the server agrees, the tablet is told.
    {
        auto db = laptop.open();
        LocalEdits edits(db.value().database(), dee);
        QVERIFY(std::holds_alternative<Appointment>(
            edits.setAppointmentStatus(accepted, AppointmentStatus::Cancelled)));
    }
    QVERIFY(laptop.sync().exitCode == 0);
    QCOMPARE(serverValues(
                 QStringLiteral("SELECT status FROM appointments WHERE id = '%1'").arg(accepted)),
             QStringList{QStringLiteral("cancelled")});
    QVERIFY(tablet.sync().exitCode == 0);
    QCOMPARE(notices(tablet, u"appointment_changed"_qs, accepted),
             (QStringList{QStringLiteral("Appointment booked: P30 appt"),
                          QStringLiteral("Appointment moved: P30 appt"),
                          QStringLiteral("Appointment cancelled: P30 appt")}));
    QCOMPARE(notices(laptop, u"appointment_changed"_qs, accepted).size(), 1);
}

void tst_CrmSync::convergence_data()
{
    QTest::addColumn<quint32>("seed");
    const int seeds = qMax(1, qEnvironmentVariableIntValue("CRM_CONVERGENCE_SEEDS") ?: 3);
    for (int i = 0; i < seeds; ++i)
        QTest::addRow("seed %d", 1000 + i) << quint32(1000 + i);
}

void tst_CrmSync::convergence()
{
    QFETCH(quint32, seed);
    qInfo() << "convergence seed" << seed;
    QRandomGenerator random(seed);
    const QString server = m_server.baseUrl().toString();
    const QString tag = QStringLiteral("conv%1").arg(seed);
    const QStringList agentEmails{QStringLiteral("ana@cs.example"),
                                  QStringLiteral("ben@cs.example"),
                                  QStringLiteral("cy@cs.example")};
    QStringList agentIds;
    for (const QJsonValue &user :
         m_server.request("GET", QStringLiteral("/api/admin/users"), {}, m_admin)
             .json[u"items"_qs]
             .toArray()) {
        if (agentEmails.contains(user[u"email"_qs].toString()))
            agentIds << user[u"id"_qs].toString();
    }
    QCOMPARE(agentIds.size(), 3);
    // The agents take appointments every day 09:00-17:00 UTC, with no notice; the clients
    // book, move and cancel in one morning of their own per seed, where they collide.
    const qint64 hour = 3600 * 1000LL;
    const qint64 day = (QDateTime::currentMSecsSinceEpoch() / (24 * hour) + 3 + seed % 7) * 24
                       * hour;
    QJsonArray weekly;
    for (int weekday = 0; weekday < 7; ++weekday)
        weekly.append(QJsonObject{{u"dayOfWeek"_qs, weekday},
                                  {u"startTime"_qs, u"09:00"_qs},
                                  {u"endTime"_qs, u"17:00"_qs}});
    for (const QString &agent : std::as_const(agentIds)) {
        QCOMPARE(m_server
                     .request("PUT",
                              QStringLiteral("/api/providers/%1/availability").arg(agent),
                              QJsonObject{{u"timeZone"_qs, u"UTC"_qs},
                                          {u"bufferMinutes"_qs, 0},
                                          {u"minNoticeMinutes"_qs, 0},
                                          {u"maxDaysAhead"_qs, 60},
                                          {u"weekly"_qs, weekly},
                                          {u"overrides"_qs, QJsonArray()}},
                              m_admin)
                     .status,
                 200);
    }
    // Leads spread over the three agents.
    QStringList leadIds;
    for (int i = 0; i < 12; ++i) {
        // Distinct phones per seed: the contact form merges a returning person.
        const QJsonObject created = m_server.submitContactForm(person(100 + int(seed % 100) * 20 + i, tag));
        QVERIFY(!created.isEmpty());
        leadIds << created[u"id"_qs].toString();
        m_server.request("POST",
                         QStringLiteral("/api/admin/leads/assign"),
                         QJsonObject{{u"leadIds"_qs, QJsonArray{leadIds.last()}},
                                     {u"agentId"_qs, agentIds[i % 3]}},
                         m_admin);
    }
    // Four clients: three agents and an admin.
    std::vector<std::unique_ptr<Device>> clients;
    QStringList clientUserIds;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<Device>(Device{agentEmails[i], server, {}}));
        clientUserIds << agentIds[i];
    }
    clients.push_back(
        std::make_unique<Device>(Device{QStringLiteral("admin@cs.example"), server, {}}));
    clientUserIds << QString();
    for (auto &client : clients)
        QVERIFY(client->sync(true).exitCode == 0);

    const QStringList statuses{QStringLiteral("new"),
                               QStringLiteral("contacted"),
                               QStringLiteral("qualified"),
                               QStringLiteral("enrolled"),
                               QStringLiteral("closed")};
    int edits = 0;
    for (int round = 0; round < 6; ++round) {
        for (size_t c = 0; c < clients.size(); ++c) {
            Device &client = *clients[c];
            auto db = client.open();
            QVERIFY(db.ok());
            const QSqlDatabase cache = db.value().database();
            const QStringList mine
                = column(cache,
                         QStringLiteral("SELECT id FROM leads WHERE lastName = '%1'").arg(tag));
            LocalEdits local(cache, clientUserIds[int(c)]);
            for (int op = 0; op < 3 && !mine.isEmpty(); ++op) {
                const QString lead = mine.at(random.bounded(int(mine.size())));
                switch (random.bounded(4)) {
                case 0: // a status change, allowed or not (the server may reject it)
                    local.updateLead(lead,
                                     QJsonObject{{u"status"_qs, statuses.at(random.bounded(5))}});
                    break;
                case 1:
                    local.updateLead(lead,
                                     QJsonObject{{u"message"_qs,
                                                  QStringLiteral("r%1c%2").arg(round).arg(c)}});
                    break;
                case 2:
                    local.addActivity(
                        lead,
                        QStringLiteral("note"),
                        QStringLiteral("%1 r%2c%3o%4").arg(tag).arg(round).arg(c).arg(op));
                    break;
                case 3:
                    if (clientUserIds[int(c)].isEmpty()) // the admin reassigns
                        local.updateLead(lead,
                                         QJsonObject{{u"assignedAgentId"_qs,
                                                      agentIds.at(random.bounded(3))}});
                    else
                        local.updateLead(lead,
                                         QJsonObject{{u"state"_qs,
                                                      random.bounded(2) ? u"TX"_qs : u"FL"_qs}});
                    break;
                }
                ++edits;
            }
            // An appointment booked, moved or cancelled (an admin books for the agents),
            // offline until this client next syncs; the server decides.
            const QString provider = clientUserIds[int(c)].isEmpty()
                                         ? agentIds.at(random.bounded(3))
                                         : clientUserIds[int(c)];
            const qint64 start = day + 9 * hour + random.bounded(6) * hour / 2;
            const int duration = random.bounded(2) ? 30 : 60;
            const QStringList booked
                = column(cache,
                         QStringLiteral("SELECT id FROM appointments WHERE providerId = '%1' AND"
                                        " scheduledDate >= %2 AND scheduledDate < %3 AND"
                                        " status = 'scheduled' ORDER BY id")
                             .arg(provider)
                             .arg(day)
                             .arg(day + 24 * hour));
            const int kind = random.bounded(3);
            if (kind == 0 || booked.isEmpty()) {
                LocalEdits::Booking booking;
                booking.providerId = provider;
                booking.start = start;
                booking.duration = duration;
                local.bookAppointment(booking); // refused here when the cache sees the clash
            } else if (kind == 1) {
                local.rescheduleAppointment(booked.at(random.bounded(int(booked.size()))),
                                            start,
                                            duration);
            } else {
                local.setAppointmentStatus(booked.at(random.bounded(int(booked.size()))),
                                           AppointmentStatus::Cancelled);
            }
        }
        // A random half of the clients come online this round.
        for (auto &client : clients) {
            if (random.bounded(2)) {
                const Run run = client->sync();
                QVERIFY2(run.exitCode == 0, qPrintable(run.output));
            }
        }
    }
    // Everyone comes online twice: the first pass sends, the second brings the others' work.
    for (int pass = 0; pass < 2; ++pass) {
        for (auto &client : clients) {
            const Run run = client->sync();
            QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        }
    }
    QVERIFY(edits > 0);
    // Every cache equals the server's view of its scope.
    for (size_t c = 0; c < clients.size(); ++c) {
        Device &client = *clients[c];
        const QString token = m_server.login(client.email);
        const auto list = m_server.request("GET",
                                           QStringLiteral("/api/agent/leads?q=%1&limit=500").arg(tag),
                                           {},
                                           token);
        QMap<QString, QJsonObject> serverLeads;
        for (const QJsonValue &lead : list.json[u"items"_qs].toArray()) {
            // q also matches phone digits; the tag is the last name.
            if (lead[u"lastName"_qs].toString() == tag)
                serverLeads.insert(lead[u"id"_qs].toString(), lead.toObject());
        }
        auto db = client.open();
        const QSqlDatabase cache = db.value().database();
        QCOMPARE(column(cache, QStringLiteral("SELECT count(*) FROM outbox")).value(0),
                 QStringLiteral("0"));
        QSqlQuery query(cache);
        QVERIFY(query.exec(QStringLiteral("SELECT id, status, message, state, assignedAgentId, "
                                          "version FROM leads WHERE lastName = '%1' ORDER BY id")
                               .arg(tag)));
        QStringList cached;
        while (query.next()) {
            const QString id = query.value(0).toString();
            cached << id;
            const QJsonObject lead = serverLeads.value(id);
            QCOMPARE(query.value(1).toString(), lead[u"status"_qs].toString());
            QCOMPARE(query.value(2).toString(), lead[u"message"_qs].toString());
            QCOMPARE(query.value(3).toString(), lead[u"state"_qs].toString());
            QCOMPARE(query.value(4).toString(), lead[u"assignedAgentId"_qs].toString());
            QCOMPARE(query.value(5).toLongLong(), lead[u"version"_qs].toInteger());
        }
        QStringList expected = serverLeads.keys();
        if (cached != expected) {
            qWarning() << "client" << client.email << "cached" << cached << "server" << expected;
            for (const QString &id : expected) {
                if (!cached.contains(id))
                    qWarning() << "missing" << id
                               << m_server.sql(QStringLiteral(
                                                   "SELECT seq, entity, op, audience, version FROM "
                                                   "change_log WHERE entityId = '%1' ORDER BY seq")
                                                   .arg(id))
                               << "cursor" << client.status()[u"cursor"_qs];
            }
        }
        QCOMPARE(cached, expected);
        // Activities: the cache holds exactly the server's history of its leads.
        for (const QString &id : std::as_const(cached)) {
            const auto history
                = m_server.request("GET",
                                   QStringLiteral("/api/leads/%1/activities?limit=500").arg(id),
                                   {},
                                   token);
            QCOMPARE(column(cache,
                            QStringLiteral(
                                "SELECT count(*) FROM lead_activities WHERE leadId = '%1'")
                                .arg(id))
                         .value(0)
                         .toInt(),
                     history.json[u"total"_qs].toInt());
        }
    }
    // Appointments: every cache holds the server's appointments of its scope on that day
    // (an agent's own, the admin's all), none left pending; and the server holds no two
    // overlapping appointments of one provider that still hold their time.
    const QString onTheDay
        = QStringLiteral("scheduledDate >= %1 AND scheduledDate < %2").arg(day).arg(day + 24 * hour);
    for (size_t c = 0; c < clients.size(); ++c) {
        const QString scope = clientUserIds[int(c)].isEmpty()
                                  ? QStringLiteral("providerId IN ('%1')")
                                        .arg(agentIds.join(QStringLiteral("', '")))
                                  : QStringLiteral("providerId = '%1'").arg(clientUserIds[int(c)]);
        QStringList onServer;
        for (const QVariantList &row :
             m_server.sql(QStringLiteral("SELECT id, scheduledDate, duration, status, version FROM"
                                         " appointments WHERE %1 AND %2 ORDER BY id")
                              .arg(onTheDay, scope))) {
            QStringList values;
            for (const QVariant &value : row)
                values << value.toString();
            onServer << values.join(QLatin1Char(' '));
        }
        const QStringList cached = clients[c]->column(
            QStringLiteral("SELECT id || ' ' || scheduledDate || ' ' || duration || ' ' || status"
                           " || ' ' || version FROM appointments WHERE %1 AND %2 ORDER BY id")
                .arg(onTheDay, scope));
        QCOMPARE(cached, onServer);
        QCOMPARE(clients[c]->column(QStringLiteral("SELECT count(*) FROM appointments WHERE"
                                                   " pending = 1")),
                 QStringList{QStringLiteral("0")});
    }
    int refused = 0;
    for (auto &client : clients)
        refused += client
                       ->column(QStringLiteral("SELECT count(*) FROM conflicts WHERE entity ="
                                               " 'appointment'"))
                       .value(0)
                       .toInt();
    const QList<QVariantList> held = m_server.sql(
        QStringLiteral("SELECT count(*), sum(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END)"
                       " FROM appointments WHERE %1")
            .arg(onTheDay));
    qInfo() << "appointments on the server:" << held.value(0).value(0).toInt()
            << "of them cancelled:" << held.value(0).value(1).toInt()
            << "refused or in conflict on a device:" << refused;
    QVERIFY(held.value(0).value(0).toInt() > 0);
    QCOMPARE(m_server.sql(
                 QStringLiteral(
                     "SELECT a.id, b.id FROM appointments a JOIN appointments b ON a.providerId ="
                     " b.providerId AND a.id < b.id AND a.status <> 'cancelled' AND b.status <>"
                     " 'cancelled' AND a.scheduledDate < b.scheduledDate + b.duration * 60000 AND"
                     " b.scheduledDate < a.scheduledDate + a.duration * 60000 WHERE"
                     " a.scheduledDate >= %1 AND a.scheduledDate < %2")
                     .arg(day)
                     .arg(day + 24 * hour)),
             QList<QVariantList>());
    // No duplicates in the server's log of applied mutations or activities.
    QVERIFY(m_server
                .sql(QStringLiteral(
                    "SELECT mutationId FROM mutations GROUP BY mutationId HAVING count(*) > 1"))
                .isEmpty());
    QVERIFY(m_server
                .sql(QStringLiteral("SELECT notes FROM lead_activities WHERE notes LIKE '%1 %' "
                                    "GROUP BY notes, leadId HAVING count(*) > 1")
                         .arg(tag))
                .isEmpty());
}

void tst_CrmSync::killDuringInitialSyncThenResume()
{
    // A second server with 20,000 leads for one agent.
    ServerProcess big;
    QString whyNot;
    QVERIFY(big.prepare(&whyNot));
    QByteArray output;
    QCOMPARE(big.runCommand({QStringLiteral("demo-data"),
                             QStringLiteral("--leads"),
                             QStringLiteral("20000"),
                             QStringLiteral("--only-agent"),
                             QStringLiteral("ana@demo.agentcrm.test")},
                            &output),
             0);
    QVERIFY(big.start());
    Device ana{QStringLiteral("ana@demo.agentcrm.test"), big.baseUrl().toString(), {}};
    const Run killed = runCrmSync({QStringLiteral("--server"),
                                ana.server,
                                QStringLiteral("--email"),
                                ana.email,
                                QStringLiteral("--data-dir"),
                                ana.dir.path(),
                                QStringLiteral("--password-stdin"),
                                QStringLiteral("sync")},
                               "demo-agent-2026\n",
                               120000,
                               {},
                               [](const QString &out) {
                                   return out.contains(QStringLiteral("Downloaded"));
                               });
    QCOMPARE(killed.exitCode, -9);
    const qint64 partial = ana.status()[u"counts"_qs][u"lead"_qs].toInt();
    QVERIFY2(partial < 20000, qPrintable(QString::number(partial)));

    const Run resumed = ana.sync();
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.output));
    const QJsonObject status = ana.status();
    const QString token = big.login(ana.email, QStringLiteral("demo-agent-2026"));
    const int serverLeads = big.request("GET", QStringLiteral("/api/agent/leads?limit=1"), {}, token)
                                .json[u"total"_qs]
                                .toInt();
    QCOMPARE(serverLeads, 20000);
    QCOMPARE(status[u"counts"_qs][u"lead"_qs].toInt(), serverLeads);
    const int serverActivities = big.sql(QStringLiteral(
        "SELECT count(*) FROM lead_activities a JOIN leads l ON l.id = a.leadId WHERE "
        "l.assignedAgentId IS NOT NULL"))[0][0]
                                     .toInt();
    QCOMPARE(status[u"counts"_qs][u"activity"_qs].toInt(), serverActivities);
    const qint64 head = big.sql(QStringLiteral(
        "SELECT value FROM counters WHERE name = 'seq'"))[0][0]
                            .toLongLong();
    QCOMPARE(status[u"cursor"_qs].toInteger(), head);
    // The first download ran as a bulk load, cut by the kill: the resumed one finished it, so
    // the cache has its indexes and every lead can be searched.
    auto db = ana.open();
    QVERIFY(db.ok());
    const QSqlDatabase cache = db.value().database();
    QCOMPARE(column(cache, QStringLiteral("SELECT count(*) FROM leads_fts")),
             QStringList{QString::number(serverLeads)});
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN"
                                   " ('idx_lead_activities_lead', 'idx_leads_created_at',"
                                   " 'leads_fts_insert')")),
             QStringList{QStringLiteral("3")});
    QVERIFY(column(cache, QStringLiteral("SELECT value FROM sync_state WHERE key = 'bulkLoad'"))
                .isEmpty());
    // Ten pages of first download, and not one "new lead" notice.
    QCOMPARE(column(cache,
                    QStringLiteral("SELECT count(*) FROM notifications WHERE kind = 'new_lead'")),
             QStringList{QStringLiteral("0")});
}


void tst_CrmSync::serverGoneRightAfterTheLiveChannelIsNoticed()
{
    // The server's shutdown closes the live channel first and answers the cycle that this
    // starts; then it is gone. The desktop must say Offline within one reconnect (10 s),
    // not Online for ever: each failed reconnect used to restart the 30 s poll, so no cycle
    // ever ran to find out.
    FaultProxy proxy(quint16(m_server.baseUrl().port()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SyncRunner runner({QUrl(proxy.url()),
                       QStringLiteral("ana@cs.example"),
                       dir.filePath(QStringLiteral("cache.db")),
                       QByteArray(32, 'k')});
    SyncEngine::State state = SyncEngine::State::Offline;
    connect(&runner, &SyncRunner::stateChanged, this, [&](SyncEngine::State now, const QString &) {
        state = now;
    });
    QSignalSpy live(&runner, &SyncRunner::liveChannelChanged);
    QSignalSpy synced(&runner, &SyncRunner::synced);
    runner.signIn(QStringLiteral("secret-password"), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!live.isEmpty() && live.constLast().at(0).toBool(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(state, SyncEngine::State::Idle, 15000);

    synced.clear();
    proxy.dropConnections(); // the live channel goes down; the server still answers
    QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 15000);
    QTRY_COMPARE(state, SyncEngine::State::Idle);
    proxy.setListening(false); // and now the server is gone
    proxy.dropConnections();   // (kept-alive connections too)
    QElapsedTimer noticed;
    noticed.start();
    QTRY_COMPARE_WITH_TIMEOUT(state, SyncEngine::State::Offline, 25000);
    qInfo("Offline %lld ms after the server went away", noticed.elapsed());

    // Back: the channel comes up again and the cycle it starts says Online.
    QVERIFY(proxy.setListening(true));
    QTRY_COMPARE_WITH_TIMEOUT(state, SyncEngine::State::Idle, 40000);
}

QTEST_GUILESS_MAIN(tst_CrmSync)
#include "tst_crmsync.moc"
