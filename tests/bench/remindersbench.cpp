#include "remindersbench.h"

#include "benchserver.h"
#include "benchstats.h"
#include "domain/wiretime.h"
#include "store/localdatabase.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <iterator>
#include <vector>

namespace CrmBench {

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Day = 24 * 60 * Minute;
constexpr qint64 Slot = 5 * Minute; // every appointment: five minutes, back to back

const auto AgentEmail = QLatin1String("reminders@bench.agentcrm.test");
const auto AgentPassword = QLatin1String("bench-agent-2026");
const auto SmtpFrom = QLatin1String("reminders@agentcrm.test");
// Debian's interpreter: the one python3-aiosmtpd is installed for.
const auto Python = QLatin1String("/usr/bin/python3");

// Six zones for the messages' times.
const char *const States[] = {"CA", "TX", "NY", "FL", "IL", "AZ"};
// Fictional 555 numbers that libphonenumber takes for valid.
const char *const AreaCodes[] = {"415", "212", "646"};

QByteArray openAllDay()
{
    QJsonArray weekly;
    for (int day = 0; day <= 6; ++day) {
        weekly.append(QJsonObject{{QStringLiteral("dayOfWeek"), day},
                                  {QStringLiteral("startTime"), QStringLiteral("00:00")},
                                  {QStringLiteral("endTime"), QStringLiteral("24:00")},
                                  {QStringLiteral("isActive"), true}});
    }
    return compact({{QStringLiteral("timeZone"), QStringLiteral("America/Chicago")},
                    {QStringLiteral("bufferMinutes"), 0},
                    {QStringLiteral("minNoticeMinutes"), 0},
                    {QStringLiteral("maxDaysAhead"), 365},
                    {QStringLiteral("weekly"), weekly},
                    {QStringLiteral("overrides"), QJsonArray()}});
}

QStringList serveArguments(const QString &dbSpec)
{
    return {QStringLiteral("serve"),
            QStringLiteral("--db"),
            dbSpec,
            QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0")};
}

// The encrypted SQLite database of a stopped server, opened as it is.
Crm::Result<Crm::LocalDatabase> openStopped(const QString &path)
{
    Crm::LocalDatabase::Options options;
    options.migrate = false;
    options.create = false;
    const QByteArray key = QByteArray::fromHex(readFile(path + QStringLiteral(".key")).trimmed());
    return Crm::LocalDatabase::open(path, key, options);
}

// The sink's messages so far: each is DIR/NNNNNN.eml once stored whole.
int mailsIn(const QDir &folder)
{
    return int(folder.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::NoSort).size());
}

// Starts tests/support/smtp-sink on folder, storing each message as it came and nothing else
// (--bulk); its port.
Crm::Result<int> startSink(ChildProcess &sink, const QString &folder, const QString &logPath)
{
    const QString script = QStringLiteral(CRM_SMTP_SINK);
    if (!QFile::exists(script)) {
        return failure(QStringLiteral("no_smtp_sink"),
                       RemindersBench::tr("The SMTP sink is missing: %1").arg(script));
    }
    if (!sink.start(Python, {script, folder, QStringLiteral("--bulk")}, logPath)) {
        return failure(QStringLiteral("no_smtp_sink"),
                       RemindersBench::tr("Cannot start %1 %2: %3")
                           .arg(Python, script, sink.errorString()));
    }
    static const QRegularExpression ready(QStringLiteral("^ready ([0-9]+)$"),
                                          QRegularExpression::MultilineOption);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000) {
        const QRegularExpressionMatch match = ready.match(QString::fromUtf8(readFile(logPath)));
        if (match.hasMatch())
            return match.captured(1).toInt();
        if (!sink.isRunning())
            break;
        QThread::msleep(50);
    }
    return failure(QStringLiteral("no_smtp_sink"),
                   RemindersBench::tr("The SMTP sink did not start (python3-aiosmtpd installed?): "
                                      "%1")
                       .arg(sink.logTail()));
}

// One SMTP reply (the last line of a multi-line one); empty when none came within 10 s.
QByteArray smtpReply(QTcpSocket &socket)
{
    for (;;) {
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(10000))
                return {};
        }
        const QByteArray line = socket.readLine();
        if (line.size() < 4 || line.at(3) != '-')
            return line;
    }
}

// The sink's own ceiling: `count` copies of `message` (a real reminder as the sink stored it)
// pushed through one persistent connection by this process, no database and no composing, to
// a second sink started like the first; messages per second until the last 250 came back.
// 0 when the sink could not be reached or refused.
double sinkCeiling(const QDir &directory, const QByteArray &message, int count)
{
    if (message.isEmpty())
        return 0;
    QByteArray body = message;
    if (!body.contains("\r\n"))
        body.replace("\n", "\r\n");
    if (!body.endsWith("\r\n"))
        body += "\r\n";
    body.replace("\r\n.", "\r\n.."); // dot-stuffing
    if (body.startsWith('.'))
        body.prepend('.');
    body += ".\r\n";
    ChildProcess sink;
    const Crm::Result<int> port = startSink(sink,
                                            directory.filePath(QStringLiteral("ceiling")),
                                            directory.filePath(QStringLiteral("ceiling.log")));
    if (!port.ok())
        return 0;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port.value()));
    if (!socket.waitForConnected(10000) || !smtpReply(socket).startsWith("220"))
        return 0;
    socket.write("EHLO bench\r\n");
    if (!smtpReply(socket).startsWith("250"))
        return 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        for (const QByteArray &command : {QByteArray("MAIL FROM:<reminders@agentcrm.test>\r\n"),
                                          QByteArray("RCPT TO:<ceiling@bench.agentcrm.test>\r\n"),
                                          QByteArray("DATA\r\n")}) {
            socket.write(command);
            if (!smtpReply(socket).startsWith(command.startsWith("DATA") ? "354" : "250"))
                return 0;
        }
        socket.write(body);
        if (!smtpReply(socket).startsWith("250"))
            return 0;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    socket.write("QUIT\r\n");
    socket.waitForBytesWritten(1000);
    return seconds > 0 ? count / seconds : 0;
}

// What the ledger says of the reminders that were due when delivery began.
struct Ledger
{
    qint64 due = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 unsent = 0; // pending or sending
    qint64 sentAfterRetry = 0;
    std::vector<double> lateness; // seconds, of the sent ones
};

Crm::Result<Ledger> readLedger(const QString &path, qint64 t0)
{
    auto database = openStopped(path);
    if (!database.ok())
        return database.error();
    QSqlQuery query(database.value().database());
    query.prepare(QStringLiteral("SELECT status, sentAt, attempts FROM appointment_reminders"
                                 " WHERE reminderType = 'email' AND scheduledFor <= ?"));
    query.addBindValue(t0);
    if (!query.exec()) {
        return failure(QStringLiteral("ledger_failed"),
                       RemindersBench::tr("Cannot read the reminders: %1")
                           .arg(query.lastError().text()));
    }
    Ledger ledger;
    while (query.next()) {
        ++ledger.due;
        const QString status = query.value(0).toString();
        if (status == QLatin1String("sent")) {
            ++ledger.sent;
            ledger.lateness.push_back(double(query.value(1).toLongLong() - t0) / 1000.0);
            if (query.value(2).toInt() > 1)
                ++ledger.sentAfterRetry;
        } else if (status == QLatin1String("failed")) {
            ++ledger.failed;
        } else if (status == QLatin1String("pending") || status == QLatin1String("sending")) {
            ++ledger.unsent;
        }
    }
    return ledger;
}

} // namespace

QString RemindersBench::description() const
{
    return tr("10,000 e-mail reminders due at once, delivered by crm-server through a real SMTP "
              "server");
}

Crm::Result<BenchmarkReport> RemindersBench::run(const Options &options)
{
    const int reminders = qMax(50, int(Reminders * options.rowsScale));
    const int appointments = (reminders + RemindersPerAppointment - 1) / RemindersPerAppointment;
    const int soon = qMin(SoonAppointments, appointments);
    const qint64 deadlineMs = 30000 + qint64(reminders) * 10;
    const auto verdict = [](bool met) { return met ? tr("met") : tr("missed"); };

    const QString serverProgram = QStringLiteral(CRM_SERVER_PROGRAM);
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }
    const QDir directory(temporary.path());
    const QString dbPath = directory.filePath(QStringLiteral("server.db"));
    const QString dbSpec = QStringLiteral("sqlite:") + dbPath;
    const QDir mailFolder(directory.filePath(QStringLiteral("mail")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The audit chain's key beside the database, not in the user's configuration.
    environment.insert(QStringLiteral("CRM_AUDIT_KEY_FILE"), directory.filePath(QStringLiteral("audit.key")));
    // The worker at its defaults.
    for (const QString &name : {QStringLiteral("CRM_REMINDER_POLL_MS"),
                                QStringLiteral("CRM_REMINDER_LEASE_MS"),
                                QStringLiteral("CRM_REMINDER_BACKOFF_MS")})
        environment.remove(name);
    const Crm::Result<QString> agent = addUser(serverProgram, dbSpec, environment, AgentEmail,
                                               QStringLiteral("agent"), AgentPassword);
    if (!agent.ok())
        return agent.error();
    const QString agentId = agent.value();

    // Setup: a server that cannot send e-mail, so every reminder stays pending.
    QNetworkAccessManager network;
    QElapsedTimer setupTimer;
    setupTimer.start();
    {
        ChildProcess server;
        const QString logPath = directory.filePath(QStringLiteral("setup.log"));
        if (!server.start(serverProgram, serveArguments(dbSpec), logPath, environment)) {
            return failure(QStringLiteral("server_failed"),
                           tr("Cannot start %1: %2").arg(serverProgram, server.errorString()));
        }
        const Crm::Result<QUrl> base = waitForServer(server, logPath);
        if (!base.ok())
            return base.error();
        const Crm::Result<QByteArray> token = login(network, base.value(), AgentEmail, AgentPassword);
        if (!token.ok())
            return token.error();
        const Reply hours = fetch(network, "PUT",
                                  apiUrl(base.value(), QStringLiteral("/api/providers/%1/availability").arg(agentId)),
                                  openAllDay(), token.value());
        if (hours.status != 200) {
            return failure(QStringLiteral("server_failed"),
                           tr("PUT availability failed: %1").arg(describe(hours)));
        }
        Connections connections(SetupConnections, token.value());

        QStringList leadIds;
        {
            Tally added;
            int next = 0;
            const QUrl url = apiUrl(base.value(), QStringLiteral("/api/leads"));
            connections.run(
                [&]() -> std::optional<Call> {
                    if (next == appointments)
                        return std::nullopt;
                    const int number = ++next;
                    return Call{"POST", url,
                                compact({{QStringLiteral("firstName"), QStringLiteral("Remy")},
                                         {QStringLiteral("lastName"), QStringLiteral("Bench%1").arg(number)},
                                         {QStringLiteral("email"),
                                          QStringLiteral("lead%1@bench.agentcrm.test").arg(number)},
                                         {QStringLiteral("phone"),
                                          QStringLiteral("+1") + QLatin1String(AreaCodes[number % std::size(AreaCodes)])
                                              + QStringLiteral("555")
                                              + QString::number(1000 + number / int(std::size(AreaCodes)))},
                                         {QStringLiteral("source"), QStringLiteral("referral")},
                                         {QStringLiteral("state"),
                                          QLatin1String(States[number % std::size(States)])}})};
                },
                [&](const Call &, const Reply &reply) {
                    added.add(reply, {201});
                    if (reply.status == 201) {
                        leadIds.append(QJsonDocument::fromJson(reply.body)
                                           .object()
                                           .value(QLatin1String("lead"))
                                           .toObject()
                                           .value(QLatin1String("id"))
                                           .toString());
                    }
                });
            if (added.unexpected({201}) > 0) {
                return failure(QStringLiteral("server_failed"),
                               tr("POST /api/leads failed: %1").arg(added.firstUnexpected));
            }
        }

        // The first `soon` less than two hours ahead, the rest from three days ahead.
        QStringList appointmentIds;
        {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const qint64 nearStart = (now / Slot + 2) * Slot;
            const qint64 farStart = (now + 3 * Day) / Slot * Slot;
            Tally booked;
            int next = 0;
            const QUrl url = apiUrl(base.value(), QStringLiteral("/api/appointments"));
            connections.run(
                [&]() -> std::optional<Call> {
                    if (next == appointments)
                        return std::nullopt;
                    const int index = next++;
                    const qint64 start = index < soon ? nearStart + index * Slot
                                                      : farStart + (index - soon) * Slot;
                    return Call{"POST", url,
                                compact({{QStringLiteral("providerId"), agentId},
                                         {QStringLiteral("leadId"), leadIds[index]},
                                         {QStringLiteral("appointmentType"), QStringLiteral("consultation")},
                                         {QStringLiteral("scheduledDate"), Crm::WireTime::toWire(start)},
                                         {QStringLiteral("duration"), 5},
                                         {QStringLiteral("meetingLink"),
                                          QStringLiteral("https://meet.example.com/bench-%1").arg(index)},
                                         {QStringLiteral("override"), true}})};
                },
                [&](const Call &, const Reply &reply) {
                    booked.add(reply, {201});
                    if (reply.status == 201) {
                        appointmentIds.append(QJsonDocument::fromJson(reply.body)
                                                  .object()
                                                  .value(QLatin1String("id"))
                                                  .toString());
                    }
                });
            if (booked.unexpected({201}) > 0) {
                return failure(QStringLiteral("server_failed"),
                               tr("POST /api/appointments failed: %1").arg(booked.firstUnexpected));
            }
        }

        // The rest by hand, round the appointments.
        {
            Tally reminded;
            int next = 0;
            const int byHand = reminders - soon;
            const QByteArray body = compact({{QStringLiteral("channel"), QStringLiteral("email")}});
            connections.run(
                [&]() -> std::optional<Call> {
                    if (next == byHand)
                        return std::nullopt;
                    const QString &id = appointmentIds[next++ % appointmentIds.size()];
                    return Call{"POST",
                                apiUrl(base.value(), QStringLiteral("/api/appointments/%1/remind").arg(id)),
                                body};
                },
                [&](const Call &, const Reply &reply) { reminded.add(reply, {202}); });
            if (reminded.unexpected({202}) > 0) {
                return failure(QStringLiteral("server_failed"),
                               tr("POST /api/appointments/:id/remind failed: %1")
                                   .arg(reminded.firstUnexpected));
            }
        }
        server.stop();
    }
    const double setupSeconds = double(setupTimer.nsecsElapsed()) / 1e9;

    // Exactly `reminders` e-mail reminders wait, all due.
    {
        auto database = openStopped(dbPath);
        if (!database.ok())
            return database.error();
        QSqlQuery query(database.value().database());
        query.prepare(QStringLiteral("SELECT count(*) FROM appointment_reminders WHERE"
                                     " reminderType = 'email' AND status = 'pending'"
                                     " AND scheduledFor <= ?"));
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!query.exec() || !query.next()) {
            return failure(QStringLiteral("ledger_failed"),
                           tr("Cannot count the reminders: %1").arg(query.lastError().text()));
        }
        if (query.value(0).toInt() != reminders) {
            return failure(QStringLiteral("setup_failed"),
                           tr("%1 e-mail reminders are due, not %2")
                               .arg(query.value(0).toInt())
                               .arg(reminders));
        }
    }

    ChildProcess sink;
    const Crm::Result<int> sinkPort = startSink(sink, mailFolder.path(),
                                                directory.filePath(QStringLiteral("smtp-sink.log")));
    if (!sinkPort.ok())
        return sinkPort.error();

    // Delivery: from the moment a server that can send starts.
    ChildProcess server;
    const QString logPath = directory.filePath(QStringLiteral("delivery.log"));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    if (!server.start(serverProgram,
                      serveArguments(dbSpec)
                          << QStringLiteral("--smtp")
                          << QStringLiteral("smtp+insecure://127.0.0.1:%1").arg(sinkPort.value())
                          << QStringLiteral("--smtp-from") << SmtpFrom,
                      logPath,
                      environment)) {
        return failure(QStringLiteral("server_failed"),
                       tr("Cannot start %1: %2").arg(serverProgram, server.errorString()));
    }
    int inSink = 0;
    double deliverySeconds = 0;
    for (;;) {
        inSink = mailsIn(mailFolder);
        deliverySeconds = double(timer.nsecsElapsed()) / 1e9;
        if (inSink >= reminders || timer.elapsed() >= deadlineMs)
            break;
        if (!server.isRunning()) {
            return failure(QStringLiteral("server_failed"),
                           tr("crm-server stopped while delivering (%1): %2")
                               .arg(server.exitDescription(), server.logTail()));
        }
        QThread::msleep(SinkPollMs);
    }
    // The worker finishes its round first; then the ledger is whole.
    server.stop();
    sink.stop();
    const int mails = mailsIn(mailFolder);

    // The same sink alone, right after, with the first reminder it stored.
    const QStringList stored = mailFolder.entryList({QStringLiteral("*.eml")},
                                                    QDir::Files,
                                                    QDir::Name);
    const int ceilingCount = qMin(reminders, SinkCeilingMessages);
    const double ceiling = stored.isEmpty()
                               ? 0
                               : sinkCeiling(directory,
                                             readFile(mailFolder.filePath(stored.first())),
                                             ceilingCount);

    const Crm::Result<Ledger> read = readLedger(dbPath, t0);
    if (!read.ok())
        return read.error();
    const Ledger &ledger = read.value();
    const bool complete = inSink >= reminders;
    const double perSecond = double(inSink) / deliverySeconds;
    const double p50 = percentile(ledger.lateness, 0.50);
    const double p95 = percentile(ledger.lateness, 0.95);
    const double latest = ledger.lateness.empty()
                              ? 0
                              : *std::max_element(ledger.lateness.cbegin(), ledger.lateness.cend());
    const double earliest = ledger.lateness.empty()
                                ? 0
                                : *std::min_element(ledger.lateness.cbegin(), ledger.lateness.cend());
    // Once the first went out: the worker's pace without the server's start and first poll.
    const double steadyPerSecond = ledger.sent > 1 && latest > earliest
                                       ? double(ledger.sent - 1) / (latest - earliest)
                                       : 0;
    // The percentiles are of the sent ones: a run that left some unsent misses the target.
    const bool p95Met = complete && ledger.sent == reminders && p95 < TargetLatenessP95Seconds;

    BenchmarkReport report(name());
    report.addValue(QStringLiteral("reminders"), reminders);
    report.addValue(QStringLiteral("appointments"), appointments);
    report.addValue(QStringLiteral("setup_s"), rounded(setupSeconds, 1));
    report.addValue(QStringLiteral("delivery_s"), rounded(deliverySeconds, 3));
    report.addValue(QStringLiteral("complete"), complete);
    report.addValue(QStringLiteral("reminders_per_s"), rounded(perSecond, 1));
    report.addValue(QStringLiteral("steady_per_s"), rounded(steadyPerSecond, 1));
    report.addValue(QStringLiteral("first_sent_s"), rounded(earliest, 3));
    report.addValue(QStringLiteral("lateness_p50_s"), rounded(p50, 3));
    report.addValue(QStringLiteral("lateness_p95_s"), rounded(p95, 3));
    report.addValue(QStringLiteral("lateness_max_s"), rounded(latest, 3));
    report.addValue(QStringLiteral("sink_ceiling_per_s"), rounded(ceiling, 1));
    report.addValue(QStringLiteral("sent"), ledger.sent);
    report.addValue(QStringLiteral("sent_after_retry"), ledger.sentAfterRetry);
    report.addValue(QStringLiteral("failed"), ledger.failed);
    report.addValue(QStringLiteral("unsent"), ledger.unsent);
    report.addValue(QStringLiteral("mails_in_sink"), mails);

    report.addSummaryLine(tr("reminders: %1 e-mail reminders due at once (%2 appointments), "
                             "set up in %3 s")
                              .arg(reminders)
                              .arg(appointments)
                              .arg(setupSeconds, 0, 'f', 1));
    report.addSummaryLine(tr("  delivery   %1 in the SMTP server after %2 s%3: %4 reminders/s "
                             "(target >= %5: %6); %7/s once the first was out")
                              .arg(inSink)
                              .arg(deliverySeconds, 0, 'f', 1)
                              .arg(complete ? QString() : tr(" (deadline)"))
                              .arg(perSecond, 0, 'f', 1)
                              .arg(TargetRemindersPerSecond)
                              .arg(verdict(complete && perSecond >= TargetRemindersPerSecond))
                              .arg(steadyPerSecond, 0, 'f', 1));
    report.addSummaryLine(tr("  lateness   from the server's start: first %1 s, p50 %2 s, "
                             "p95 %3 s, max %4 s  (target p95 < %5 s: %6)")
                              .arg(earliest, 0, 'f', 2)
                              .arg(p50, 0, 'f', 2)
                              .arg(p95, 0, 'f', 2)
                              .arg(latest, 0, 'f', 2)
                              .arg(TargetLatenessP95Seconds)
                              .arg(verdict(p95Met)));
    report.addSummaryLine(
        tr("  sink       alone, %1 messages over one connection from crm-bench: %2/s "
           "(a ceiling for reminders_per_s on this machine now)")
            .arg(ceilingCount)
            .arg(ceiling, 0, 'f', 1));
    report.addSummaryLine(tr("  ledger     %1 sent (%2 after a retry), %3 failed, %4 not sent; "
                             "%5 messages in the SMTP server")
                              .arg(ledger.sent)
                              .arg(ledger.sentAfterRetry)
                              .arg(ledger.failed)
                              .arg(ledger.unsent)
                              .arg(mails));
    return report;
}

} // namespace CrmBench
