#include "leadlistbench.h"

#include "benchstats.h"

#include "benchdataset.h"
#include "benchlogging.h"
#include "item/leadtablemodel.h"
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <sys/resource.h>

namespace CrmBench {

namespace {

struct Name
{
    const char *display; // UTF-8
    const char *ascii;   // what an agent types, and the e-mail address's spelling
};

// Common first names and surnames of the plan's members: US, Hispanic and Asian, some with
// accents (the FTS tokenizer folds them, so "jose" finds "José").
const Name FirstNames[] = {
    {"Maria", "maria"},
    {"José", "jose"},
    {"James", "james"},
    {"Mary", "mary"},
    {"Robert", "robert"},
    {"Patricia", "patricia"},
    {"John", "john"},
    {"Jennifer", "jennifer"},
    {"Michael", "michael"},
    {"Linda", "linda"},
    {"David", "david"},
    {"Elizabeth", "elizabeth"},
    {"William", "william"},
    {"Barbara", "barbara"},
    {"Richard", "richard"},
    {"Susan", "susan"},
    {"Joseph", "joseph"},
    {"Jessica", "jessica"},
    {"Thomas", "thomas"},
    {"Sarah", "sarah"},
    {"Charles", "charles"},
    {"Karen", "karen"},
    {"Christopher", "christopher"},
    {"Lisa", "lisa"},
    {"Daniel", "daniel"},
    {"Nancy", "nancy"},
    {"Matthew", "matthew"},
    {"Betty", "betty"},
    {"Anthony", "anthony"},
    {"Margaret", "margaret"},
    {"Mark", "mark"},
    {"Sandra", "sandra"},
    {"Donald", "donald"},
    {"Ashley", "ashley"},
    {"Steven", "steven"},
    {"Kimberly", "kimberly"},
    {"Paul", "paul"},
    {"Emily", "emily"},
    {"Andrew", "andrew"},
    {"Donna", "donna"},
    {"Joshua", "joshua"},
    {"Michelle", "michelle"},
    {"Kenneth", "kenneth"},
    {"Carol", "carol"},
    {"Kevin", "kevin"},
    {"Amanda", "amanda"},
    {"Brian", "brian"},
    {"Dorothy", "dorothy"},
    {"George", "george"},
    {"Melissa", "melissa"},
    {"Luis", "luis"},
    {"Ana", "ana"},
    {"Carlos", "carlos"},
    {"Sofía", "sofia"},
    {"Juan", "juan"},
    {"Lucía", "lucia"},
    {"Jesús", "jesus"},
    {"Guadalupe", "guadalupe"},
    {"Miguel", "miguel"},
    {"Rosa", "rosa"},
    {"Ángel", "angel"},
    {"Carmen", "carmen"},
    {"Héctor", "hector"},
    {"Verónica", "veronica"},
    {"Wei", "wei"},
    {"Mei", "mei"},
    {"Minh", "minh"},
    {"Linh", "linh"},
    {"Hiroshi", "hiroshi"},
    {"Yuki", "yuki"},
    {"Ji-woo", "jiwoo"},
    {"Priya", "priya"},
    {"Raj", "raj"},
    {"Fatima", "fatima"},
    {"Omar", "omar"},
    {"Aisha", "aisha"},
    {"Grace", "grace"},
    {"Diego", "diego"},
    {"Chloé", "chloe"},
    {"Noah", "noah"},
};

const Name LastNames[] = {
    {"Smith", "smith"},
    {"Johnson", "johnson"},
    {"Williams", "williams"},
    {"Brown", "brown"},
    {"Jones", "jones"},
    {"García", "garcia"},
    {"Miller", "miller"},
    {"Davis", "davis"},
    {"Rodríguez", "rodriguez"},
    {"Martínez", "martinez"},
    {"Hernández", "hernandez"},
    {"López", "lopez"},
    {"González", "gonzalez"},
    {"Wilson", "wilson"},
    {"Anderson", "anderson"},
    {"Thomas", "thomas"},
    {"Taylor", "taylor"},
    {"Moore", "moore"},
    {"Jackson", "jackson"},
    {"Martin", "martin"},
    {"Lee", "lee"},
    {"Pérez", "perez"},
    {"Thompson", "thompson"},
    {"White", "white"},
    {"Harris", "harris"},
    {"Sánchez", "sanchez"},
    {"Clark", "clark"},
    {"Ramírez", "ramirez"},
    {"Lewis", "lewis"},
    {"Robinson", "robinson"},
    {"Walker", "walker"},
    {"Young", "young"},
    {"Allen", "allen"},
    {"King", "king"},
    {"Wright", "wright"},
    {"Scott", "scott"},
    {"Torres", "torres"},
    {"Nguyen", "nguyen"},
    {"Hill", "hill"},
    {"Flores", "flores"},
    {"Green", "green"},
    {"Adams", "adams"},
    {"Nelson", "nelson"},
    {"Baker", "baker"},
    {"Hall", "hall"},
    {"Rivera", "rivera"},
    {"Campbell", "campbell"},
    {"Mitchell", "mitchell"},
    {"Carter", "carter"},
    {"Roberts", "roberts"},
    {"Gómez", "gomez"},
    {"Phillips", "phillips"},
    {"Evans", "evans"},
    {"Turner", "turner"},
    {"Díaz", "diaz"},
    {"Parker", "parker"},
    {"Cruz", "cruz"},
    {"Edwards", "edwards"},
    {"Collins", "collins"},
    {"Reyes", "reyes"},
    {"Stewart", "stewart"},
    {"Morris", "morris"},
    {"Morales", "morales"},
    {"Murphy", "murphy"},
    {"Cook", "cook"},
    {"Rogers", "rogers"},
    {"Gutiérrez", "gutierrez"},
    {"Ortiz", "ortiz"},
    {"Morgan", "morgan"},
    {"Cooper", "cooper"},
    {"Peterson", "peterson"},
    {"Bailey", "bailey"},
    {"Reed", "reed"},
    {"Kelly", "kelly"},
    {"Howard", "howard"},
    {"Ramos", "ramos"},
    {"Kim", "kim"},
    {"Cox", "cox"},
    {"Ward", "ward"},
    {"Richardson", "richardson"},
    {"Watson", "watson"},
    {"Brooks", "brooks"},
    {"Chávez", "chavez"},
    {"Wood", "wood"},
    {"James", "james"},
    {"Bennett", "bennett"},
    {"Gray", "gray"},
    {"Mendoza", "mendoza"},
    {"Ruiz", "ruiz"},
    {"Hughes", "hughes"},
    {"Price", "price"},
    {"Álvarez", "alvarez"},
    {"Castillo", "castillo"},
    {"Sanders", "sanders"},
    {"Patel", "patel"},
    {"Myers", "myers"},
    {"Long", "long"},
    {"Ross", "ross"},
    {"Foster", "foster"},
    {"Chen", "chen"},
    {"Wang", "wang"},
    {"Tran", "tran"},
    {"Le", "le"},
    {"Muñoz", "munoz"},
    {"Okafor", "okafor"},
};

const char *const Domains[] = {"gmail.com",
                               "yahoo.com",
                               "hotmail.com",
                               "outlook.com",
                               "icloud.com",
                               "aol.com",
                               "comcast.net",
                               "att.net",
                               "example.com",
                               "live.com"};

constexpr std::uint64_t Seed = 20261124;
constexpr int LeadsPerTransaction = 50000;

template<typename T, std::size_t N>
const T &pick(const T (&items)[N], std::uint64_t value)
{
    return items[value % N];
}

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Lead index: cache-insert's lead (ids, phones, statuses, sources, times) with names and
// e-mail addresses from the longer lists above.
struct Person
{
    const Name *first = nullptr;
    const Name *last = nullptr;
    std::string email;
};

Person person(int index)
{
    const std::uint64_t random = splitMix64(splitMix64(Seed) + std::uint64_t(index));
    Person person;
    person.first = &pick(FirstNames, random);
    person.last = &pick(LastNames, random >> 8);
    const std::string first = person.first->ascii;
    const std::string last = person.last->ascii;
    const std::string number = std::to_string((random >> 16) % 1000);
    switch ((random >> 32) % 4) {
    case 0:
        person.email = first + '.' + last;
        break;
    case 1:
        person.email = first + '.' + last + number;
        break;
    case 2:
        person.email = first.substr(0, 1) + last + number;
        break;
    default:
        person.email = first + last + std::to_string(1940 + (random >> 40) % 70);
        break;
    }
    person.email += '@';
    person.email += pick(Domains, random >> 48);
    return person;
}

QVariant text(const std::string &value)
{
    return QString::fromStdString(value);
}

QVariant text(const std::optional<std::string> &value)
{
    return value ? text(*value) : QVariant();
}

Crm::Error failure(const QString &code, const QString &message)
{
    qCWarning(lcBench).noquote() << message;
    return Crm::Error{code, message};
}

Crm::Error sqlError(const QString &what, const QSqlError &error)
{
    return failure(QStringLiteral("sql_failed"), what + QLatin1Char(' ') + error.text());
}

// What a view asks for to paint the first screen: every column of the first rows, with the
// roles the dashboard's delegate uses. Returns how many cells had something to show.
int showFirstRows(const QAbstractItemModel &model)
{
    const int rows = std::min(model.rowCount(), LeadListBench::ShownRows);
    const int columns = model.columnCount();
    int cells = 0;
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column);
            for (const int role :
                 {int(Qt::DisplayRole), int(Qt::FontRole), int(Qt::ForegroundRole)}) {
                if (model.data(index, role).isValid())
                    ++cells;
            }
        }
    }
    return cells;
}

// Linux: resets this process's peak RSS to its current RSS (proc(5), clear_refs "5").
bool resetPeakRss()
{
#ifdef Q_OS_LINUX
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && file.write("5", 1) == 1;
#else
    return false;
#endif
}

double peakRssMb()
{
    struct rusage usage = {};
    if (::getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

QString LeadListBench::name() const
{
    return QStringLiteral("lead-list");
}

QString LeadListBench::description() const
{
    return tr("the leads dashboard model at 100k and 1M leads vs a QSqlQueryModel with LIKE");
}

Crm::Result<BenchmarkReport> LeadListBench::run(const Options &options)
{
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }

    BenchmarkReport report(name());
    bool firstLine = true;
    for (const int fullCount : {SmallLeadCount, LargeLeadCount}) {
        const int leadCount = std::max(1, int(std::lround(fullCount * options.rowsScale)));
        const QString path = QDir(temporary.path())
                                 .filePath(QStringLiteral("leads-%1.db").arg(leadCount));
        QByteArray key(Crm::CacheKeyProvider::KeySize, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                              key.size() / int(sizeof(quint32)));

        // The cache, written and closed before anything is measured.
        double fillSeconds = 0;
        {
            const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
            if (!opened.ok())
                return opened.error();
            const Crm::Result<double> filled = fill(opened.value().database(), leadCount);
            if (!filled.ok())
                return filled.error();
            fillSeconds = filled.value();
        }
        const QStringList prefixes = searchPrefixes(leadCount);
        const Crm::Result<Measurement> measured = measure(path, key, prefixes);
        removeDatabase(path);
        if (!measured.ok())
            return measured.error();
        const Measurement &m = measured.value();
        const double ratio = m.baselineSearchP95Ms / m.searchP95Ms;

        if (!firstLine)
            report.newLine();
        firstLine = false;
        report.addValue(QStringLiteral("leads"), leadCount);
        report.addValue(QStringLiteral("open_ms"), rounded(m.openMs, 2));
        report.addValue(QStringLiteral("search_p50_ms"), rounded(m.searchP50Ms, 2));
        report.addValue(QStringLiteral("search_p95_ms"), rounded(m.searchP95Ms, 2));
        report.addValue(QStringLiteral("sort_ms"), rounded(m.sortMs, 2));
        report.addValue(QStringLiteral("reload_ms"), rounded(m.reloadMs, 2));
        report.addValue(QStringLiteral("background_reload_gui_ms"), rounded(m.backgroundReloadGuiMs, 2));
        report.addValue(QStringLiteral("rss_mb"), rounded(m.rssMb, 1));
        report.addValue(QStringLiteral("baseline_search_p95_ms"), rounded(m.baselineSearchP95Ms, 2));
        report.addValue(QStringLiteral("ratio"), rounded(ratio, 3));

        const auto verdict = [](bool met) { return met ? tr("met") : tr("missed"); };
        const bool large = fullCount == LargeLeadCount;
        report.addSummaryLine(tr("lead-list: %1 leads (cache filled in %2 s, not measured)")
                                  .arg(leadCount)
                                  .arg(fillSeconds, 0, 'f', 1));
        report.addSummaryLine(tr("  open (first %1 rows shown)  %2 ms%3")
                                  .arg(ShownRows)
                                  .arg(m.openMs, 9, 'f', 1)
                                  .arg(large ? QString()
                                             : tr("  (target < %1 ms: %2)")
                                                   .arg(TargetOpenMs)
                                                   .arg(verdict(m.openMs < TargetOpenMs))));
        const double searchTarget = large ? TargetLargeSearchP95Ms : TargetSearchP95Ms;
        report.addSummaryLine(tr("  search, %1 prefixes         p50 %2 ms  p95 %3 ms  "
                                 "(target p95 < %4 ms: %5; %6 matches on average)")
                                  .arg(prefixes.size())
                                  .arg(m.searchP50Ms, 0, 'f', 1)
                                  .arg(m.searchP95Ms, 0, 'f', 1)
                                  .arg(searchTarget)
                                  .arg(verdict(m.searchP95Ms < searchTarget))
                                  .arg(m.searchMatches / std::max<qsizetype>(1, prefixes.size())));
        report.addSummaryLine(tr("  baseline (QSqlQueryModel)   p50 %1 ms  p95 %2 ms  "
                                 "(ratio baseline / ours %3)")
                                  .arg(m.baselineSearchP50Ms, 0, 'f', 1)
                                  .arg(m.baselineSearchP95Ms, 0, 'f', 1)
                                  .arg(ratio, 0, 'f', 2));
        report.addSummaryLine(tr("  sort by name                %1 ms").arg(m.sortMs, 9, 'f', 1));
        report.addSummaryLine(tr("  re-read after a sync        %1 ms on the GUI thread; %2 ms of it "
                                 "with the reader thread (%3x less)")
                                  .arg(m.reloadMs, 9, 'f', 1)
                                  .arg(m.backgroundReloadGuiMs, 0, 'f', 1)
                                  .arg(m.reloadMs / std::max(0.01, m.backgroundReloadGuiMs), 0, 'f', 0));
        report.addSummaryLine(
            tr("  peak RSS                    %1 MB%2%3")
                .arg(m.rssMb, 9, 'f', 1)
                .arg(m.rssReset ? QString() : tr(" (including the fill: no reset)"))
                .arg(large ? tr("  (target < %1 MB: %2)")
                                 .arg(TargetLargeRssMb)
                                 .arg(verdict(m.rssMb < TargetLargeRssMb))
                           : QString()));
    }
    return report;
}

Crm::Result<double> LeadListBench::fill(QSqlDatabase db, int leadCount)
{
    BenchDataset::Config config;
    config.leadCount = leadCount;
    config.activitiesPerLead = 0;
    const BenchDataset dataset(config);

    QSqlQuery insert(db);
    if (!insert.prepare(QString::fromLatin1(BenchDataset::leadInsertSql())))
        return sqlError(tr("Cannot prepare the lead insert:"), insert.lastError());
    QElapsedTimer timer;
    timer.start();
    for (int index = 0; index < leadCount; ++index) {
        if (index % LeadsPerTransaction == 0 && !db.transaction())
            return sqlError(tr("Cannot begin a transaction:"), db.lastError());
        const BenchDataset::Lead lead = dataset.lead(index);
        const Person who = person(index);
        insert.addBindValue(text(lead.id));
        insert.addBindValue(QString::fromUtf8(who.first->display));
        insert.addBindValue(QString::fromUtf8(who.last->display));
        insert.addBindValue(text(who.email));
        insert.addBindValue(text(lead.phone));
        insert.addBindValue(text(lead.message));
        insert.addBindValue(text(lead.source));
        insert.addBindValue(text(lead.status));
        insert.addBindValue(text(lead.assignedAgentId));
        insert.addBindValue(text(lead.state));
        insert.addBindValue(lead.smsOptIn);
        insert.addBindValue(qint64(lead.createdAt));
        insert.addBindValue(qint64(lead.updatedAt));
        insert.addBindValue(lead.version);
        if (!insert.exec())
            return sqlError(tr("Cannot insert a lead:"), insert.lastError());
        if ((index + 1) % LeadsPerTransaction == 0 || index + 1 == leadCount) {
            if (!db.commit())
                return sqlError(tr("Cannot commit a transaction:"), db.lastError());
        }
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

QStringList LeadListBench::searchPrefixes(int leadCount)
{
    BenchDataset::Config config;
    config.leadCount = leadCount;
    config.activitiesPerLead = 0;
    const BenchDataset dataset(config);
    QRandomGenerator random{quint32(Seed)};
    QStringList prefixes;
    QSet<QString> seen;
    // A lead picked at random, and what an agent looking for them might have typed so far:
    // the start of a first name or last name (1 to 4 letters), of an e-mail address (2 to 6
    // characters) or of a phone number's national digits (3 to 6).
    for (int attempt = 0; prefixes.size() < SearchCount && attempt < 100000; ++attempt) {
        const int index = int(random.bounded(leadCount));
        const Person who = person(index);
        const int kind = int(random.bounded(10));
        QString prefix;
        if (kind < 4) {
            prefix = QString::fromUtf8(who.first->ascii).left(1 + int(random.bounded(4)));
        } else if (kind < 7) {
            prefix = QString::fromUtf8(who.last->ascii).left(1 + int(random.bounded(4)));
        } else if (kind < 8) {
            prefix = QString::fromStdString(who.email).left(2 + int(random.bounded(5)));
        } else {
            const QString phone = QString::fromStdString(dataset.lead(index).phone);
            const QString digits = phone.mid(phone.startsWith(QLatin1String("+1")) ? 2 : 1);
            prefix = digits.left(3 + int(random.bounded(4)));
        }
        if (!seen.contains(prefix)) {
            seen.insert(prefix);
            prefixes << prefix;
        }
    }
    return prefixes;
}

Crm::Result<LeadListBench::Measurement> LeadListBench::measure(const QString &path,
                                                               const QByteArray &key,
                                                               const QStringList &prefixes)
{
    // A fresh connection, as when the app starts: nothing of the file in its page cache.
    const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
    if (!opened.ok())
        return opened.error();
    const QSqlDatabase db = opened.value().database();

    Measurement measurement;
    measurement.rssReset = resetPeakRss();
    {
        QElapsedTimer timer;
        timer.start();
        auto model = std::make_unique<Crm::LeadTableModel>(db);
        showFirstRows(*model);
        measurement.openMs = milliseconds(timer);
        if (model->rowCount() == 0) {
            return failure(QStringLiteral("rows_missing"),
                           tr("The lead model shows no leads; see the warnings above."));
        }

        std::vector<double> searches;
        for (const QString &prefix : prefixes) {
            Crm::LeadTableModel::Filter filter;
            filter.search = prefix;
            timer.start();
            model->setFilter(filter);
            const int rows = model->rowCount();
            showFirstRows(*model);
            searches.push_back(milliseconds(timer));
            measurement.searchMatches += rows;
        }
        measurement.searchP50Ms = percentile(searches, 0.50);
        measurement.searchP95Ms = percentile(searches, 0.95);

        model->setFilter(Crm::LeadTableModel::Filter());
        timer.start();
        model->sort(Crm::LeadTableModel::Name);
        showFirstRows(*model);
        measurement.sortMs = milliseconds(timer);

        constexpr int ReloadRuns = 7;
        std::vector<double> reloads;
        std::vector<double> background;
        for (int run = 0; run < ReloadRuns; ++run) {
            timer.start();
            model->reload();
            showFirstRows(*model);
            reloads.push_back(milliseconds(timer));

            timer.start();
            model->reloadInBackground();
            double guiMs = milliseconds(timer);
            QEventLoop wait;
            QElapsedTimer landing;
            const QMetaObject::Connection aboutToReset = QObject::connect(
                model.get(), &QAbstractItemModel::modelAboutToBeReset, model.get(), [&] {
                    landing.start();
                });
            const QMetaObject::Connection landed = QObject::connect(
                model.get(), &Crm::LeadTableModel::reloaded, model.get(), [&] {
                    showFirstRows(*model);
                    if (landing.isValid())
                        guiMs += milliseconds(landing);
                    wait.quit();
                });
            QTimer::singleShot(60000, &wait, &QEventLoop::quit);
            wait.exec();
            QObject::disconnect(aboutToReset);
            QObject::disconnect(landed);
            background.push_back(guiMs);
        }
        measurement.reloadMs = percentile(reloads, 0.50);
        measurement.backgroundReloadGuiMs = percentile(background, 0.50);
        measurement.rssMb = peakRssMb();
    }

    if (const Crm::Status baseline = measureBaseline(db, prefixes, &measurement); !baseline.ok())
        return baseline.error();
    return measurement;
}

Crm::Status LeadListBench::measureBaseline(QSqlDatabase db,
                                           const QStringList &prefixes,
                                           Measurement *measurement)
{
    // The stock way: a LIKE per column, matching phone numbers the way the search index has
    // them (digits after the "+", and US numbers also without the "1"), youngest first.
    const QString sql = QStringLiteral(
        "SELECT id, firstName || ' ' || lastName, status, source, phone, email, createdAt"
        " FROM leads"
        " WHERE deletedAt IS NULL"
        " AND (firstName LIKE ? || '%' OR lastName LIKE ? || '%' OR email LIKE ? || '%'"
        " OR phone LIKE '+' || ? || '%' OR phone LIKE '+1' || ? || '%')"
        " ORDER BY createdAt DESC");
    QSqlQueryModel model;
    std::vector<double> searches;
    QElapsedTimer timer;
    for (const QString &prefix : prefixes) {
        timer.start();
        QSqlQuery query(db);
        if (!query.prepare(sql))
            return sqlError(tr("Cannot prepare the baseline query:"), query.lastError());
        for (int i = 0; i < 5; ++i)
            query.addBindValue(prefix);
        if (!query.exec())
            return sqlError(tr("Cannot run the baseline query:"), query.lastError());
        // An empty result is not handed to the model: our driver crashes when QSqlQueryModel
        // seeks row 0 of an empty scrollable result a second time (SqlCipherResult::fetchNext
        // reads m_cache.at(-1)). The model would show no rows; so does clear(). Stepping onto
        // the first row is what the model does first anyway.
        if (query.next()) {
            model.setQuery(std::move(query));
            if (model.lastError().isValid())
                return sqlError(tr("The baseline model failed:"), model.lastError());
        } else {
            model.clear();
        }
        showFirstRows(model);
        searches.push_back(milliseconds(timer));
    }
    model.clear();
    measurement->baselineSearchP50Ms = percentile(searches, 0.50);
    measurement->baselineSearchP95Ms = percentile(searches, 0.95);
    return {};
}

} // namespace CrmBench
