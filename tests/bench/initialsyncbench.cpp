#include "initialsyncbench.h"

#include "benchstats.h"

#include "benchdataset.h"
#include "benchlogging.h"
#include "credentials.h"
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"
#include "store/secretstore.h"

#include <QDBusConnection>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <csignal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace CrmBench {

namespace {

// The demo data's agent (server/cli/demodata.h); demo-data gives every lead to them.
const auto AgentEmail = QLatin1String("ana@demo.agentcrm.test");
const auto AgentPassword = QLatin1String("demo-agent-2026");

// Runs in `dbus-run-session -- sh -c` when no keychain answers: unlocks a new gnome-keyring in
// the private HOME, waits until it owns the Secret Service name, prints the bus address, and
// then waits for crm-bench to close its standard input (which also happens when crm-bench
// dies). It then stops the keyring; dbus-run-session stops the bus when the script ends.
const char KeyringSessionScript[] = R"sh(
printf '%s' crm-bench-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
ask() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        "org.freedesktop.DBus.$1" string:org.freedesktop.secrets 2>/dev/null
}
tries=0
until ask NameHasOwner | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -ge 200 ]; then
        echo 'gnome-keyring-daemon did not register org.freedesktop.secrets' >&2
        exit 1
    fi
    sleep 0.05
done
keyring=$(ask GetConnectionUnixProcessID | awk '/uint32/ { print $2 }')
echo "crm-bench-session $DBUS_SESSION_BUS_ADDRESS"
read -r line || true
if [ -n "$keyring" ]; then
    kill "$keyring" 2>/dev/null || true
fi
exit 0
)sh";

const auto SessionMarker = QLatin1String("crm-bench-session ");

Crm::Error failure(const QString &code, const QString &message)
{
    qCWarning(lcBench).noquote() << message;
    return Crm::Error{code, message};
}

Crm::Error sqlError(const QString &what, const QSqlError &error)
{
    return failure(QStringLiteral("sql_failed"), what + QLatin1Char(' ') + error.text());
}

QVariant text(const std::string &value)
{
    return QString::fromStdString(value);
}

QVariant text(const std::optional<std::string> &value)
{
    return value ? text(*value) : QVariant();
}

QString tail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll().trimmed().right(3000));
}

// On Linux a child gets SIGTERM when crm-bench dies, however it dies.
void endWithParent(QProcess &process)
{
#ifdef Q_OS_LINUX
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#else
    Q_UNUSED(process);
#endif
}

// Stops a child process, politely first; for every way out of run().
void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

QString exitDescription(const QProcess &process)
{
    if (process.exitStatus() == QProcess::CrashExit)
        return InitialSyncBench::tr("crashed");
    return InitialSyncBench::tr("exit code %1").arg(process.exitCode());
}

// crm-server serve, stopped when the object goes. Its output goes to a log file, where the
// benchmark finds the address it listens on.
class Server final
{
    Q_DISABLE_COPY_MOVE(Server)

public:
    Server() = default;
    ~Server() { stopProcess(m_process); }

    Crm::Result<QUrl> start(const QString &program, const QString &dbSpec, const QString &logPath)
    {
        m_logPath = logPath;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.setStandardOutputFile(logPath);
        endWithParent(m_process);
        m_process.start(program,
                        {QStringLiteral("serve"),
                         QStringLiteral("--db"),
                         dbSpec,
                         QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:0")});
        if (!m_process.waitForStarted(10000)) {
            return failure(QStringLiteral("server_failed"),
                           InitialSyncBench::tr("Cannot start %1: %2")
                               .arg(program, m_process.errorString()));
        }
        static const QRegularExpression listening(
            QStringLiteral("listening on (http://[0-9.]+:[0-9]+)"));
        const QDeadlineTimer deadline(120000);
        while (!deadline.hasExpired()) {
            const QRegularExpressionMatch match = listening.match(tail(m_logPath));
            if (match.hasMatch())
                return QUrl(match.captured(1));
            if (m_process.state() == QProcess::NotRunning)
                break;
            QThread::msleep(50);
        }
        return failure(QStringLiteral("server_failed"),
                       InitialSyncBench::tr("crm-server did not start: %1").arg(tail(m_logPath)));
    }

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString logTail() const { return tail(m_logPath); }

private:
    QProcess m_process;
    QString m_logPath;
};

// A private D-Bus session bus with an unlocked gnome-keyring, for crm-sync when no keychain
// answers; the private HOME and XDG folders live under the benchmark's temporary folder. Ended
// when the object goes (and by the script itself when crm-bench dies: its standard input
// closes), without a signal to dbus-run-session, which would leave the bus behind.
class KeyringSession final
{
    Q_DISABLE_COPY_MOVE(KeyringSession)

public:
    KeyringSession() = default;
    ~KeyringSession() { stop(); }

    // The environment for programs that should use the session's keychain.
    Crm::Result<QProcessEnvironment> start(const QString &directory)
    {
        for (const char *tool : {"dbus-run-session", "dbus-send", "gnome-keyring-daemon"}) {
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
                return failure(QStringLiteral("missing_tool"),
                               InitialSyncBench::tr(
                                   "No keychain answers, and %1 is missing for a private one; "
                                   "scripts/install-deps installs it.")
                                   .arg(QLatin1String(tool)));
            }
        }
        const QDir root(directory);
        const QString home = root.filePath(QStringLiteral("home"));
        const QString runtime = root.filePath(QStringLiteral("run"));
        const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                   | QFileDevice::ExeOwner;
        if (!root.mkpath(home) || !root.mkpath(runtime) || !QFile::setPermissions(home, ownerOnly)
            || !QFile::setPermissions(runtime, ownerOnly)) {
            return failure(QStringLiteral("io_failed"),
                           InitialSyncBench::tr("Cannot create %1 and %2").arg(home, runtime));
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        environment.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));

        m_logPath = root.filePath(QStringLiteral("session.log"));
        m_process.setProcessEnvironment(environment);
        m_process.setStandardErrorFile(m_logPath);
        m_process.start(QStringLiteral("dbus-run-session"),
                        {QStringLiteral("--"),
                         QStringLiteral("sh"),
                         QStringLiteral("-c"),
                         QString::fromLatin1(KeyringSessionScript)});
        if (!m_process.waitForStarted(10000)) {
            return failure(QStringLiteral("keychain_failed"),
                           InitialSyncBench::tr("Cannot start dbus-run-session: %1")
                               .arg(m_process.errorString()));
        }
        const QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromLocal8Bit(m_process.readLine()).trimmed();
                if (line.startsWith(SessionMarker)) {
                    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                       line.mid(SessionMarker.size()));
                    return environment;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        stop();
        return failure(QStringLiteral("keychain_failed"),
                       InitialSyncBench::tr("No private keyring session: %1").arg(tail(m_logPath)));
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            stopProcess(m_process);
    }

private:
    QProcess m_process;
    QString m_logPath;
};

// True when the OS keychain answers in this environment (a desktop session).
bool keychainAnswers()
{
    // Without a session bus there is no Secret Service; asking would only log a warning.
    if (!QDBusConnection::sessionBus().isConnected())
        return false;
    const Crm::Result<QByteArray> probe = Crm::SecretStore().read(
        QStringLiteral("crm-bench-keychain-probe"));
    return probe.ok() || probe.error().code == QLatin1String("not_found");
}

// Removes what a crm-sync run stored in the desktop's keychain, whichever way run() returns.
class KeychainCleanup final
{
    Q_DISABLE_COPY_MOVE(KeychainCleanup)

public:
    KeychainCleanup() = default;
    ~KeychainCleanup()
    {
        if (m_server.isEmpty())
            return;
        Crm::CacheKeyProvider().forget(m_server, AgentEmail);
        Crm::Credentials::forget(m_server, AgentEmail);
    }
    void watch(const QString &server) { m_server = server; }

private:
    QString m_server;
};

// Runs a program to its end, its output to logPath.
Crm::Status runToEnd(const QString &program,
                     const QStringList &arguments,
                     const QString &logPath,
                     int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(logPath);
    endWithParent(process);
    process.start(program, arguments);
    const bool finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString reason = finished ? exitDescription(process) : process.errorString();
        stopProcess(process);
        return failure(QStringLiteral("child_failed"),
                       InitialSyncBench::tr("%1 %2 failed (%3): %4")
                           .arg(QDir(program).dirName(), arguments.value(0), reason, tail(logPath)));
    }
    return {};
}

} // namespace

QString InitialSyncBench::name() const
{
    return QStringLiteral("initial-sync");
}

QString InitialSyncBench::description() const
{
    return tr("a fresh crm-sync of 100k leads + ~300k activities vs inserting them directly");
}

Crm::Result<BenchmarkReport> InitialSyncBench::run(const Options &options)
{
    const int leadCount = std::max(1, int(std::lround(FullLeadCount * options.rowsScale)));
    const QString serverProgram = QStringLiteral(CRM_SERVER_PROGRAM);
    const QString syncProgram = QStringLiteral(CRM_SYNC_PROGRAM);
    // Generous: the fill takes about a millisecond per lead, the sync less.
    const int childTimeoutMs = 600000 + leadCount * 20;

    // Declared first, so it outlives the processes that use it.
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }
    const QDir directory(temporary.path());
    const QString dbSpec = QStringLiteral("sqlite:")
                           + directory.filePath(QStringLiteral("server.db"));

    // The server's data, outside the measurement.
    QElapsedTimer fillTimer;
    fillTimer.start();
    const Crm::Status filled = runToEnd(serverProgram,
                                        {QStringLiteral("demo-data"),
                                         QStringLiteral("--db"),
                                         dbSpec,
                                         QStringLiteral("--leads"),
                                         QString::number(leadCount),
                                         QStringLiteral("--only-agent"),
                                         AgentEmail},
                                        directory.filePath(QStringLiteral("demo-data.log")),
                                        childTimeoutMs);
    if (!filled.ok())
        return filled.error();
    const double fillSeconds = double(fillTimer.nsecsElapsed()) / 1e9;

    Server server;
    const Crm::Result<QUrl> started
        = server.start(serverProgram, dbSpec, directory.filePath(QStringLiteral("server.log")));
    if (!started.ok())
        return started.error();
    const QString serverUrl = started.value().toString();

    // The keychain crm-sync stores the cache key in: the desktop's, or a private one.
    KeychainCleanup keychainCleanup;
    KeyringSession session;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const bool privateKeyring = !keychainAnswers();
    if (privateKeyring) {
        const Crm::Result<QProcessEnvironment> sessionEnvironment = session.start(
            directory.filePath(QStringLiteral("session")));
        if (!sessionEnvironment.ok())
            return sessionEnvironment.error();
        environment = sessionEnvironment.value();
    } else {
        keychainCleanup.watch(serverUrl);
    }

    // The measurement: a fresh crm-sync, from its start to its exit.
    const QString dataDir = directory.filePath(QStringLiteral("sync"));
    const QString syncLog = directory.filePath(QStringLiteral("crm-sync.log"));
    QProcess sync;
    sync.setProcessEnvironment(environment);
    sync.setProcessChannelMode(QProcess::MergedChannels);
    sync.setStandardOutputFile(syncLog);
    endWithParent(sync);
    QElapsedTimer syncTimer;
    syncTimer.start();
    sync.start(syncProgram,
               {QStringLiteral("--server"),
                serverUrl,
                QStringLiteral("--email"),
                AgentEmail,
                QStringLiteral("--data-dir"),
                dataDir,
                QStringLiteral("--password-stdin"),
                QStringLiteral("sync")});
    if (!sync.waitForStarted(10000)) {
        stopProcess(sync);
        return failure(QStringLiteral("sync_failed"),
                       tr("Cannot start %1: %2").arg(syncProgram, sync.errorString()));
    }
    sync.write(QString(AgentPassword + QLatin1Char('\n')).toUtf8());
    sync.closeWriteChannel();
    const bool synced = sync.waitForFinished(childTimeoutMs);
    const double seconds = double(syncTimer.nsecsElapsed()) / 1e9;
    if (!synced || sync.exitStatus() != QProcess::NormalExit || sync.exitCode() != 0) {
        const QString reason = synced ? exitDescription(sync) : tr("timed out");
        stopProcess(sync);
        return failure(QStringLiteral("sync_failed"),
                       tr("crm-sync sync failed (%1): %2%3")
                           .arg(reason,
                                tail(syncLog),
                                server.isRunning()
                                    ? QString()
                                    : tr("\ncrm-server stopped: %1").arg(server.logTail())));
    }

    // What the cache holds now.
    QProcess status;
    status.setProcessEnvironment(environment);
    status.setStandardInputFile(QProcess::nullDevice());
    endWithParent(status);
    status.start(syncProgram,
                 {QStringLiteral("--data-dir"),
                  dataDir,
                  QStringLiteral("status"),
                  QStringLiteral("--json")});
    const bool statusDone = status.waitForStarted(10000) && status.waitForFinished(120000);
    const QByteArray statusOutput = status.readAllStandardOutput().trimmed();
    const QJsonObject counts
        = QJsonDocument::fromJson(statusOutput).object().value(QLatin1String("counts")).toObject();
    const qint64 syncedLeads = counts.value(QLatin1String("lead")).toInteger(-1);
    const qint64 syncedActivities = counts.value(QLatin1String("activity")).toInteger(-1);
    if (!statusDone || status.exitCode() != 0 || syncedLeads < 0 || syncedActivities < 0) {
        const QString errors = QString::fromLocal8Bit(status.readAllStandardError()).trimmed();
        stopProcess(status);
        return failure(QStringLiteral("sync_failed"),
                       tr("crm-sync status --json failed: %1 %2")
                           .arg(QString::fromUtf8(statusOutput), errors));
    }
    const qint64 rows = syncedLeads + syncedActivities;
    if (syncedLeads != leadCount) {
        return failure(QStringLiteral("rows_missing"),
                       tr("The server gave %1 leads to %2; the cache holds %3.")
                           .arg(leadCount)
                           .arg(AgentEmail)
                           .arg(syncedLeads));
    }
    session.stop();

    // The ceiling: the same rows straight into an encrypted cache.
    const Crm::Result<double> ceiling = runCeiling(directory.filePath(QStringLiteral("ceiling.db")),
                                                   syncedLeads,
                                                   syncedActivities);
    if (!ceiling.ok())
        return ceiling.error();

    const double rowsPerSecond = double(rows) / seconds;
    const double ceilingRowsPerSecond = double(rows) / ceiling.value();
    const double ratio = rowsPerSecond / ceilingRowsPerSecond;
    BenchmarkReport report(name());
    report.addValue(QStringLiteral("rows"), rows);
    report.addValue(QStringLiteral("seconds"), rounded(seconds, 3));
    report.addValue(QStringLiteral("rows_per_s"), rounded(rowsPerSecond, 1));
    report.addValue(QStringLiteral("ceiling_rows_per_s"), rounded(ceilingRowsPerSecond, 1));
    report.addValue(QStringLiteral("ratio"), rounded(ratio, 4));

    report.addSummaryLine(tr("initial-sync: %1 leads + %2 activities = %3 rows for %4")
                              .arg(syncedLeads)
                              .arg(syncedActivities)
                              .arg(rows)
                              .arg(AgentEmail));
    report.addSummaryLine(tr("  server fill    %1 s  (crm-server demo-data, not measured)")
                              .arg(fillSeconds, 8, 'f', 3));
    report.addSummaryLine(
        tr("  crm-sync sync  %1 s  (%2 rows/s)  keychain: %3")
            .arg(seconds, 8, 'f', 3)
            .arg(qint64(rowsPerSecond), 7)
            .arg(privateKeyring ? tr("private gnome-keyring session") : tr("the desktop's")));
    report.addSummaryLine(tr("  ceiling        %1 s  (%2 rows/s)  direct inserts, QSQLCIPHER")
                              .arg(ceiling.value(), 8, 'f', 3)
                              .arg(qint64(ceilingRowsPerSecond), 7));
    report.addSummaryLine(tr("  ratio          %1 of the ceiling; target >= %2 rows/s: %3")
                              .arg(ratio, 0, 'f', 3)
                              .arg(TargetRowsPerSecond)
                              .arg(rowsPerSecond >= TargetRowsPerSecond ? tr("met") : tr("missed")));
    return report;
}

Crm::Result<double> InitialSyncBench::runCeiling(const QString &path,
                                                 qint64 leadCount,
                                                 qint64 activityCount)
{
    // cache-insert's data set, with enough activity numbers per lead for the spread below.
    BenchDataset::Config config;
    config.leadCount = int(leadCount);
    config.activitiesPerLead = leadCount > 0 ? int((activityCount + leadCount - 1) / leadCount) : 0;
    const BenchDataset dataset(config);

    QByteArray key(Crm::CacheKeyProvider::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / int(sizeof(quint32)));
    const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
    if (!opened.ok())
        return opened.error();
    QSqlDatabase db = opened.value().database();

    QSqlQuery leadInsert(db);
    QSqlQuery activityInsert(db);
    if (!leadInsert.prepare(QString::fromLatin1(BenchDataset::leadInsertSql())))
        return sqlError(tr("Cannot prepare the lead insert:"), leadInsert.lastError());
    if (!activityInsert.prepare(QString::fromLatin1(BenchDataset::activityInsertSql())))
        return sqlError(tr("Cannot prepare the activity insert:"), activityInsert.lastError());

    QElapsedTimer timer;
    timer.start();
    // Whole leads per transaction, at most cache-insert's rows per transaction.
    int rowsInTransaction = 0;
    for (int index = 0; index < config.leadCount; ++index) {
        if (rowsInTransaction == 0 && !db.transaction())
            return sqlError(tr("Cannot begin a transaction:"), db.lastError());
        const BenchDataset::Lead lead = dataset.lead(index);
        leadInsert.addBindValue(text(lead.id));
        leadInsert.addBindValue(text(lead.firstName));
        leadInsert.addBindValue(text(lead.lastName));
        leadInsert.addBindValue(text(lead.email));
        leadInsert.addBindValue(text(lead.phone));
        leadInsert.addBindValue(text(lead.message));
        leadInsert.addBindValue(text(lead.source));
        leadInsert.addBindValue(text(lead.status));
        leadInsert.addBindValue(text(lead.assignedAgentId));
        leadInsert.addBindValue(text(lead.state));
        leadInsert.addBindValue(lead.smsOptIn);
        leadInsert.addBindValue(qint64(lead.createdAt));
        leadInsert.addBindValue(qint64(lead.updatedAt));
        leadInsert.addBindValue(lead.version);
        if (!leadInsert.exec())
            return sqlError(tr("Cannot insert a lead:"), leadInsert.lastError());
        // The activities spread evenly: this lead's share of activityCount.
        const int activities = int((index + 1) * activityCount / leadCount
                                   - index * activityCount / leadCount);
        for (int number = 0; number < activities; ++number) {
            const BenchDataset::Activity activity = dataset.activity(lead, number);
            activityInsert.addBindValue(text(activity.id));
            activityInsert.addBindValue(text(activity.leadId));
            activityInsert.addBindValue(text(activity.agentId));
            activityInsert.addBindValue(text(activity.activityType));
            activityInsert.addBindValue(text(activity.notes));
            activityInsert.addBindValue(qint64(activity.createdAt));
            activityInsert.addBindValue(qint64(activity.createdAt)); // occurredAt
            if (!activityInsert.exec())
                return sqlError(tr("Cannot insert an activity:"), activityInsert.lastError());
        }
        rowsInTransaction += 1 + activities;
        if (rowsInTransaction + 1 + config.activitiesPerLead > config.rowsPerTransaction
            || index + 1 == config.leadCount) {
            if (!db.commit())
                return sqlError(tr("Cannot commit a transaction:"), db.lastError());
            rowsInTransaction = 0;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;

    QSqlQuery count(db);
    if (!count.exec(QStringLiteral("SELECT (SELECT count(*) FROM leads),"
                                   " (SELECT count(*) FROM lead_activities)"))
        || !count.next()) {
        return sqlError(tr("Cannot count the ceiling's rows:"), count.lastError());
    }
    if (count.value(0).toLongLong() != leadCount || count.value(1).toLongLong() != activityCount) {
        return failure(QStringLiteral("rows_missing"),
                       tr("The ceiling wrote %1 leads and %2 activities, not %3 and %4.")
                           .arg(count.value(0).toLongLong())
                           .arg(count.value(1).toLongLong())
                           .arg(leadCount)
                           .arg(activityCount));
    }
    return seconds;
}

} // namespace CrmBench
