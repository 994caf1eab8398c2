// The lead work endpoints of ../shared/API.md (follow-ups, conversion to an enrollment, lead
// statistics) and the contact form's rate limit, against a real crm-server process (SQLCipher
// or PostgreSQL, see CRM_TEST_BACKEND).
#include "domain/phonenormalizer.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>

using CrmTest::ServerProcess;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString uniqueEmail(const QString &prefix)
{
    return prefix + QLatin1Char('.') + QUuid::createUuid().toString(QUuid::Id128).left(10)
           + QStringLiteral("@example.com");
}

QString uniquePhone()
{
    static int counter = 0;
    return QStringLiteral("+1415555%1").arg(1000 + (++counter) % 9000);
}

QJsonObject leadForm(const QString &first, const QString &source = QStringLiteral("website"))
{
    return {{QStringLiteral("firstName"), first},
            {QStringLiteral("lastName"), QStringLiteral("Worker")},
            {QStringLiteral("email"), uniqueEmail(first.toLower())},
            {QStringLiteral("phone"), uniquePhone()},
            {QStringLiteral("source"), source},
            {QStringLiteral("state"), QStringLiteral("CA")}};
}

QString wire(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 fromWire(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString errorCode(const ServerProcess::Reply &reply)
{
    return reply.json[u"error"_qs][u"code"_qs].toString();
}

bool namesField(const ServerProcess::Reply &reply, const QString &field)
{
    return reply.json[u"error"_qs][u"fields"_qs].toObject().contains(field);
}

// The first difference between two JSON values, as "path: actual != expected"; empty when
// they are equal. Numbers are compared with a small tolerance (rates are divisions).
QString jsonDiff(const QJsonValue &actual, const QJsonValue &expected, const QString &path)
{
    const auto show = [](const QJsonValue &value) {
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return QString::fromUtf8(
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
    };
    const QString mismatch = QStringLiteral("%1: %2 != expected %3")
                                 .arg(path, show(actual), show(expected));
    if (actual.type() != expected.type())
        return mismatch;
    if (expected.isDouble())
        return std::abs(actual.toDouble() - expected.toDouble()) <= 1e-9 ? QString() : mismatch;
    if (expected.isObject()) {
        const QJsonObject a = actual.toObject();
        const QJsonObject e = expected.toObject();
        if (a.keys() != e.keys())
            return mismatch;
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString diff = jsonDiff(a.value(it.key()),
                                          it.value(),
                                          path + QLatin1Char('.') + it.key());
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray a = actual.toArray();
        const QJsonArray e = expected.toArray();
        if (a.size() != e.size())
            return mismatch;
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString diff = jsonDiff(a.at(i),
                                          e.at(i),
                                          QStringLiteral("%1[%2]").arg(path).arg(i));
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    return actual == expected ? QString() : mismatch;
}

// One lead as the statistics see it, read back through the API.
struct StatsLead
{
    QString agentId;
    QString status;
    QString source;
    qint64 createdAt = 0;
    std::optional<qint64> firstContactAt;
};

StatsLead statsLead(const QJsonObject &lead)
{
    StatsLead row;
    row.agentId = lead[u"assignedAgentId"_qs].toString();
    row.status = lead[u"status"_qs].toString();
    row.source = lead[u"source"_qs].toString();
    row.createdAt = fromWire(lead[u"createdAt"_qs].toString());
    if (!lead[u"firstContactAt"_qs].isNull())
        row.firstContactAt = fromWire(lead[u"firstContactAt"_qs].toString());
    return row;
}

double roundedMinutes(double minutes)
{
    return std::round(minutes * 10.0) / 10.0;
}

double rate(int part, int whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

// The statistics API.md defines, worked out independently of the server from the leads'
// fields: median (mean of the middle two for an even count), nearest-rank p90, minutes with
// one decimal, sources by total descending then name.
// The lead figures of an answer, without its appointments block (leadStatsCountAppointments
// checks that one): these tests count leads.
QJsonValue leadFigures(QJsonValue answer)
{
    if (!answer.isObject())
        return answer;
    QJsonObject object = answer.toObject();
    object.remove(QStringLiteral("appointments"));
    return object;
}

QJsonObject expectedSummary(const QList<StatsLead> &leads)
{
    QMap<QString, int> byStatus{{u"new"_qs, 0},
                                {u"contacted"_qs, 0},
                                {u"qualified"_qs, 0},
                                {u"enrolled"_qs, 0},
                                {u"closed"_qs, 0}};
    QMap<QString, QPair<int, int>> bySource; // source -> (total, enrolled)
    QList<double> minutes;
    int withinHour = 0;
    for (const StatsLead &lead : leads) {
        byStatus[lead.status] += 1;
        bySource[lead.source].first += 1;
        if (lead.status == u"enrolled"_qs)
            bySource[lead.source].second += 1;
        if (lead.firstContactAt) {
            const qint64 elapsed = std::max<qint64>(0, *lead.firstContactAt - lead.createdAt);
            minutes << double(elapsed) / 60000.0;
            withinHour += elapsed <= 60 * 60 * 1000 ? 1 : 0;
        }
    }
    std::sort(minutes.begin(), minutes.end());
    QJsonValue median;
    QJsonValue p90;
    if (!minutes.isEmpty()) {
        const qsizetype n = minutes.size();
        median = roundedMinutes(n % 2 ? minutes[n / 2] : (minutes[n / 2 - 1] + minutes[n / 2]) / 2);
        const qsizetype rank = qsizetype(std::ceil(0.9 * double(n) - 1e-9));
        p90 = roundedMinutes(minutes[std::max<qsizetype>(rank, 1) - 1]);
    }
    QList<QString> sources = bySource.keys();
    std::stable_sort(sources.begin(), sources.end(), [&](const QString &a, const QString &b) {
        return bySource[a].first > bySource[b].first;
    });
    QJsonArray sourceItems;
    for (const QString &source : std::as_const(sources)) {
        const auto [total, enrolled] = bySource[source];
        sourceItems.append(QJsonObject{{u"source"_qs, source},
                                       {u"total"_qs, total},
                                       {u"enrolled"_qs, enrolled},
                                       {u"conversionRate"_qs, rate(enrolled, total)}});
    }
    QJsonObject statuses;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        statuses.insert(it.key(), it.value());
    return {{u"total"_qs, leads.size()},
            {u"byStatus"_qs, statuses},
            {u"conversionRate"_qs, rate(byStatus[u"enrolled"_qs], int(leads.size()))},
            {u"responseTime"_qs,
             QJsonObject{{u"medianMinutes"_qs, median},
                         {u"p90Minutes"_qs, p90},
                         {u"within1HourRate"_qs, rate(withinHour, int(minutes.size()))}}},
            {u"bySource"_qs, sourceItems}};
}

QJsonObject sourceEntry(const QString &name, int total, int enrolled)
{
    return {{u"source"_qs, name},
            {u"total"_qs, total},
            {u"enrolled"_qs, enrolled},
            {u"conversionRate"_qs, rate(enrolled, total)}};
}

QJsonObject statusCounts(int newCount, int contacted, int qualified, int enrolled, int closed)
{
    return {{u"new"_qs, newCount},
            {u"contacted"_qs, contacted},
            {u"qualified"_qs, qualified},
            {u"enrolled"_qs, enrolled},
            {u"closed"_qs, closed}};
}

QJsonObject responseTime(const QJsonValue &median, const QJsonValue &p90, double withinHour)
{
    return {{u"medianMinutes"_qs, median},
            {u"p90Minutes"_qs, p90},
            {u"within1HourRate"_qs, withinHour}};
}

} // namespace

class tst_LeadWork : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void followUpCreateShapeAndRetry();
    void activityCursorOfAnotherLeadIsAnEmptyPage();
    void leadStatsCountAppointments();
    void followUpCreateRejectsBadInput_data();
    void followUpCreateRejectsBadInput();
    void followUpOutsideYourLeadsIs404();
    void followUpUpdateCompletesAndReopens();
    void editsAndDoneFollowUpsLeaveHistoryLines();
    void followUpUpdateRejectsBadInput_data();
    void followUpUpdateRejectsBadInput();
    void followUpStaleBaseVersionIs409WithCurrent();
    void followUpUpdateAcrossAgentsIs404();
    void openFollowUpsAreTheCallersSoonestFirst();
    void openFollowUpsRejectBadDueBefore_data();
    void openFollowUpsRejectBadDueBefore();

    void convertCreatesAnEnrollment();
    void convertWithoutAPlanIsRefused();
    void convertFromNewIsRefusedAndWritesNothing();
    void convertRejectsBadDetails_data();
    void convertRejectsBadDetails();
    void convertTwiceIsRefused();
    void convertOutsideYourLeadsIs404();

    void leadStatsMatchAHandCount();
    void leadStatsRangeFilters();
    void leadStatsRejectBadTimes_data();
    void leadStatsRejectBadTimes();
    void adminLeadStatsAreForAdmins();

    void contactFormRateLimit();

private:
    QString createLead(const QString &token, const QJsonObject &form);
    QString createLead(const QString &token) { return createLead(token, leadForm(u"Lee"_qs)); }
    QJsonObject lead(const QString &id);
    ServerProcess::Reply createFollowUp(const QString &token,
                                        const QString &leadId,
                                        const QJsonObject &body);
    int enrollmentsOf(const QString &leadId);
    int historySize(const QString &leadId);
    QList<QJsonObject> allLeads();

    ServerProcess m_server;
    QString m_admin;
    QString m_ana;
    QString m_ben;
    QString m_cleo; // owns the follow-up list test's data alone
    QString m_sam;  // Sam and Tia own the statistics test's leads
    QString m_tia;
    QString m_anaId;
    QString m_benId;
    QString m_cleoId;
    QString m_samId;
    QString m_tiaId;
};

void tst_LeadWork::initTestCase()
{
    CRM_REQUIRE_READY(m_server.readiness());
    QVERIFY(!m_server
                 .addUser(QStringLiteral("admin@work.example"),
                          QStringLiteral("Ada Admin"),
                          QStringLiteral("admin"))
                 .isEmpty());
    const auto agent = [this](const char *name) {
        return m_server
            .addUser(QStringLiteral("%1@work.example").arg(QString::fromLatin1(name).toLower()),
                     QStringLiteral("%1 Agent").arg(QLatin1String(name)),
                     QStringLiteral("agent"));
    };
    m_anaId = agent("Ana");
    m_benId = agent("Ben");
    m_cleoId = agent("Cleo");
    m_samId = agent("Sam");
    m_tiaId = agent("Tia");
    for (const QString &id : {m_anaId, m_benId, m_cleoId, m_samId, m_tiaId})
        QVERIFY(!id.isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = m_server.login(QStringLiteral("admin@work.example"));
    m_ana = m_server.login(QStringLiteral("ana@work.example"));
    m_ben = m_server.login(QStringLiteral("ben@work.example"));
    m_cleo = m_server.login(QStringLiteral("cleo@work.example"));
    m_sam = m_server.login(QStringLiteral("sam@work.example"));
    m_tia = m_server.login(QStringLiteral("tia@work.example"));
    for (const QString &token : {m_admin, m_ana, m_ben, m_cleo, m_sam, m_tia})
        QVERIFY(!token.isEmpty());
}

void tst_LeadWork::cleanupTestCase()
{
    m_server.stop();
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")),
             qPrintable(m_server.serverLog()));
}

void tst_LeadWork::activityCursorOfAnotherLeadIsAnEmptyPage()
{
    // A cursor is opaque, but a client can still send one that names no entry of this lead
    // (another lead's, a stale one): an empty last page, never a crash.
    const QString first = createLead(m_ana);
    const QString second = createLead(m_ana);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_server.request("POST", QStringLiteral("/api/leads/%1/activities").arg(first),
                                  QJsonObject{{u"activityType"_qs, u"note"_qs}, {u"notes"_qs, u"n%1"_qs.arg(i)}}, m_ana).status,
                 201);
    const auto page = m_server.request("GET", QStringLiteral("/api/leads/%1/activities?limit=2").arg(first), {}, m_ana);
    const QString cursor = page.json[u"nextCursor"_qs].toString();
    QVERIFY(!cursor.isEmpty());
    const auto foreign = m_server.request("GET", QStringLiteral("/api/leads/%1/activities?limit=2&cursor=%2").arg(second, cursor),
                                          {}, m_ana);
    QCOMPARE(foreign.status, 200);
    QVERIFY(foreign.json[u"items"_qs].toArray().isEmpty());
    QVERIFY(foreign.json[u"nextCursor"_qs].isNull());
    QVERIFY(m_server.isRunning());
}

QString tst_LeadWork::createLead(const QString &token, const QJsonObject &form)
{
    const auto reply = m_server.request("POST", QStringLiteral("/api/leads"), form, token);
    if (reply.status != 201) {
        qWarning().noquote() << "creating a lead failed:" << reply.status << reply.raw;
        return {};
    }
    return reply.json[u"lead"_qs][u"id"_qs].toString();
}

QJsonObject tst_LeadWork::lead(const QString &id)
{
    return m_server.request("GET", QStringLiteral("/api/leads/") + id, {}, m_admin).json;
}

ServerProcess::Reply tst_LeadWork::createFollowUp(const QString &token,
                                                  const QString &leadId,
                                                  const QJsonObject &body)
{
    return m_server.request("POST",
                            QStringLiteral("/api/leads/%1/follow-ups").arg(leadId),
                            body,
                            token);
}

int tst_LeadWork::enrollmentsOf(const QString &leadId)
{
    const auto rows = m_server.sql(
        QStringLiteral("SELECT count(*) FROM enrollments WHERE leadId = '%1'").arg(leadId));
    return rows.isEmpty() ? -1 : rows[0][0].toInt();
}

int tst_LeadWork::historySize(const QString &leadId)
{
    return m_server
        .request("GET",
                 QStringLiteral("/api/leads/%1/activities?limit=500").arg(leadId),
                 {},
                 m_admin)
        .json[u"total"_qs]
        .toInt();
}

QList<QJsonObject> tst_LeadWork::allLeads()
{
    QList<QJsonObject> leads;
    QString cursor;
    for (int page = 0; page < 100; ++page) {
        QString path = QStringLiteral("/api/agent/leads?limit=500");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const auto reply = m_server.request("GET", path, {}, m_admin);
        for (const QJsonValue &item : reply.json[u"items"_qs].toArray())
            leads << item.toObject();
        cursor = reply.json[u"nextCursor"_qs].toString();
        if (cursor.isEmpty())
            break;
    }
    return leads;
}

void tst_LeadWork::leadStatsCountAppointments()
{
    // Ana's appointments in a week far from every other test's: three done, one no-show, one
    // cancelled, one still ahead; and one the week after, which does not count.
    const QDateTime monday(QDate(2031, 3, 3), QTime(15, 0), Qt::UTC);
    const QStringList statuses{u"completed"_qs, u"completed"_qs, u"completed"_qs,
                               u"no_show"_qs,   u"cancelled"_qs, u"scheduled"_qs};
    auto book = [&](qint64 at, const QString &status) {
        m_server.sql(QStringLiteral("INSERT INTO appointments (id, providerId, appointmentType,"
                                    " scheduledDate, duration, status, createdAt, updatedAt)"
                                    " VALUES ('%1', '%2', 'consultation', %3, 30, '%4', %3, %3)")
                         .arg(QUuid::createUuid().toString(QUuid::WithoutBraces), m_anaId)
                         .arg(at)
                         .arg(status));
    };
    for (int i = 0; i < statuses.size(); ++i)
        book(monday.addSecs(i * 3600).toMSecsSinceEpoch(), statuses.at(i));
    book(monday.addDays(8).toMSecsSinceEpoch(), u"no_show"_qs);

    const QString period = QStringLiteral("?from=%1&to=%2")
                               .arg(monday.toString(Qt::ISODate), monday.addDays(7).toString(Qt::ISODate));
    const QJsonObject expected{{u"booked"_qs, 6},
                               {u"completed"_qs, 3},
                               {u"noShow"_qs, 1},
                               {u"cancelled"_qs, 1},
                               {u"noShowRate"_qs, 0.25}};
    const auto mine = m_server.request("GET", u"/api/agent/lead-stats"_qs + period, {}, m_ana);
    QCOMPARE(mine.status, 200);
    QCOMPARE(mine.json[u"appointments"_qs].toObject(), expected);
    const auto all = m_server.request("GET", u"/api/admin/lead-stats"_qs + period, {}, m_admin);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json[u"appointments"_qs].toObject(), expected);
    QCOMPARE(all.json[u"overall"_qs][u"appointments"_qs].toObject(), expected);
}

void tst_LeadWork::followUpCreateShapeAndRetry()
{
    const QString leadId = createLead(m_ana);
    QVERIFY(!leadId.isEmpty());
    const QString id = newId();
    const QJsonObject body{{u"id"_qs, id},
                           {u"dueAt"_qs, u"2030-03-04T10:00:00-05:00"_qs},
                           {u"note"_qs, u"Call back about the dental plan"_qs}};
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const auto created = createFollowUp(m_ana, leadId, body);
    QCOMPARE(created.status, 201);
    const QJsonObject followUp = created.json;
    for (const char *field : {"id",
                              "leadId",
                              "agentId",
                              "dueAt",
                              "note",
                              "done",
                              "completedAt",
                              "createdAt",
                              "updatedAt",
                              "version"})
        QVERIFY2(followUp.contains(QLatin1String(field)), field);
    QCOMPARE(followUp[u"id"_qs].toString(), id);
    QCOMPARE(followUp[u"leadId"_qs].toString(), leadId);
    QCOMPARE(followUp[u"agentId"_qs].toString(), m_anaId);
    // Stored in UTC and given back in the wire format.
    QCOMPARE(followUp[u"dueAt"_qs].toString(), QStringLiteral("2030-03-04T15:00:00Z"));
    QCOMPARE(followUp[u"note"_qs].toString(), QStringLiteral("Call back about the dental plan"));
    QCOMPARE(followUp[u"done"_qs].toBool(true), false);
    QVERIFY(followUp[u"completedAt"_qs].isNull());
    QCOMPARE(followUp[u"version"_qs].toInt(), 1);
    const qint64 createdAt = fromWire(followUp[u"createdAt"_qs].toString());
    QVERIFY(createdAt >= before - 1000 && createdAt <= QDateTime::currentMSecsSinceEpoch() + 1000);
    QCOMPARE(followUp[u"updatedAt"_qs], followUp[u"createdAt"_qs]);

    // A retried create (the client did not see the answer) gets the same answer, once stored.
    const auto retried = createFollowUp(m_ana, leadId, body);
    QCOMPARE(retried.status, 201);
    QCOMPARE(retried.json, followUp);
    const auto rows = m_server.sql(
        QStringLiteral("SELECT count(*) FROM follow_ups WHERE id = '%1'").arg(id));
    QCOMPARE(rows.value(0).value(0).toInt(), 1);
    // The same id on another lead is someone else's follow-up.
    const auto reused = createFollowUp(m_ana, createLead(m_ana), body);
    QCOMPARE(reused.status, 422);
    QVERIFY(namesField(reused, u"id"_qs));

    // A new follow-up says what to do: no note, or a blank one, is 422 naming "note".
    for (const QJsonValue &note : {QJsonValue(), QJsonValue(u"  "_qs)}) {
        QJsonObject noNote{{u"dueAt"_qs, u"2030-03-05T09:30:00Z"_qs}};
        if (!note.isUndefined())
            noNote.insert(u"note"_qs, note);
        const auto refused = createFollowUp(m_ana, leadId, noNote);
        QCOMPARE(refused.status, 422);
        QVERIFY(namesField(refused, u"note"_qs));
    }
    // Without an id the server mints one; milliseconds survive.
    const auto minted = createFollowUp(m_ana,
                                       leadId,
                                       QJsonObject{{u"dueAt"_qs, u"2030-03-05T09:30:00.250Z"_qs},
                                                   {u"note"_qs, u"Call back"_qs}});
    QCOMPARE(minted.status, 201);
    QCOMPARE(QUuid::fromString(minted.json[u"id"_qs].toString()).isNull(), false);
    QVERIFY(minted.json[u"id"_qs].toString() != id);
    QCOMPARE(minted.json[u"dueAt"_qs].toString(), QStringLiteral("2030-03-05T09:30:00.250Z"));

    // An admin's follow-up on an agent's lead belongs to the lead's agent.
    const auto byAdmin = createFollowUp(m_admin,
                                        leadId,
                                        QJsonObject{{u"dueAt"_qs, u"2030-03-06T09:00:00Z"_qs},
                                                    {u"note"_qs, u"Admin reminder"_qs}});
    QCOMPARE(byAdmin.status, 201);
    QCOMPARE(byAdmin.json[u"agentId"_qs].toString(), m_anaId);
}

void tst_LeadWork::followUpCreateRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    const QByteArray longNote = QJsonDocument(
                                    QJsonObject{{u"dueAt"_qs, u"2030-01-01T00:00:00Z"_qs},
                                                {u"note"_qs, QString(5001, QLatin1Char('n'))}})
                                    .toJson(QJsonDocument::Compact);
    QTest::newRow("no dueAt") << QByteArray(R"({"note":"x"})") << 422 << u"validation_failed"_qs
                              << u"dueAt"_qs;
    QTest::newRow("dueAt not a time")
        << QByteArray(R"({"dueAt":"next tuesday"})") << 400 << u"bad_request"_qs << u"dueAt"_qs;
    QTest::newRow("dueAt date only")
        << QByteArray(R"({"dueAt":"2030-01-01"})") << 400 << u"bad_request"_qs << u"dueAt"_qs;
    QTest::newRow("dueAt no zone") << QByteArray(R"({"dueAt":"2030-01-01T10:00:00"})") << 400
                                   << u"bad_request"_qs << u"dueAt"_qs;
    QTest::newRow("dueAt impossible") << QByteArray(R"({"dueAt":"2030-02-30T10:00:00Z"})") << 400
                                      << u"bad_request"_qs << u"dueAt"_qs;
    QTest::newRow("dueAt number") << QByteArray(R"({"dueAt":1893456000000})") << 400
                                  << u"bad_request"_qs << u"dueAt"_qs;
    QTest::newRow("dueAt null") << QByteArray(R"({"dueAt":null})") << 400 << u"bad_request"_qs
                                << u"dueAt"_qs;
    QTest::newRow("note too long") << longNote << 422 << u"validation_failed"_qs << u"note"_qs;
    QTest::newRow("note number") << QByteArray(R"({"dueAt":"2030-01-01T00:00:00Z","note":5})")
                                 << 400 << u"bad_request"_qs << u"note"_qs;
    QTest::newRow("id not a uuid")
        << QByteArray(R"({"id":"Not-A-UUID","dueAt":"2030-01-01T00:00:00Z"})") << 422
        << u"validation_failed"_qs << u"id"_qs;
    QTest::newRow("unknown field")
        << QByteArray(R"({"dueAt":"2030-01-01T00:00:00Z","priority":"high"})") << 400
        << u"bad_request"_qs << u"priority"_qs;
    QTest::newRow("not json") << QByteArray("dueAt=tomorrow") << 400 << u"bad_request"_qs
                              << QString();
    QTest::newRow("array") << QByteArray(R"([{"dueAt":"2030-01-01T00:00:00Z"}])") << 400
                           << u"bad_request"_qs << QString();
}

void tst_LeadWork::followUpCreateRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const QString leadId = createLead(m_ana);
    const auto reply = m_server.requestRaw("POST",
                                           QStringLiteral("/api/leads/%1/follow-ups").arg(leadId),
                                           body,
                                           m_ana);
    QVERIFY2(reply.status == status, reply.raw.constData());
    QCOMPARE(errorCode(reply), code);
    if (!field.isEmpty())
        QVERIFY2(namesField(reply, field), reply.raw.constData());
    const auto rows = m_server.sql(
        QStringLiteral("SELECT count(*) FROM follow_ups WHERE leadId = '%1'").arg(leadId));
    QCOMPARE(rows.value(0).value(0).toInt(), 0);
}

void tst_LeadWork::followUpOutsideYourLeadsIs404()
{
    const QString bensLead = createLead(m_ben);
    const QJsonObject body{{u"id"_qs, newId()}, {u"dueAt"_qs, u"2030-01-01T09:00:00Z"_qs}};
    const auto reply = createFollowUp(m_ana, bensLead, body);
    QCOMPARE(reply.status, 404);
    QCOMPARE(errorCode(reply), QStringLiteral("not_found"));
    QCOMPARE(createFollowUp(m_ana, newId(), body).status, 404);
    QCOMPARE(createFollowUp(QString(), bensLead, body).status, 401);
    const auto rows = m_server.sql(
        QStringLiteral("SELECT count(*) FROM follow_ups WHERE leadId = '%1'").arg(bensLead));
    QCOMPARE(rows.value(0).value(0).toInt(), 0);
}

void tst_LeadWork::followUpUpdateCompletesAndReopens()
{
    const QString leadId = createLead(m_ana);
    const auto created = createFollowUp(m_ana,
                                        leadId,
                                        QJsonObject{{u"dueAt"_qs, u"2030-05-01T12:00:00Z"_qs},
                                                    {u"note"_qs, u"Send the brochure"_qs}});
    QCOMPARE(created.status, 201);
    const QString path = QStringLiteral("/api/follow-ups/") + created.json[u"id"_qs].toString();

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    auto done = m_server.request("PUT", path, QJsonObject{{u"done"_qs, true}}, m_ana);
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json[u"done"_qs].toBool(), true);
    QVERIFY2(done.json[u"completedAt"_qs].isString(), done.raw.constData());
    const qint64 completedAt = fromWire(done.json[u"completedAt"_qs].toString());
    QVERIFY(completedAt >= before - 1000
            && completedAt <= QDateTime::currentMSecsSinceEpoch() + 1000);
    QCOMPARE(done.json[u"version"_qs].toInt(), 2);
    QCOMPARE(done.json[u"note"_qs].toString(), QStringLiteral("Send the brochure"));
    QCOMPARE(done.json[u"dueAt"_qs].toString(), QStringLiteral("2030-05-01T12:00:00Z"));
    QCOMPARE(done.json[u"createdAt"_qs], created.json[u"createdAt"_qs]);

    // The same values again change nothing, not even the version.
    auto again = m_server.request("PUT", path, QJsonObject{{u"done"_qs, true}}, m_ana);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, done.json);
    // Editing a done follow-up keeps its completion time.
    auto edited = m_server.request("PUT",
                                   path,
                                   QJsonObject{{u"note"_qs, u"Brochure sent"_qs}},
                                   m_ana);
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json[u"completedAt"_qs], done.json[u"completedAt"_qs]);
    QCOMPARE(edited.json[u"version"_qs].toInt(), 3);

    // Reopening clears it; a null note clears the note; dueAt moves.
    auto reopened = m_server.request("PUT",
                                     path,
                                     QJsonObject{{u"done"_qs, false},
                                                 {u"note"_qs, QJsonValue::Null},
                                                 {u"dueAt"_qs, u"2030-05-02T08:15:00Z"_qs}},
                                     m_ana);
    QCOMPARE(reopened.status, 200);
    QCOMPARE(reopened.json[u"done"_qs].toBool(true), false);
    QVERIFY(reopened.json[u"completedAt"_qs].isNull());
    QCOMPARE(reopened.json[u"note"_qs].toString(u"missing"_qs), QString());
    QCOMPARE(reopened.json[u"dueAt"_qs].toString(), QStringLiteral("2030-05-02T08:15:00Z"));
    QCOMPARE(reopened.json[u"version"_qs].toInt(), 4);
    const auto rows = m_server.sql(
        QStringLiteral("SELECT done, completedAt, version FROM follow_ups WHERE id = '%1'")
            .arg(created.json[u"id"_qs].toString()));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][0].toInt(), 0);
    QVERIFY(rows[0][1].isNull());
    QCOMPARE(rows[0][2].toInt(), 4);

    // An admin may complete an agent's follow-up.
    auto byAdmin = m_server.request("PUT", path, QJsonObject{{u"done"_qs, true}}, m_admin);
    QCOMPARE(byAdmin.status, 200);
    QCOMPARE(byAdmin.json[u"done"_qs].toBool(), true);
    QVERIFY(byAdmin.json[u"completedAt"_qs].isString());
}

void tst_LeadWork::editsAndDoneFollowUpsLeaveHistoryLines()
{
    // Like a status change, a field edit (REST or pushed) and a completed follow-up leave a line
    // in the lead's history naming who did it, the field, and the values before and after.
    const QJsonObject form = leadForm(u"Hal"_qs, u"website"_qs);
    const QString leadId = createLead(m_ana, form);
    QVERIFY(!leadId.isEmpty());
    const auto history = [&]() {
        QList<QJsonObject> lines;
        for (const QJsonValue &item : m_server
                                          .request("GET",
                                                   QStringLiteral("/api/leads/%1/activities")
                                                       .arg(leadId),
                                                   {},
                                                   m_admin)
                                          .json[u"items"_qs]
                                          .toArray())
            lines << item.toObject();
        return lines;
    };
    const auto line = [&](const QString &notes) -> std::optional<QJsonObject> {
        for (const QJsonObject &item : history()) {
            if (item[u"notes"_qs].toString() == notes)
                return item;
        }
        return std::nullopt;
    };
    const int before = historySize(leadId);

    const QString newPhone = uniquePhone();
    auto put = m_server.request("PUT",
                                QStringLiteral("/api/leads/") + leadId,
                                QJsonObject{{u"phone"_qs, newPhone},
                                            {u"source"_qs, u"referral"_qs},
                                            {u"smsOptIn"_qs, true}},
                                m_ana);
    QCOMPARE(put.status, 200);
    // The sentence shows the numbers in national format; the params keep them as on the wire.
    const auto phoneLine = line(QStringLiteral("Phone changed from %1 to %2.")
                                    .arg(Crm::PhoneNormalizer::toDisplay(form[u"phone"_qs].toString()),
                                         Crm::PhoneNormalizer::toDisplay(newPhone)));
    QVERIFY(phoneLine);
    QCOMPARE((*phoneLine)[u"activityType"_qs].toString(), QStringLiteral("system"));
    QCOMPARE((*phoneLine)[u"code"_qs].toString(), QStringLiteral("field_changed"));
    QCOMPARE((*phoneLine)[u"params"_qs].toObject(),
             (QJsonObject{{u"field"_qs, u"phone"_qs},
                          {u"from"_qs, form[u"phone"_qs].toString()},
                          {u"to"_qs, newPhone}}));
    QCOMPARE((*phoneLine)[u"agentId"_qs].toString(), m_anaId);
    QVERIFY(line(u"Source changed from Website to Referral."_qs));
    // SMS consent is its own entry, with how it was given and the wording agreed to.
    QVERIFY(line(u"Agreed to SMS reminders (told an agent; wording sms-reminders-2026-12)."_qs));
    QVERIFY(!line(u"SMS reminders changed from no to yes."_qs));
    QCOMPARE(historySize(leadId), before + 3);
    // Saving the same values again writes nothing.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + leadId,
                          QJsonObject{{u"phone"_qs, newPhone}},
                          m_ana)
                 .status,
             200);
    QCOMPARE(historySize(leadId), before + 3);

    // The same through a pushed change (an edit made offline).
    const QJsonObject current = lead(leadId);
    const auto pushed = m_server.request(
        "POST",
        QStringLiteral("/api/sync/push"),
        QJsonObject{{u"clientId"_qs, newId()},
                    {u"mutations"_qs,
                     QJsonArray{QJsonObject{
                         {u"mutationId"_qs, newId()},
                         {u"entity"_qs, u"lead"_qs},
                         {u"id"_qs, leadId},
                         {u"op"_qs, u"update"_qs},
                         {u"baseVersion"_qs, current[u"version"_qs]},
                         {u"fields"_qs,
                          QJsonObject{{u"lastName"_qs,
                                       QJsonObject{{u"old"_qs, u"Worker"_qs},
                                                   {u"new"_qs, u"Walker"_qs}}}}}}}}},
        m_ana);
    QCOMPARE(pushed.status, 200);
    QCOMPARE(pushed.json[u"results"_qs][0][u"status"_qs].toString(), QStringLiteral("applied"));
    QVERIFY(line(u"Last name changed from Worker to Walker."_qs));

    // A follow-up marked done, and reopened.
    const auto followUp = createFollowUp(m_ana,
                                         leadId,
                                         QJsonObject{{u"dueAt"_qs, u"2030-05-01T12:00:00Z"_qs},
                                                     {u"note"_qs, u"Send the papers"_qs}});
    QCOMPARE(followUp.status, 201);
    const QString path = QStringLiteral("/api/follow-ups/") + followUp.json[u"id"_qs].toString();
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"done"_qs, true}}, m_ana).status, 200);
    const auto doneLine = line(u"Follow-up done: Send the papers"_qs);
    QVERIFY(doneLine);
    QCOMPARE((*doneLine)[u"agentId"_qs].toString(), m_anaId);
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"done"_qs, false}}, m_admin).status, 200);
    QVERIFY(line(u"Follow-up reopened: Send the papers"_qs));
}

void tst_LeadWork::followUpUpdateRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("done not bool") << QByteArray(R"({"done":"yes"})") << 400 << u"done"_qs;
    QTest::newRow("done null") << QByteArray(R"({"done":null})") << 400 << u"done"_qs;
    QTest::newRow("dueAt not a time") << QByteArray(R"({"dueAt":"soon"})") << 400 << u"dueAt"_qs;
    QTest::newRow("baseVersion text")
        << QByteArray(R"({"baseVersion":"1"})") << 400 << u"baseVersion"_qs;
    QTest::newRow("baseVersion fraction")
        << QByteArray(R"({"baseVersion":1.5})") << 400 << u"baseVersion"_qs;
    QTest::newRow("note too long")
        << QJsonDocument(QJsonObject{{u"note"_qs, QString(5001, QLatin1Char('x'))}})
               .toJson(QJsonDocument::Compact)
        << 422 << u"note"_qs;
    QTest::newRow("unknown field") << QByteArray(R"({"leadId":"x"})") << 400 << u"leadId"_qs;
    QTest::newRow("empty body") << QByteArray() << 400 << QString();
}

void tst_LeadWork::followUpUpdateRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const auto created = createFollowUp(m_ana,
                                        createLead(m_ana),
                                        QJsonObject{{u"dueAt"_qs, u"2030-06-01T12:00:00Z"_qs},
                                                    {u"note"_qs, u"Original"_qs}});
    QCOMPARE(created.status, 201);
    const QString id = created.json[u"id"_qs].toString();
    const auto reply = m_server.requestRaw("PUT",
                                           QStringLiteral("/api/follow-ups/") + id,
                                           body,
                                           m_ana);
    QVERIFY2(reply.status == status, reply.raw.constData());
    if (!field.isEmpty())
        QVERIFY2(namesField(reply, field), reply.raw.constData());
    const auto rows = m_server.sql(
        QStringLiteral("SELECT note, version FROM follow_ups WHERE id = '%1'").arg(id));
    QCOMPARE(rows.value(0).value(0).toString(), QStringLiteral("Original"));
    QCOMPARE(rows.value(0).value(1).toInt(), 1);
}

void tst_LeadWork::followUpStaleBaseVersionIs409WithCurrent()
{
    const auto created = createFollowUp(m_ana,
                                        createLead(m_ana),
                                        QJsonObject{{u"dueAt"_qs, u"2030-07-01T12:00:00Z"_qs},
                                                    {u"note"_qs, u"v1"_qs}});
    QCOMPARE(created.status, 201);
    const QString path = QStringLiteral("/api/follow-ups/") + created.json[u"id"_qs].toString();
    auto first = m_server.request("PUT",
                                  path,
                                  QJsonObject{{u"note"_qs, u"from the laptop"_qs},
                                              {u"baseVersion"_qs, 1}},
                                  m_ana);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json[u"version"_qs].toInt(), 2);
    auto stale = m_server.request("PUT",
                                  path,
                                  QJsonObject{{u"note"_qs, u"from the phone"_qs},
                                              {u"done"_qs, true},
                                              {u"baseVersion"_qs, 1}},
                                  m_ana);
    QCOMPARE(stale.status, 409);
    QCOMPARE(errorCode(stale), QStringLiteral("version_conflict"));
    QCOMPARE(stale.json[u"error"_qs][u"current"_qs].toObject(), first.json);
    // Nothing of the stale edit was written.
    const auto rows = m_server.sql(
        QStringLiteral("SELECT note, done, version FROM follow_ups WHERE id = '%1'")
            .arg(created.json[u"id"_qs].toString()));
    QCOMPARE(rows.value(0).value(0).toString(), QStringLiteral("from the laptop"));
    QCOMPARE(rows.value(0).value(1).toInt(), 0);
    QCOMPARE(rows.value(0).value(2).toInt(), 2);
    // The current version is accepted.
    auto current = m_server.request("PUT",
                                    path,
                                    QJsonObject{{u"done"_qs, true}, {u"baseVersion"_qs, 2}},
                                    m_ana);
    QCOMPARE(current.status, 200);
    QCOMPARE(current.json[u"version"_qs].toInt(), 3);
}

void tst_LeadWork::followUpUpdateAcrossAgentsIs404()
{
    const auto created = createFollowUp(m_ana,
                                        createLead(m_ana),
                                        QJsonObject{{u"dueAt"_qs, u"2030-08-01T12:00:00Z"_qs},
                                                    {u"note"_qs, u"Ana's"_qs}});
    QCOMPARE(created.status, 201);
    const QString id = created.json[u"id"_qs].toString();
    const auto reply = m_server.request("PUT",
                                        QStringLiteral("/api/follow-ups/") + id,
                                        QJsonObject{{u"done"_qs, true}, {u"note"_qs, u"Ben's"_qs}},
                                        m_ben);
    QCOMPARE(reply.status, 404);
    QCOMPARE(errorCode(reply), QStringLiteral("not_found"));
    // 404 also for a stale baseVersion: a conflict would reveal the follow-up and its content.
    const auto stale = m_server.request("PUT",
                                        QStringLiteral("/api/follow-ups/") + id,
                                        QJsonObject{{u"done"_qs, true}, {u"baseVersion"_qs, 7}},
                                        m_ben);
    QCOMPARE(stale.status, 404);
    QVERIFY(!stale.raw.contains("Ana's"));
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/follow-ups/") + newId(),
                          QJsonObject{{u"done"_qs, true}},
                          m_ana)
                 .status,
             404);
    const auto rows = m_server.sql(
        QStringLiteral("SELECT note, done, version FROM follow_ups WHERE id = '%1'").arg(id));
    QCOMPARE(rows.value(0).value(0).toString(), QStringLiteral("Ana's"));
    QCOMPARE(rows.value(0).value(1).toInt(), 0);
    QCOMPARE(rows.value(0).value(2).toInt(), 1);
}

void tst_LeadWork::openFollowUpsAreTheCallersSoonestFirst()
{
    const QString leadA = createLead(m_cleo);
    const QString leadB = createLead(m_cleo);
    QVERIFY(!leadA.isEmpty() && !leadB.isEmpty());
    // Created out of order; two share a due time (the id breaks the tie).
    const QStringList dueTimes{u"2031-01-05T09:00:00Z"_qs,
                               u"2031-01-02T09:00:00Z"_qs,
                               u"2031-01-04T09:00:00Z"_qs,
                               u"2031-01-02T09:00:00Z"_qs,
                               u"2031-01-03T17:30:00Z"_qs};
    QList<QPair<QString, QString>> expected; // (dueAt, id)
    for (int i = 0; i < dueTimes.size(); ++i) {
        const auto reply = createFollowUp(m_cleo,
                                          i % 2 ? leadA : leadB,
                                          QJsonObject{{u"dueAt"_qs, dueTimes[i]},
                                                      {u"note"_qs,
                                                       QStringLiteral("open %1").arg(i)}});
        QCOMPARE(reply.status, 201);
        expected.append({dueTimes[i], reply.json[u"id"_qs].toString()});
    }
    std::sort(expected.begin(), expected.end());
    // Not in the list: a done one, one due after dueBefore, and another agent's.
    const auto done = createFollowUp(m_cleo,
                                     leadA,
                                     QJsonObject{{u"dueAt"_qs, u"2031-01-01T09:00:00Z"_qs},
                                                 {u"note"_qs, u"done one"_qs}});
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/follow-ups/") + done.json[u"id"_qs].toString(),
                          QJsonObject{{u"done"_qs, true}},
                          m_cleo)
                 .status,
             200);
    const auto later = createFollowUp(m_cleo,
                                      leadA,
                                      QJsonObject{{u"dueAt"_qs, u"2031-02-01T00:00:00Z"_qs},
                                                  {u"note"_qs, u"later"_qs}});
    QCOMPARE(later.status, 201);
    QCOMPARE(createFollowUp(m_ben,
                            createLead(m_ben),
                            QJsonObject{{u"dueAt"_qs, u"2031-01-02T10:00:00Z"_qs},
                                        {u"note"_qs, u"Ben's"_qs}})
                 .status,
             201);

    // Page through with limit=2: every page tells the same total, the last has no cursor.
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral(
            "/api/agent/follow-ups?dueBefore=2031-02-01T00:00:00Z&limit=2");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const auto page = m_server.request("GET", path, {}, m_cleo);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json[u"total"_qs].toInt(), 5);
        const QJsonArray items = page.json[u"items"_qs].toArray();
        QVERIFY(items.size() <= 2);
        for (const QJsonValue &item : items) {
            seen << item[u"id"_qs].toString();
            QCOMPARE(item[u"done"_qs].toBool(true), false);
            QCOMPARE(item[u"agentId"_qs].toString(), m_cleoId);
        }
        QVERIFY(page.json.contains(u"nextCursor"_qs));
        cursor = page.json[u"nextCursor"_qs].toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QStringList expectedIds;
    for (const auto &entry : std::as_const(expected))
        expectedIds << entry.second;
    QCOMPARE(seen, expectedIds);

    // Without dueBefore every open one, the later one last.
    auto all = m_server.request("GET", QStringLiteral("/api/agent/follow-ups"), {}, m_cleo);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json[u"total"_qs].toInt(), 6);
    QVERIFY(all.json[u"nextCursor"_qs].isNull());
    QCOMPARE(all.json[u"items"_qs].toArray().last()[u"id"_qs], later.json[u"id"_qs]);
    // dueBefore is exclusive.
    auto exclusive = m_server.request("GET",
                                      QStringLiteral(
                                          "/api/agent/follow-ups?dueBefore=2031-01-02T09:00:00Z"),
                                      {},
                                      m_cleo);
    QCOMPARE(exclusive.json[u"total"_qs].toInt(), 0);
    QCOMPARE(exclusive.json[u"items"_qs].toArray().size(), 0);

    // An admin may look at Cleo's list; Ben may not.
    auto asAdmin = m_server.request("GET",
                                    QStringLiteral("/api/agent/follow-ups?agentId=") + m_cleoId,
                                    {},
                                    m_admin);
    QCOMPARE(asAdmin.status, 200);
    QCOMPARE(asAdmin.json[u"total"_qs].toInt(), 6);
    QCOMPARE(m_server
                 .request("GET",
                          QStringLiteral("/api/agent/follow-ups?agentId=") + m_cleoId,
                          {},
                          m_ben)
                 .status,
             403);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/agent/follow-ups")).status, 401);

    // A reassigned lead's follow-ups move with it.
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/admin/leads/assign"),
                          QJsonObject{{u"leadIds"_qs, QJsonArray{leadB}}, {u"agentId"_qs, m_benId}},
                          m_admin)
                 .status,
             200);
    auto afterMove = m_server.request("GET", QStringLiteral("/api/agent/follow-ups"), {}, m_cleo);
    QCOMPARE(afterMove.json[u"total"_qs].toInt(), 3); // leadA: i = 1, 3 and the later one
    for (const QJsonValue &item : afterMove.json[u"items"_qs].toArray())
        QCOMPARE(item[u"leadId"_qs].toString(), leadA);
}

void tst_LeadWork::openFollowUpsRejectBadDueBefore_data()
{
    QTest::addColumn<QString>("dueBefore");
    QTest::newRow("word") << u"tomorrow"_qs;
    QTest::newRow("date only") << u"2031-01-01"_qs;
    QTest::newRow("no zone") << u"2031-01-01T10:00:00"_qs;
    QTest::newRow("bad month") << u"2031-13-01T10:00:00Z"_qs;
    QTest::newRow("epoch number") << u"1924992000000"_qs;
}

void tst_LeadWork::openFollowUpsRejectBadDueBefore()
{
    QFETCH(QString, dueBefore);
    const auto reply = m_server.request("GET",
                                        QStringLiteral("/api/agent/follow-ups?dueBefore=")
                                            + QString::fromLatin1(
                                                QUrl::toPercentEncoding(dueBefore)),
                                        {},
                                        m_ana);
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("bad_request"));
    QVERIFY2(namesField(reply, u"dueBefore"_qs), reply.raw.constData());
}

void tst_LeadWork::convertCreatesAnEnrollment()
{
    const QString leadId = createLead(m_ana);
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/leads/%1/activities").arg(leadId),
                          QJsonObject{{u"activityType"_qs, u"call"_qs}, {u"notes"_qs, u"Hi"_qs}},
                          m_ana)
                 .status,
             201);
    const QJsonObject before = lead(leadId);
    QCOMPARE(before[u"status"_qs].toString(), QStringLiteral("contacted"));
    const int historyBefore = historySize(leadId);

    const auto reply = m_server.request("POST",
                                        QStringLiteral("/api/leads/%1/convert").arg(leadId),
                                        QJsonObject{{u"plan"_qs, u"  Gold PPO  "_qs},
                                                    {u"effectiveDate"_qs, u"2027-01-01"_qs},
                                                    {u"notes"_qs, u"Signed on the phone"_qs}},
                                        m_ana);
    QCOMPARE(reply.status, 201);
    for (const char *field : {"id", "leadId", "agentId", "plan", "effectiveDate", "createdAt"})
        QVERIFY2(reply.json.contains(QLatin1String(field)), field);
    QVERIFY(!QUuid::fromString(reply.json[u"id"_qs].toString()).isNull());
    QCOMPARE(reply.json[u"leadId"_qs].toString(), leadId);
    QCOMPARE(reply.json[u"agentId"_qs].toString(), m_anaId);
    QCOMPARE(reply.json[u"plan"_qs].toString(), QStringLiteral("Gold PPO"));
    QCOMPARE(reply.json[u"effectiveDate"_qs].toString(), QStringLiteral("2027-01-01"));
    QVERIFY(reply.json[u"createdAt"_qs].toString().endsWith(QLatin1Char('Z')));

    const QJsonObject after = lead(leadId);
    QCOMPARE(after[u"status"_qs].toString(), QStringLiteral("enrolled"));
    QCOMPARE(after[u"version"_qs].toInt(), before[u"version"_qs].toInt() + 1);
    QCOMPARE(enrollmentsOf(leadId), 1);
    const auto rows = m_server.sql(
        QStringLiteral("SELECT id, agentId, plan, effectiveDate, notes FROM enrollments"
                       " WHERE leadId = '%1'")
            .arg(leadId));
    QCOMPARE(rows.value(0).value(0).toString(), reply.json[u"id"_qs].toString());
    QCOMPARE(rows.value(0).value(1).toString(), m_anaId);
    QCOMPARE(rows.value(0).value(2).toString(), QStringLiteral("Gold PPO"));
    QCOMPARE(rows.value(0).value(3).toString(), QStringLiteral("2027-01-01"));
    QCOMPARE(rows.value(0).value(4).toString(), QStringLiteral("Signed on the phone"));

    // The lead's history tells of the conversion (newest first).
    const auto history = m_server.request("GET",
                                          QStringLiteral("/api/leads/%1/activities").arg(leadId),
                                          {},
                                          m_ana);
    QCOMPARE(history.json[u"total"_qs].toInt(), historyBefore + 1);
    const QJsonObject entry = history.json[u"items"_qs][0].toObject();
    QCOMPARE(entry[u"activityType"_qs].toString(), QStringLiteral("system"));
    QCOMPARE(entry[u"notes"_qs].toString(),
             QStringLiteral("Converted to enrollment: Gold PPO, effective 1 Jan 2027."));
    QCOMPARE(entry[u"code"_qs].toString(), QStringLiteral("enrolled"));
    QCOMPARE(entry[u"params"_qs].toObject(),
             (QJsonObject{{u"plan"_qs, u"Gold PPO"_qs}, {u"effectiveDate"_qs, u"2027-01-01"_qs}}));
}

void tst_LeadWork::convertWithoutAPlanIsRefused()
{
    // An enrollment names its plan: a bare POST, an empty or blank plan is 422 naming "plan",
    // and nothing changes (it used to enroll with "plan": null).
    const QString leadId = createLead(m_ana);
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + leadId,
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          m_ana)
                 .status,
             200);
    const QString path = QStringLiteral("/api/leads/%1/convert").arg(leadId);
    for (const QByteArray &body : {QByteArray(), QByteArray("{}"), QByteArray(R"({"plan":null})"),
                                   QByteArray(R"({"plan":"   ","effectiveDate":"2027-01-01"})")}) {
        const auto reply = m_server.requestRaw("POST", path, body, m_ana);
        QVERIFY2(reply.status == 422, reply.raw.constData());
        QCOMPARE(errorCode(reply), QStringLiteral("validation_failed"));
        QVERIFY2(namesField(reply, u"plan"_qs), reply.raw.constData());
    }
    QCOMPARE(lead(leadId)[u"status"_qs].toString(), QStringLiteral("qualified"));
    QCOMPARE(enrollmentsOf(leadId), 0);
    const auto converted = m_server.request("POST", path, QJsonObject{{u"plan"_qs, u" Gold "_qs}},
                                            m_ana);
    QCOMPARE(converted.status, 201);
    QCOMPARE(converted.json[u"plan"_qs].toString(), QStringLiteral("Gold"));
    QVERIFY(converted.json[u"effectiveDate"_qs].isNull());
    QCOMPARE(lead(leadId)[u"status"_qs].toString(), QStringLiteral("enrolled"));
    QCOMPARE(enrollmentsOf(leadId), 1);
    // An admin converts an agent's lead on the agent's behalf.
    const QString other = createLead(m_ben);
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + other,
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          m_ben)
                 .status,
             200);
    const auto byAdmin = m_server.request("POST",
                                          QStringLiteral("/api/leads/%1/convert").arg(other),
                                          QJsonObject{{u"plan"_qs, u"Silver"_qs}},
                                          m_admin);
    QCOMPARE(byAdmin.status, 201);
    QCOMPARE(byAdmin.json[u"agentId"_qs].toString(), m_benId);
}

void tst_LeadWork::convertFromNewIsRefusedAndWritesNothing()
{
    const QString leadId = createLead(m_ana);
    const QJsonObject before = lead(leadId);
    QCOMPARE(before[u"status"_qs].toString(), QStringLiteral("new"));
    const int historyBefore = historySize(leadId);
    const qint64 changesBefore = m_server.sql(QStringLiteral("SELECT count(*) FROM change_log"))
                                     .value(0)
                                     .value(0)
                                     .toLongLong();

    const auto reply = m_server.request("POST",
                                        QStringLiteral("/api/leads/%1/convert").arg(leadId),
                                        QJsonObject{{u"plan"_qs, u"Gold"_qs}},
                                        m_ana);
    QCOMPARE(reply.status, 422);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_transition"));
    QVERIFY(reply.json[u"error"_qs][u"allowed"_qs].toArray().contains(u"contacted"_qs));

    QCOMPARE(lead(leadId), before);
    QCOMPARE(enrollmentsOf(leadId), 0);
    QCOMPARE(historySize(leadId), historyBefore);
    QCOMPARE(m_server.sql(QStringLiteral("SELECT count(*) FROM change_log"))
                 .value(0)
                 .value(0)
                 .toLongLong(),
             changesBefore);

    // A closed lead cannot be converted either.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + leadId,
                          QJsonObject{{u"status"_qs, u"closed"_qs}},
                          m_ana)
                 .status,
             200);
    const auto closed = m_server.request("POST",
                                         QStringLiteral("/api/leads/%1/convert").arg(leadId),
                                         QJsonObject{{u"plan"_qs, u"Gold"_qs}},
                                         m_ana);
    QCOMPARE(closed.status, 422);
    QCOMPARE(errorCode(closed), QStringLiteral("invalid_transition"));
    QCOMPARE(enrollmentsOf(leadId), 0);
}

void tst_LeadWork::convertRejectsBadDetails_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("no such day") << QByteArray(R"({"effectiveDate":"2027-02-30"})") << 422
                                 << u"effectiveDate"_qs;
    QTest::newRow("short form") << QByteArray(R"({"effectiveDate":"2027-1-1"})") << 422
                                << u"effectiveDate"_qs;
    QTest::newRow("us style") << QByteArray(R"({"effectiveDate":"01/02/2027"})") << 422
                              << u"effectiveDate"_qs;
    QTest::newRow("a time") << QByteArray(R"({"effectiveDate":"2027-01-01T00:00:00Z"})") << 422
                            << u"effectiveDate"_qs;
    QTest::newRow("a word") << QByteArray(R"({"effectiveDate":"next month","plan":"Gold"})") << 422
                            << u"effectiveDate"_qs;
    QTest::newRow("a number") << QByteArray(R"({"effectiveDate":20270101})") << 400
                              << u"effectiveDate"_qs;
    QTest::newRow("plan too long")
        << QJsonDocument(QJsonObject{{u"plan"_qs, QString(256, QLatin1Char('p'))}})
               .toJson(QJsonDocument::Compact)
        << 422 << u"plan"_qs;
    QTest::newRow("notes too long")
        << QJsonDocument(QJsonObject{{u"notes"_qs, QString(5001, QLatin1Char('n'))}})
               .toJson(QJsonDocument::Compact)
        << 422 << u"notes"_qs;
    QTest::newRow("no plan") << QByteArray(R"({"effectiveDate":"2027-01-01"})") << 422
                             << u"plan"_qs;
    QTest::newRow("blank plan") << QByteArray(R"({"plan":" \t "})") << 422 << u"plan"_qs;
    QTest::newRow("unknown field") << QByteArray(R"({"premium":12.5})") << 400 << u"premium"_qs;
    QTest::newRow("malformed json") << QByteArray(R"({"plan":)") << 400 << QString();
}

void tst_LeadWork::convertRejectsBadDetails()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const QString leadId = createLead(m_ana);
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + leadId,
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          m_ana)
                 .status,
             200);
    const auto reply = m_server.requestRaw("POST",
                                           QStringLiteral("/api/leads/%1/convert").arg(leadId),
                                           body,
                                           m_ana);
    QVERIFY2(reply.status == status, reply.raw.constData());
    if (!field.isEmpty())
        QVERIFY2(namesField(reply, field), reply.raw.constData());
    QCOMPARE(lead(leadId)[u"status"_qs].toString(), QStringLiteral("qualified"));
    QCOMPARE(enrollmentsOf(leadId), 0);
}

void tst_LeadWork::convertTwiceIsRefused()
{
    const QString leadId = createLead(m_ana);
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + leadId,
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          m_ana)
                 .status,
             200);
    const QString path = QStringLiteral("/api/leads/%1/convert").arg(leadId);
    QCOMPARE(m_server.request("POST", path, QJsonObject{{u"plan"_qs, u"Gold"_qs}}, m_ana).status,
             201);
    const QJsonObject enrolled = lead(leadId);
    const auto again = m_server.request("POST", path, QJsonObject{{u"plan"_qs, u"Gold"_qs}}, m_ana);
    QCOMPARE(again.status, 422);
    QCOMPARE(errorCode(again), QStringLiteral("invalid_transition"));
    QCOMPARE(enrollmentsOf(leadId), 1);
    QCOMPARE(lead(leadId), enrolled);
}

void tst_LeadWork::convertOutsideYourLeadsIs404()
{
    const QString bensLead = createLead(m_ben);
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/leads/") + bensLead,
                          QJsonObject{{u"status"_qs, u"qualified"_qs}},
                          m_ben)
                 .status,
             200);
    const QString path = QStringLiteral("/api/leads/%1/convert").arg(bensLead);
    const auto reply = m_server.request("POST", path, QJsonObject(), m_ana);
    QCOMPARE(reply.status, 404);
    QCOMPARE(errorCode(reply), QStringLiteral("not_found"));
    QCOMPARE(m_server.request("POST", path, QJsonObject()).status, 401);
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/leads/%1/convert").arg(newId()),
                          QJsonObject(),
                          m_admin)
                 .status,
             404);
    QCOMPARE(enrollmentsOf(bensLead), 0);
    QCOMPARE(lead(bensLead)[u"status"_qs].toString(), QStringLiteral("qualified"));
}

void tst_LeadWork::leadStatsMatchAHandCount()
{
    // Sam's and Tia's leads, each moved to a chosen status through the API. Response times are
    // made realistic afterwards: the whole set is moved 30 days into the past and each contacted
    // lead's arrival put `minutes` before its first contact (the API cannot backdate).
    struct Planned
    {
        QString token;
        QString source;
        QString status;
        int minutes; // first contact this long after arrival; -1: never contacted
        QString id;
    };
    QList<Planned> plan{
        {m_sam, u"website"_qs, u"new"_qs, -1, {}},
        {m_sam, u"website"_qs, u"contacted"_qs, 5, {}},
        {m_sam, u"referral"_qs, u"qualified"_qs, 30, {}},
        {m_sam, u"referral"_qs, u"enrolled"_qs, 90, {}},
        {m_sam, u"phone"_qs, u"closed"_qs, -1, {}},
        {m_sam, u"event"_qs, u"enrolled"_qs, 240, {}},
        {m_tia, u"website"_qs, u"new"_qs, -1, {}},
        {m_tia, u"website"_qs, u"qualified"_qs, -1, {}},
        {m_tia, u"other"_qs, u"contacted"_qs, 10, {}},
        {m_tia, u"website"_qs, u"enrolled"_qs, 45, {}},
    };
    const auto put = [this](const Planned &planned, const QString &status) {
        return m_server
            .request("PUT",
                     QStringLiteral("/api/leads/") + planned.id,
                     QJsonObject{{u"status"_qs, status}},
                     planned.token)
            .status;
    };
    bool convertNext = true; // enrol alternately by conversion and by a status change
    for (Planned &planned : plan) {
        planned.id = createLead(planned.token, leadForm(u"Stat"_qs, planned.source));
        QVERIFY(!planned.id.isEmpty());
        if (planned.minutes >= 0) {
            QCOMPARE(m_server
                         .request("POST",
                                  QStringLiteral("/api/leads/%1/activities").arg(planned.id),
                                  QJsonObject{{u"activityType"_qs, u"call"_qs},
                                              {u"notes"_qs, u"First call"_qs}},
                                  planned.token)
                         .status,
                     201);
        }
        if (planned.status == u"qualified"_qs) {
            QCOMPARE(put(planned, u"qualified"_qs), 200);
        } else if (planned.status == u"closed"_qs) {
            QCOMPARE(put(planned, u"closed"_qs), 200);
        } else if (planned.status == u"enrolled"_qs) {
            if (planned.source == u"referral"_qs)
                QCOMPARE(put(planned, u"qualified"_qs), 200);
            if (convertNext) {
                QCOMPARE(m_server
                             .request("POST",
                                      QStringLiteral("/api/leads/%1/convert").arg(planned.id),
                                      QJsonObject{{u"plan"_qs, u"Gold"_qs}},
                                      planned.token)
                             .status,
                         201);
            } else {
                QCOMPARE(put(planned, u"enrolled"_qs), 200);
            }
            convertNext = !convertNext;
        }
    }
    constexpr qint64 shift = 30LL * 24 * 60 * 60 * 1000;
    for (int i = 0; i < plan.size(); ++i) {
        const Planned &planned = plan[i];
        // Both right-hand sides read the row's old values (standard SQL, on both backends).
        const QString statement
            = planned.minutes >= 0
                  ? QStringLiteral("UPDATE leads SET firstContactAt = firstContactAt - %1,"
                                   " createdAt = firstContactAt - %2 WHERE id = '%3'")
                        .arg(shift)
                        .arg(shift + qint64(planned.minutes) * 60000)
                        .arg(planned.id)
                  : QStringLiteral("UPDATE leads SET createdAt = createdAt - %1 WHERE id = '%2'")
                        .arg(shift + qint64(i) * 60000)
                        .arg(planned.id);
        m_server.sql(statement);
    }
    QList<StatsLead> samRows;
    QList<StatsLead> tiaRows;
    for (const Planned &planned : std::as_const(plan)) {
        const QJsonObject stored = lead(planned.id);
        QCOMPARE(stored[u"status"_qs].toString(), planned.status);
        const StatsLead row = statsLead(stored);
        QCOMPARE(row.firstContactAt.has_value(), planned.minutes >= 0);
        if (row.firstContactAt)
            QCOMPARE(*row.firstContactAt - row.createdAt, qint64(planned.minutes) * 60000);
        (planned.token == m_sam ? samRows : tiaRows) << row;
    }

    // By hand. Sam: response minutes 5, 30, 90, 240; Tia: 10, 45.
    const QJsonObject samExpected{{u"total"_qs, 6},
                                  {u"byStatus"_qs, statusCounts(1, 1, 1, 2, 1)},
                                  {u"conversionRate"_qs, 2.0 / 6.0},
                                  {u"responseTime"_qs, responseTime(60.0, 240.0, 0.5)},
                                  {u"bySource"_qs,
                                   QJsonArray{sourceEntry(u"referral"_qs, 2, 1),
                                              sourceEntry(u"website"_qs, 2, 0),
                                              sourceEntry(u"event"_qs, 1, 1),
                                              sourceEntry(u"phone"_qs, 1, 0)}}};
    const QJsonObject tiaExpected{{u"total"_qs, 4},
                                  {u"byStatus"_qs, statusCounts(1, 1, 1, 1, 0)},
                                  {u"conversionRate"_qs, 0.25},
                                  {u"responseTime"_qs, responseTime(27.5, 45.0, 1.0)},
                                  {u"bySource"_qs,
                                   QJsonArray{sourceEntry(u"website"_qs, 3, 1),
                                              sourceEntry(u"other"_qs, 1, 0)}}};
    // The same from the leads as read back (the hand count's check of this test's arithmetic).
    QCOMPARE(jsonDiff(expectedSummary(samRows), samExpected, u"sam"_qs), QString());
    QCOMPARE(jsonDiff(expectedSummary(tiaRows), tiaExpected, u"tia"_qs), QString());

    const auto sam = m_server.request("GET", QStringLiteral("/api/agent/lead-stats"), {}, m_sam);
    QCOMPARE(sam.status, 200);
    QCOMPARE(jsonDiff(leadFigures(sam.json), samExpected, u"agent-stats(sam)"_qs), QString());
    const auto tia = m_server.request("GET", QStringLiteral("/api/agent/lead-stats"), {}, m_tia);
    QCOMPARE(jsonDiff(leadFigures(tia.json), tiaExpected, u"agent-stats(tia)"_qs), QString());

    // Admin, the 30-day-old window: exactly Sam's and Tia's leads.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString window = QStringLiteral("?from=%1&to=%2")
                               .arg(wire(now - shift - 2LL * 24 * 60 * 60 * 1000),
                                    wire(now - shift + 60 * 60 * 1000));
    const QJsonObject bothExpected{{u"total"_qs, 10},
                                   {u"byStatus"_qs, statusCounts(2, 2, 2, 3, 1)},
                                   {u"conversionRate"_qs, 0.3},
                                   {u"responseTime"_qs, responseTime(37.5, 240.0, 4.0 / 6.0)},
                                   {u"bySource"_qs,
                                    QJsonArray{sourceEntry(u"website"_qs, 5, 1),
                                               sourceEntry(u"referral"_qs, 2, 1),
                                               sourceEntry(u"event"_qs, 1, 1),
                                               sourceEntry(u"other"_qs, 1, 0),
                                               sourceEntry(u"phone"_qs, 1, 0)}}};
    QCOMPARE(jsonDiff(expectedSummary(samRows + tiaRows), bothExpected, u"both"_qs), QString());
    const auto admin = m_server.request("GET",
                                        QStringLiteral("/api/admin/lead-stats") + window,
                                        {},
                                        m_admin);
    QCOMPARE(admin.status, 200);
    QCOMPARE(jsonDiff(leadFigures(admin.json[u"overall"_qs]), bothExpected, u"overall"_qs), QString());
    QCOMPARE(jsonDiff(leadFigures(admin.json[u"sources"_qs]), bothExpected[u"bySource"_qs], u"sources"_qs),
             QString());
    QHash<QString, QJsonObject> agents;
    QStringList names;
    for (const QJsonValue &agent : admin.json[u"agents"_qs].toArray()) {
        agents.insert(agent[u"agentId"_qs].toString(), agent.toObject());
        names << agent[u"name"_qs].toString();
    }
    // Every agent, by name.
    for (const QString &id : {m_anaId, m_benId, m_cleoId, m_samId, m_tiaId})
        QVERIFY(agents.contains(id));
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    QCOMPARE(names, sorted);
    const QJsonObject samAgent{{u"agentId"_qs, m_samId},
                               {u"name"_qs, u"Sam Agent"_qs},
                               {u"assigned"_qs, 6},
                               {u"contacted"_qs, 4},
                               {u"enrolled"_qs, 2},
                               {u"conversionRate"_qs, 2.0 / 6.0},
                               {u"medianResponseMinutes"_qs, 60.0}};
    const QJsonObject tiaAgent{{u"agentId"_qs, m_tiaId},
                               {u"name"_qs, u"Tia Agent"_qs},
                               {u"assigned"_qs, 4},
                               {u"contacted"_qs, 2},
                               {u"enrolled"_qs, 1},
                               {u"conversionRate"_qs, 0.25},
                               {u"medianResponseMinutes"_qs, 27.5}};
    QCOMPARE(jsonDiff(agents.value(m_samId), samAgent, u"agents(sam)"_qs), QString());
    QCOMPARE(jsonDiff(agents.value(m_tiaId), tiaAgent, u"agents(tia)"_qs), QString());
    const QJsonObject anaAgent = agents.value(m_anaId);
    QCOMPARE(anaAgent[u"assigned"_qs].toInt(-1), 0);
    QCOMPARE(anaAgent[u"conversionRate"_qs].toDouble(-1), 0.0);
    QVERIFY(anaAgent[u"medianResponseMinutes"_qs].isNull());

    // Admin, no window: every lead there is, worked out from the admin's lead list.
    QList<StatsLead> everything;
    QHash<QString, QList<StatsLead>> byAgent;
    for (const QJsonObject &item : allLeads()) {
        everything << statsLead(item);
        byAgent[everything.last().agentId] << everything.last();
    }
    QVERIFY(everything.size() > 10);
    const auto unbounded = m_server.request("GET",
                                            QStringLiteral("/api/admin/lead-stats"),
                                            {},
                                            m_admin);
    QCOMPARE(unbounded.status, 200);
    const QJsonObject overallExpected = expectedSummary(everything);
    QCOMPARE(jsonDiff(leadFigures(unbounded.json[u"overall"_qs]), overallExpected, u"overall(all)"_qs),
             QString());
    for (const QJsonValue &agent : unbounded.json[u"agents"_qs].toArray()) {
        const QJsonObject expected = expectedSummary(byAgent.value(agent[u"agentId"_qs].toString()));
        const QJsonObject actual{{u"total"_qs, agent[u"assigned"_qs]},
                                 {u"enrolled"_qs, agent[u"enrolled"_qs]},
                                 {u"conversionRate"_qs, agent[u"conversionRate"_qs]},
                                 {u"medianMinutes"_qs, agent[u"medianResponseMinutes"_qs]}};
        const QJsonObject wanted{{u"total"_qs, expected[u"total"_qs]},
                                 {u"enrolled"_qs, expected[u"byStatus"_qs][u"enrolled"_qs]},
                                 {u"conversionRate"_qs, expected[u"conversionRate"_qs]},
                                 {u"medianMinutes"_qs,
                                  expected[u"responseTime"_qs][u"medianMinutes"_qs]}};
        QCOMPARE(jsonDiff(actual, wanted, agent[u"name"_qs].toString()), QString());
    }
}

void tst_LeadWork::leadStatsRangeFilters()
{
    // Runs after leadStatsMatchAHandCount: its leads are the only ones 30 days old.
    QList<StatsLead> old;
    for (const QJsonObject &item : allLeads()) {
        const StatsLead row = statsLead(item);
        if (row.createdAt < QDateTime::currentMSecsSinceEpoch() - 24LL * 60 * 60 * 1000)
            old << row;
    }
    if (old.isEmpty())
        QSKIP("Needs the leads of leadStatsMatchAHandCount (run the whole test).");
    QCOMPARE(old.size(), 10);
    std::sort(old.begin(), old.end(), [](const StatsLead &a, const StatsLead &b) {
        return a.createdAt < b.createdAt;
    });

    // from is inclusive, to exclusive: [third lead, eighth lead) holds leads 3..7.
    const QString range = QStringLiteral("?from=%1&to=%2")
                              .arg(wire(old[2].createdAt), wire(old[7].createdAt));
    QVERIFY(old[1].createdAt < old[2].createdAt && old[6].createdAt < old[7].createdAt);
    const QList<StatsLead> inRange = old.mid(2, 5);
    const auto admin = m_server.request("GET",
                                        QStringLiteral("/api/admin/lead-stats") + range,
                                        {},
                                        m_admin);
    QCOMPARE(admin.status, 200);
    QCOMPARE(jsonDiff(leadFigures(admin.json[u"overall"_qs]), expectedSummary(inRange), u"overall"_qs),
             QString());
    QList<StatsLead> samInRange;
    for (const StatsLead &row : inRange) {
        if (row.agentId == m_samId)
            samInRange << row;
    }
    const auto sam = m_server.request("GET",
                                      QStringLiteral("/api/agent/lead-stats") + range,
                                      {},
                                      m_sam);
    QCOMPARE(sam.status, 200);
    QCOMPARE(jsonDiff(leadFigures(sam.json), expectedSummary(samInRange), u"sam"_qs), QString());

    // Only from, only to.
    const auto fromOnly = m_server.request("GET",
                                           QStringLiteral("/api/agent/lead-stats?from=")
                                               + wire(old[5].createdAt),
                                           {},
                                           m_sam);
    QList<StatsLead> samFrom;
    for (const QJsonObject &item : allLeads()) {
        const StatsLead row = statsLead(item);
        if (row.agentId == m_samId && row.createdAt >= old[5].createdAt)
            samFrom << row;
    }
    QCOMPARE(jsonDiff(leadFigures(fromOnly.json), expectedSummary(samFrom), u"from only"_qs), QString());
    const auto toOnly = m_server.request("GET",
                                         QStringLiteral("/api/admin/lead-stats?to=")
                                             + wire(old[1].createdAt + 1),
                                         {},
                                         m_admin);
    QCOMPARE(jsonDiff(leadFigures(toOnly.json[u"overall"_qs]), expectedSummary(old.mid(0, 2)), u"to only"_qs),
             QString());

    // A range with nothing in it: zeros everywhere, no response times.
    const QString empty = QStringLiteral("?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z");
    const QJsonObject zero{{u"total"_qs, 0},
                           {u"byStatus"_qs, statusCounts(0, 0, 0, 0, 0)},
                           {u"conversionRate"_qs, 0.0},
                           {u"responseTime"_qs, responseTime(QJsonValue(), QJsonValue(), 0.0)},
                           {u"bySource"_qs, QJsonArray()}};
    const auto none = m_server.request("GET",
                                       QStringLiteral("/api/agent/lead-stats") + empty,
                                       {},
                                       m_sam);
    QCOMPARE(none.status, 200);
    QCOMPARE(jsonDiff(leadFigures(none.json), zero, u"agent(empty)"_qs), QString());
    const auto adminNone = m_server.request("GET",
                                            QStringLiteral("/api/admin/lead-stats") + empty,
                                            {},
                                            m_admin);
    QCOMPARE(adminNone.status, 200);
    QCOMPARE(jsonDiff(leadFigures(adminNone.json[u"overall"_qs]), zero, u"admin(empty)"_qs), QString());
    QCOMPARE(adminNone.json[u"sources"_qs].toArray().size(), 0);
    QVERIFY(!adminNone.json[u"agents"_qs].toArray().isEmpty());
    for (const QJsonValue &agent : adminNone.json[u"agents"_qs].toArray()) {
        QCOMPARE(agent[u"assigned"_qs].toInt(-1), 0);
        QCOMPARE(agent[u"contacted"_qs].toInt(-1), 0);
        QCOMPARE(agent[u"enrolled"_qs].toInt(-1), 0);
        QVERIFY(agent[u"medianResponseMinutes"_qs].isNull());
    }
}

void tst_LeadWork::leadStatsRejectBadTimes_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("from word") << u"from=yesterday"_qs << 400 << u"from"_qs;
    QTest::newRow("from date only") << u"from=2026-12-01"_qs << 400 << u"from"_qs;
    QTest::newRow("to no zone") << u"to=2026-12-01T10:00:00"_qs << 400 << u"to"_qs;
    QTest::newRow("to bad hour") << u"to=2026-12-01T25:00:00Z"_qs << 400 << u"to"_qs;
    QTest::newRow("from epoch") << u"from=1764547200000"_qs << 400 << u"from"_qs;
    QTest::newRow("reversed") << u"from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z"_qs << 422
                              << u"to"_qs;
    QTest::newRow("empty range") << u"from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z"_qs << 422
                                 << u"to"_qs;
}

void tst_LeadWork::leadStatsRejectBadTimes()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, field);
    for (const auto &[path, token] : {std::pair{u"/api/agent/lead-stats?"_qs, m_sam},
                                      std::pair{u"/api/admin/lead-stats?"_qs, m_admin}}) {
        const auto reply = m_server.request("GET", path + query, {}, token);
        QVERIFY2(reply.status == status, reply.raw.constData());
        QCOMPARE(errorCode(reply),
                 status == 400 ? QStringLiteral("bad_request")
                               : QStringLiteral("validation_failed"));
        QVERIFY2(namesField(reply, field), reply.raw.constData());
    }
}

void tst_LeadWork::adminLeadStatsAreForAdmins()
{
    const auto agent = m_server.request("GET", QStringLiteral("/api/admin/lead-stats"), {}, m_ana);
    QCOMPARE(agent.status, 403);
    QCOMPARE(errorCode(agent), QStringLiteral("forbidden"));
    QVERIFY(!agent.json.contains(u"overall"_qs));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/admin/lead-stats")).status, 401);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/agent/lead-stats")).status, 401);
    // An admin's own statistics are those of the leads assigned to them: none here.
    const auto own = m_server.request("GET", QStringLiteral("/api/agent/lead-stats"), {}, m_admin);
    QCOMPARE(own.status, 200);
    QCOMPARE(own.json[u"total"_qs].toInt(-1), 0);
}

void tst_LeadWork::contactFormRateLimit()
{
    // A server of its own: the fixture server allows far more submissions.
    ServerProcess limited;
    QString whyNot;
    QVERIFY2(limited.prepare(&whyNot), qPrintable(whyNot));
    QVERIFY(!limited
                 .addUser(QStringLiteral("agent@limit.example"),
                          QStringLiteral("Limit Agent"),
                          QStringLiteral("agent"))
                 .isEmpty());
    QVERIFY2(limited.start({QStringLiteral("--contact-form-rate"), QStringLiteral("3")}),
             qPrintable(limited.serverLog()));
    const QString agent = limited.login(QStringLiteral("agent@limit.example"));
    QVERIFY(!agent.isEmpty());

    for (int i = 0; i < 3; ++i) {
        const auto reply = limited.request("POST",
                                           QStringLiteral("/api/leads"),
                                           leadForm(QStringLiteral("Form%1").arg(i)));
        QVERIFY2(reply.status == 202, reply.raw.constData());
    }
    const auto fourth = limited.request("POST", QStringLiteral("/api/leads"), leadForm(u"Form"_qs));
    QCOMPARE(fourth.status, 429);
    QCOMPARE(errorCode(fourth), QStringLiteral("rate_limited"));
    bool ok = false;
    const int retryAfter = fourth.header("Retry-After").toInt(&ok);
    QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 60, fourth.header("Retry-After").constData());
    // Even a malformed submission counts against the limit before it is read.
    QCOMPARE(limited.requestRaw("POST", QStringLiteral("/api/leads"), "{not json").status, 429);

    // Agents entering leads by hand are not the contact form.
    for (int i = 0; i < 4; ++i) {
        const auto byHand = limited.request("POST",
                                            QStringLiteral("/api/leads"),
                                            leadForm(QStringLiteral("Hand%1").arg(i)),
                                            agent);
        QVERIFY2(byHand.status == 201, byHand.raw.constData());
    }
    const auto rows = limited.sql(QStringLiteral("SELECT count(*) FROM leads"));
    QCOMPARE(rows.value(0).value(0).toInt(), 7);
    limited.stop();
}

QTEST_GUILESS_MAIN(tst_LeadWork)
#include "tst_leadwork.moc"
