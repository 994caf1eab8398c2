// Scheduling as ../shared/API.md defines it (availability, time off, slots, booking, the
// status machine, reminders, scope), against a real crm-server process on SQLCipher or
// PostgreSQL (CRM_TEST_BACKEND). The races are real: 30 clients on their own connections
// send at once, and exactly one may win a slot.
#include "serverprocess.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

#include <libical/ical.h>

#include <memory>

using CrmTest::ServerProcess;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString wire(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODate);
}

qint64 fromWire(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString errorCode(const ServerProcess::Reply &reply)
{
    return reply.json[u"error"_qs][u"code"_qs].toString();
}

// Midnight UTC `days` days from today.
qint64 dayStart(int days)
{
    const QDate date = QDateTime::currentDateTimeUtc().date().addDays(days);
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

// Every day 09:00–17:00 UTC, no notice, so tests can book any day at fixed UTC times.
QJsonObject everyDayNineToFive(int bufferMinutes = 0)
{
    QJsonArray weekly;
    for (int day = 0; day < 7; ++day)
        weekly.append(QJsonObject{{u"dayOfWeek"_qs, day}, {u"startTime"_qs, u"09:00"_qs}, {u"endTime"_qs, u"17:00"_qs}});
    return {{u"timeZone"_qs, u"UTC"_qs},
            {u"bufferMinutes"_qs, bufferMinutes},
            {u"minNoticeMinutes"_qs, 0},
            {u"maxDaysAhead"_qs, 60},
            {u"weekly"_qs, weekly},
            {u"overrides"_qs, QJsonArray()}};
}

QList<qint64> slotStarts(const ServerProcess::Reply &reply)
{
    QList<qint64> starts;
    const QJsonArray slotList = reply.json[u"slots"_qs].toArray();
    for (const QJsonValue &slot : slotList)
        starts << fromWire(slot[u"start"_qs].toString());
    return starts;
}

// The events of a feed as a calendar app reads them (libical): UID -> {SEQUENCE, STATUS, start}.
struct FeedEvent
{
    int sequence = -1;
    QString status;
    qint64 start = 0;
};

QHash<QString, FeedEvent> feedEvents(const QByteArray &text)
{
    QHash<QString, FeedEvent> events;
    icalcomponent *calendar = icalparser_parse_string(text.constData());
    if (!calendar)
        return events;
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        FeedEvent entry;
        entry.sequence = icalcomponent_get_sequence(event);
        entry.status = QString::fromUtf8(icalproperty_status_to_string(icalcomponent_get_status(event)));
        entry.start = qint64(icaltime_as_timet(icalcomponent_get_dtstart(event))) * 1000;
        events.insert(QString::fromUtf8(icalcomponent_get_uid(event)), entry);
    }
    icalcomponent_free(calendar);
    return events;
}

} // namespace

class tst_Scheduling : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void newProviderHasDefaultHours();
    void availabilityRoundTripsAndRefusesBadInput();
    void slotsFollowWindowsBookingsAndBuffer();
    void slotQueriesRefuseBadRanges();
    void dstDayInNewYorkKeepsLocalHours();
    void overlapIsRefusedWithSuggestions();
    void outsideAvailabilityNeedsOverride();
    void retriedCreateBooksOnce();
    void scopeKeepsCalendarsApart();
    void statusMachineAndHistory();
    void remindersAreCreatedMovedAndCancelled();
    void lateBookingGetsAReminderAtOnce();
    void timeOffClosesSlots();
    void thirtyClientsBookingOneSlotGetOneWinner();
    void thirtyReschedulesOntoOneSlotGetOneWinner();
    void listsTheCallersAppointments();
    void calendarFeedFollowsChanges();

private:
    QString createLead(const QString &token, bool smsOptIn = false);
    ServerProcess::Reply book(const QString &token, const QString &providerId, qint64 start,
                              int duration = 30, const QJsonObject &extra = {});
    ServerProcess::Reply slotsOn(const QString &token, const QString &providerId, qint64 from, qint64 to,
                                 int duration = 30);
    // A fresh agent with a token (every test its own calendar); availability set when given.
    QPair<QString, QString> newAgent(const QJsonObject &availability = everyDayNineToFive());
    // Sends every request at once, each on its own connection; the statuses in order.
    QList<int> concurrently(const QList<std::tuple<QByteArray, QString, QJsonObject>> &requests,
                            const QString &token);

    ServerProcess m_server;
    QString m_admin;
    int m_agents = 0;
};

void tst_Scheduling::initTestCase()
{
    CRM_REQUIRE_READY(m_server.readiness());
    QVERIFY(!m_server.addUser(u"admin@sched.example"_qs, u"Ada Admin"_qs, u"admin"_qs).isEmpty());
    QVERIFY2(m_server.start(), qPrintable(m_server.serverLog()));
    m_admin = m_server.login(u"admin@sched.example"_qs);
    QVERIFY(!m_admin.isEmpty());
}

void tst_Scheduling::cleanupTestCase()
{
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")), qPrintable(m_server.serverLog()));
}

QPair<QString, QString> tst_Scheduling::newAgent(const QJsonObject &availability)
{
    const QString email = QStringLiteral("agent%1@sched.example").arg(++m_agents);
    const QString id = m_server.addUser(email, QStringLiteral("Agent %1").arg(m_agents), u"agent"_qs);
    const QString token = m_server.login(email);
    if (!availability.isEmpty()) {
        const auto put = m_server.request("PUT", u"/api/providers/%1/availability"_qs.arg(id), availability, token);
        if (put.status != 200)
            qWarning().noquote() << "setting availability failed:" << put.status << put.raw;
    }
    return {id, token};
}

QString tst_Scheduling::createLead(const QString &token, bool smsOptIn)
{
    static int counter = 0;
    ++counter;
    const QJsonObject form{{u"firstName"_qs, u"Pat"_qs},
                           {u"lastName"_qs, QStringLiteral("Patient%1").arg(counter)},
                           {u"email"_qs, QStringLiteral("pat%1.%2@example.com").arg(counter).arg(QUuid::createUuid().toString(QUuid::Id128).left(6))},
                           {u"phone"_qs, QStringLiteral("+1415555%1").arg(2000 + counter)},
                           {u"source"_qs, u"referral"_qs},
                           {u"state"_qs, u"CA"_qs},
                           {u"smsOptIn"_qs, smsOptIn}};
    const auto reply = m_server.request("POST", u"/api/leads"_qs, form, token);
    if (reply.status != 201)
        qWarning().noquote() << "creating a lead failed:" << reply.status << reply.raw;
    return reply.json[u"lead"_qs][u"id"_qs].toString();
}

ServerProcess::Reply tst_Scheduling::book(const QString &token, const QString &providerId, qint64 start,
                                          int duration, const QJsonObject &extra)
{
    QJsonObject body{{u"providerId"_qs, providerId},
                     {u"appointmentType"_qs, u"consultation"_qs},
                     {u"scheduledDate"_qs, wire(start)},
                     {u"duration"_qs, duration}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return m_server.request("POST", u"/api/appointments"_qs, body, token);
}

ServerProcess::Reply tst_Scheduling::slotsOn(const QString &token, const QString &providerId, qint64 from,
                                             qint64 to, int duration)
{
    return m_server.request("GET",
                            u"/api/appointments/availability?providerId=%1&from=%2&to=%3&duration=%4"_qs
                                .arg(providerId, wire(from), wire(to))
                                .arg(duration),
                            {},
                            token);
}

QList<int> tst_Scheduling::concurrently(const QList<std::tuple<QByteArray, QString, QJsonObject>> &requests,
                                        const QString &token)
{
    // One manager per request: a manager keeps at most six connections per host, and the
    // point is that all of them are in flight together.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply *> replies;
    QEventLoop loop;
    int finished = 0;
    for (const auto &[method, path, body] : requests) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(m_server.baseUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setRawHeader("X-CRM-Schema", "1");
        QNetworkReply *reply = managers.back()->sendCustomRequest(request, method,
                                                                  QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (++finished == int(requests.size()))
                loop.quit();
        });
        replies << reply;
    }
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QList<int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
    }
    return statuses;
}

void tst_Scheduling::newProviderHasDefaultHours()
{
    const auto [id, token] = newAgent(QJsonObject());
    const auto reply = m_server.request("GET", u"/api/providers/%1/availability"_qs.arg(id), {}, token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[u"timeZone"_qs].toString(), u"UTC"_qs);
    QCOMPARE(reply.json[u"bufferMinutes"_qs].toInt(), 0);
    QCOMPARE(reply.json[u"minNoticeMinutes"_qs].toInt(), 60);
    QCOMPARE(reply.json[u"maxDaysAhead"_qs].toInt(), 60);
    const QJsonArray weekly = reply.json[u"weekly"_qs].toArray();
    QCOMPARE(weekly.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(weekly[i][u"dayOfWeek"_qs].toInt(), i + 1); // Monday..Friday
        QCOMPARE(weekly[i][u"startTime"_qs].toString(), u"09:00"_qs);
        QCOMPARE(weekly[i][u"endTime"_qs].toString(), u"17:00"_qs);
    }
    QVERIFY(reply.json[u"overrides"_qs].toArray().isEmpty());
    QVERIFY(reply.json[u"timeOff"_qs].toArray().isEmpty());
}

void tst_Scheduling::availabilityRoundTripsAndRefusesBadInput()
{
    const auto [id, token] = newAgent(QJsonObject());
    const QString path = u"/api/providers/%1/availability"_qs.arg(id);
    const QJsonObject wanted{
        {u"timeZone"_qs, u"Europe/Berlin"_qs},
        {u"bufferMinutes"_qs, 10},
        {u"minNoticeMinutes"_qs, 120},
        {u"maxDaysAhead"_qs, 30},
        {u"weekly"_qs,
         QJsonArray{QJsonObject{{u"dayOfWeek"_qs, 2}, {u"startTime"_qs, u"09:00"_qs}, {u"endTime"_qs, u"12:00"_qs}},
                    QJsonObject{{u"dayOfWeek"_qs, 2}, {u"startTime"_qs, u"13:00"_qs}, {u"endTime"_qs, u"17:00"_qs}}}},
        {u"overrides"_qs,
         QJsonArray{QJsonObject{{u"date"_qs, u"2027-03-20"_qs}, {u"windows"_qs, QJsonArray()}},
                    QJsonObject{{u"date"_qs, u"2027-03-21"_qs},
                                {u"windows"_qs, QJsonArray{QJsonObject{{u"startTime"_qs, u"10:00"_qs},
                                                                       {u"endTime"_qs, u"14:00"_qs}}}}}}}};
    const auto put = m_server.request("PUT", path, wanted, token);
    QCOMPARE(put.status, 200);
    const auto got = m_server.request("GET", path, {}, token);
    QCOMPARE(got.status, 200);
    for (const char *key : {"timeZone", "bufferMinutes", "minNoticeMinutes", "maxDaysAhead", "overrides"})
        QCOMPARE(got.json[QLatin1String(key)], wanted[QLatin1String(key)]);
    const QJsonArray weekly = got.json[u"weekly"_qs].toArray();
    QCOMPARE(weekly.size(), 2);
    QCOMPARE(weekly[0][u"endTime"_qs].toString(), u"12:00"_qs);
    QCOMPARE(weekly[1][u"startTime"_qs].toString(), u"13:00"_qs);
    QVERIFY(!weekly[0][u"id"_qs].toString().isEmpty());

    // Bad input: a clear error naming the field, and nothing of it stored.
    struct Bad
    {
        QJsonObject body;
        int status;
        QString field;
    };
    const QList<Bad> bad{
        {{{u"timeZone"_qs, u"Mars/Olympus"_qs}}, 422, u"timeZone"_qs},
        {{{u"bufferMinutes"_qs, -5}}, 422, u"bufferMinutes"_qs},
        {{{u"maxDaysAhead"_qs, 0}}, 422, u"maxDaysAhead"_qs},
        {{{u"weekly"_qs, QJsonArray{QJsonObject{{u"dayOfWeek"_qs, 1}, {u"startTime"_qs, u"17:00"_qs}, {u"endTime"_qs, u"09:00"_qs}}}}}, 422, u"weekly"_qs},
        {{{u"weekly"_qs, QJsonArray{QJsonObject{{u"dayOfWeek"_qs, 9}, {u"startTime"_qs, u"09:00"_qs}, {u"endTime"_qs, u"10:00"_qs}}}}}, 422, u"weekly"_qs},
        {{{u"weekly"_qs, QJsonArray{QJsonObject{{u"dayOfWeek"_qs, 1}, {u"startTime"_qs, u"9am"_qs}, {u"endTime"_qs, u"10:00"_qs}}}}}, 422, u"weekly"_qs},
        {{{u"overrides"_qs, QJsonArray{QJsonObject{{u"date"_qs, u"2027-02-30"_qs}, {u"windows"_qs, QJsonArray()}}}}}, 422, u"overrides"_qs},
        {{{u"weekly"_qs, u"all week"_qs}}, 400, u"weekly"_qs},
        {{{u"bufferMinutes"_qs, u"ten"_qs}}, 400, u"bufferMinutes"_qs},
    };
    for (const Bad &entry : bad) {
        const auto reply = m_server.request("PUT", path, entry.body, token);
        QVERIFY2(reply.status == entry.status, reply.raw.constData());
        QVERIFY2(reply.json[u"error"_qs][u"fields"_qs].toObject().contains(entry.field), reply.raw.constData());
    }
    QCOMPARE(m_server.request("GET", path, {}, token).json[u"weekly"_qs], got.json[u"weekly"_qs]);

    // Another provider's hours copied over, ids and all: saved as this provider's own rows,
    // the other's untouched.
    const auto [otherId, otherToken] = newAgent(QJsonObject());
    const auto copied = m_server.request("PUT", u"/api/providers/%1/availability"_qs.arg(otherId),
                                         QJsonObject{{u"weekly"_qs, got.json[u"weekly"_qs]}}, otherToken);
    QCOMPARE(copied.status, 200);
    QVERIFY(copied.json[u"weekly"_qs][0][u"id"_qs].toString() != weekly[0][u"id"_qs].toString());
    QCOMPARE(m_server.request("GET", path, {}, token).json[u"weekly"_qs], got.json[u"weekly"_qs]);
}

void tst_Scheduling::slotsFollowWindowsBookingsAndBuffer()
{
    const auto [id, token] = newAgent(everyDayNineToFive(15));
    const qint64 day = dayStart(3);
    auto answer = slotsOn(token, id, day, day + Day);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json[u"providerId"_qs].toString(), id);
    QCOMPARE(answer.json[u"timeZone"_qs].toString(), u"UTC"_qs);
    QList<qint64> starts = slotStarts(answer);
    QCOMPARE(starts.size(), 31); // 09:00, 09:15 .. 16:30
    QCOMPARE(starts.first(), day + 9 * Hour);
    QCOMPARE(starts.last(), day + 16 * Hour + 30 * Minute);
    QCOMPARE(fromWire(answer.json[u"slots"_qs][0][u"end"_qs].toString()), day + 9 * Hour + 30 * Minute);

    QCOMPARE(book(token, id, day + 10 * Hour).status, 201);
    starts = slotStarts(slotsOn(token, id, day, day + Day));
    // 10:00–10:30 with 15 minutes either side: nothing may start from 09:30 to 10:30.
    QVERIFY(starts.contains(day + 9 * Hour + 15 * Minute));
    for (qint64 at = day + 9 * Hour + 30 * Minute; at <= day + 10 * Hour + 30 * Minute; at += 15 * Minute)
        QVERIFY2(!starts.contains(at), qPrintable(wire(at)));
    QVERIFY(starts.contains(day + 10 * Hour + 45 * Minute));

    // A 60-minute slot needs the whole hour clear.
    const QList<qint64> hours = slotStarts(slotsOn(token, id, day, day + Day, 60));
    QVERIFY(hours.contains(day + 10 * Hour + 45 * Minute));
    QVERIFY(!hours.contains(day + 9 * Hour));
    QVERIFY(hours.contains(day + 16 * Hour));
    QVERIFY(!hours.contains(day + 16 * Hour + 15 * Minute));
}

void tst_Scheduling::slotQueriesRefuseBadRanges()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(1);
    QCOMPARE(slotsOn(token, id, day, day + 63 * Day).status, 422);
    QCOMPARE(slotsOn(token, id, day + Day, day).status, 422);
    QCOMPARE(slotsOn(token, id, day, day + Day, 4).status, 422);
    QCOMPARE(slotsOn(token, id, day, day + Day, 481).status, 422);
    const auto notATime = m_server.request("GET", u"/api/appointments/availability?providerId=%1&from=today&to=%2"_qs.arg(id, wire(day)), {}, token);
    QCOMPARE(notATime.status, 400);
    QVERIFY(notATime.json[u"error"_qs][u"fields"_qs].toObject().contains(u"from"_qs));
    QCOMPARE(m_server.request("GET", u"/api/appointments/availability?providerId=%1&from=%2&to=%3&duration=half"_qs
                                         .arg(id, wire(day), wire(day + Day)), {}, token).status,
             400);
}

void tst_Scheduling::dstDayInNewYorkKeepsLocalHours()
{
    // Spring forward in New York on the second Sunday of March: 09:00–17:00 local is 13:00Z
    // to 21:00Z that day and 14:00Z to 22:00Z the day before.
    QJsonObject hours = everyDayNineToFive();
    hours[u"timeZone"_qs] = u"America/New_York"_qs;
    hours[u"maxDaysAhead"_qs] = 365;
    const auto [id, token] = newAgent(hours);
    const QTimeZone newYork("America/New_York");
    QDate sunday(QDate::currentDate().year() + 1, 3, 8);
    while (sunday.dayOfWeek() != Qt::Sunday)
        sunday = sunday.addDays(1);
    const qint64 before = QDateTime(sunday.addDays(-1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 after = QDateTime(sunday, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const QList<qint64> saturday = slotStarts(slotsOn(token, id, before, before + Day));
    const QList<qint64> transition = slotStarts(slotsOn(token, id, after, after + Day));
    QVERIFY(!saturday.isEmpty() && !transition.isEmpty());
    QCOMPARE(saturday.first(), before + 14 * Hour);
    QCOMPARE(saturday.last(), before + 21 * Hour + 30 * Minute);
    QCOMPARE(transition.first(), after + 13 * Hour);
    QCOMPARE(transition.last(), after + 20 * Hour + 30 * Minute);
    // An afternoon booking keeps its local hour too (the bug that used to hide behind 9 AM).
    const qint64 threePm = QDateTime(sunday, QTime(15, 0), newYork).toMSecsSinceEpoch();
    QCOMPARE(threePm, after + 19 * Hour);
    QCOMPARE(book(token, id, threePm).status, 201);
    QVERIFY(!slotStarts(slotsOn(token, id, after, after + Day)).contains(threePm));
}

void tst_Scheduling::overlapIsRefusedWithSuggestions()
{
    const auto [id, token] = newAgent(everyDayNineToFive(10));
    const qint64 day = dayStart(4);
    const auto first = book(token, id, day + 11 * Hour, 60);
    QCOMPARE(first.status, 201);
    const QString firstId = first.json[u"id"_qs].toString();

    // Same start, a shorter one inside, one that only touches the buffer: all refused.
    for (const auto &[start, duration] : {std::pair{day + 11 * Hour, 30},
                                          std::pair{day + 11 * Hour + 30 * Minute, 15},
                                          std::pair{day + 10 * Hour + 30 * Minute, 25},
                                          std::pair{day + 12 * Hour + 5 * Minute, 30}}) {
        const auto refused = book(token, id, start, duration);
        QCOMPARE(refused.status, 409);
        QCOMPARE(errorCode(refused), u"slot_taken"_qs);
        const QJsonObject conflicting = refused.json[u"error"_qs][u"conflicting"_qs].toObject();
        QCOMPARE(conflicting[u"id"_qs].toString(), firstId);
        QCOMPARE(fromWire(conflicting[u"start"_qs].toString()), day + 11 * Hour);
        QCOMPARE(fromWire(conflicting[u"end"_qs].toString()), day + 12 * Hour);
        const QJsonArray suggestions = refused.json[u"error"_qs][u"suggestions"_qs].toArray();
        QCOMPARE(suggestions.size(), 3);
        // Each suggestion is free and as long as asked: booking it would succeed.
        const QList<qint64> free = slotStarts(slotsOn(token, id, day, day + Day, duration));
        for (const QJsonValue &suggestion : suggestions) {
            const qint64 at = fromWire(suggestion[u"start"_qs].toString());
            QVERIFY(free.contains(at));
            QCOMPARE(fromWire(suggestion[u"end"_qs].toString()) - at, duration * Minute);
            QVERIFY(qAbs(at - start) <= 3 * Hour);
        }
    }
    // Just clear of the buffer: fine.
    QCOMPARE(book(token, id, day + 12 * Hour + 10 * Minute, 20).status, 201);
    QCOMPARE(m_server.sql(u"SELECT count(*) FROM appointments WHERE providerId = '%1'"_qs.arg(id)).value(0).value(0).toInt(), 2);
}

void tst_Scheduling::outsideAvailabilityNeedsOverride()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(5);
    const auto evening = book(token, id, day + 20 * Hour);
    QCOMPARE(evening.status, 422);
    QCOMPARE(errorCode(evening), u"outside_availability"_qs);
    const auto farAhead = book(token, id, dayStart(70) + 10 * Hour);
    QCOMPARE(errorCode(farAhead), u"outside_availability"_qs);
    const auto acrossClosing = book(token, id, day + 16 * Hour + 45 * Minute, 30);
    QCOMPARE(errorCode(acrossClosing), u"outside_availability"_qs);

    const auto manual = book(token, id, day + 20 * Hour, 30, {{u"override"_qs, true}});
    QCOMPARE(manual.status, 201);
    // Override is not a licence to double-book.
    const auto overlapping = book(m_admin, id, day + 20 * Hour + 15 * Minute, 30, {{u"override"_qs, true}});
    QCOMPARE(overlapping.status, 409);
    QCOMPARE(errorCode(overlapping), u"slot_taken"_qs);
}

void tst_Scheduling::retriedCreateBooksOnce()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(6);
    const QString appointmentId = newId();
    const auto first = book(token, id, day + 9 * Hour, 30, {{u"id"_qs, appointmentId}});
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json[u"id"_qs].toString(), appointmentId);
    const auto again = book(token, id, day + 9 * Hour, 30, {{u"id"_qs, appointmentId}});
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json, first.json);
    QCOMPARE(m_server.sql(u"SELECT count(*) FROM appointments WHERE providerId = '%1'"_qs.arg(id)).value(0).value(0).toInt(), 1);
    QCOMPARE(book(token, id, day + 9 * Hour, 30, {{u"id"_qs, u"NOT-A-UUID"_qs}}).status, 422);
}

void tst_Scheduling::scopeKeepsCalendarsApart()
{
    const auto [ana, anaToken] = newAgent();
    const auto [ben, benToken] = newAgent();
    const qint64 day = dayStart(7);
    const QString lead = createLead(anaToken);
    const auto mine = book(anaToken, ana, day + 9 * Hour, 30, {{u"leadId"_qs, lead}});
    QCOMPARE(mine.status, 201);
    const QString appointmentId = mine.json[u"id"_qs].toString();
    QCOMPARE(mine.json[u"leadId"_qs].toString(), lead);
    QCOMPARE(mine.json[u"providerId"_qs].toString(), ana);
    QCOMPARE(mine.json[u"status"_qs].toString(), u"scheduled"_qs);
    QCOMPARE(mine.json[u"version"_qs].toInt(), 1);

    // Another agent: not their appointment (404), not their calendar to book in (403), not
    // their lead to book with (422 naming leadId, saying nothing about whose it is).
    QCOMPARE(m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, benToken).status, 404);
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId, QJsonObject{{u"status"_qs, u"cancelled"_qs}}, benToken).status, 404);
    QCOMPARE(m_server.request("GET", u"/api/appointments/%1/reminders"_qs.arg(appointmentId), {}, benToken).status, 404);
    QCOMPARE(book(benToken, ana, day + 10 * Hour).status, 403);
    const auto foreignLead = book(benToken, ben, day + 10 * Hour, 30, {{u"leadId"_qs, lead}});
    QCOMPARE(foreignLead.status, 422);
    QVERIFY(foreignLead.json[u"error"_qs][u"fields"_qs].toObject().contains(u"leadId"_qs));
    QCOMPARE(m_server.request("GET", u"/api/providers/%1/availability"_qs.arg(ana), {}, benToken).status, 404);
    QCOMPARE(slotsOn(benToken, ana, day, day + Day).status, 404);
    QCOMPARE(m_server.request("GET", u"/api/agent/appointments?providerId=%1"_qs.arg(ana), {}, benToken).status, 403);

    // The admin sees and books for anyone.
    QCOMPARE(m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_admin).status, 200);
    QCOMPARE(book(m_admin, ben, day + 11 * Hour).status, 201);
    // Every read of an appointment is audited, the refused one too.
    QVERIFY(m_server.sql(u"SELECT count(*) FROM audit_log WHERE action = 'appointment.read' AND entityId = '%1'"_qs
                             .arg(appointmentId)).value(0).value(0).toInt() >= 2);
}

void tst_Scheduling::statusMachineAndHistory()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(8);
    const QString lead = createLead(token);
    const auto booked = book(token, id, day + 9 * Hour, 30, {{u"leadId"_qs, lead}});
    QCOMPARE(booked.status, 201);
    const QString path = u"/api/appointments/"_qs + booked.json[u"id"_qs].toString();

    auto put = [&](const QJsonObject &body) { return m_server.request("PUT", path, body, token); };
    const auto moved = put({{u"scheduledDate"_qs, wire(day + 14 * Hour)}, {u"baseVersion"_qs, 1}});
    QCOMPARE(moved.status, 200);
    QCOMPARE(fromWire(moved.json[u"scheduledDate"_qs].toString()), day + 14 * Hour);
    QCOMPARE(moved.json[u"version"_qs].toInt(), 2);
    const auto stale = put({{u"notes"_qs, u"old copy"_qs}, {u"baseVersion"_qs, 1}});
    QCOMPARE(stale.status, 409);
    QCOMPARE(errorCode(stale), u"version_conflict"_qs);
    QCOMPARE(put({{u"status"_qs, u"confirmed"_qs}}).status, 200);
    QCOMPARE(put({{u"status"_qs, u"scheduled"_qs}}).status, 422);
    QCOMPARE(errorCode(put({{u"status"_qs, u"scheduled"_qs}})), u"invalid_transition"_qs);
    QCOMPARE(put({{u"status"_qs, u"no_show"_qs}}).status, 200);
    for (const char *next : {"completed", "cancelled", "confirmed"})
        QCOMPARE(errorCode(put({{u"status"_qs, QLatin1String(next)}})), u"invalid_transition"_qs);
    QCOMPARE(errorCode(put({{u"scheduledDate"_qs, wire(day + 15 * Hour)}})), u"invalid_transition"_qs);
    QCOMPARE(put({{u"status"_qs, u"sleeping"_qs}}).status, 400);
    // Notes stay editable after the meeting.
    const auto noted = put({{u"notes"_qs, u"Called, no answer."_qs}});
    QCOMPARE(noted.status, 200);
    QCOMPARE(noted.json[u"notes"_qs].toString(), u"Called, no answer."_qs);

    // The lead's history tells the story, with codes the desktop words in its language.
    const auto history = m_server.request("GET", u"/api/leads/%1/activities?limit=500"_qs.arg(lead), {}, token);
    QStringList codes;
    const QJsonArray items = history.json[u"items"_qs].toArray();
    for (const QJsonValue &item : items) {
        const QString code = item[u"code"_qs].toString();
        if (code.startsWith(u"appointment_"_qs))
            codes << code + u":"_qs + item[u"params"_qs][u"status"_qs].toString();
    }
    QVERIFY2(codes.contains(u"appointment_booked:"_qs), qPrintable(codes.join(u", "_qs)));
    QVERIFY2(codes.contains(u"appointment_rescheduled:"_qs), qPrintable(codes.join(u", "_qs)));
    QVERIFY2(codes.contains(u"appointment_status:no_show"_qs), qPrintable(codes.join(u", "_qs)));

    // A cancelled appointment frees its time.
    const auto other = book(token, id, day + 10 * Hour);
    QCOMPARE(other.status, 201);
    QCOMPARE(book(token, id, day + 10 * Hour).status, 409);
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + other.json[u"id"_qs].toString(),
                              QJsonObject{{u"status"_qs, u"cancelled"_qs}}, token).status,
             200);
    QCOMPARE(book(token, id, day + 10 * Hour).status, 201);
}

void tst_Scheduling::remindersAreCreatedMovedAndCancelled()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(9);
    const QString lead = createLead(token, true);
    const auto booked = book(token, id, day + 10 * Hour, 30, {{u"leadId"_qs, lead}});
    QCOMPARE(booked.status, 201);
    const QString appointmentId = booked.json[u"id"_qs].toString();
    const QString remindersPath = u"/api/appointments/%1/reminders"_qs.arg(appointmentId);
    auto reminders = [&] {
        const auto reply = m_server.request("GET", remindersPath, {}, token);
        return reply.body.toArray();
    };
    QJsonArray rows = reminders();
    QCOMPARE(rows.size(), 4); // 24 h and 2 h before, by e-mail and (opted in) by SMS
    QMap<QString, QList<qint64>> due;
    for (const QJsonValue &row : std::as_const(rows)) {
        QCOMPARE(row[u"status"_qs].toString(), u"pending"_qs);
        QCOMPARE(row[u"appointmentId"_qs].toString(), appointmentId);
        QCOMPARE(row[u"attempts"_qs].toInt(), 0);
        QVERIFY(row[u"sentAt"_qs].isNull());
        due[row[u"reminderType"_qs].toString()] << fromWire(row[u"scheduledFor"_qs].toString());
    }
    const QList<qint64> expected{day + 10 * Hour - 24 * Hour, day + 10 * Hour - 2 * Hour};
    QCOMPARE(due.value(u"email"_qs), expected);
    QCOMPARE(due.value(u"sms"_qs), expected);

    // A reschedule moves them.
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"scheduledDate"_qs, wire(day + Day + 15 * Hour)}}, token).status,
             200);
    rows = reminders();
    QList<qint64> moved;
    for (const QJsonValue &row : std::as_const(rows)) {
        if (row[u"status"_qs].toString() == u"pending"_qs && row[u"reminderType"_qs].toString() == u"email"_qs)
            moved << fromWire(row[u"scheduledFor"_qs].toString());
    }
    QCOMPARE(moved, (QList<qint64>{day + 15 * Hour, day + Day + 13 * Hour}));

    // Send one now: a row due at once; SMS refused for a lead who did not opt in.
    const auto now = m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(appointmentId),
                                      QJsonObject{{u"channel"_qs, u"email"_qs}}, token);
    QCOMPARE(now.status, 202);
    QCOMPARE(now.json[u"status"_qs].toString(), u"pending"_qs);
    QVERIFY(qAbs(fromWire(now.json[u"scheduledFor"_qs].toString()) - QDateTime::currentMSecsSinceEpoch()) < Minute);
    QCOMPARE(m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(appointmentId),
                              QJsonObject{{u"channel"_qs, u"pigeon"_qs}}, token).status,
             400);
    const QString quietLead = createLead(token, false);
    const auto quiet = book(token, id, day + 16 * Hour, 30, {{u"leadId"_qs, quietLead}});
    QCOMPARE(m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(quiet.json[u"id"_qs].toString()),
                              QJsonObject{{u"channel"_qs, u"sms"_qs}}, token).status,
             422);

    // A cancellation cancels everything still pending.
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"status"_qs, u"cancelled"_qs}}, token).status,
             200);
    rows = reminders();
    QVERIFY(!rows.isEmpty());
    for (const QJsonValue &row : std::as_const(rows))
        QCOMPARE(row[u"status"_qs].toString(), u"cancelled"_qs);
}

void tst_Scheduling::lateBookingGetsAReminderAtOnce()
{
    QJsonObject allDay = everyDayNineToFive();
    QJsonArray weekly;
    for (int day = 0; day < 7; ++day)
        weekly.append(QJsonObject{{u"dayOfWeek"_qs, day}, {u"startTime"_qs, u"00:00"_qs}, {u"endTime"_qs, u"24:00"_qs}});
    allDay[u"weekly"_qs] = weekly;
    const auto [id, token] = newAgent(allDay);
    const QString lead = createLead(token);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 soon = (now / (15 * Minute) + 4) * 15 * Minute; // within the hour
    const auto booked = book(token, id, soon, 30, {{u"leadId"_qs, lead}});
    QCOMPARE(booked.status, 201);
    const QJsonArray rows = m_server.request("GET", u"/api/appointments/%1/reminders"_qs.arg(booked.json[u"id"_qs].toString()), {}, token).body.toArray();
    QCOMPARE(rows.size(), 1);
    QVERIFY(fromWire(rows[0][u"scheduledFor"_qs].toString()) <= QDateTime::currentMSecsSinceEpoch());
}

void tst_Scheduling::timeOffClosesSlots()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(10);
    const QString path = u"/api/providers/%1/time-off"_qs.arg(id);
    const auto added = m_server.request("POST", path,
                                        QJsonObject{{u"start"_qs, wire(day + 12 * Hour)},
                                                    {u"end"_qs, wire(day + Day)},
                                                    {u"reason"_qs, u"Dentist"_qs}},
                                        token);
    QCOMPARE(added.status, 201);
    const QString timeOffId = added.json[u"id"_qs].toString();
    QVERIFY(!timeOffId.isEmpty());
    const QList<qint64> starts = slotStarts(slotsOn(token, id, day, day + Day));
    QVERIFY(!starts.isEmpty());
    QVERIFY(starts.last() + 30 * Minute <= day + 12 * Hour);
    QCOMPARE(errorCode(book(token, id, day + 13 * Hour)), u"outside_availability"_qs);
    const auto shown = m_server.request("GET", u"/api/providers/%1/availability"_qs.arg(id), {}, token);
    QCOMPARE(shown.json[u"timeOff"_qs][0][u"id"_qs].toString(), timeOffId);
    QCOMPARE(shown.json[u"timeOff"_qs][0][u"reason"_qs].toString(), u"Dentist"_qs);

    QCOMPARE(m_server.request("POST", path, QJsonObject{{u"start"_qs, wire(day + Day)}, {u"end"_qs, wire(day)}}, token).status, 422);
    QCOMPARE(m_server.request("POST", path, QJsonObject{{u"start"_qs, wire(day)}}, token).status, 422);
    QCOMPARE(m_server.request("DELETE", path + u"/"_qs + newId(), {}, token).status, 404);
    QCOMPARE(m_server.request("DELETE", path + u"/"_qs + timeOffId, {}, token).status, 204);
    QCOMPARE(slotStarts(slotsOn(token, id, day, day + Day)).last(), day + 16 * Hour + 30 * Minute);
    QCOMPARE(book(token, id, day + 13 * Hour).status, 201);
}

void tst_Scheduling::thirtyClientsBookingOneSlotGetOneWinner()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(11);
    QList<std::tuple<QByteArray, QString, QJsonObject>> requests;
    for (int i = 0; i < 30; ++i) {
        // Same start, or a longer one over it: every pair overlaps.
        requests.append({QByteArrayLiteral("POST"), u"/api/appointments"_qs,
                         QJsonObject{{u"id"_qs, newId()},
                                     {u"providerId"_qs, id},
                                     {u"appointmentType"_qs, u"consultation"_qs},
                                     {u"scheduledDate"_qs, wire(day + 10 * Hour + (i % 2) * 15 * Minute)},
                                     {u"duration"_qs, i % 2 ? 30 : 60}}});
    }
    const QList<int> statuses = concurrently(requests, token);
    QCOMPARE(statuses.count(201), 1);
    QCOMPARE(statuses.count(409), 29);
    QCOMPARE(m_server.sql(u"SELECT count(*) FROM appointments WHERE providerId = '%1'"_qs.arg(id)).value(0).value(0).toInt(), 1);
}

void tst_Scheduling::thirtyReschedulesOntoOneSlotGetOneWinner()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(12);
    QList<std::tuple<QByteArray, QString, QJsonObject>> requests;
    for (int i = 0; i < 30; ++i) {
        const qint64 start = day + 9 * Hour + (i / 15) * Day + (i % 15) * 30 * Minute;
        const auto booked = book(token, id, start, 15);
        QCOMPARE(booked.status, 201);
        requests.append({QByteArrayLiteral("PUT"), u"/api/appointments/"_qs + booked.json[u"id"_qs].toString(),
                         QJsonObject{{u"scheduledDate"_qs, wire(day + 2 * Day + 12 * Hour)}}});
    }
    const QList<int> statuses = concurrently(requests, token);
    QCOMPARE(statuses.count(200), 1);
    QCOMPARE(statuses.count(409), 29);
    QCOMPARE(m_server.sql(u"SELECT count(*) FROM appointments WHERE providerId = '%1' AND scheduledDate = %2"_qs
                              .arg(id).arg(day + 2 * Day + 12 * Hour)).value(0).value(0).toInt(),
             1);
}

void tst_Scheduling::listsTheCallersAppointments()
{
    const auto [id, token] = newAgent();
    const qint64 day = dayStart(13);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(book(token, id, day + (9 + i) * Hour).status, 201);
    const auto all = m_server.request("GET", u"/api/agent/appointments?limit=2&from=%1"_qs.arg(wire(day)), {}, token);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json[u"total"_qs].toInt(), 5);
    QCOMPARE(all.json[u"items"_qs].toArray().size(), 2);
    QStringList seen;
    QString cursor = all.json[u"nextCursor"_qs].toString();
    for (const QJsonValue &item : all.json[u"items"_qs].toArray())
        seen << item[u"id"_qs].toString();
    while (!cursor.isEmpty()) {
        const auto page = m_server.request("GET", u"/api/agent/appointments?limit=2&from=%1&cursor=%2"_qs.arg(wire(day), cursor), {}, token);
        QCOMPARE(page.status, 200);
        for (const QJsonValue &item : page.json[u"items"_qs].toArray())
            seen << item[u"id"_qs].toString();
        cursor = page.json[u"nextCursor"_qs].toString();
    }
    QCOMPARE(seen.size(), 5);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 5);
    const auto narrowed = m_server.request("GET", u"/api/agent/appointments?from=%1&to=%2&status=scheduled"_qs
                                                      .arg(wire(day + 10 * Hour), wire(day + 12 * Hour)), {}, token);
    QCOMPARE(narrowed.json[u"total"_qs].toInt(), 2);
    QCOMPARE(m_server.request("GET", u"/api/agent/appointments?status=later"_qs, {}, token).status, 400);
    const auto forAdmin = m_server.request("GET", u"/api/agent/appointments?providerId=%1"_qs.arg(id), {}, m_admin);
    QCOMPARE(forAdmin.json[u"total"_qs].toInt(), 5);
    // Without providerId, the caller's own calendar, an admin's too (API.md).
    QCOMPARE(m_server.request("GET", u"/api/agent/appointments"_qs, {}, m_admin).json[u"total"_qs].toInt(), 0);
}

void tst_Scheduling::calendarFeedFollowsChanges()
{
    const auto [id, token] = newAgent();
    const auto [other, otherToken] = newAgent();
    const qint64 day = dayStart(14);
    QCOMPARE(m_server.request("GET", u"/api/agent/calendar.ics"_qs).status, 401);
    const auto issued = m_server.request("POST", u"/api/agent/calendar-token"_qs, {}, token);
    QCOMPARE(issued.status, 200);
    const QString feedToken = issued.json[u"token"_qs].toString();
    QVERIFY(feedToken.size() >= 32);
    // Stored as a digest, like the other tokens.
    QCOMPARE(m_server.sql(u"SELECT count(*) FROM provider_settings WHERE feedTokenHash = '%1'"_qs.arg(feedToken)).value(0).value(0).toInt(), 0);
    const QString feedPath = u"/api/agent/calendar.ics?token="_qs + feedToken;

    const QString lead = createLead(token);
    const auto booked = book(token, id, day + 9 * Hour, 30, {{u"leadId"_qs, lead}, {u"notes"_qs, u"Diabetes, insulin"_qs}});
    QCOMPARE(booked.status, 201);
    const QString appointmentId = booked.json[u"id"_qs].toString();
    const QString uid = appointmentId + u"@agent-crm"_qs;
    auto feed = m_server.request("GET", feedPath); // no Authorization: a calendar app subscribing
    QCOMPARE(feed.status, 200);
    QVERIFY(feed.header("Content-Type").startsWith("text/calendar"));
    QVERIFY(!feed.raw.contains("Diabetes")); // nothing of the notes leaves in a feed
    QHash<QString, FeedEvent> events = feedEvents(feed.raw);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.value(uid).start, day + 9 * Hour);
    const int first = events.value(uid).sequence;

    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"scheduledDate"_qs, wire(day + 11 * Hour)}}, token).status, 200);
    events = feedEvents(m_server.request("GET", feedPath).raw);
    QCOMPARE(events.value(uid).start, day + 11 * Hour);
    QVERIFY(events.value(uid).sequence > first);
    const int moved = events.value(uid).sequence;
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"status"_qs, u"cancelled"_qs}}, token).status, 200);
    events = feedEvents(m_server.request("GET", feedPath).raw);
    QCOMPARE(events.size(), 1); // still there, marked, so subscribers drop it
    QCOMPARE(events.value(uid).status, u"CANCELLED"_qs);
    QVERIFY(events.value(uid).sequence > moved);

    // One appointment as .ics: the provider's, nobody else's.
    const auto one = m_server.request("GET", u"/api/appointments/%1/ics"_qs.arg(appointmentId), {}, token);
    QCOMPARE(one.status, 200);
    QCOMPARE(feedEvents(one.raw).keys(), QList<QString>{uid});
    QCOMPARE(m_server.request("GET", u"/api/appointments/%1/ics"_qs.arg(appointmentId), {}, otherToken).status, 404);

    // Rotating makes the old link stop working.
    const auto rotated = m_server.request("POST", u"/api/agent/calendar-token"_qs, {}, token);
    QVERIFY(rotated.json[u"token"_qs].toString() != feedToken);
    QCOMPARE(m_server.request("GET", feedPath).status, 401);
    QCOMPARE(m_server.request("GET", u"/api/agent/calendar.ics?token="_qs + rotated.json[u"token"_qs].toString()).status, 200);
}

QTEST_MAIN(tst_Scheduling)
#include "tst_scheduling.moc"
