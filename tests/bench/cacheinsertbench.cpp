#include "cacheinsertbench.h"

#include "benchstats.h"

#include "benchlogging.h"
#include "store/localdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

namespace CrmBench {

namespace {

const auto BaselineProgram = QLatin1String("crm-bench-sqlite-baseline");

QVariant text(const std::string &value)
{
    return QString::fromStdString(value);
}

QVariant text(const std::optional<std::string> &value)
{
    return value ? text(*value) : QVariant();
}

Crm::Error sqlError(const QString &what, const QSqlError &error)
{
    qCWarning(lcBench).noquote() << what << error.text();
    return Crm::Error{QStringLiteral("sql_failed"), what + QLatin1Char(' ') + error.text()};
}

Crm::Result<QVariant> queryValue(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql) || !query.next())
        return sqlError(sql, query.lastError());
    return query.value(0);
}

} // namespace

QString CacheInsertBench::name() const
{
    return QStringLiteral("cache-insert");
}

QString CacheInsertBench::description() const
{
    return tr("100k leads + 300k activities: encrypted cache vs plain SQLite");
}

Crm::Result<BenchmarkReport> CacheInsertBench::run(const Options &options)
{
    BenchDataset::Config config;
    config.leadCount = std::max(1, int(std::lround(FullLeadCount * options.rowsScale)));
    const BenchDataset dataset(config);

    QTemporaryDir directory;
    if (!directory.isValid()) {
        return Crm::Error{QStringLiteral("no_temp_dir"),
                          tr("Cannot create a temporary folder: %1").arg(directory.errorString())};
    }

    QString schemaSql;
    const Crm::Result<Timing> ours = runOurs(directory.filePath(QStringLiteral("cache.db")),
                                             dataset,
                                             &schemaSql);
    if (!ours.ok())
        return ours.error();
    const Crm::Result<Timing> baseline = runBaseline(directory.path(), schemaSql, dataset);
    if (!baseline.ok())
        return baseline.error();

    const double ratio = ours.value().seconds / baseline.value().seconds;
    const qint64 rows = dataset.totalRows();
    BenchmarkReport report(name());
    report.addValue(QStringLiteral("rows"), rows);
    report.addValue(QStringLiteral("ours_s"), rounded(ours.value().seconds, 3));
    report.addValue(QStringLiteral("baseline_s"), rounded(baseline.value().seconds, 3));
    report.addValue(QStringLiteral("ratio"), rounded(ratio, 3));

    const auto line = [rows](const QString &label, const Timing &timing) {
        return tr("  %1 %2 s  (%3 rows/s)  %4")
            .arg(label, -9)
            .arg(timing.seconds, 7, 'f', 3)
            .arg(qint64(double(rows) / timing.seconds), 7)
            .arg(timing.engine);
    };
    report.addSummaryLine(
        tr("cache-insert: %1 leads + %2 activities = %3 rows, "
           "%4 rows per transaction")
            .arg(dataset.leadCount())
            .arg(dataset.activityCount())
            .arg(rows)
            .arg(dataset.leadsPerTransaction() * (1 + dataset.config().activitiesPerLead)));
    report.addSummaryLine(line(tr("ours"), ours.value()));
    report.addSummaryLine(line(tr("baseline"), baseline.value()));
    report.addSummaryLine(tr("  ratio     %1 (target <= %2: %3)")
                              .arg(ratio, 0, 'f', 2)
                              .arg(TargetRatio)
                              .arg(ratio <= TargetRatio ? tr("met") : tr("missed")));
    return report;
}

Crm::Result<CacheInsertBench::Timing> CacheInsertBench::runOurs(const QString &path,
                                                                const BenchDataset &dataset,
                                                                QString *schemaSql)
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / int(sizeof(quint32)));
    const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
    if (!opened.ok())
        return opened.error();
    const QSqlDatabase db = opened.value().database();

    if (const Crm::Status checked = checkConnection(db); !checked.ok())
        return checked.error();
    const Crm::Result<QString> schema = schemaScript(db);
    if (!schema.ok())
        return schema.error();
    *schemaSql = schema.value();

    Crm::Result<Timing> timing = insertRows(db, dataset);
    if (!timing.ok())
        return timing;
    if (const Crm::Status counted = checkCounts(db, dataset); !counted.ok())
        return counted.error();

    const Crm::Result<QVariant> cipher = queryValue(db, QStringLiteral("PRAGMA cipher_version"));
    const Crm::Result<QVariant> sqlite = queryValue(db, QStringLiteral("SELECT sqlite_version()"));
    timing.value().engine = tr("QSQLCIPHER, SQLCipher %1 (SQLite %2), encrypted")
                                .arg(cipher.ok() ? cipher.value().toString() : QString(),
                                     sqlite.ok() ? sqlite.value().toString() : QString());
    return timing;
}

Crm::Result<CacheInsertBench::Timing> CacheInsertBench::insertRows(QSqlDatabase db,
                                                                   const BenchDataset &dataset)
{
    QSqlQuery leadInsert(db);
    QSqlQuery activityInsert(db);
    if (!leadInsert.prepare(QString::fromLatin1(BenchDataset::leadInsertSql())))
        return sqlError(tr("Cannot prepare the lead insert:"), leadInsert.lastError());
    if (!activityInsert.prepare(QString::fromLatin1(BenchDataset::activityInsertSql())))
        return sqlError(tr("Cannot prepare the activity insert:"), activityInsert.lastError());

    QElapsedTimer timer;
    timer.start();
    const int leadCount = dataset.config().leadCount;
    const int activitiesPerLead = dataset.config().activitiesPerLead;
    bool inTransaction = false;
    for (int index = 0; index < leadCount; ++index) {
        if (!inTransaction) {
            if (!db.transaction())
                return sqlError(tr("Cannot begin a transaction:"), db.lastError());
            inTransaction = true;
        }
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
        for (int number = 0; number < activitiesPerLead; ++number) {
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
        if (dataset.commitsAfter(index)) {
            if (!db.commit())
                return sqlError(tr("Cannot commit a transaction:"), db.lastError());
            inTransaction = false;
        }
    }
    Timing timing;
    timing.seconds = double(timer.nsecsElapsed()) / 1e9;
    return timing;
}

Crm::Result<CacheInsertBench::Timing> CacheInsertBench::runBaseline(const QString &directory,
                                                                    const QString &schemaSql,
                                                                    const BenchDataset &dataset)
{
    const QString schemaPath = QDir(directory).filePath(QStringLiteral("schema.sql"));
    QFile schemaFile(schemaPath);
    if (!schemaFile.open(QIODevice::WriteOnly) || schemaFile.write(schemaSql.toUtf8()) < 0
        || !schemaFile.flush()) {
        return Crm::Error{QStringLiteral("io_failed"),
                          tr("Cannot write %1: %2").arg(schemaPath, schemaFile.errorString())};
    }
    schemaFile.close();

    const QString program = QDir(QCoreApplication::applicationDirPath()).filePath(BaselineProgram);
    const BenchDataset::Config &config = dataset.config();
    QProcess process;
    process.setProgram(program);
    process.setArguments({QStringLiteral("--schema"),
                          schemaPath,
                          QStringLiteral("--database"),
                          QDir(directory).filePath(QStringLiteral("baseline.db")),
                          QStringLiteral("--leads"),
                          QString::number(config.leadCount),
                          QStringLiteral("--activities-per-lead"),
                          QString::number(config.activitiesPerLead),
                          QStringLiteral("--rows-per-transaction"),
                          QString::number(config.rowsPerTransaction),
                          QStringLiteral("--seed"),
                          QString::number(config.seed)});
    process.start();
    if (!process.waitForStarted() || !process.waitForFinished(-1)) {
        return Crm::Error{QStringLiteral("baseline_failed"),
                          tr("Cannot run %1: %2").arg(program, process.errorString())};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return Crm::Error{QStringLiteral("baseline_failed"),
                          tr("%1 failed (exit code %2): %3")
                              .arg(BaselineProgram)
                              .arg(process.exitCode())
                              .arg(
                                  QString::fromLocal8Bit(process.readAllStandardError()).trimmed())};
    }

    const QByteArray output = process.readAllStandardOutput().trimmed();
    const QJsonObject result = QJsonDocument::fromJson(output.mid(output.lastIndexOf('\n') + 1))
                                   .object();
    const double seconds = result.value(QLatin1String("insert_s")).toDouble();
    if (seconds <= 0 || result.value(QLatin1String("rows")).toInteger() != dataset.totalRows()) {
        return Crm::Error{QStringLiteral("baseline_failed"),
                          tr("Unexpected output from %1: %2")
                              .arg(BaselineProgram, QString::fromUtf8(output))};
    }
    Timing timing;
    timing.seconds = seconds;
    timing.engine = tr("system SQLite %1, C API, plaintext")
                        .arg(result.value(QLatin1String("sqlite_version")).toString());
    return timing;
}

Crm::Result<QString> CacheInsertBench::schemaScript(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // sqlite_master lists objects in creation order, so tables come before the indexes and
    // triggers that use them. Internal objects (sqlite_sequence, autoindexes) are left out.
    if (!query.exec(
            QStringLiteral("SELECT type, name, sql FROM sqlite_master"
                           " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                           " ORDER BY rowid"))) {
        return sqlError(tr("Cannot read the schema:"), query.lastError());
    }
    QStringList virtualTables;
    QStringList statements;
    while (query.next()) {
        const QString type = query.value(0).toString();
        const QString name = query.value(1).toString();
        const QString sql = query.value(2).toString();
        // CREATE VIRTUAL TABLE makes its own shadow tables (leads_fts_content, ...).
        const bool shadow = type == QLatin1String("table")
                            && std::any_of(virtualTables.cbegin(),
                                           virtualTables.cend(),
                                           [&name](const QString &table) {
                                               return name.startsWith(table + QLatin1Char('_'));
                                           });
        if (shadow)
            continue;
        if (sql.startsWith(QLatin1String("CREATE VIRTUAL TABLE"), Qt::CaseInsensitive))
            virtualTables.append(name);
        statements.append(sql + QLatin1Char(';'));
    }
    if (query.lastError().isValid())
        return sqlError(tr("Cannot read the schema:"), query.lastError());
    if (virtualTables.isEmpty()) {
        return Crm::Error{QStringLiteral("schema_unexpected"),
                          tr("The cache has no full-text index; is the schema the newest?")};
    }
    return statements.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

Crm::Status CacheInsertBench::checkConnection(const QSqlDatabase &db)
{
    // The comparison is only fair if the driver set what the baseline sets.
    const struct
    {
        const char *pragma;
        const char *expected;
    } settings[] = {
        {"journal_mode", "wal"},
        {"synchronous", "1"}, // NORMAL
        {"foreign_keys", "1"},
        {"page_size", "4096"},
        {"cache_size", "-65536"}, // 64 MiB, as SqlCipherDriver sets by default
    };
    for (const auto &setting : settings) {
        const QString pragma = QLatin1String(setting.pragma);
        const Crm::Result<QVariant> value = queryValue(db, QStringLiteral("PRAGMA ") + pragma);
        if (!value.ok())
            return value.error();
        if (value.value().toString() != QLatin1String(setting.expected)) {
            return Crm::Error{QStringLiteral("unexpected_setting"),
                              tr("The cache has %1 = %2; the benchmark expects %3.")
                                  .arg(pragma,
                                       value.value().toString(),
                                       QLatin1String(setting.expected))};
        }
    }
    return {};
}

Crm::Status CacheInsertBench::checkCounts(const QSqlDatabase &db, const BenchDataset &dataset)
{
    const Crm::Result<QVariant> leads = queryValue(db, QStringLiteral("SELECT count(*) FROM leads"));
    const Crm::Result<QVariant> activities
        = queryValue(db, QStringLiteral("SELECT count(*) FROM lead_activities"));
    if (!leads.ok())
        return leads.error();
    if (!activities.ok())
        return activities.error();
    if (leads.value().toLongLong() != dataset.leadCount()
        || activities.value().toLongLong() != dataset.activityCount()) {
        return Crm::Error{QStringLiteral("rows_missing"),
                          tr("Expected %1 leads and %2 activities in the cache, found %3 and %4.")
                              .arg(dataset.leadCount())
                              .arg(dataset.activityCount())
                              .arg(leads.value().toLongLong())
                              .arg(activities.value().toLongLong())};
    }
    return {};
}

} // namespace CrmBench
