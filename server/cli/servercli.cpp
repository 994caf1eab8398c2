#include "servercli.h"

#include "http/apiserver.h"
#include "assignment/assignmentcontroller.h"
#include "audit/auditlog.h"
#include "auth/authcontroller.h"
#include "storage/databasespec.h"
#include "cli/demodata.h"
#include "leads/leadcontroller.h"
#include "leads/leadworkcontroller.h"
#include "scheduling/schedulingcontroller.h"
#include "storage/serverdatabase.h"
#include "serverlogging.h"
#include "sync/synccontroller.h"
#include "cli/unixsignalwatcher.h"
#include "reminders/remindercontroller.h"
#include "reminders/reminderdelivery.h"
#include "reminders/reminderworker.h"
#include "reminders/twiliocontroller.h"
#include "auth/usercontroller.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QThread>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Crm {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

std::shared_ptr<ServerDatabase> openDatabase(const QString &dbOption)
{
    const Result<DatabaseSpec> spec = DatabaseSpec::parse(dbOption);
    if (!spec.ok()) {
        err() << "crm-server: " << spec.error().message << Qt::endl;
        return nullptr;
    }
    auto database = ServerDatabase::open(spec.value());
    if (!database.ok()) {
        err() << "crm-server: " << database.error().message << Qt::endl;
        return nullptr;
    }
    return database.value();
}

QString readPassword()
{
    // Read one line from stdin without echo when it is a terminal.
    const bool tty = ::isatty(STDIN_FILENO);
    termios saved = {};
    if (tty) {
        err() << ServerCli::tr("Password: ") << Qt::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err() << Qt::endl;
    }
    return password;
}

// Every route of the API, as the controllers declare them.
RouteTable apiRoutes()
{
    RouteTable routes;
    AuthController::registerRoutes(routes);
    UserController::registerRoutes(routes);
    LeadController::registerRoutes(routes);
    LeadWorkController::registerRoutes(routes);
    AssignmentController::registerRoutes(routes);
    SyncController::registerRoutes(routes);
    SchedulingController::registerRoutes(routes);
    ReminderController::registerRoutes(routes);
    TwilioController::registerRoutes(routes);
    return routes;
}

// `crm-server routes`: the declared routes as JSON, for tools and tests (the API fuzz test
// builds its route table from it).
int printRoutes()
{
    out() << QJsonDocument(QJsonObject{{QStringLiteral("routes"), apiRoutes().toJson()}})
                 .toJson(QJsonDocument::Indented)
          << Qt::flush;
    return 0;
}

// --smtp and --smtp-from: both or neither. False (after saying why) when they are wrong.
bool smtpSettings(const QCommandLineParser &parser,
                  const QCommandLineOption &smtpOption,
                  const QCommandLineOption &smtpFromOption,
                  std::optional<SmtpSender::Settings> *settings)
{
    if (!parser.isSet(smtpOption) && !parser.isSet(smtpFromOption))
        return true;
    if (!parser.isSet(smtpOption) || !parser.isSet(smtpFromOption)) {
        err() << ServerCli::tr("crm-server: --smtp and --smtp-from go together") << Qt::endl;
        return false;
    }
    const Result<SmtpSender::Settings> parsed = SmtpSender::settings(parser.value(smtpOption),
                                                                     parser.value(smtpFromOption));
    if (!parsed.ok()) {
        err() << "crm-server: " << parsed.error().message << Qt::endl;
        return false;
    }
    *settings = parsed.value();
    return true;
}

// --sms-from (and --sms-base-url, defaulting to Twilio's): SMS is on when --sms-from is given.
bool smsSettings(const QCommandLineParser &parser,
                 const QCommandLineOption &baseOption,
                 const QCommandLineOption &fromOption,
                 std::optional<SmsSender::Settings> *settings)
{
    if (!parser.isSet(fromOption)) {
        if (parser.isSet(baseOption)) {
            err() << ServerCli::tr("crm-server: --sms-base-url needs --sms-from") << Qt::endl;
            return false;
        }
        return true;
    }
    const Result<SmsSender::Settings> parsed = SmsSender::settings(parser.value(baseOption),
                                                                   parser.value(fromOption));
    if (!parsed.ok()) {
        err() << "crm-server: " << parsed.error().message << Qt::endl;
        return false;
    }
    *settings = parsed.value();
    return true;
}

struct DeliverySettings
{
    std::optional<SmtpSender::Settings> mail;
    std::optional<SmsSender::Settings> sms;
};

// How reminders go out, for `serve` and `worker` alike.
bool deliverySettings(const QCommandLineParser &parser,
                      const QCommandLineOption &smtpOption,
                      const QCommandLineOption &smtpFromOption,
                      const QCommandLineOption &smsOption,
                      const QCommandLineOption &smsFromOption,
                      DeliverySettings *settings)
{
    return smtpSettings(parser, smtpOption, smtpFromOption, &settings->mail)
           && smsSettings(parser, smsOption, smsFromOption, &settings->sms);
}

int serve(QCoreApplication &app,
          const QCommandLineParser &parser,
          const QCommandLineOption &dbOption,
          const QCommandLineOption &listenOption,
          const QCommandLineOption &rateOption,
          const QCommandLineOption &originOption,
          const QCommandLineOption &proxyOption,
          const QCommandLineOption &smtpOption,
          const QCommandLineOption &smtpFromOption,
          const QCommandLineOption &smsOption,
          const QCommandLineOption &smsFromOption,
          const QCommandLineOption &noWorkerOption)
{
    DeliverySettings delivered;
    if (!deliverySettings(parser, smtpOption, smtpFromOption, smsOption, smsFromOption, &delivered))
        return 2;
    ApiServer::Options options;
    const QString listen = parser.value(listenOption);
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = listen.mid(colon + 1).toInt(&portOk);
    const QHostAddress address(listen.left(colon));
    if (colon <= 0 || !portOk || port < 0 || port > 65535 || address.isNull()) {
        err() << ServerCli::tr("crm-server: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080")
              << Qt::endl;
        return 2;
    }
    options.address = address;
    options.port = quint16(port);
    bool rateOk = false;
    options.contactFormRate = parser.value(rateOption).toInt(&rateOk);
    if (!rateOk || options.contactFormRate < 1) {
        err() << ServerCli::tr("crm-server: --contact-form-rate wants a positive number")
              << Qt::endl;
        return 2;
    }
    const QStringList origins = parser.values(originOption);
    for (const QString &origin : origins) {
        const QUrl url(origin, QUrl::StrictMode);
        const bool plain = url.isValid() && !url.host().isEmpty()
                           && (url.scheme() == QLatin1String("http")
                               || url.scheme() == QLatin1String("https"))
                           && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment()
                           && url.userInfo().isEmpty();
        if (!plain) {
            err() << ServerCli::tr("crm-server: --contact-form-origin wants SCHEME://HOST[:PORT], "
                                   "e.g. https://www.example.com, not '%1'")
                         .arg(origin)
                  << Qt::endl;
            return 2;
        }
        options.contactFormOrigins << origin;
    }
    const QStringList proxies = parser.values(proxyOption);
    for (const QString &proxy : proxies) {
        QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(proxy);
        if (!proxy.contains(QLatin1Char('/'))) {
            const QHostAddress address(proxy);
            subnet = {address,
                      address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        if (subnet.first.isNull()) {
            err() << ServerCli::tr("crm-server: --trusted-proxy wants an address or a subnet, "
                                   "e.g. 127.0.0.1 or 10.0.0.0/8, not '%1'")
                         .arg(proxy)
                  << Qt::endl;
            return 2;
        }
        options.trustedProxies << subnet;
    }
    options.smtpUrl = parser.value(smtpOption);
    options.smsBaseUrl = parser.value(smsOption);

    std::shared_ptr<ServerDatabase> database = openDatabase(parser.value(dbOption));
    if (!database)
        return 1;

    ApiServer server(database, options);
    server.setRoutes(apiRoutes());
    const Result<quint16> bound = server.listen();
    if (!bound.ok()) {
        err() << "crm-server: " << bound.error().message << Qt::endl;
        return 1;
    }
    out() << "crm-server " << CRM_VERSION << " listening on http://" << options.address.toString()
          << ':' << bound.value() << " (" << database->spec().describe() << ")" << Qt::endl;

    // Reminder delivery runs beside the API on its own threads (a send blocks), unless it is a
    // separate service (`crm-server worker`).
    std::unique_ptr<ReminderDelivery> delivery;
    if (!parser.isSet(noWorkerOption)) {
        delivery = std::make_unique<ReminderDelivery>(database, delivered.mail, delivered.sms,
                                                      ReminderWorker::Options::fromEnvironment());
        delivery->start();
    }

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&](int signal) {
        qCInfo(lcServer) << "Signal" << signal << "received; finishing in-flight requests";
        server.shutdown();
        if (delivery)
            delivery->stop();
        database->closeAll();
        app.quit();
    });
    return app.exec();
}

// `crm-server worker`: reminder delivery as its own process.
int runWorker(QCoreApplication &app,
              const QCommandLineParser &parser,
              const QCommandLineOption &dbOption,
              const QCommandLineOption &smtpOption,
              const QCommandLineOption &smtpFromOption,
              const QCommandLineOption &smsOption,
              const QCommandLineOption &smsFromOption)
{
    DeliverySettings delivered;
    if (!deliverySettings(parser, smtpOption, smtpFromOption, smsOption, smsFromOption, &delivered))
        return 2;
    std::shared_ptr<ServerDatabase> database = openDatabase(parser.value(dbOption));
    if (!database)
        return 1;
    ReminderDelivery delivery(database, delivered.mail, delivered.sms, ReminderWorker::Options::fromEnvironment());
    delivery.start();
    out() << "crm-server " << CRM_VERSION << " reminder worker (" << database->spec().describe() << ")"
          << Qt::endl;
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&](int signal) {
        qCInfo(lcServer) << "Signal" << signal << "received; the reminder worker stops";
        delivery.stop();
        database->closeAll();
        app.quit();
    });
    return app.exec();
}

int userAdd(const QCommandLineParser &parser,
            const QCommandLineOption &dbOption,
            const QCommandLineOption &email,
            const QCommandLineOption &name,
            const QCommandLineOption &role,
            const QCommandLineOption &weight,
            const QCommandLineOption &timeZone,
            const QCommandLineOption &territories)
{
    if (!parser.isSet(email) || !parser.isSet(name) || !parser.isSet(role)) {
        err() << ServerCli::tr("crm-server user add needs --email, --name and --role.") << Qt::endl;
        return 2;
    }
    UserService::NewUser user;
    user.email = parser.value(email);
    user.name = parser.value(name);
    user.role = parser.value(role);
    bool weightOk = true;
    if (parser.isSet(weight))
        user.weight = parser.value(weight).toInt(&weightOk);
    if (!weightOk) {
        err() << ServerCli::tr("crm-server: --weight wants a number") << Qt::endl;
        return 2;
    }
    if (parser.isSet(timeZone))
        user.timeZone = parser.value(timeZone);
    if (parser.isSet(territories))
        user.territories = parser.value(territories).split(QLatin1Char(','), Qt::SkipEmptyParts);
    user.password = readPassword();

    std::shared_ptr<ServerDatabase> database = openDatabase(parser.value(dbOption));
    if (!database)
        return 1;
    Result<QSqlDatabase> db = database->connection();
    if (!db.ok()) {
        err() << "crm-server: " << db.error().message << Qt::endl;
        return 1;
    }
    WriteTransaction tx(*database, db.value());
    if (const Status begun = tx.begin(); !begun.ok()) {
        err() << "crm-server: " << begun.error().message << Qt::endl;
        return 1;
    }
    const Result<UserRecord> created = UserService::create(tx, user);
    if (!created.ok()) {
        err() << "crm-server: " << created.error().message << Qt::endl;
        return 1;
    }
    const UserRecord &record = created.value();
    tx.audit({0,
              QString(),
              QStringLiteral("user.create"),
              QStringLiteral("user"),
              record.id,
              QStringLiteral("command line"),
              record.email});
    if (const Status committed = tx.commit(); !committed.ok()) {
        err() << "crm-server: " << committed.error().message << Qt::endl;
        return 1;
    }
    out() << ServerCli::tr("Added %1 %2 <%3> (%4)")
                 .arg(record.role, record.name, record.email, record.id)
          << Qt::endl;
    return 0;
}

int auditVerify(const QCommandLineParser &parser,
                const QCommandLineOption &dbOption,
                const QCommandLineOption &headOption)
{
    std::shared_ptr<ServerDatabase> database = openDatabase(parser.value(dbOption));
    if (!database)
        return 1;
    Result<QSqlDatabase> db = database->connection();
    if (!db.ok()) {
        err() << "crm-server: " << db.error().message << Qt::endl;
        return 1;
    }
    const auto verification = AuditLog::verify(db.value(),
                                               database->auditKey(),
                                               parser.value(headOption));
    if (!verification.ok()) {
        err() << "crm-server: " << verification.error().message << Qt::endl;
        return 1;
    }
    if (!verification.value().intact) {
        err() << ServerCli::tr("Audit log BROKEN after %1 entries: %2")
                     .arg(verification.value().entries)
                     .arg(verification.value().problem)
              << Qt::endl;
        return 1;
    }
    // The head, to keep somewhere the database's writers cannot reach (a backup log, a
    // ticket): a later `audit verify --expect-head` finds a cut tail with it.
    out() << ServerCli::tr("Audit log intact: %1 entries; head %2:%3")
                 .arg(verification.value().entries)
                 .arg(verification.value().headSeq)
                 .arg(verification.value().headHash)
          << Qt::endl;
    return 0;
}

} // namespace

int ServerCli::run(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Agent CRM server: shared database, HTTP API, lead assignment and sync.\n\n"
           "Commands:\n"
           "  serve          run the HTTP API\n"
           "  user add       add a user (password on standard input)\n"
           "  demo-data      fill the database with demo agents, leads and activities\n"
           "  audit verify   check the audit log's HMAC chain (exit 1 when broken)\n"
           "  routes         print the API's routes as JSON (method, path, access, body\n"
           "                 fields with their types, query keys)\n\n"
           "The audit chain's key is read from the file CRM_AUDIT_KEY_FILE names, or else\n"
           "audit.key in the configuration directory (made on first use, mode 0600); keep it\n"
           "apart from the database and its backups."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do."));
    const QCommandLineOption db(QStringLiteral("db"),
                                tr("Database: sqlite:PATH or postgresql://user@host:port/db "
                                   "(default: an encrypted file in the data directory). The "
                                   "PostgreSQL password comes from PGPASSWORD or ~/.pgpass "
                                   "(libpq's own ways), never from the command line."),
                                QStringLiteral("DB"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    tr("Address and port to serve on."),
                                    QStringLiteral("ADDRESS:PORT"),
                                    QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption rate(QStringLiteral("contact-form-rate"),
                                  tr("Contact-form posts allowed per minute per client address."),
                                  QStringLiteral("N"),
                                  QStringLiteral("20"));
    const QCommandLineOption origin(
        QStringLiteral("contact-form-origin"),
        tr("A web page origin (https://www.example.com) whose pages may post the contact form "
           "from a browser, besides the server's own; repeatable."),
        QStringLiteral("ORIGIN"));
    const QCommandLineOption proxy(
        QStringLiteral("trusted-proxy"),
        tr("A reverse proxy's address or subnet; from it, the client address is the last "
           "X-Forwarded-For hop. Repeatable."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption smtp(QStringLiteral("smtp"),
                                  tr("SMTP server for reminder e-mail."),
                                  QStringLiteral("URL"));
    const QCommandLineOption smtpFrom(QStringLiteral("smtp-from"),
                                      tr("The address reminder e-mail comes from."),
                                      QStringLiteral("ADDRESS"));
    const QCommandLineOption smsFrom(QStringLiteral("sms-from"),
                                     tr("The number reminder SMS come from, in E.164."),
                                     QStringLiteral("NUMBER"));
    const QCommandLineOption noWorker(QStringLiteral("no-worker"),
                                      tr("serve: do not deliver reminders here (run `crm-server worker` instead)."));
    const QCommandLineOption sms(QStringLiteral("sms-base-url"),
                                 tr("Base URL of the SMS provider's REST API."),
                                 QStringLiteral("URL"));
    const QCommandLineOption email(QStringLiteral("email"),
                                   tr("The user's e-mail address."),
                                   QStringLiteral("E"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  tr("The user's name."),
                                  QStringLiteral("N"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  tr("agent or admin."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption weight(QStringLiteral("weight"),
                                    tr("Round-robin weight."),
                                    QStringLiteral("W"));
    const QCommandLineOption timeZone(QStringLiteral("time-zone"),
                                      tr("IANA time zone."),
                                      QStringLiteral("TZ"));
    const QCommandLineOption territories(QStringLiteral("territories"),
                                         tr("US states, comma-separated."),
                                         QStringLiteral("CA,NV"));
    const QCommandLineOption expectHead(
        QStringLiteral("expect-head"),
        tr("audit verify: the head (SEQ:HASH) an earlier verify printed; the log must still hold "
           "it, so a cut tail is found."),
        QStringLiteral("SEQ:HASH"));
    const QCommandLineOption leads(QStringLiteral("leads"),
                                   tr("demo-data: how many leads to create (default 320)."),
                                   QStringLiteral("N"));
    const QCommandLineOption onlyAgent(QStringLiteral("only-agent"),
                                       tr("demo-data: give every lead to this demo agent."),
                                       QStringLiteral("E"));
    parser.addOptions({db,
                       listen,
                       rate,
                       origin,
                       proxy,
                       smtp,
                       smtpFrom,
                       sms,
                       smsFrom,
                       noWorker,
                       email,
                       name,
                       role,
                       weight,
                       timeZone,
                       territories,
                       leads,
                       onlyAgent,
                       expectHead});
    parser.process(app);

    const QStringList command = parser.positionalArguments();
    const QString joined = command.join(QLatin1Char(' '));
    if (joined == QLatin1String("serve"))
        return serve(app, parser, db, listen, rate, origin, proxy, smtp, smtpFrom, sms, smsFrom, noWorker);
    if (joined == QLatin1String("worker"))
        return runWorker(app, parser, db, smtp, smtpFrom, sms, smsFrom);
    if (joined == QLatin1String("user add"))
        return userAdd(parser, db, email, name, role, weight, timeZone, territories);
    if (joined == QLatin1String("demo-data")) {
        std::shared_ptr<ServerDatabase> database = openDatabase(parser.value(db));
        if (!database)
            return 1;
        DemoData::Options demo;
        if (parser.isSet(leads)) {
            bool ok = false;
            demo.leads = parser.value(leads).toInt(&ok);
            if (!ok || demo.leads < 0 || demo.leads > 5000000) {
                err() << tr("crm-server: --leads wants a number up to 5000000") << Qt::endl;
                return 2;
            }
        }
        demo.onlyAgentEmail = parser.value(onlyAgent);
        return DemoData::fill(*database, demo, out(), err()) ? 0 : 1;
    }
    if (joined == QLatin1String("audit verify"))
        return auditVerify(parser, db, expectHead);
    if (joined == QLatin1String("routes"))
        return printRoutes();
    if (command.isEmpty()) {
        err() << parser.helpText();
        return 2;
    }
    err() << tr("crm-server: unknown command '%1'; see --help.").arg(joined) << Qt::endl;
    return 2;
}

} // namespace Crm
