// Assignment, concurrency, the sync protocol and the audit log of a real crm-server process
// (SQLCipher or PostgreSQL, see CRM_TEST_BACKEND).
#include "serverprocess.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

using CrmTest::ServerProcess;

namespace {

QJsonObject person(int i, const QString &tag, const QString &state = QStringLiteral("CA"))
{
    return {{QStringLiteral("firstName"), QStringLiteral("P%1").arg(i)},
            {QStringLiteral("lastName"), tag},
            {QStringLiteral("email"), QStringLiteral("p%1.%2@example.com").arg(i).arg(tag)},
            {QStringLiteral("phone"), QStringLiteral("+1212555%1").arg(1000 + i)},
            {QStringLiteral("state"), state}};
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Sends the same request from many connections at once and waits for all the answers.
QList<int> parallel(const QUrl &base,
                    const QList<QPair<QByteArray, QJsonObject>> &requests,
                    const QString &path,
                    const QString &token,
                    QList<QJsonObject> *answers = nullptr)
{
    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    for (const auto &request : requests) {
        QNetworkRequest http(base.resolved(QUrl(path)));
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            http.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        replies << manager.sendCustomRequest(http,
                                             request.first,
                                             QJsonDocument(request.second).toJson());
    }
    QEventLoop loop;
    int pending = int(replies.size());
    for (QNetworkReply *reply : std::as_const(replies)) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0)
        loop.exec();
    QList<int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answers)
            answers->append(QJsonDocument::fromJson(reply->readAll()).object());
        reply->deleteLater();
    }
    return statuses;
}

} // namespace

class tst_ServerSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundRobinHonoursWeightsAndSurvivesRestart();
    void territoryPrefersTheAgentOfTheState();
    void timeOffKeepsAnAgentOutOfTheRotation();
    void parallelWritesStayConsistent();
    void pullPagesNeverSplitATransaction();
    void retriedPushChangesNothing();
    void reassignmentRevokesAndUpserts();
    void logEntriesFromAnOlderSchemaPullInTodaysShape();
    void concurrentEditIsAConflictWithBothValues();
    void badPushesAreRejectedNotCrashes();
    void liveChannelHintsTheRightClients();
    void liveChannelEndsWithItsLogin();
    void auditLogDetectsTampering();
    void auditChainIsKeyedAndKeepsEveryRead();
    void sigtermShutsDownCleanly();

private:
    QMap<QString, int> countByAgent(const QList<QJsonObject> &leads) const;

    ServerProcess m_server;
    QString m_admin;
    QStringList m_agentIds; // a, b, c (weight 1), d (weight 2)
    QString m_inactiveId;
};

void tst_ServerSync::initTestCase()
{
    CRM_REQUIRE_READY(m_server.readiness());
    QVERIFY(!m_server
                 .addUser(QStringLiteral("admin@sync.example"),
                          QStringLiteral("Admin"),
                          QStringLiteral("admin"))
                 .isEmpty());
    const char *names[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; ++i) {
        const QString id = m_server.addUser(
            QStringLiteral("%1@sync.example").arg(QLatin1String(names[i])),
            QStringLiteral("Agent %1").arg(QString::fromLatin1(names[i]).toUpper()),
            QStringLiteral("agent"),
            QStringLiteral("secret-password"),
            i == 3 ? 2 : 1,
            i == 0 ? QStringLiteral("NV") : QString());
        QVERIFY(!id.isEmpty());
        m_agentIds << id;
    }
    m_inactiveId = m_server.addUser(QStringLiteral("gone@sync.example"),
                                    QStringLiteral("Gone"),
                                    QStringLiteral("agent"));
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = m_server.login(QStringLiteral("admin@sync.example"));
    QVERIFY(!m_admin.isEmpty());
    const auto deactivated = m_server.request("PUT",
                                              QStringLiteral("/api/admin/users/") + m_inactiveId,
                                              QJsonObject{{u"active"_qs, false}},
                                              m_admin);
    QCOMPARE(deactivated.status, 200);
}

QMap<QString, int> tst_ServerSync::countByAgent(const QList<QJsonObject> &leads) const
{
    QMap<QString, int> counts;
    for (const QJsonObject &lead : leads)
        counts[lead[u"assignedAgentId"_qs].toString()] += 1;
    return counts;
}

void tst_ServerSync::roundRobinHonoursWeightsAndSurvivesRestart()
{
    QList<QJsonObject> leads;
    QStringList order;
    for (int i = 0; i < 100; ++i) {
        leads << m_server.submitContactForm(person(i, u"rr"_qs));
        QVERIFY(!leads.last().isEmpty());
        order << leads.last()[u"assignedAgentId"_qs].toString();
    }
    const QMap<QString, int> counts = countByAgent(leads);
    QCOMPARE(counts.value(m_agentIds[0]), 20);
    QCOMPARE(counts.value(m_agentIds[1]), 20);
    QCOMPARE(counts.value(m_agentIds[2]), 20);
    QCOMPARE(counts.value(m_agentIds[3]), 40);
    QCOMPARE(counts.value(m_inactiveId), 0);

    // Three more, a restart, two more: the rotation carries on (it does not start over).
    QStringList after;
    for (int i = 100; i < 103; ++i)
        after << m_server.submitContactForm(person(i, u"rr"_qs))[u"assignedAgentId"_qs].toString();
    m_server.stop();
    QVERIFY(m_server.start());
    m_admin = m_server.login(QStringLiteral("admin@sync.example"));
    for (int i = 103; i < 105; ++i)
        after << m_server.submitContactForm(person(i, u"rr"_qs))[u"assignedAgentId"_qs].toString();
    // After 100 picks (20 whole cycles of 5) the next five repeat the first five.
    QCOMPARE(after, order.mid(0, 5));
    QVERIFY(order.mid(3, 2) != order.mid(0, 2)); // so a restarted rotation would have shown
}

void tst_ServerSync::territoryPrefersTheAgentOfTheState()
{
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/admin/assignment"),
                          QJsonObject{{u"mode"_qs, u"territory"_qs}},
                          m_admin)
                 .status,
             200);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(m_server.submitContactForm(person(200 + i, u"terr"_qs, u"NV"_qs))
                     [u"assignedAgentId"_qs]
                         .toString(),
                 m_agentIds[0]);
    }
    // No agent covers Ohio: the rotation decides, among everyone.
    const QJsonObject ohio = m_server.submitContactForm(person(210, u"terr"_qs, u"OH"_qs));
    QVERIFY(m_agentIds.contains(ohio[u"assignedAgentId"_qs].toString()));
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/admin/assignment"),
                          QJsonObject{{u"mode"_qs, u"round_robin"_qs}},
                          m_admin)
                 .status,
             200);
}

void tst_ServerSync::timeOffKeepsAnAgentOutOfTheRotation()
{
    // The agent with weight 2 is away for the afternoon: new leads go to the others; when the
    // time off ends, the rotation takes them in again.
    const QString away = m_agentIds[3];
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Booked the way an agent or an admin books it, through the API.
    const auto added = m_server.request("POST",
                                        QStringLiteral("/api/providers/%1/time-off").arg(away),
                                        QJsonObject{{u"start"_qs, QDateTime::fromMSecsSinceEpoch(now - 60 * 60 * 1000, Qt::UTC).toString(Qt::ISODate)},
                                                    {u"end"_qs, QDateTime::fromMSecsSinceEpoch(now + 60 * 60 * 1000, Qt::UTC).toString(Qt::ISODate)},
                                                    {u"reason"_qs, u"Dentist"_qs}},
                                        m_admin);
    QCOMPARE(added.status, 201);
    const QString timeOffId = added.json[u"id"_qs].toString();
    QStringList during;
    for (int i = 0; i < 12; ++i)
        during << m_server.submitContactForm(person(250 + i, u"off"_qs))[u"assignedAgentId"_qs].toString();
    QVERIFY2(!during.contains(away), qPrintable(during.join(u' ')));
    QCOMPARE(QSet<QString>(during.cbegin(), during.cend()),
             (QSet<QString>{m_agentIds[0], m_agentIds[1], m_agentIds[2]}));

    // An hour passes (the test cannot wait it out): the time off is over.
    m_server.sql(QStringLiteral("UPDATE time_off SET endAt = %1 WHERE id = '%2'")
                     .arg(now - 1)
                     .arg(timeOffId));
    QStringList after;
    for (int i = 0; i < 5; ++i)
        after << m_server.submitContactForm(person(270 + i, u"off"_qs))[u"assignedAgentId"_qs].toString();
    QVERIFY2(after.count(away) >= 1, qPrintable(after.join(u' ')));
}

void tst_ServerSync::parallelWritesStayConsistent()
{
    QList<QPair<QByteArray, QJsonObject>> posts;
    for (int i = 0; i < 50; ++i)
        posts.append({QByteArrayLiteral("POST"), person(300 + i, u"par"_qs)});
    const QList<int> statuses = parallel(m_server.baseUrl(),
                                         posts,
                                         QStringLiteral("/api/leads"),
                                         QString());
    QCOMPARE(statuses.count(202), 50);
    const auto list = m_server.request("GET",
                                       QStringLiteral("/api/agent/leads?q=par&limit=500"),
                                       {},
                                       m_admin);
    QCOMPARE(list.json[u"total"_qs].toInt(), 50);

    // 20 parallel status changes on one lead: every one that changed something bumped the
    // version by exactly one and left one history entry.
    const QString id = list.json[u"items"_qs][0][u"id"_qs].toString();
    const QString path = QStringLiteral("/api/leads/") + id;
    const int startVersion = m_server.request("GET", path, {}, m_admin).json[u"version"_qs].toInt();
    QList<QPair<QByteArray, QJsonObject>> puts;
    for (int i = 0; i < 20; ++i)
        puts.append({QByteArrayLiteral("PUT"),
                     QJsonObject{{u"status"_qs, i % 2 ? u"contacted"_qs : u"qualified"_qs}}});
    QList<QJsonObject> answers;
    const QList<int> putStatuses = parallel(m_server.baseUrl(), puts, path, m_admin, &answers);
    QCOMPARE(putStatuses.count(200), 20);
    const QJsonObject finalLead = m_server.request("GET", path, {}, m_admin).json;
    const auto history = m_server.request("GET",
                                          path + QStringLiteral("/activities?limit=500"),
                                          {},
                                          m_admin);
    int statusEntries = 0;
    QString lastEntry;
    for (const QJsonValue &item : history.json[u"items"_qs].toArray()) {
        if (item[u"notes"_qs].toString().startsWith(QStringLiteral("Status changed"))) {
            if (statusEntries == 0)
                lastEntry = item[u"notes"_qs].toString();
            ++statusEntries;
        }
    }
    QVERIFY(statusEntries >= 1);
    QCOMPARE(finalLead[u"version"_qs].toInt(), startVersion + statusEntries);
    // The newest history entry names the status the lead ended in.
    QVERIFY2(lastEntry.toLower().endsWith(finalLead[u"status"_qs].toString() + QLatin1Char('.')),
             qPrintable(lastEntry));

    // The change log: seq gap-free, in order, and its counter at the top.
    const auto rows = m_server.sql(QStringLiteral("SELECT seq FROM change_log ORDER BY seq"));
    QVERIFY(!rows.isEmpty());
    for (int i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i][0].toLongLong(), qint64(i + 1));
    const auto head = m_server.sql(QStringLiteral("SELECT value FROM counters WHERE name = 'seq'"));
    QCOMPARE(head[0][0].toLongLong(), qint64(rows.size()));
    // Versions of the lead in the log go up one by one.
    const auto versions = m_server.sql(
        QStringLiteral("SELECT version FROM change_log WHERE entity = 'lead' AND op = 'upsert' AND "
                       "entityId = '%1' ORDER BY seq")
            .arg(id));
    for (int i = 1; i < versions.size(); ++i)
        QVERIFY(versions[i][0].toLongLong() > versions[i - 1][0].toLongLong());
}

void tst_ServerSync::pullPagesNeverSplitATransaction()
{
    const QString agentToken = m_server.login(QStringLiteral("d@sync.example"));
    QMap<qint64, qint64> txOfSeq;
    for (const QVariantList &row : m_server.sql(QStringLiteral("SELECT seq, txId FROM change_log")))
        txOfSeq.insert(row[0].toLongLong(), row[1].toLongLong());

    for (const QString &token : {agentToken, m_admin}) {
        qint64 cursor = 0;
        QSet<qint64> seen;
        int pages = 0;
        bool more = true;
        while (more && pages < 1000) {
            const auto page
                = m_server.request("GET",
                                   QStringLiteral("/api/sync/pull?cursor=%1&limit=3").arg(cursor),
                                   {},
                                   token);
            QCOMPARE(page.status, 200);
            const QJsonArray changes = page.json[u"changes"_qs].toArray();
            QSet<qint64> txInPage;
            for (const QJsonValue &change : changes) {
                const qint64 seq = change[u"seq"_qs].toInteger();
                QVERIFY(seq > cursor);
                QVERIFY(!seen.contains(seq));
                seen.insert(seq);
                txInPage.insert(txOfSeq.value(seq));
                for (const char *field : {"seq", "entity", "id", "op", "version", "data"})
                    QVERIFY(change.toObject().contains(QLatin1String(field)));
            }
            // Every transaction touched by this page ends in it: no entry of it is left for a
            // later page.
            const qint64 next = page.json[u"cursor"_qs].toInteger();
            for (auto it = txOfSeq.cbegin(); it != txOfSeq.cend(); ++it) {
                if (txInPage.contains(it.value()))
                    QVERIFY2(it.key() <= next,
                             qPrintable(
                                 QStringLiteral("seq %1 of a page's transaction is after cursor %2")
                                     .arg(it.key())
                                     .arg(next)));
            }
            QVERIFY(next >= cursor);
            cursor = next;
            more = page.json[u"hasMore"_qs].toBool();
            ++pages;
        }
        QVERIFY(!more);
        QVERIFY(pages > 1);
        QCOMPARE(cursor, txOfSeq.lastKey());
    }
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/sync/pull?cursor=-1"), {}, m_admin).status,
             400);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/sync/pull?cursor=abc"), {}, m_admin).status,
             400);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/sync/pull?cursor=99999999"), {}, m_admin)
                 .status,
             400);
}

void tst_ServerSync::retriedPushChangesNothing()
{
    const QString token = m_server.login(QStringLiteral("b@sync.example"));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(400, u"push"_qs),
                                          token);
    const QJsonObject lead = created.json[u"lead"_qs].toObject();
    const QString mutationId = newId();
    const QJsonObject
        push{{u"clientId"_qs, u"laptop-b"_qs},
             {u"mutations"_qs,
              QJsonArray{QJsonObject{{u"mutationId"_qs, mutationId},
                                     {u"entity"_qs, u"lead"_qs},
                                     {u"id"_qs, lead[u"id"_qs]},
                                     {u"op"_qs, u"update"_qs},
                                     {u"baseVersion"_qs, lead[u"version"_qs]},
                                     {u"fields"_qs,
                                      QJsonObject{{u"status"_qs,
                                                   QJsonObject{{u"old"_qs, u"new"_qs},
                                                               {u"new"_qs, u"contacted"_qs}}}}}},
                         QJsonObject{{u"mutationId"_qs, newId()},
                                     {u"entity"_qs, u"activity"_qs},
                                     {u"id"_qs, newId()},
                                     {u"op"_qs, u"create"_qs},
                                     {u"data"_qs,
                                      QJsonObject{{u"leadId"_qs, lead[u"id"_qs]},
                                                  {u"activityType"_qs, u"note"_qs},
                                                  {u"notes"_qs, u"Written offline"_qs}}}}}}};
    const auto first = m_server.request("POST", QStringLiteral("/api/sync/push"), push, token);
    QCOMPARE(first.status, 200);
    const QJsonArray results = first.json[u"results"_qs].toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results[0][u"status"_qs].toString(), QStringLiteral("applied"));
    QCOMPARE(results[1][u"status"_qs].toString(), QStringLiteral("applied"));
    const auto logBefore = m_server.sql(QStringLiteral("SELECT count(*) FROM change_log"));
    const QJsonObject leadBefore
        = m_server
              .request("GET", QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(), {}, token)
              .json;
    QCOMPARE(leadBefore[u"status"_qs].toString(), QStringLiteral("contacted"));

    // The same batch again (a retry after a lost answer): same results, nothing changes.
    const auto second = m_server.request("POST", QStringLiteral("/api/sync/push"), push, token);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json[u"results"_qs], first.json[u"results"_qs]);
    QCOMPARE(m_server.sql(QStringLiteral("SELECT count(*) FROM change_log")), logBefore);
    QCOMPARE(m_server
                 .request("GET", QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(), {}, token)
                 .json,
             leadBefore);
    const auto history = m_server.request("GET",
                                          QStringLiteral("/api/leads/%1/activities")
                                              .arg(lead[u"id"_qs].toString()),
                                          {},
                                          token);
    int notes = 0;
    for (const QJsonValue &item : history.json[u"items"_qs].toArray())
        notes += item[u"notes"_qs] == u"Written offline"_qs;
    QCOMPARE(notes, 1);
}

void tst_ServerSync::reassignmentRevokesAndUpserts()
{
    const QString aToken = m_server.login(QStringLiteral("a@sync.example"));
    const QString cToken = m_server.login(QStringLiteral("c@sync.example"));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(500, u"move"_qs),
                                          aToken);
    const QString id = created.json[u"lead"_qs][u"id"_qs].toString();
    m_server.request("POST",
                     QStringLiteral("/api/leads/%1/activities").arg(id),
                     QJsonObject{{u"activityType"_qs, u"call"_qs},
                                 {u"notes"_qs, u"Before the move"_qs}},
                     aToken);
    const qint64 aCursor
        = m_server.request("GET", QStringLiteral("/api/sync/pull?cursor=0&limit=5000"), {}, aToken)
              .json[u"cursor"_qs]
              .toInteger();
    const qint64 cCursor
        = m_server.request("GET", QStringLiteral("/api/sync/pull?cursor=0&limit=5000"), {}, cToken)
              .json[u"cursor"_qs]
              .toInteger();

    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/admin/leads/assign"),
                          QJsonObject{{u"leadIds"_qs, QJsonArray{id}},
                                      {u"agentId"_qs, m_agentIds[2]}},
                          m_admin)
                 .status,
             200);
    const auto forA = m_server.request("GET",
                                       QStringLiteral("/api/sync/pull?cursor=%1").arg(aCursor),
                                       {},
                                       aToken);
    bool revoked = false;
    for (const QJsonValue &change : forA.json[u"changes"_qs].toArray()) {
        if (change[u"id"_qs] == id && change[u"entity"_qs] == u"lead"_qs) {
            QCOMPARE(change[u"op"_qs].toString(), QStringLiteral("revoke"));
            revoked = true;
        }
    }
    QVERIFY(revoked);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, aToken).status, 404);

    // Finding 2: scope is decided when the page is read. A fresh download by the old agent
    // holds none of the lead's data, not even from the entries written before the move.
    const auto fromZero = m_server.request("GET",
                                           QStringLiteral("/api/sync/pull?cursor=0&limit=1000"),
                                           {},
                                           aToken);
    QCOMPARE(fromZero.status, 200);
    QVERIFY(!fromZero.json[u"hasMore"_qs].toBool());
    QVERIFY2(!fromZero.raw.contains("Before the move"), fromZero.raw.constData());
    QVERIFY2(!fromZero.raw.contains("p500.move@example.com"), fromZero.raw.constData());
    for (const QJsonValue &change : fromZero.json[u"changes"_qs].toArray()) {
        if (change[u"id"_qs] == id)
            QCOMPARE(change[u"op"_qs].toString(), QStringLiteral("revoke"));
        QVERIFY(change[u"data"_qs][u"leadId"_qs].toString() != id);
    }

    const auto forC = m_server.request("GET",
                                       QStringLiteral("/api/sync/pull?cursor=%1").arg(cCursor),
                                       {},
                                       cToken);
    bool upserted = false;
    bool gotHistory = false;
    for (const QJsonValue &change : forC.json[u"changes"_qs].toArray()) {
        if (change[u"entity"_qs] == u"lead"_qs && change[u"id"_qs] == id) {
            QCOMPARE(change[u"op"_qs].toString(), QStringLiteral("upsert"));
            QCOMPARE(change[u"data"_qs][u"assignedAgentId"_qs].toString(), m_agentIds[2]);
            upserted = true;
        }
        if (change[u"entity"_qs] == u"activity"_qs
            && change[u"data"_qs][u"notes"_qs] == u"Before the move"_qs)
            gotHistory = true;
    }
    QVERIFY(upserted);
    QVERIFY(gotHistory); // the new agent gets the lead's past too
}

void tst_ServerSync::logEntriesFromAnOlderSchemaPullInTodaysShape()
{
    // A server upgraded from schema 3 keeps the change log it wrote then: its activities have
    // no occurredAt (schema 4 added it, set to createdAt in the table). A client pulling from
    // the start must get it all the same; the desktop's cache refused the whole page before
    // (occurredAt is NOT NULL there), so an upgraded server's agents saw no leads at all.
    const QString aToken = m_server.login(QStringLiteral("a@sync.example"));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(510, u"legacy"_qs),
                                          aToken);
    const QString leadId = created.json[u"lead"_qs][u"id"_qs].toString();
    const auto logged = m_server.request("POST",
                                         QStringLiteral("/api/leads/%1/activities").arg(leadId),
                                         QJsonObject{{u"activityType"_qs, u"call"_qs},
                                                     {u"notes"_qs, u"Logged before the upgrade"_qs}},
                                         aToken);
    QCOMPARE(logged.status, 201);
    const QString activityId = logged.json[u"id"_qs].toString();
    QVERIFY(!activityId.isEmpty());
    const auto rows = m_server.sql(
        QStringLiteral("SELECT seq, data FROM change_log WHERE entity = 'activity' AND entityId = '%1'")
            .arg(activityId));
    QCOMPARE(rows.size(), 1);
    QJsonObject old = QJsonDocument::fromJson(rows[0][1].toString().toUtf8()).object();
    const QString createdAt = old[u"createdAt"_qs].toString();
    QVERIFY(!createdAt.isEmpty());
    old.remove(u"occurredAt"_qs); // as schema 3 wrote it
    const QString text = QString::fromUtf8(QJsonDocument(old).toJson(QJsonDocument::Compact));
    m_server.sql(QStringLiteral("UPDATE change_log SET data = '%1' WHERE seq = %2")
                     .arg(QString(text).replace(u'\'', u"''"_qs))
                     .arg(rows[0][0].toLongLong()));

    const auto pulled = m_server.request("GET",
                                         QStringLiteral("/api/sync/pull?cursor=%1&limit=5")
                                             .arg(rows[0][0].toLongLong() - 1),
                                         {},
                                         aToken);
    QCOMPARE(pulled.status, 200);
    bool found = false;
    for (const QJsonValue &change : pulled.json[u"changes"_qs].toArray()) {
        if (change[u"id"_qs].toString() != activityId)
            continue;
        found = true;
        QCOMPARE(change[u"data"_qs][u"occurredAt"_qs].toString(), createdAt);
        QCOMPARE(change[u"data"_qs][u"notes"_qs].toString(), u"Logged before the upgrade"_qs);
    }
    QVERIFY(found);
}

void tst_ServerSync::concurrentEditIsAConflictWithBothValues()
{
    const QString token = m_server.login(QStringLiteral("b@sync.example"));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(600, u"edit"_qs),
                                          token);
    const QJsonObject lead = created.json[u"lead"_qs].toObject();
    // The admin renames the lead while the agent is offline...
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(),
                          QJsonObject{{u"firstName"_qs, u"Theirs"_qs}},
                          m_admin)
                 .status,
             200);
    // ...who renamed it too, and also fixed the state, from the old values.
    const QJsonObject
        push{{u"clientId"_qs, u"laptop-b"_qs},
             {u"mutations"_qs,
              QJsonArray{QJsonObject{{u"mutationId"_qs, newId()},
                                     {u"entity"_qs, u"lead"_qs},
                                     {u"id"_qs, lead[u"id"_qs]},
                                     {u"op"_qs, u"update"_qs},
                                     {u"baseVersion"_qs, lead[u"version"_qs]},
                                     {u"fields"_qs,
                                      QJsonObject{{u"firstName"_qs,
                                                   QJsonObject{{u"old"_qs, lead[u"firstName"_qs]},
                                                               {u"new"_qs, u"Mine"_qs}}},
                                                  {u"state"_qs,
                                                   QJsonObject{{u"old"_qs, u"CA"_qs},
                                                               {u"new"_qs, u"NY"_qs}}}}}}}}};
    const auto reply = m_server.request("POST", QStringLiteral("/api/sync/push"), push, token);
    QCOMPARE(reply.status, 200);
    const QJsonObject result = reply.json[u"results"_qs][0].toObject();
    QCOMPARE(result[u"status"_qs].toString(), QStringLiteral("conflict"));
    QCOMPARE(result[u"conflicts"_qs][u"firstName"_qs][u"mine"_qs].toString(),
             QStringLiteral("Mine"));
    QCOMPARE(result[u"conflicts"_qs][u"firstName"_qs][u"theirs"_qs].toString(),
             QStringLiteral("Theirs"));
    QVERIFY(!result[u"conflicts"_qs].toObject().contains(u"state"_qs));
    // The field without a conflict applied; the conflicting one kept the server's value.
    const QJsonObject now = m_server
                                .request("GET",
                                         QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(),
                                         {},
                                         token)
                                .json;
    QCOMPARE(now[u"state"_qs].toString(), QStringLiteral("NY"));
    QCOMPARE(now[u"firstName"_qs].toString(), QStringLiteral("Theirs"));
    QCOMPARE(result[u"current"_qs][u"firstName"_qs].toString(), QStringLiteral("Theirs"));
}

void tst_ServerSync::badPushesAreRejectedNotCrashes()
{
    const QString token = m_server.login(QStringLiteral("b@sync.example"));
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(700, u"bad"_qs),
                                          token);
    const QJsonObject lead = created.json[u"lead"_qs].toObject();
    auto push = [&](const QJsonObject &mutation) {
        return m_server.request("POST",
                                QStringLiteral("/api/sync/push"),
                                QJsonObject{{u"clientId"_qs, u"x"_qs},
                                            {u"mutations"_qs, QJsonArray{mutation}}},
                                token);
    };
    auto invalid = push(
        {{u"mutationId"_qs, newId()},
         {u"entity"_qs, u"lead"_qs},
         {u"id"_qs, lead[u"id"_qs]},
         {u"op"_qs, u"update"_qs},
         {u"fields"_qs,
          QJsonObject{
              {u"status"_qs, QJsonObject{{u"old"_qs, u"new"_qs}, {u"new"_qs, u"enrolled"_qs}}}}}});
    QCOMPARE(invalid.status, 200);
    QCOMPARE(invalid.json[u"results"_qs][0][u"status"_qs].toString(), QStringLiteral("rejected"));
    QCOMPARE(invalid.json[u"results"_qs][0][u"reason"_qs].toString(),
             QStringLiteral("invalid_transition"));
    // Finding 6: an enrollment id another enrollment already has is the client's mistake (a
    // rejection), not a constraint failure (500).
    const QString enrollmentId = newId();
    QString otherLead;
    for (const int i : {701, 702}) {
        const QString leadId = m_server
                                   .request("POST",
                                            QStringLiteral("/api/leads"),
                                            person(i, u"bad"_qs),
                                            token)
                                   .json[u"lead"_qs][u"id"_qs]
                                   .toString();
        otherLead = leadId;
        QCOMPARE(m_server
                     .request("PUT",
                              QStringLiteral("/api/leads/") + leadId,
                              QJsonObject{{u"status"_qs, u"qualified"_qs}},
                              token)
                     .status,
                 200);
        const auto enrolled = push({{u"mutationId"_qs, newId()},
                                    {u"entity"_qs, u"enrollment"_qs},
                                    {u"id"_qs, enrollmentId},
                                    {u"op"_qs, u"create"_qs},
                                    {u"data"_qs,
                                     QJsonObject{{u"leadId"_qs, leadId}, {u"plan"_qs, u"Gold"_qs}}}});
        QCOMPARE(enrolled.status, 200);
        QCOMPARE(enrolled.json[u"results"_qs][0][u"status"_qs].toString(),
                 i == 701 ? QStringLiteral("applied") : QStringLiteral("rejected"));
        if (i == 702)
            QCOMPARE(enrolled.json[u"results"_qs][0][u"reason"_qs].toString(),
                     QStringLiteral("validation_failed"));
    }
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/leads/") + otherLead, {}, token)
                 .json[u"status"_qs]
                 .toString(),
             QStringLiteral("qualified"));
    QVERIFY(!m_server.serverLog().contains(QStringLiteral("Internal error")));

    auto foreign = push({{u"mutationId"_qs, newId()},
                         {u"entity"_qs, u"lead"_qs},
                         {u"id"_qs, newId()},
                         {u"op"_qs, u"update"_qs},
                         {u"fields"_qs, QJsonObject{}}});
    QCOMPARE(foreign.json[u"results"_qs][0][u"reason"_qs].toString(), QStringLiteral("not_found"));
    auto takeover = push(
        {{u"mutationId"_qs, newId()},
         {u"entity"_qs, u"lead"_qs},
         {u"id"_qs, lead[u"id"_qs]},
         {u"op"_qs, u"update"_qs},
         {u"fields"_qs,
          QJsonObject{{u"assignedAgentId"_qs,
                       QJsonObject{{u"old"_qs, m_agentIds[1]}, {u"new"_qs, m_agentIds[0]}}}}}});
    QCOMPARE(takeover.json[u"results"_qs][0][u"reason"_qs].toString(), QStringLiteral("forbidden"));
    // The same enrollment rule as REST: no plan, no conversion (it used to store plan null).
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(),
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          token)
                 .status,
             200);
    auto noPlan = push({{u"mutationId"_qs, newId()},
                        {u"entity"_qs, u"enrollment"_qs},
                        {u"id"_qs, newId()},
                        {u"op"_qs, u"create"_qs},
                        {u"baseVersion"_qs, 0},
                        {u"data"_qs, QJsonObject{{u"leadId"_qs, lead[u"id"_qs]}}}});
    QCOMPARE(noPlan.status, 200);
    QCOMPARE(noPlan.json[u"results"_qs][0][u"status"_qs].toString(), QStringLiteral("rejected"));
    QVERIFY2(noPlan.json[u"results"_qs][0][u"reason"_qs].toString() == u"validation_failed"_qs,
             QJsonDocument(noPlan.json).toJson().constData());
    QCOMPARE(m_server
                 .request("GET", QStringLiteral("/api/leads/") + lead[u"id"_qs].toString(), {}, token)
                 .json[u"status"_qs]
                 .toString(),
             QStringLiteral("qualified"));
    // The same note rule as REST and the desktop (Activity::validate): an empty note is
    // refused, naming the field (the push used to store it).
    auto emptyNote = push({{u"mutationId"_qs, newId()},
                           {u"entity"_qs, u"activity"_qs},
                           {u"id"_qs, newId()},
                           {u"op"_qs, u"create"_qs},
                           {u"data"_qs,
                            QJsonObject{{u"leadId"_qs, lead[u"id"_qs]},
                                        {u"activityType"_qs, u"note"_qs},
                                        {u"notes"_qs, u"  "_qs}}}});
    QCOMPARE(emptyNote.json[u"results"_qs][0][u"status"_qs].toString(), QStringLiteral("rejected"));
    QCOMPARE(emptyNote.json[u"results"_qs][0][u"reason"_qs].toString(),
             QStringLiteral("validation_failed"));
    const auto restNote = m_server.request("POST",
                                           QStringLiteral("/api/leads/%1/activities")
                                               .arg(lead[u"id"_qs].toString()),
                                           QJsonObject{{u"activityType"_qs, u"note"_qs},
                                                       {u"notes"_qs, u"  "_qs}},
                                           token);
    QCOMPARE(restNote.status, 422);
    QCOMPARE(restNote.json[u"error"_qs][u"fields"_qs][u"notes"_qs].toString(),
             QStringLiteral("A note needs some text."));
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/sync/push"),
                          QJsonObject{{u"mutations"_qs,
                                       QJsonArray{QJsonObject{{u"mutationId"_qs, u"nope"_qs}}}}},
                          token)
                 .status,
             400);
    QCOMPARE(m_server.requestRaw("POST", QStringLiteral("/api/sync/push"), "{]", token).status, 400);
}

void tst_ServerSync::liveChannelHintsTheRightClients()
{
    const QString aToken = m_server.login(QStringLiteral("a@sync.example"));
    const QString bToken = m_server.login(QStringLiteral("b@sync.example"));
    auto open = [&](const QString &token) {
        auto socket = std::make_unique<QWebSocket>();
        QUrl url = m_server.baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/sync/live"));
        url.setQuery(QStringLiteral("access_token=") + token);
        socket->open(url);
        return socket;
    };
    auto a = open(aToken);
    auto b = open(bToken);
    QSignalSpy aMessages(a.get(), &QWebSocket::textMessageReceived);
    QSignalSpy bMessages(b.get(), &QWebSocket::textMessageReceived);
    QVERIFY(!aMessages.isEmpty() || aMessages.wait(5000)); // {"type":"ready"}
    QVERIFY(!bMessages.isEmpty() || bMessages.wait(5000));
    aMessages.clear();
    bMessages.clear();

    // A lead entered by agent A: A hears of it within moments, B does not.
    QElapsedTimer timer;
    timer.start();
    const auto created = m_server.request("POST",
                                          QStringLiteral("/api/leads"),
                                          person(800, u"live"_qs),
                                          aToken);
    QCOMPARE(created.status, 201);
    QVERIFY(!aMessages.isEmpty() || aMessages.wait(2000));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    const QJsonObject hint = QJsonDocument::fromJson(aMessages.first().first().toString().toUtf8())
                                 .object();
    QCOMPARE(hint[u"type"_qs].toString(), QStringLiteral("changes"));
    const auto pull = m_server.request("GET",
                                       QStringLiteral("/api/sync/pull?cursor=0&limit=5000"),
                                       {},
                                       aToken);
    QCOMPARE(hint[u"cursor"_qs].toInteger(), pull.json[u"cursor"_qs].toInteger());
    QTest::qWait(300);
    QVERIFY(bMessages.isEmpty());
    // Finding 13: the log names who connected by id, never by e-mail.
    QVERIFY2(m_server.serverLog().contains(QStringLiteral("Live channel open for user")),
             qPrintable(m_server.serverLog().right(2000)));
    QVERIFY(!m_server.serverLog().contains(QStringLiteral("a@sync.example")));
    QVERIFY(!m_server.serverLog().contains(QStringLiteral("b@sync.example")));

    // A bad token is turned away.
    auto intruder = open(QStringLiteral("not-a-token"));
    QSignalSpy closed(intruder.get(), &QWebSocket::disconnected);
    QVERIFY(!closed.isEmpty() || closed.wait(5000));
}

void tst_ServerSync::liveChannelEndsWithItsLogin()
{
    // Finding 5: after logout and after deactivation the socket kept receiving hints, and a
    // demoted admin kept the admin's scope.
    auto open = [&](const QString &token) {
        auto socket = std::make_unique<QWebSocket>();
        QUrl url = m_server.baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/sync/live"));
        url.setQuery(QStringLiteral("access_token=") + token);
        socket->open(url);
        return socket;
    };
    auto ready = [](QSignalSpy &messages) {
        return (!messages.isEmpty() || messages.wait(5000))
               && messages.first().first().toString().contains(QStringLiteral("ready"));
    };

    // Logout closes the socket of that login.
    const QString cToken = m_server.login(QStringLiteral("c@sync.example"));
    auto c = open(cToken);
    QSignalSpy cMessages(c.get(), &QWebSocket::textMessageReceived);
    QSignalSpy cClosed(c.get(), &QWebSocket::disconnected);
    QVERIFY(ready(cMessages));
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/auth/logout"), {}, cToken).status, 204);
    QVERIFY(!cClosed.isEmpty() || cClosed.wait(3000));

    // Deactivation closes the user's sockets.
    const QString bToken = m_server.login(QStringLiteral("b@sync.example"));
    auto b = open(bToken);
    QSignalSpy bMessages(b.get(), &QWebSocket::textMessageReceived);
    QSignalSpy bClosed(b.get(), &QWebSocket::disconnected);
    QVERIFY(ready(bMessages));
    const QString path = QStringLiteral("/api/admin/users/") + m_agentIds[1];
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"active"_qs, false}}, m_admin).status, 200);
    QVERIFY(!bClosed.isEmpty() || bClosed.wait(3000));
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"active"_qs, true}}, m_admin).status, 200);

    // A demoted admin's socket is re-scoped: no more hints about other people's leads.
    const auto boss = m_server.request("POST",
                                       QStringLiteral("/api/admin/users"),
                                       QJsonObject{{u"email"_qs, u"boss@sync.example"_qs},
                                                   {u"name"_qs, u"Boss"_qs},
                                                   {u"role"_qs, u"admin"_qs},
                                                   {u"password"_qs, u"secret-password"_qs},
                                                   {u"weight"_qs, 0}},
                                       m_admin);
    QCOMPARE(boss.status, 201);
    const QString bossId = boss.json[u"id"_qs].toString();
    auto bossSocket = open(m_server.login(QStringLiteral("boss@sync.example")));
    auto adminSocket = open(m_admin);
    QSignalSpy bossMessages(bossSocket.get(), &QWebSocket::textMessageReceived);
    QSignalSpy adminMessages(adminSocket.get(), &QWebSocket::textMessageReceived);
    QVERIFY(ready(bossMessages));
    QVERIFY(ready(adminMessages));
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/admin/users/") + bossId,
                          QJsonObject{{u"role"_qs, u"agent"_qs}},
                          m_admin)
                 .status,
             200);
    QTest::qWait(500);
    bossMessages.clear();
    adminMessages.clear();
    const QString aToken = m_server.login(QStringLiteral("a@sync.example"));
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/leads"), person(900, u"scope"_qs), aToken)
                 .status,
             201);
    QVERIFY(!adminMessages.isEmpty() || adminMessages.wait(3000));
    QTest::qWait(300);
    QVERIFY2(bossMessages.isEmpty(),
             qPrintable(bossMessages.isEmpty() ? QString()
                                               : bossMessages.first().first().toString()));
}

void tst_ServerSync::auditLogDetectsTampering()
{
    // Reads are audited in batches; give the writer a moment.
    QTest::qWait(600);
    QByteArray output;
    QCOMPARE(m_server.runCommand({QStringLiteral("audit"), QStringLiteral("verify")}, &output), 0);
    QVERIFY2(output.contains("intact"), output.constData());
    const auto reads = m_server.sql(
        QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'lead.read'"));
    QVERIFY(reads[0][0].toInt() > 0);
    const auto logins = m_server.sql(
        QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.login'"));
    QVERIFY(logins[0][0].toInt() > 0);

    m_server.stop();
    // Someone edits an entry...
    m_server.sql(QStringLiteral("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 5"));
    QCOMPARE(m_server.runCommand({QStringLiteral("audit"), QStringLiteral("verify")}, &output), 1);
    QVERIFY2(output.contains("5"), output.constData());
}

void tst_ServerSync::auditChainIsKeyedAndKeepsEveryRead()
{
    // Finding 8: the chain was plain SHA-256 (anyone who could write the database could
    // rewrite it and recompute), a cut tail went unnoticed, reads waited 250 ms in memory (a
    // crash lost them) and refused reads were not audited.
    ServerProcess server;
    QString whyNot;
    QVERIFY2(server.prepare(&whyNot), qPrintable(whyNot));
    QVERIFY(!server.addUser(u"k@audit.example"_qs, u"K"_qs, u"agent"_qs).isEmpty());
    QVERIFY(server.start());
    const QString token = server.login(u"k@audit.example"_qs);
    const QString id = server
                           .request("POST", QStringLiteral("/api/leads"), person(950, u"aud"_qs),
                                    token)
                           .json[u"lead"_qs][u"id"_qs]
                           .toString();
    QVERIFY(!id.isEmpty());
    auto reads = [&](const QString &action, const QString &entityId) {
        return server
            .sql(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = '%1'"
                                " AND entityId = '%2'")
                     .arg(action, entityId))
            .value(0)
            .value(0)
            .toInt();
    };
    // A read is in the log by the time its answer arrives, and a crash right after keeps it.
    QCOMPARE(server.request("GET", QStringLiteral("/api/leads/") + id, {}, token).status, 200);
    QCOMPARE(reads(u"lead.read"_qs, id), 1);
    QCOMPARE(server.request("GET", QStringLiteral("/api/leads/") + id, {}, token).status, 200);
    server.kill();
    QCOMPARE(reads(u"lead.read"_qs, id), 2);
    QVERIFY(server.start());
    // A refused read (404) is audited too.
    const QString probe = newId();
    QCOMPARE(server.request("GET", QStringLiteral("/api/leads/") + probe, {}, token).status, 404);
    QCOMPARE(reads(u"lead.read_refused"_qs, probe), 1);
    server.stop();

    // verify prints the head; with it, a cut tail is found even though what is left is whole.
    QByteArray output;
    QCOMPARE(server.runCommand({u"audit"_qs, u"verify"_qs}, &output), 0);
    const QRegularExpressionMatch head
        = QRegularExpression(u"head ([0-9]+):([0-9a-f]{64})"_qs).match(QString::fromUtf8(output));
    QVERIFY2(head.hasMatch(), output.constData());
    const qint64 headSeq = head.captured(1).toLongLong();
    QVERIFY(headSeq > 5);
    server.sql(QStringLiteral("DELETE FROM audit_log WHERE seq > %1").arg(headSeq - 2));
    server.sql(QStringLiteral("UPDATE counters SET value = %1 WHERE name = 'audit'").arg(headSeq - 2));
    QCOMPARE(server.runCommand({u"audit"_qs, u"verify"_qs}, &output), 0);
    QCOMPARE(server.runCommand({u"audit"_qs, u"verify"_qs, u"--expect-head"_qs, head.captured(0).mid(5)},
                               &output),
             1);
    QVERIFY2(output.contains("cut"), output.constData());

    // Someone who can write the database rewrites an entry and recomputes the chain after it
    // the way an unkeyed chain allows: verify finds it.
    const QList<QVariantList> rows = server.sql(
        u"SELECT seq, at, userId, action, entity, entityId, remoteAddress, detail FROM audit_log"
        " ORDER BY seq"_qs);
    QString previous(64, QLatin1Char('0'));
    for (const QVariantList &row : rows) {
        QStringList fields;
        for (const QVariant &value : row)
            fields << value.toString();
        if (fields.at(0) == u"3"_qs)
            fields[7] = u"nothing to see"_qs;
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash((QStringList{previous} + fields).join(QChar(0x1f)).toUtf8(),
                                     QCryptographicHash::Sha256)
                .toHex());
        server.sql(QStringLiteral("UPDATE audit_log SET detail = '%1', prevHash = '%2', hash = '%3'"
                                  " WHERE seq = %4")
                       .arg(QString(fields.at(7)).replace(u"'"_qs, u"''"_qs), previous, hash, fields.at(0)));
        previous = hash;
    }
    QCOMPARE(server.runCommand({u"audit"_qs, u"verify"_qs}, &output), 1);
    // The key is kept apart from the database, and only for the server's user.
    QVERIFY(QFile::exists(server.auditKeyPath()));
    QCOMPARE(QFile::permissions(server.auditKeyPath()) & 0x0077, QFileDevice::Permissions());
}

void tst_ServerSync::sigtermShutsDownCleanly()
{
    QVERIFY(m_server.start());
    const QString token = m_server.login(QStringLiteral("a@sync.example"));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/agent/leads"), {}, token).status, 200);
    m_server.stop();
    QVERIFY(!m_server.isRunning());
    QVERIFY2(m_server.serverLog().contains(QStringLiteral("finishing in-flight requests")),
             qPrintable(m_server.serverLog().right(500)));
    QVERIFY(m_server.start());
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/health")).status, 200);
}

QTEST_GUILESS_MAIN(tst_ServerSync)
#include "tst_serversync.moc"
