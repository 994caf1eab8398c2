#include "calendarbench.h"

#include "benchlogging.h"
#include "benchstats.h"

#include "calendarview.h"
#include "domain/appointment.h"
#include "domain/availability.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "item/calendarmodel.h"
#include "pullapplier.h"
#include "store/appointmentreader.h"
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"
#include "syncstate.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace CrmBench {

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr int PageSize = 1000;
constexpr int VisitedWeeks = CalendarBench::WeekSwitches / 2 + 1; // the first and 50 more
constexpr int CalendarWeeks = 104;                                // two years
constexpr int WeeksBefore = 52;                                   // the year behind
const QDate FirstWeek(2026, 1, 5);                                // a Monday
const QString ProviderId = QStringLiteral("00000000-0000-4000-8000-00000000b0b0");

Crm::Error failure(const QString &code, const QString &message)
{
    qCWarning(lcBench).noquote() << message;
    return Crm::Error{code, message};
}

QString id(int kind, int index)
{
    return QStringLiteral("00000000-0000-4000-%1-%2")
        .arg(8000 + kind)
        .arg(index, 12, 10, QLatin1Char('0'));
}

QString wireTime(qint64 epochMs)
{
    return Crm::WireTime::toWire(epochMs);
}

// VmRSS and VmHWM of /proc/self/status, in MB.
QPair<double, double> rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    double rss = 0;
    double peak = 0;
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return {0, 0};
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() < 2)
            continue;
        if (parts.at(0) == "VmRSS:")
            rss = parts.at(1).toDouble() / 1024.0; // kB
        else if (parts.at(0) == "VmHWM:")
            peak = parts.at(1).toDouble() / 1024.0;
    }
    return {rss, peak};
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

// Counts the view's paint events, so a "repaint" that painted nothing cannot pass for fast.
class PaintCounter final : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

struct Switches
{
    std::vector<double> total;  // until the range's appointments are painted
    std::vector<double> gui;    // until showNext/showPrevious returned and the view painted
    std::vector<double> reload; // showNext/showPrevious: the model's reload and the layout
    int waited = 0;             // switches whose appointments came off the GUI thread
};

// `count` switches, the first half on and the second back, timed.
void switchAround(Crm::CalendarView &view, int count, Switches *switches)
{
    Crm::CalendarModel *model = view.model();
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (i < count / 2)
            view.showNext();
        else
            view.showPrevious();
        switches->reload.push_back(milliseconds(timer));
        view.repaint();
        switches->gui.push_back(milliseconds(timer));
        if (model->isLoading()) {
            ++switches->waited;
            QEventLoop loop;
            QObject::connect(model, &Crm::CalendarModel::loaded, &loop, &QEventLoop::quit);
            loop.exec();
            view.repaint();
        }
        switches->total.push_back(milliseconds(timer));
        // Whatever was deferred, outside the time.
        QCoreApplication::processEvents();
    }
}

} // namespace

QString CalendarBench::name() const
{
    return QStringLiteral("calendar");
}

QString CalendarBench::description() const
{
    return tr("week and month switches of the calendar over 50k cached appointments");
}

Crm::Result<BenchmarkReport> CalendarBench::run(const Options &options)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        return failure(QStringLiteral("no_widgets"),
                       tr("The calendar benchmark needs a QApplication."));
    }
    QTemporaryDir temporary;
    if (!temporary.isValid()) {
        return failure(QStringLiteral("no_temp_dir"),
                       tr("Cannot create a temporary folder: %1").arg(temporary.errorString()));
    }
    Plan plan;
    plan.appointments = std::max(1, int(std::lround(AppointmentCount * options.rowsScale)));
    plan.perVisibleWeek = std::max(1, int(std::lround(PerVisibleWeek * options.rowsScale)));
    plan.leads = std::max(1, int(std::lround(LeadCount * options.rowsScale)));

    const QString path = QDir(temporary.path()).filePath(QStringLiteral("calendar.db"));
    QByteArray key(Crm::CacheKeyProvider::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / int(sizeof(quint32)));
    double fillSeconds = 0;
    {
        const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
        if (!opened.ok())
            return opened.error();
        const Crm::Result<double> filled = fill(opened.value().database(), plan);
        if (!filled.ok())
            return filled.error();
        fillSeconds = filled.value();
    }

    // A fresh connection, as when the app starts.
    const Crm::Result<Crm::LocalDatabase> opened = Crm::LocalDatabase::open(path, key);
    if (!opened.ok())
        return opened.error();
    qint64 cached = 0;
    {
        QSqlQuery count(opened.value().database());
        if (count.exec(QStringLiteral("SELECT count(*) FROM appointments")) && count.next())
            cached = count.value(0).toLongLong();
    }

    // The read alone, as the model makes it, over the weeks shown.
    std::vector<double> reads;
    {
        const Crm::AppointmentReader reader(opened.value().database());
        for (int round = 0; round < WeekRounds; ++round) {
            for (int week = 0; week < VisitedWeeks; ++week) {
                const qint64 from = FirstWeek.addDays(7 * week).startOfDay().toMSecsSinceEpoch();
                const qint64 to = FirstWeek.addDays(7 * week + 7).startOfDay().toMSecsSinceEpoch();
                QElapsedTimer timer;
                timer.start();
                const auto read = reader.inRange(ProviderId, from, to);
                reads.push_back(milliseconds(timer));
                if (!read.ok())
                    return read.error();
            }
        }
    }

    Switches weeks;
    Switches months;
    int visible = 0;
    int paints = 0;
    int expectedPaints = 0;
    QPair<double, double> rss;
    {
        Crm::CalendarModel model(opened.value().database());
        const qint64 now = FirstWeek.addDays(2).startOfDay().toMSecsSinceEpoch() + 12 * 60 * Minute;
        model.setClock([now] { return now; });
        model.setProviderId(ProviderId);
        Crm::CalendarView view(&model);
        view.resize(1600, 1000);
        view.setSpan(Crm::CalendarView::Span::Week);
        view.setDate(FirstWeek.addDays(2));
        view.show();
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 300)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        visible = model.rowCount();
        PaintCounter counter;
        view.installEventFilter(&counter);

        for (int round = 0; round < WeekRounds; ++round)
            switchAround(view, WeekSwitches, &weeks);
        expectedPaints += WeekRounds * WeekSwitches;

        view.setSpan(Crm::CalendarView::Span::Month);
        view.setDate(FirstWeek.addDays(14));
        QEventLoop loop;
        if (model.isLoading()) {
            QObject::connect(&model, &Crm::CalendarModel::loaded, &loop, &QEventLoop::quit);
            loop.exec();
        }
        QCoreApplication::processEvents();
        for (int round = 0; round < MonthRounds; ++round)
            switchAround(view, MonthSwitches, &months);
        expectedPaints += MonthRounds * MonthSwitches;
        paints = counter.paints;
        view.removeEventFilter(&counter);
        rss = rssMb();
    }
    removeDatabase(path);
    if (paints < expectedPaints) {
        return failure(QStringLiteral("not_painted"),
                       tr("The view painted %1 times for %2 switches: the times would not "
                          "include painting.")
                           .arg(paints)
                           .arg(expectedPaints));
    }
    if (visible == 0) {
        return failure(QStringLiteral("rows_missing"),
                       tr("The calendar shows no appointments; see the warnings above."));
    }

    const double weekP50 = percentile(weeks.total, 0.50);
    const double weekP95 = percentile(weeks.total, 0.95);
    const double monthP50 = percentile(months.total, 0.50);
    const double monthP95 = percentile(months.total, 0.95);
    const double monthGuiP95 = percentile(months.gui, 0.95);
    auto verdict = [](bool met) { return met ? tr("met") : tr("MISSED"); };

    BenchmarkReport report(name());
    report.addValue(QStringLiteral("week_switch_p50_ms"), rounded(weekP50, 2));
    report.addValue(QStringLiteral("week_switch_p95_ms"), rounded(weekP95, 2));
    report.addValue(QStringLiteral("rss_mb"), rounded(rss.first, 1));
    report.addValue(QStringLiteral("peak_rss_mb"), rounded(rss.second, 1));
    report.addValue(QStringLiteral("appointments"), cached);
    report.addValue(QStringLiteral("visible"), visible);
    report.addValue(QStringLiteral("week_switches"), int(weeks.total.size()));
    report.addValue(QStringLiteral("week_switch_max_ms"),
                    rounded(*std::max_element(weeks.total.begin(), weeks.total.end()), 2));
    report.addValue(QStringLiteral("week_reload_layout_p50_ms"),
                    rounded(percentile(weeks.reload, 0.50), 2));
    report.addValue(QStringLiteral("week_paint_p50_ms"),
                    rounded(percentile(weeks.total, 0.50) - percentile(weeks.reload, 0.50), 2));
    report.addValue(QStringLiteral("week_read_p50_ms"), rounded(percentile(reads, 0.50), 2));
    report.addValue(QStringLiteral("week_reads_off_gui"), weeks.waited);
    report.addValue(QStringLiteral("month_switch_p50_ms"), rounded(monthP50, 2));
    report.addValue(QStringLiteral("month_switch_p95_ms"), rounded(monthP95, 2));
    report.addValue(QStringLiteral("month_switch_gui_p95_ms"), rounded(monthGuiP95, 2));
    report.addValue(QStringLiteral("month_switches"), int(months.total.size()));
    report.addValue(QStringLiteral("month_reads_off_gui"), months.waited);
    report.addValue(QStringLiteral("fill_s"), rounded(fillSeconds, 2));

    report.addSummaryLine(tr("calendar: %1 appointments of one provider, %2 on the week shown "
                             "(filled in %3 s)")
                              .arg(cached)
                              .arg(visible)
                              .arg(fillSeconds, 0, 'f', 1));
    report.addSummaryLine(tr("  week switch   p50 %1 ms  p95 %2 ms  (target p95 < %3 ms: %4)")
                              .arg(weekP50, 0, 'f', 1)
                              .arg(weekP95, 0, 'f', 1)
                              .arg(TargetWeekSwitchP95Ms)
                              .arg(verdict(weekP95 < TargetWeekSwitchP95Ms)));
    report.addSummaryLine(tr("  month switch  p50 %1 ms  p95 %2 ms  (GUI thread p95 %3 ms; "
                             "%4 of %5 read off the GUI thread)")
                              .arg(monthP50, 0, 'f', 1)
                              .arg(monthP95, 0, 'f', 1)
                              .arg(monthGuiP95, 0, 'f', 1)
                              .arg(months.waited)
                              .arg(months.total.size()));
    report.addSummaryLine(tr("  RSS           %1 MB (peak %2 MB)")
                              .arg(rss.first, 0, 'f', 1)
                              .arg(rss.second, 0, 'f', 1));
    return report;
}

Crm::Result<double> CalendarBench::fill(QSqlDatabase db, const Plan &plan)
{
    QElapsedTimer timer;
    timer.start();
    if (const Crm::Status me = Crm::SyncState(db).setState(QStringLiteral("userId"), ProviderId);
        !me.ok())
        return me.error();
    Crm::PullApplier applier(db);
    if (const Crm::Status begun = applier.beginBulkLoad(); !begun.ok())
        return begun.error();

    QJsonArray page;
    qint64 seq = 0;
    auto flush = [&]() -> Crm::Status {
        if (page.isEmpty())
            return {};
        const Crm::Status applied = applier.applyPage(page, seq);
        page = QJsonArray();
        return applied;
    };
    auto add = [&](QLatin1String entity, const QString &recordId, const QJsonObject &data) {
        page.append(QJsonObject{{QStringLiteral("entity"), entity},
                                {QStringLiteral("id"), recordId},
                                {QStringLiteral("op"), Crm::SyncProtocol::ChangeOp::Upsert},
                                {QStringLiteral("version"), 1},
                                {QStringLiteral("data"), data},
                                {QStringLiteral("seq"), ++seq}});
        return page.size() >= PageSize ? flush() : Crm::Status();
    };

    const QString created = wireTime(FirstWeek.addDays(-400).startOfDay().toMSecsSinceEpoch());
    Crm::Status status = add(Crm::SyncProtocol::Entity::User,
                             ProviderId,
                             {{QStringLiteral("id"), ProviderId},
                              {QStringLiteral("email"), QStringLiteral("provider@bench.test")},
                              {QStringLiteral("name"), QStringLiteral("Pat Provider")},
                              {QStringLiteral("role"), QStringLiteral("agent")},
                              {QStringLiteral("active"), true},
                              {QStringLiteral("weight"), 1},
                              {QStringLiteral("timeZone"), QStringLiteral("UTC")},
                              {QStringLiteral("territories"), QJsonArray()},
                              {QStringLiteral("createdAt"), created},
                              {QStringLiteral("updatedAt"), created},
                              {QStringLiteral("version"), 1}});
    static const char *const First[] = {"Ana",
                                        "José",
                                        "Mary",
                                        "Wei",
                                        "Priya",
                                        "Omar",
                                        "Linda",
                                        "Carlos",
                                        "Grace",
                                        "Minh",
                                        "Sofía",
                                        "David"};
    static const char *const Last[] = {"Ruiz",
                                       "García",
                                       "Smith",
                                       "Nguyen",
                                       "Patel",
                                       "Chen",
                                       "Johnson",
                                       "López",
                                       "Kim",
                                       "Okafor",
                                       "Brown"};
    for (int i = 0; status.ok() && i < plan.leads; ++i) {
        status = add(Crm::SyncProtocol::Entity::Lead,
                     id(1, i),
                     {{QStringLiteral("id"), id(1, i)},
                      {QStringLiteral("firstName"), QString::fromUtf8(First[i % 12])},
                      {QStringLiteral("lastName"), QString::fromUtf8(Last[(i / 12) % 11])},
                      {QStringLiteral("email"), QStringLiteral("lead%1@example.com").arg(i)},
                      {QStringLiteral("phone"),
                       QStringLiteral("+1415555%1").arg(i % 10000, 4, 10, QLatin1Char('0'))},
                      {QStringLiteral("source"), QStringLiteral("contact_form")},
                      {QStringLiteral("status"), QStringLiteral("contacted")},
                      {QStringLiteral("assignedAgentId"), ProviderId},
                      {QStringLiteral("state"), QStringLiteral("CA")},
                      {QStringLiteral("smsOptIn"), false},
                      {QStringLiteral("createdAt"), created},
                      {QStringLiteral("updatedAt"), created},
                      {QStringLiteral("version"), 1}});
    }
    if (status.ok()) {
        QJsonObject hours = Crm::Availability::defaults(QStringLiteral("UTC")).toJson();
        hours.insert(QStringLiteral("providerId"), ProviderId);
        status = add(Crm::SyncProtocol::Entity::Availability, ProviderId, hours);
    }

    // The weeks shown (the first and the 50 after it) hold perWeek each; the year before
    // them and the week after hold the rest.
    const int perWeek = std::min(plan.perVisibleWeek, plan.appointments / VisitedWeeks);
    const int rest = plan.appointments - perWeek * VisitedWeeks;
    const int restWeeks = CalendarWeeks - VisitedWeeks;
    QRandomGenerator random(20261203);
    static const Crm::AppointmentType Types[] = {Crm::AppointmentType::Consultation,
                                                 Crm::AppointmentType::Enrollment,
                                                 Crm::AppointmentType::PrimaryCare,
                                                 Crm::AppointmentType::FollowUp};
    auto appointment = [&](int index, int week, int slot) {
        const QDate day = FirstWeek.addDays(7 * week + slot % 7);
        Crm::Appointment a;
        a.id = id(2, index);
        a.providerId = ProviderId;
        // Most with a lead; some blocks without.
        if (random.bounded(10) < 8)
            a.leadId = id(1, int(random.bounded(plan.leads)));
        a.type = Types[random.bounded(4)];
        // Between 07:00 and 20:00 on the quarter hour, 15 to 60 minutes.
        a.scheduledDate = day.startOfDay().toMSecsSinceEpoch()
                          + qint64(7 * 4 + random.bounded(13 * 4)) * 15 * Minute;
        a.duration = 15 * int(1 + random.bounded(4));
        const int roll = int(random.bounded(20));
        if (week < 0)
            a.status = roll == 0   ? Crm::AppointmentStatus::Cancelled
                       : roll == 1 ? Crm::AppointmentStatus::NoShow
                                   : Crm::AppointmentStatus::Completed;
        else
            a.status = roll == 0  ? Crm::AppointmentStatus::Cancelled
                       : roll < 8 ? Crm::AppointmentStatus::Confirmed
                                  : Crm::AppointmentStatus::Scheduled;
        if (roll == 3)
            a.notes = QStringLiteral("Bring the plan documents and the list of medications.");
        a.createdAt = a.updatedAt = FirstWeek.addDays(-400).startOfDay().toMSecsSinceEpoch();
        return add(Crm::SyncProtocol::Entity::Appointment, a.id, a.toJson());
    };
    int index = 0;
    for (int week = 0; status.ok() && week < VisitedWeeks; ++week) {
        for (int slot = 0; status.ok() && slot < perWeek; ++slot)
            status = appointment(index++, week, slot);
    }
    for (int j = 0; status.ok() && j < rest; ++j) {
        // The 52 weeks before, then the one after the weeks shown.
        const int restWeek = j % restWeeks;
        const int week = restWeek < WeeksBefore ? restWeek - WeeksBefore : VisitedWeeks;
        status = appointment(index++, week, j / restWeeks);
    }
    if (status.ok())
        status = flush();
    if (status.ok())
        status = applier.finishBulkLoad();
    if (!status.ok())
        return failure(status.error().code,
                       tr("Filling the cache failed: %1").arg(status.error().message));
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace CrmBench
