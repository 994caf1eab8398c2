#include "availabilitybench.h"

#include "benchserver.h"
#include "benchstats.h"
#include "domain/slotcalculator.h"
#include "domain/wiretime.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace CrmBench {

namespace {

using Crm::Availability;
using Crm::SlotCalculator;
using Crm::TimeRange;

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Quarter = 15 * Minute;
constexpr qint64 Day = 24 * 60 * Minute;

const auto AdminEmail = QLatin1String("admin@bench.agentcrm.test");
const auto AdminPassword = QLatin1String("bench-admin-2026");
const auto AgentEmail = QLatin1String("busy@bench.agentcrm.test");
const auto AgentPassword = QLatin1String("bench-agent-2026");
const auto ProviderPassword = QLatin1String("bench-provider-2026");

// Five windows on each working day, in the provider's zone.
const QList<QPair<QTime, QTime>> &windows()
{
    static const QList<QPair<QTime, QTime>> list{{QTime(8, 0), QTime(9, 30)},
                                                 {QTime(10, 0), QTime(11, 30)},
                                                 {QTime(12, 30), QTime(14, 0)},
                                                 {QTime(14, 30), QTime(16, 0)},
                                                 {QTime(16, 30), QTime(18, 0)}};
    return list;
}

constexpr int FirstWorkingDay = 1; // Monday
constexpr int LastWorkingDay = 5;

Availability provider()
{
    Availability availability;
    availability.timeZone = QStringLiteral("America/Chicago");
    availability.bufferMinutes = 10;
    availability.minNoticeMinutes = 60;
    availability.maxDaysAhead = 365;
    for (int day = FirstWorkingDay; day <= LastWorkingDay; ++day) {
        for (const auto &[start, end] : windows())
            availability.weekly.append({QString(), day, {start, end}, true});
    }
    return availability;
}

QJsonObject window(int dayOfWeek, const QString &start, const QString &end)
{
    return {{QStringLiteral("dayOfWeek"), dayOfWeek},
            {QStringLiteral("startTime"), start},
            {QStringLiteral("endTime"), end},
            {QStringLiteral("isActive"), true}};
}

// PUT /api/providers/:id/availability of the busy provider: the in-process windows.
QByteArray busyProviderHours()
{
    QJsonArray weekly;
    for (int day = FirstWorkingDay; day <= LastWorkingDay; ++day) {
        for (const auto &[start, end] : windows()) {
            weekly.append(window(day,
                                 start.toString(QStringLiteral("HH:mm")),
                                 end.toString(QStringLiteral("HH:mm"))));
        }
    }
    return compact({{QStringLiteral("timeZone"), QStringLiteral("America/Chicago")},
                    {QStringLiteral("bufferMinutes"), 0},
                    {QStringLiteral("minNoticeMinutes"), 60},
                    {QStringLiteral("maxDaysAhead"), 365},
                    {QStringLiteral("weekly"), weekly},
                    {QStringLiteral("overrides"), QJsonArray()}});
}

// The booking run's providers: every day around the clock.
QByteArray openProviderHours()
{
    QJsonArray weekly;
    for (int day = 0; day <= 6; ++day)
        weekly.append(window(day, QStringLiteral("00:00"), QStringLiteral("24:00")));
    return compact({{QStringLiteral("timeZone"), QStringLiteral("UTC")},
                    {QStringLiteral("bufferMinutes"), 0},
                    {QStringLiteral("minNoticeMinutes"), 0},
                    {QStringLiteral("maxDaysAhead"), 365},
                    {QStringLiteral("weekly"), weekly},
                    {QStringLiteral("overrides"), QJsonArray()}});
}

QByteArray booking(const QString &providerId, qint64 start, int minutes, bool override)
{
    QJsonObject body{{QStringLiteral("providerId"), providerId},
                     {QStringLiteral("appointmentType"), QStringLiteral("consultation")},
                     {QStringLiteral("scheduledDate"), Crm::WireTime::toWire(start)},
                     {QStringLiteral("duration"), minutes}};
    if (override)
        body.insert(QStringLiteral("override"), true);
    return compact(body);
}

// A crm-server serve on the benchmark's database, signed in as the admin and the agent.
struct Server
{
    ChildProcess process;
    QUrl base;
    QByteArray admin;
    QByteArray agent;
};

Crm::Status startServer(Server &server,
                        const QString &program,
                        const QString &dbSpec,
                        const QProcessEnvironment &environment,
                        const QString &logPath,
                        QNetworkAccessManager &network)
{
    if (!server.process.start(program,
                              {QStringLiteral("serve"),
                               QStringLiteral("--db"),
                               dbSpec,
                               QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:0")},
                              logPath,
                              environment)) {
        return failure(QStringLiteral("server_failed"),
                       AvailabilityBench::tr("Cannot start %1: %2")
                           .arg(program, server.process.errorString()));
    }
    const Crm::Result<QUrl> base = waitForServer(server.process, logPath);
    if (!base.ok())
        return base.error();
    server.base = base.value();
    const Crm::Result<QByteArray> admin = login(network, server.base, AdminEmail, AdminPassword);
    if (!admin.ok())
        return admin.error();
    server.admin = admin.value();
    const Crm::Result<QByteArray> agent = login(network, server.base, AgentEmail, AgentPassword);
    if (!agent.ok())
        return agent.error();
    server.agent = agent.value();
    return {};
}

struct Latency
{
    double p50 = 0;
    double p95 = 0;
    double slotsPerQuery = 0;
};

struct SlotQuery
{
    qint64 from = 0;
    int duration = 30;
};

// The queries one at a time, after one untimed query (the connection; for a cached server,
// the cache).
Crm::Result<Latency> timeQueries(QNetworkAccessManager &network,
                                 const Server &server,
                                 const QString &providerId,
                                 const QList<SlotQuery> &queries)
{
    const auto url = [&](const SlotQuery &query) {
        QUrlQuery keys;
        keys.addQueryItem(QStringLiteral("providerId"), providerId);
        keys.addQueryItem(QStringLiteral("from"), Crm::WireTime::toWire(query.from));
        keys.addQueryItem(QStringLiteral("to"),
                          Crm::WireTime::toWire(query.from + AvailabilityBench::RangeDays * Day));
        keys.addQueryItem(QStringLiteral("duration"), QString::number(query.duration));
        return apiUrl(server.base, QStringLiteral("/api/appointments/availability"), keys);
    };
    const Reply warmUp = fetch(network, "GET", url(queries.first()), {}, server.agent);
    if (warmUp.status != 200) {
        return failure(QStringLiteral("server_failed"),
                       AvailabilityBench::tr("GET /api/appointments/availability failed: %1")
                           .arg(describe(warmUp)));
    }
    std::vector<double> times;
    times.reserve(std::size_t(queries.size()));
    qint64 slotCount = 0;
    for (const SlotQuery &query : queries) {
        const QUrl address = url(query);
        QElapsedTimer timer;
        timer.start();
        const Reply reply = fetch(network, "GET", address, {}, server.agent);
        times.push_back(milliseconds(timer));
        if (reply.status != 200) {
            return failure(QStringLiteral("server_failed"),
                           AvailabilityBench::tr("GET %1 failed: %2")
                               .arg(address.toString(), describe(reply)));
        }
        slotCount += QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QLatin1String("slots"))
                     .toArray()
                     .size();
    }
    return Latency{percentile(times, 0.50),
                   percentile(times, 0.95),
                   double(slotCount) / double(queries.size())};
}

// Reads back every appointment of the providers and counts pairs of non-cancelled ones of a
// provider that overlap (each appointment against the furthest end before it).
struct ReadBack
{
    qint64 appointments = 0;
    qint64 overlaps = 0;
};

Crm::Result<ReadBack> readBack(QNetworkAccessManager &network,
                               const Server &server,
                               const QStringList &providerIds)
{
    ReadBack result;
    for (const QString &providerId : providerIds) {
        QList<TimeRange> held;
        QString cursor;
        do {
            QUrlQuery keys;
            keys.addQueryItem(QStringLiteral("providerId"), providerId);
            keys.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
            if (!cursor.isEmpty())
                keys.addQueryItem(QStringLiteral("cursor"), cursor);
            const Reply reply = fetch(network,
                                      "GET",
                                      apiUrl(server.base, QStringLiteral("/api/agent/appointments"), keys),
                                      {},
                                      server.admin);
            if (reply.status != 200) {
                return failure(QStringLiteral("server_failed"),
                               AvailabilityBench::tr("GET /api/agent/appointments failed: %1")
                                   .arg(describe(reply)));
            }
            const QJsonObject page = QJsonDocument::fromJson(reply.body).object();
            const QJsonArray items = page.value(QLatin1String("items")).toArray();
            for (const QJsonValue &value : items) {
                const QJsonObject item = value.toObject();
                ++result.appointments;
                if (item.value(QLatin1String("status")).toString() == QLatin1String("cancelled"))
                    continue;
                const std::optional<qint64> start = Crm::WireTime::fromWire(
                    item.value(QLatin1String("scheduledDate")).toString());
                if (!start) {
                    return failure(QStringLiteral("server_failed"),
                                   AvailabilityBench::tr("An appointment without a time: %1")
                                       .arg(QString::fromUtf8(compact(item))));
                }
                held.append({*start,
                             *start + item.value(QLatin1String("duration")).toInteger() * Minute});
            }
            cursor = page.value(QLatin1String("nextCursor")).toString();
        } while (!cursor.isEmpty());
        std::sort(held.begin(), held.end(), [](const TimeRange &a, const TimeRange &b) {
            return a.start < b.start;
        });
        qint64 end = std::numeric_limits<qint64>::min();
        for (const TimeRange &range : std::as_const(held)) {
            if (range.start < end)
                ++result.overlaps;
            end = std::max(end, range.end);
        }
    }
    return result;
}

} // namespace

QString AvailabilityBench::description() const
{
    return tr("free slots of a busy provider (in process, over HTTP uncached and cached) and "
              "concurrent booking");
}

Crm::Result<BenchmarkReport> AvailabilityBench::run(const Options &options)
{
    const int appointments = qMax(100, int(Appointments * options.rowsScale));
    const int queries = qMax(50, int(Queries * options.rowsScale));
    const int providers = qMax(10, int(Providers * options.rowsScale));
    const int bookingSeconds = options.durationSeconds > 0 ? options.durationSeconds
                                                           : DefaultBookingSeconds;
    const auto verdict = [](bool met) { return met ? tr("met") : tr("missed"); };

    // In process.
    const Availability availability = provider();
    QRandomGenerator random(20261203);
    const qint64 now = QDateTime(QDate(2026, 12, 3), QTime(9, 0), QTimeZone("America/Chicago"))
                           .toMSecsSinceEpoch();
    // A year of appointments around now, on the quarter hour, 30 or 60 minutes long.
    QList<TimeRange> busy;
    busy.reserve(appointments);
    for (int i = 0; i < appointments; ++i) {
        const qint64 start = now - 180 * Day + qint64(random.bounded(360 * 96)) * Quarter;
        busy.append({start, start + (random.bounded(2) ? 30 : 60) * Minute});
    }

    std::vector<double> times;
    times.reserve(std::size_t(queries));
    qint64 slotsFound = 0;
    for (int i = 0; i < queries; ++i) {
        const qint64 from = now + qint64(random.bounded(60)) * Day;
        const SlotCalculator::Query query{from,
                                          from + RangeDays * Day,
                                          random.bounded(2) ? 30 : 60,
                                          now};
        QElapsedTimer timer;
        timer.start();
        const QList<TimeRange> found = SlotCalculator::freeSlots(availability, busy, query);
        times.push_back(milliseconds(timer));
        slotsFound += found.size();
    }
    const double p50 = percentile(times, 0.50);
    const double p95 = percentile(times, 0.95);

    // Over HTTP: a fresh database with an admin and the busy provider.
    const QString serverProgram = QStringLiteral(CRM_SERVER_PROGRAM);
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }
    const QDir directory(temporary.path());
    const QString dbSpec = QStringLiteral("sqlite:") + directory.filePath(QStringLiteral("server.db"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The audit chain's key beside the database, not in the user's configuration.
    environment.insert(QStringLiteral("CRM_AUDIT_KEY_FILE"), directory.filePath(QStringLiteral("audit.key")));
    environment.remove(QStringLiteral("CRM_AVAILABILITY_CACHE"));
    if (const auto added = addUser(serverProgram, dbSpec, environment, AdminEmail,
                                   QStringLiteral("admin"), AdminPassword);
        !added.ok()) {
        return added.error();
    }
    const Crm::Result<QString> agent = addUser(serverProgram, dbSpec, environment, AgentEmail,
                                               QStringLiteral("agent"), AgentPassword);
    if (!agent.ok())
        return agent.error();
    const QString agentId = agent.value();

    QNetworkAccessManager network;
    QProcessEnvironment uncachedEnvironment = environment;
    uncachedEnvironment.insert(QStringLiteral("CRM_AVAILABILITY_CACHE"), QStringLiteral("off"));
    auto uncached = std::make_unique<Server>();
    if (const Crm::Status started = startServer(*uncached, serverProgram, dbSpec, uncachedEnvironment,
                                                directory.filePath(QStringLiteral("uncached.log")),
                                                network);
        !started.ok()) {
        return started.error();
    }
    const Reply hours = fetch(network,
                              "PUT",
                              apiUrl(uncached->base, QStringLiteral("/api/providers/%1/availability").arg(agentId)),
                              busyProviderHours(),
                              uncached->agent);
    if (hours.status != 200) {
        return failure(QStringLiteral("server_failed"),
                       tr("PUT availability failed: %1").arg(describe(hours)));
    }

    // The calendar: `appointments` of 30 or 60 minutes one after the other over 360 days from
    // 180 days ago, with the rest of the year's quarter hours spread between them at random;
    // booked in random order.
    const qint64 realNow = QDateTime::currentMSecsSinceEpoch();
    const qint64 quarterNow = realNow - realNow % Quarter;
    struct Planned
    {
        qint64 start;
        int minutes;
    };
    QList<Planned> plan;
    {
        const qint64 quarters = 360 * 96;
        QList<int> lengths;
        qint64 used = 0;
        for (int i = 0; i < appointments; ++i) {
            lengths.append(random.bounded(2) ? 2 : 4);
            used += lengths.last();
        }
        std::vector<qint64> gaps(std::size_t(appointments) + 1, 0);
        for (qint64 i = 0; i < quarters - used; ++i)
            ++gaps[std::size_t(random.bounded(appointments + 1))];
        qint64 at = quarterNow - 180 * Day;
        for (int i = 0; i < appointments; ++i) {
            at += gaps[std::size_t(i)] * Quarter;
            plan.append({at, lengths[i] * 15});
            at += lengths[i] * Quarter;
        }
        std::shuffle(plan.begin(), plan.end(), random);
    }
    Tally seeded;
    {
        qsizetype nextPlanned = 0;
        const QUrl bookUrl = apiUrl(uncached->base, QStringLiteral("/api/appointments"));
        Connections connections(SetupConnections, uncached->agent);
        connections.run(
            [&]() -> std::optional<Call> {
                if (nextPlanned == plan.size())
                    return std::nullopt;
                const Planned &next = plan[nextPlanned++];
                return Call{"POST", bookUrl, booking(agentId, next.start, next.minutes, true)};
            },
            [&](const Call &, const Reply &reply) { seeded.add(reply, {201, 409}); });
    }
    if (seeded.unexpected({201, 409}) > 0) {
        return failure(QStringLiteral("server_failed"),
                       tr("POST /api/appointments failed: %1").arg(seeded.firstUnexpected));
    }

    QList<SlotQuery> slotQueries;
    for (int i = 0; i < queries; ++i)
        slotQueries.append({quarterNow + qint64(random.bounded(60)) * Day, random.bounded(2) ? 30 : 60});
    const Crm::Result<Latency> uncachedLatency = timeQueries(network, *uncached, agentId, slotQueries);
    if (!uncachedLatency.ok())
        return uncachedLatency.error();
    uncached.reset();

    // The same database, a server with its cache.
    Server cached;
    if (const Crm::Status started = startServer(cached, serverProgram, dbSpec, environment,
                                                directory.filePath(QStringLiteral("cached.log")),
                                                network);
        !started.ok()) {
        return started.error();
    }
    const Crm::Result<Latency> cachedLatency = timeQueries(network, cached, agentId, slotQueries);
    if (!cachedLatency.ok())
        return cachedLatency.error();

    // Booking: the providers, added and opened by the admin.
    QStringList providerIds;
    {
        Tally added;
        int nextProvider = 0;
        Connections connections(SetupConnections, cached.admin);
        connections.run(
            [&]() -> std::optional<Call> {
                if (nextProvider == providers)
                    return std::nullopt;
                const int number = ++nextProvider;
                return Call{"POST",
                            apiUrl(cached.base, QStringLiteral("/api/admin/users")),
                            compact({{QStringLiteral("email"),
                                      QStringLiteral("provider%1@bench.agentcrm.test").arg(number)},
                                     {QStringLiteral("name"), QStringLiteral("Provider %1").arg(number)},
                                     {QStringLiteral("role"), QStringLiteral("agent")},
                                     {QStringLiteral("password"), ProviderPassword}})};
            },
            [&](const Call &, const Reply &reply) {
                added.add(reply, {201});
                if (reply.status == 201) {
                    providerIds.append(
                        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("id")).toString());
                }
            });
        if (added.unexpected({201}) > 0) {
            return failure(QStringLiteral("server_failed"),
                           tr("POST /api/admin/users failed: %1").arg(added.firstUnexpected));
        }
        Tally opened;
        qsizetype nextOpen = 0;
        const QByteArray openHours = openProviderHours();
        connections.run(
            [&]() -> std::optional<Call> {
                if (nextOpen == providerIds.size())
                    return std::nullopt;
                return Call{"PUT",
                            apiUrl(cached.base,
                                   QStringLiteral("/api/providers/%1/availability")
                                       .arg(providerIds[nextOpen++])),
                            openHours};
            },
            [&](const Call &, const Reply &reply) { opened.add(reply, {200}); });
        if (opened.unexpected({200}) > 0) {
            return failure(QStringLiteral("server_failed"),
                           tr("PUT availability failed: %1").arg(opened.firstUnexpected));
        }
    }

    Tally booked;
    double bookingElapsed = 0;
    {
        const QUrl bookUrl = apiUrl(cached.base, QStringLiteral("/api/appointments"));
        const qint64 firstQuarter = QDateTime::currentMSecsSinceEpoch() / Quarter * Quarter + Quarter;
        QRandomGenerator bookingRandom(20261204);
        Connections connections(BookingConnections, cached.admin);
        QElapsedTimer timer;
        timer.start();
        connections.run(
            [&]() -> std::optional<Call> {
                const QString &providerId = providerIds[bookingRandom.bounded(int(providerIds.size()))];
                const qint64 start = firstQuarter + qint64(bookingRandom.bounded(BookingDays * 96)) * Quarter;
                return Call{"POST", bookUrl, booking(providerId, start, 30, false)};
            },
            [&](const Call &, const Reply &reply) { booked.add(reply, {201, 409}); },
            QDeadlineTimer(qint64(bookingSeconds) * 1000));
        bookingElapsed = double(timer.nsecsElapsed()) / 1e9;
    }
    const qint64 bookings = booked.count(201);
    const qint64 conflicts = booked.count(409);
    const qint64 bookingErrors = booked.unexpected({201, 409});
    const double bookingsPerSecond = double(bookings) / bookingElapsed;

    const Crm::Result<ReadBack> read = readBack(network, cached, providerIds);
    if (!read.ok())
        return read.error();

    const Latency &httpUncached = uncachedLatency.value();
    const Latency &httpCached = cachedLatency.value();
    BenchmarkReport report(name());
    report.addValue(QStringLiteral("appointments"), appointments);
    report.addValue(QStringLiteral("queries"), queries);
    report.addValue(QStringLiteral("range_days"), RangeDays);
    report.addValue(QStringLiteral("inprocess_p50_ms"), rounded(p50, 3));
    report.addValue(QStringLiteral("inprocess_p95_ms"), rounded(p95, 3));
    report.addValue(QStringLiteral("slots_per_query"), rounded(double(slotsFound) / queries, 1));
    report.addValue(QStringLiteral("http_appointments"), seeded.count(201));
    report.addValue(QStringLiteral("http_seed_409s"), seeded.count(409));
    report.addValue(QStringLiteral("http_uncached_p50_ms"), rounded(httpUncached.p50, 3));
    report.addValue(QStringLiteral("http_uncached_p95_ms"), rounded(httpUncached.p95, 3));
    report.addValue(QStringLiteral("http_cached_p50_ms"), rounded(httpCached.p50, 3));
    report.addValue(QStringLiteral("http_cached_p95_ms"), rounded(httpCached.p95, 3));
    report.addValue(QStringLiteral("http_slots_per_query"), rounded(httpCached.slotsPerQuery, 1));
    report.addValue(QStringLiteral("providers"), int(providerIds.size()));
    report.addValue(QStringLiteral("connections"), BookingConnections);
    report.addValue(QStringLiteral("booking_s"), rounded(bookingElapsed, 3));
    report.addValue(QStringLiteral("bookings"), bookings);
    report.addValue(QStringLiteral("conflicts_409"), conflicts);
    report.addValue(QStringLiteral("booking_errors"), bookingErrors);
    if (bookingErrors > 0)
        report.addValue(QStringLiteral("booking_statuses"), booked.toJson());
    report.addValue(QStringLiteral("bookings_per_s"), rounded(bookingsPerSecond, 1));
    report.addValue(QStringLiteral("appointments_read"), read.value().appointments);
    report.addValue(QStringLiteral("overlaps"), read.value().overlaps);

    report.addSummaryLine(tr("availability: %1 appointments, %2 queries of %3 days")
                              .arg(appointments)
                              .arg(queries)
                              .arg(RangeDays));
    report.addSummaryLine(tr("  in process     p50 %1 ms  p95 %2 ms  (target p95 < %3 ms: %4)")
                              .arg(p50, 0, 'f', 3)
                              .arg(p95, 0, 'f', 3)
                              .arg(TargetInProcessP95Ms)
                              .arg(verdict(p95 < TargetInProcessP95Ms)));
    report.addSummaryLine(tr("  HTTP uncached  p50 %1 ms  p95 %2 ms  (%3 appointments booked, "
                             "%4 slots a query)")
                              .arg(httpUncached.p50, 0, 'f', 3)
                              .arg(httpUncached.p95, 0, 'f', 3)
                              .arg(seeded.count(201))
                              .arg(httpUncached.slotsPerQuery, 0, 'f', 1));
    report.addSummaryLine(tr("  HTTP cached    p50 %1 ms  p95 %2 ms  (target p95 < %3 ms: %4)")
                              .arg(httpCached.p50, 0, 'f', 3)
                              .arg(httpCached.p95, 0, 'f', 3)
                              .arg(TargetHttpCachedP95Ms)
                              .arg(verdict(httpCached.p95 < TargetHttpCachedP95Ms)));
    report.addSummaryLine(tr("  booking        %1 providers, %2 connections, %3 s: %4 booked, "
                             "%5 409s, %6 errors%7")
                              .arg(providerIds.size())
                              .arg(BookingConnections)
                              .arg(bookingElapsed, 0, 'f', 1)
                              .arg(bookings)
                              .arg(conflicts)
                              .arg(bookingErrors)
                              .arg(bookingErrors > 0 ? QLatin1Char(' ') + booked.firstUnexpected
                                                     : QString()));
    report.addSummaryLine(tr("                 %1 bookings/s  (target >= %2: %3)")
                              .arg(bookingsPerSecond, 0, 'f', 1)
                              .arg(TargetBookingsPerSecond)
                              .arg(verdict(bookingsPerSecond >= TargetBookingsPerSecond)));
    report.addSummaryLine(tr("                 %1 appointments read back, %2 overlaps  "
                             "(target 0: %3)")
                              .arg(read.value().appointments)
                              .arg(read.value().overlaps)
                              .arg(verdict(read.value().overlaps == 0)));
    return report;
}

} // namespace CrmBench
