#include "analyticsview.h"

#include "store/localdatabase.h"

#include "charts.h"
#include "domain/leadsource.h"
#include "figures.h"
#include "store/leadstatsreader.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Crm {

namespace {

QString sourceName(const QString &wire)
{
    const auto source = LeadSourceNames::fromString(wire);
    return source ? LeadSourceNames::displayName(*source) : wire;
}

QTableWidget *newTable(const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    // The first column (names) takes the spare width; figures stay next to each other.
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

// One row; `raw` (what the CSV exports) in UserRole, `shown` as the cell's text.
void addRow(QTableWidget *table, const QList<std::pair<QVariant, QString>> &cells)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column).second);
        item->setData(Qt::UserRole, cells.at(column).first);
        if (cells.at(column).first.typeId() != QMetaType::QString)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

QString csvField(const QString &text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')))
        return QLatin1Char('"')
               + QString(text).replace(QStringLiteral("\""), QStringLiteral("\"\""))
               + QLatin1Char('"');
    return text;
}

} // namespace

AnalyticsView::AnalyticsView(const LocalDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_periodBox(new QComboBox)
    , m_summary(new QLabel)
    , m_trendChart(Charts::create(tr("Conversion by week of arrival")))
    , m_agentChart(Charts::create(tr("Conversion by agent")))
    , m_sourceChart(Charts::create(tr("Leads and enrollments by source")))
    , m_responseChart(Charts::create(tr("Time to first response")))
    , m_trend(newTable({tr("Week"), tr("Leads"), tr("Enrolled"), tr("Conversion")}))
    , m_agents(newTable({tr("Agent"),
                         tr("Assigned"),
                         tr("Contacted"),
                         tr("Enrolled"),
                         tr("Conversion"),
                         tr("Median response (min)")}))
    , m_sources(newTable({tr("Source"), tr("Leads"), tr("Enrolled"), tr("Conversion")}))
    , m_responses(newTable({tr("First response"), tr("Leads"), tr("Share")}))
{
    ReportPeriod::fill(m_periodBox,
                       {Period::Last30Days, Period::Last90Days, Period::ThisYear, Period::AllTime},
                       m_period);
    connect(m_periodBox, &QComboBox::activated, this, [this] {
        m_period = Period(m_periodBox->currentData().toInt());
        reload();
    });
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_summary->setFont(big);

    auto *tabs = new QTabWidget;
    auto addTab = [&](QChart *chart, QTableWidget *table, Table which, const QString &title) {
        auto *page = new QWidget;
        auto *view = new QChartView(chart);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(280);
        auto *export_ = new QPushButton(tr("Export CSV…"));
        connect(export_, &QPushButton::clicked, this, [this, which, title] {
            const QString path
                = QFileDialog::getSaveFileName(this,
                                               tr("Export %1").arg(title),
                                               title.toLower().replace(QLatin1Char(' '),
                                                                       QLatin1Char('-'))
                                                   + QStringLiteral(".csv"),
                                               tr("CSV files (*.csv)"));
            if (!path.isEmpty())
                exportCsv(which, path);
        });
        auto *buttons = new QHBoxLayout;
        buttons->addStretch();
        buttons->addWidget(export_);
        auto *layout = new QVBoxLayout(page);
        layout->addWidget(view, 3);
        layout->addWidget(table, 2);
        layout->addLayout(buttons);
        tabs->addTab(page, title);
    };
    addTab(m_trendChart, m_trend, Table::Trend, tr("Trend"));
    addTab(m_agentChart, m_agents, Table::Agents, tr("Agents"));
    addTab(m_sourceChart, m_sources, Table::Sources, tr("Sources"));
    addTab(m_responseChart, m_responses, Table::ResponseTimes, tr("Response time"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Period:")));
    top->addWidget(m_periodBox);
    top->addSpacing(24);
    top->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(top);
    layout->addWidget(tabs, 1);
}

void AnalyticsView::setPeriod(Period period)
{
    m_period = period;
    m_periodBox->setCurrentIndex(m_periodBox->findData(int(period)));
    reload();
}

std::optional<qint64> AnalyticsView::from() const
{
    return ReportPeriod::start(m_period, m_now.isValid() ? m_now : QDateTime::currentDateTime());
}

void AnalyticsView::reload()
{
    const std::optional<qint64> start = from();
    // One read of the period's leads for every chart.
    const Result<QList<LeadStats::Row>> read = LeadStatsReader::read(m_cache.database(),
                                                                     start,
                                                                     std::nullopt,
                                                                     QString());
    const QList<LeadStats::Row> rows = read.ok() ? read.value() : QList<LeadStats::Row>();
    const Result<QJsonObject> report = LeadStatsReader::adminReport(m_cache.database(),
                                                                       rows,
                                                                       start,
                                                                       std::nullopt);
    m_report = report.ok() ? report.value() : QJsonObject();
    const QJsonObject overall = m_report.value(QStringLiteral("overall")).toObject();
    const QLocale locale;
    const QJsonValue median = overall.value(QStringLiteral("responseTime"))
                                  .toObject()
                                  .value(QStringLiteral("medianMinutes"));
    m_summary->setText(
        tr("<b>%1</b> leads · <b>%2</b> converted · median first response "
           "<b>%3</b>")
            .arg(locale.toString(overall.value(QStringLiteral("total")).toInt()),
                 Figures::percent(overall.value(QStringLiteral("conversionRate")).toDouble()),
                 Figures::minutes(median.isNull() ? std::nullopt
                                                  : std::optional<double>(median.toDouble()))));

    // Trend: leads by the Monday of the week they arrived (local time), and how many of them
    // are enrolled now.
    QMap<QDate, std::pair<int, int>> weeks;
    for (const LeadStats::Row &row : rows) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(row.createdAt).toLocalTime().date();
        auto &week = weeks[day.addDays(1 - day.dayOfWeek())];
        ++week.first;
        week.second += row.status == LeadStatus::Enrolled ? 1 : 0;
    }
    m_trend->setRowCount(0);
    // Made once, then updated in place (see Charts::fillBars).
    auto *line = qobject_cast<QLineSeries *>(m_trendChart->series().value(0));
    auto *weeksAxis = qobject_cast<QBarCategoryAxis *>(m_trendChart->axes(Qt::Horizontal).value(0));
    if (!line || !weeksAxis) {
        Charts::clear(m_trendChart);
        line = new QLineSeries;
        line->setName(tr("Conversion"));
        line->setPointsVisible(true);
        weeksAxis = new QBarCategoryAxis;
        auto *rateAxis = new QValueAxis;
        rateAxis->setRange(0, 100);
        rateAxis->setLabelFormat(QStringLiteral("%d%%"));
        m_trendChart->addSeries(line);
        m_trendChart->addAxis(weeksAxis, Qt::AlignBottom);
        m_trendChart->addAxis(rateAxis, Qt::AlignLeft);
        line->attachAxis(weeksAxis);
        line->attachAxis(rateAxis);
    }
    line->clear();
    QStringList weekLabels;
    int index = 0;
    for (auto it = weeks.cbegin(); it != weeks.cend(); ++it, ++index) {
        const double rate = it->first ? double(it->second) / it->first : 0;
        addRow(m_trend,
               {{it.key().toString(Qt::ISODate), locale.toString(it.key(), QLocale::ShortFormat)},
                {it->first, locale.toString(it->first)},
                {it->second, locale.toString(it->second)},
                {rate, Figures::percent(rate)}});
        line->append(index, rate * 100);
        weekLabels << locale.toString(it.key(), QStringLiteral("d MMM"));
    }
    weeksAxis->setCategories(weekLabels.isEmpty() ? QStringList{QString()} : weekLabels);

    // Agents.
    m_agents->setRowCount(0);
    QStringList agentNames;
    auto *agentRates = new QBarSet(tr("Conversion"));
    agentRates->setColor(QColor(0x1e, 0x7b, 0x34));
    double best = 0;
    const QJsonArray agents = m_report.value(QStringLiteral("agents")).toArray();
    for (const QJsonValue &value : agents) {
        const QJsonObject agent = value.toObject();
        const QJsonValue median = agent.value(QStringLiteral("medianResponseMinutes"));
        const double rate = agent.value(QStringLiteral("conversionRate")).toDouble();
        addRow(m_agents,
               {{agent.value(QStringLiteral("name")).toString(),
                 agent.value(QStringLiteral("name")).toString()},
                {agent.value(QStringLiteral("assigned")).toInt(),
                 locale.toString(agent.value(QStringLiteral("assigned")).toInt())},
                {agent.value(QStringLiteral("contacted")).toInt(),
                 locale.toString(agent.value(QStringLiteral("contacted")).toInt())},
                {agent.value(QStringLiteral("enrolled")).toInt(),
                 locale.toString(agent.value(QStringLiteral("enrolled")).toInt())},
                {rate, Figures::percent(rate)},
                {median.isNull() ? QVariant(QString()) : QVariant(median.toDouble()),
                 median.isNull() ? tr("—") : locale.toString(median.toDouble(), 'f', 1)}});
        agentNames << agent.value(QStringLiteral("name")).toString();
        agentRates->append(rate * 100);
        best = qMax(best, rate * 100);
    }
    Charts::fillBars(m_agentChart,
                     agentNames,
                     {agentRates},
                     qMax(best, 10.0),
                     QStringLiteral("%d%%"));

    // Sources.
    m_sources->setRowCount(0);
    QStringList sourceNames;
    auto *volume = new QBarSet(tr("Leads"));
    auto *enrolled = new QBarSet(tr("Enrolled"));
    volume->setColor(QColor(0x1d, 0x5f, 0xb0));
    enrolled->setColor(QColor(0x1e, 0x7b, 0x34));
    int most = 0;
    const QJsonArray sources = m_report.value(QStringLiteral("sources")).toArray();
    for (const QJsonValue &value : sources) {
        const QJsonObject source = value.toObject();
        const QString name = sourceName(source.value(QStringLiteral("source")).toString());
        const int total = source.value(QStringLiteral("total")).toInt();
        const int converted = source.value(QStringLiteral("enrolled")).toInt();
        const double rate = source.value(QStringLiteral("conversionRate")).toDouble();
        addRow(m_sources,
               {{name, name},
                {total, locale.toString(total)},
                {converted, locale.toString(converted)},
                {rate, Figures::percent(rate)}});
        sourceNames << tr("%1 (%2)").arg(name, Figures::percent(rate));
        volume->append(total);
        enrolled->append(converted);
        most = qMax(most, total);
    }
    Charts::fillBars(m_sourceChart, sourceNames, {volume, enrolled}, most);

    // Response times: how long the contacted leads waited for a first call, e-mail or meeting.
    const QList<std::pair<qint64, QString>> buckets{{15, tr("Under 15 min")},
                                                    {60, tr("15–60 min")},
                                                    {240, tr("1–4 h")},
                                                    {1440, tr("4–24 h")},
                                                    {-1, tr("Over a day")}};
    QList<int> counts(buckets.size(), 0);
    int contacted = 0;
    for (const LeadStats::Row &row : rows) {
        if (!row.firstContactAt)
            continue;
        ++contacted;
        const qint64 minutes = qMax<qint64>(0, *row.firstContactAt - row.createdAt) / 60000;
        for (int i = 0; i < buckets.size(); ++i) {
            if (buckets.at(i).first < 0 || minutes < buckets.at(i).first) {
                ++counts[i];
                break;
            }
        }
    }
    m_responses->setRowCount(0);
    QStringList bucketNames;
    auto *waiting = new QBarSet(tr("Leads"));
    waiting->setColor(QColor(0x1d, 0x5f, 0xb0));
    int largest = 0;
    for (int i = 0; i < buckets.size(); ++i) {
        const double share = contacted ? double(counts.at(i)) / contacted : 0;
        addRow(m_responses,
               {{buckets.at(i).second, buckets.at(i).second},
                {counts.at(i), locale.toString(counts.at(i))},
                {share, Figures::percent(share)}});
        bucketNames << buckets.at(i).second;
        waiting->append(counts.at(i));
        largest = qMax(largest, counts.at(i));
    }
    Charts::fillBars(m_responseChart, bucketNames, {waiting}, largest);
    for (QTableWidget *table : {m_trend, m_agents, m_sources, m_responses})
        table->resizeColumnsToContents();
}

QTableWidget *AnalyticsView::tableFor(Table table) const
{
    switch (table) {
    case Table::Trend:
        return m_trend;
    case Table::Agents:
        return m_agents;
    case Table::Sources:
        return m_sources;
    case Table::ResponseTimes:
        return m_responses;
    }
    return m_trend;
}

QString AnalyticsView::csv(Table which) const
{
    const QTableWidget *table = tableFor(which);
    QStringList lines;
    QStringList header;
    for (int column = 0; column < table->columnCount(); ++column)
        header << csvField(table->horizontalHeaderItem(column)->text());
    lines << header.join(QLatin1Char(','));
    for (int row = 0; row < table->rowCount(); ++row) {
        QStringList fields;
        for (int column = 0; column < table->columnCount(); ++column)
            fields << csvField(table->item(row, column)->data(Qt::UserRole).toString());
        lines << fields.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool AnalyticsView::exportCsv(Table table, const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(csv(table).toUtf8()) >= 0;
}

} // namespace Crm
