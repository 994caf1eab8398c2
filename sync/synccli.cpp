#include "synccli.h"

#include "conflictinbox.h"
#include "credentials.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "outbox.h"
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"
#include "store/sharedtables.h"
#include "syncengine.h"
#include "syncstate.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QUrl>

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

struct Account
{
    QString server;
    QString email;
    QString dataDir;
};

QString settingsPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/crm-sync.ini");
}

// The cache and its key, for an account that has synced before (or is about to).
Result<LocalDatabase> openCache(const Account &account)
{
    const Result<QByteArray> key = CacheKeyProvider().keyFor(account.server, account.email);
    if (!key.ok())
        return key.error();
    return LocalDatabase::open(LocalDatabase::defaultPath(account.server,
                                                          account.email,
                                                          account.dataDir),
                               key.value());
}

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// Records in the cache per entity, for `status`.
QJsonObject cacheCounts(const QSqlDatabase &db)
{
    QJsonObject counts;
    for (const TableDefinition *table : SharedTables::all()) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table->name())) && query.next())
            counts.insert(table->entity(), query.value(0).toInt());
    }
    // The scheduling tables are the cache's own.
    const QList<QPair<QLatin1String, const char *>>
        scheduling{{SyncProtocol::Entity::Appointment, "appointments"},
                   {SyncProtocol::Entity::Availability, "provider_availability"},
                   {SyncProtocol::Entity::TimeOff, "time_off"},
                   {SyncProtocol::Entity::Reminder, "appointment_reminders"}};
    for (const auto &[entity, table] : scheduling) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
            && query.next())
            counts.insert(entity, query.value(0).toInt());
    }
    return counts;
}

int exportTable(const QSqlDatabase &db, const QString &what, const QString &format)
{
    QString table;
    if (what == QLatin1String("leads"))
        table = QStringLiteral("leads");
    else if (what == QLatin1String("activities"))
        table = QStringLiteral("lead_activities");
    else if (what == QLatin1String("appointments"))
        table = QStringLiteral("appointments");
    if (table.isEmpty() || (format != QLatin1String("json") && format != QLatin1String("csv"))) {
        err() << SyncCli::tr("crm-sync: export leads|activities|appointments --format json|csv")
              << Qt::endl;
        return 2;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY createdAt, id").arg(table))) {
        err() << query.lastError().text() << Qt::endl;
        return 1;
    }
    const QSqlRecord record = query.record();
    QStringList columns;
    for (int i = 0; i < record.count(); ++i) {
        // Local bookkeeping columns are not part of the exported records.
        if (record.fieldName(i) != QLatin1String("deletedAt")
            && record.fieldName(i) != QLatin1String("pending"))
            columns << record.fieldName(i);
    }
    auto cell = [&](const QString &column) -> QJsonValue {
        const QVariant value = query.value(column);
        if (value.isNull())
            return QJsonValue();
        if (column.endsWith(QLatin1String("At")) || column == QLatin1String("scheduledDate"))
            return WireTime::toWire(value.toLongLong());
        if (column == QLatin1String("smsOptIn") || column == QLatin1String("reminderSent"))
            return value.toLongLong() != 0;
        if (value.metaType().id() == QMetaType::LongLong)
            return value.toLongLong();
        return value.toString();
    };
    if (format == QLatin1String("csv")) {
        out() << columns.join(QLatin1Char(',')) << "\r\n";
        while (query.next()) {
            QStringList fields;
            for (const QString &column : std::as_const(columns)) {
                const QJsonValue value = cell(column);
                fields << csvField(value.isBool()     ? (value.toBool() ? QStringLiteral("true")
                                                                        : QStringLiteral("false"))
                                   : value.isDouble() ? QString::number(value.toInteger())
                                                      : value.toString());
            }
            out() << fields.join(QLatin1Char(',')) << "\r\n";
        }
    } else {
        QJsonArray rows;
        while (query.next()) {
            QJsonObject row;
            for (const QString &column : std::as_const(columns))
                row.insert(column, cell(column));
            rows.append(row);
        }
        out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    }
    out().flush();
    return 0;
}

} // namespace

int SyncCli::run(QCoreApplication &app)
{
    // A command-line tool speaks through its output; the library's info logs are for debugging
    // (QT_LOGGING_RULES still wins).
    QLoggingCategory::setFilterRules(QStringLiteral("crm.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Agent CRM command-line sync client.\n\n"
           "Commands:\n"
           "  sync                                  one full push+pull cycle with the server\n"
           "  status [--json]                       what the local cache holds\n"
           "  export leads|activities|appointments  --format json|csv, to standard output"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    tr("Server URL."),
                                    QStringLiteral("URL"));
    const QCommandLineOption email(QStringLiteral("email"),
                                   tr("Your e-mail address."),
                                   QStringLiteral("E"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Where the cache lives (default: the app's data folder)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption
        passwordStdin(QStringLiteral("password-stdin"),
                      tr("Read the password from standard input and sign in."));
    const QCommandLineOption json(QStringLiteral("json"), tr("status: print JSON."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    tr("export: json or csv."),
                                    QStringLiteral("FORMAT"),
                                    QStringLiteral("json"));
    parser.addOptions({server, email, dataDir, passwordStdin, json, format});
    parser.process(app);

    const QStringList command = parser.positionalArguments();
    if (command.isEmpty()) {
        err() << parser.helpText();
        return 2;
    }
    Account account;
    account.dataDir = parser.isSet(dataDir)
                          ? QDir(parser.value(dataDir)).absolutePath()
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(account.dataDir);
    QSettings settings(settingsPath(account.dataDir), QSettings::IniFormat);
    account.server = parser.isSet(server) ? parser.value(server)
                                          : settings.value(QStringLiteral("server")).toString();
    account.email = parser.isSet(email) ? parser.value(email).trimmed().toLower()
                                        : settings.value(QStringLiteral("email")).toString();
    const QString verb = command.first();
    if (verb != QLatin1String("sync") && verb != QLatin1String("status")
        && verb != QLatin1String("export")) {
        err() << tr("crm-sync: unknown command '%1'; see --help.").arg(command.join(QLatin1Char(' ')))
              << Qt::endl;
        return 2;
    }
    if (account.server.isEmpty() || account.email.isEmpty()) {
        err() << tr("crm-sync: no account yet; run: crm-sync --server URL --email E "
                    "--password-stdin sync")
              << Qt::endl;
        return 2;
    }

    Result<LocalDatabase> cache = openCache(account);
    if (!cache.ok()) {
        err() << "crm-sync: " << cache.error().message << Qt::endl;
        return 1;
    }
    QSqlDatabase db = cache.value().database();

    if (verb == QLatin1String("status")) {
        const SyncState state(db);
        const Outbox outbox(db);
        const ConflictInbox conflicts(db);
        QJsonObject status{{QStringLiteral("server"), account.server},
                           {QStringLiteral("user"), account.email},
                           {QStringLiteral("cursor"), state.cursor()},
                           {QStringLiteral("counts"), cacheCounts(db)},
                           {QStringLiteral("outbox"), outbox.pendingCount()},
                           {QStringLiteral("conflicts"), conflicts.openCount()},
                           {QStringLiteral("lastSync"),
                            state.state(QStringLiteral("lastSync")).isEmpty()
                                ? QJsonValue()
                                : QJsonValue(state.state(QStringLiteral("lastSync")))}};
        if (parser.isSet(json)) {
            out() << QJsonDocument(status).toJson(QJsonDocument::Compact) << Qt::endl;
        } else {
            out() << tr("Server:    %1\nUser:      %2\nCursor:    %3\nLeads:     %4\n"
                        "Pending:   %5\nConflicts: %6\nLast sync: %7")
                         .arg(account.server, account.email)
                         .arg(state.cursor())
                         .arg(cacheCounts(db).value(QStringLiteral("lead")).toInt())
                         .arg(outbox.pendingCount())
                         .arg(conflicts.openCount())
                         .arg(state.state(QStringLiteral("lastSync")))
                  << Qt::endl;
        }
        return 0;
    }
    if (verb == QLatin1String("export"))
        return exportTable(db, command.value(1), parser.value(format));

    // sync
    SyncClient client{QUrl(account.server)};
    client.onRefreshTokenChanged([&](const QString &token) {
        const Status stored = Credentials::storeRefreshToken(account.server, account.email, token);
        if (!stored.ok())
            err() << "crm-sync: " << stored.error().message << Qt::endl;
    });
    SyncState syncState(db);
    if (parser.isSet(passwordStdin)) {
        QTextStream in(stdin);
        const QString password = in.readLine();
        const Result<SyncClient::Login> login
            = client.login(account.email, password, syncState.state(QStringLiteral("clientId")));
        if (!login.ok()) {
            err() << "crm-sync: " << login.error().message << Qt::endl;
            return login.error().code == QLatin1String("invalid_credentials") ? 3 : 1;
        }
        syncState.setState(QStringLiteral("userId"), login.value().userId);
        syncState.setState(QStringLiteral("email"), login.value().email);
        syncState.setState(QStringLiteral("name"), login.value().name);
        syncState.setState(QStringLiteral("role"), login.value().role);
        syncState.setState(QStringLiteral("server"), account.server);
    } else {
        const Result<QString> token = Credentials::refreshToken(account.server, account.email);
        if (!token.ok() || token.value().isEmpty()) {
            err() << tr("crm-sync: not signed in; run again with --password-stdin") << Qt::endl;
            return 3;
        }
        client.setRefreshToken(token.value());
        Status refreshed = client.refresh();
        // A flaky network is worth a few tries before giving up; a refused login is not.
        for (int attempt = 1; !refreshed.ok() && attempt < 5
                              && (refreshed.error().code == QLatin1String("network")
                                  || refreshed.error().code == QLatin1String("server"));
             ++attempt) {
            QThread::msleep(250u << attempt);
            refreshed = client.refresh();
        }
        if (!refreshed.ok()) {
            err() << "crm-sync: " << refreshed.error().message << Qt::endl;
            return refreshed.error().code == QLatin1String("signed_out") ? 3 : 1;
        }
    }
    settings.setValue(QStringLiteral("server"), account.server);
    settings.setValue(QStringLiteral("email"), account.email);
    settings.sync();

    SyncEngine engine(db, &client);
    const bool interactive = ::isatty(STDERR_FILENO);
    QObject::connect(&engine, &SyncEngine::progress, &app, [&](qint64 done, qint64 total) {
        if (total <= 0)
            return;
        err() << tr("Downloaded %1%").arg(100 * done / total) << (interactive ? '\r' : '\n')
              << Qt::flush;
    });
    QObject::connect(&engine,
                     &SyncEngine::stateChanged,
                     &app,
                     [&](SyncEngine::State state, const QString &message) {
                         if (state == SyncEngine::State::Offline && !message.isEmpty())
                             err() << tr("Offline: %1 (retrying)").arg(message) << Qt::endl;
                     });
    const Status synced = engine.runCycle();
    if (interactive)
        err() << Qt::endl;
    if (!synced.ok()) {
        err() << "crm-sync: " << synced.error().message << Qt::endl;
        return synced.error().code == QLatin1String("signed_out") ? 3 : 1;
    }
    const QJsonObject counts = cacheCounts(db);
    out() << tr("In step with %1: %2 leads, %3 activities, cursor %4, %5 conflict(s) to resolve.")
                 .arg(account.server)
                 .arg(counts.value(QStringLiteral("lead")).toInt())
                 .arg(counts.value(QStringLiteral("activity")).toInt())
                 .arg(syncState.cursor())
                 .arg(ConflictInbox(db).openCount())
          << Qt::endl;
    return 0;
}

} // namespace Crm
