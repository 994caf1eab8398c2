#include "leadmetricsview.h"

#include "store/localdatabase.h"

#include "charts.h"
#include "domain/leadsource.h"
#include "figures.h"
#include "store/leadstatsreader.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Crm {

LeadMetricsView::LeadMetricsView(const LocalDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_periodBox(new QComboBox)
    , m_empty(new QLabel(tr("No leads in this period yet.")))
    , m_statusChart(Charts::create(tr("Leads by status")))
    , m_sourceChart(Charts::create(tr("Leads by source")))
    , m_statusView(new QChartView(m_statusChart))
    , m_sourceView(new QChartView(m_sourceChart))
{
    ReportPeriod::fill(m_periodBox,
                       {Period::Last7Days,
                        Period::Last30Days,
                        Period::Last90Days,
                        Period::ThisYear,
                        Period::AllTime},
                       m_period);
    connect(m_periodBox, &QComboBox::activated, this, [this] {
        m_period = Period(m_periodBox->currentData().toInt());
        reload();
    });

    auto *figures = new QGridLayout;
    figures->setHorizontalSpacing(24);
    m_total = addFigure(figures, 0, tr("Leads"));
    m_conversion = addFigure(figures, 1, tr("Conversion rate"));
    m_median = addFigure(figures, 2, tr("Median first response"));
    m_withinHour = addFigure(figures, 3, tr("Contacted within 1 hour"));
    m_statusView->setRenderHint(QPainter::Antialiasing);
    m_sourceView->setRenderHint(QPainter::Antialiasing);
    m_statusView->setMinimumHeight(260);
    m_sourceView->setMinimumHeight(260);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid); padding: 24px;"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Period:")));
    top->addWidget(m_periodBox);
    top->addStretch();
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_statusView);
    charts->addWidget(m_sourceView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(top);
    layout->addLayout(figures);
    layout->addWidget(m_empty);
    layout->addLayout(charts, 1);
}

QLabel *LeadMetricsView::addFigure(QGridLayout *grid, int column, const QString &caption)
{
    auto *value = new QLabel;
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    value->setFont(big);
    auto *label = new QLabel(caption);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    grid->addWidget(value, 0, column);
    grid->addWidget(label, 1, column);
    return value;
}

void LeadMetricsView::setAgentId(const QString &agentId)
{
    m_agentId = agentId;
}

void LeadMetricsView::setPeriod(Period period)
{
    m_period = period;
    m_periodBox->setCurrentIndex(m_periodBox->findData(int(period)));
    reload();
}

std::optional<qint64> LeadMetricsView::from() const
{
    return ReportPeriod::start(m_period, m_now.isValid() ? m_now : QDateTime::currentDateTime());
}

void LeadMetricsView::reload()
{
    const auto rows = LeadStatsReader::read(m_cache.database(), from(), std::nullopt, m_agentId);
    m_summary = LeadStats::compute(rows.ok() ? rows.value() : QList<LeadStats::Row>());
    const auto appointments
        = LeadStatsReader::readAppointments(m_cache.database(), from(), std::nullopt, m_agentId);
    m_appointments = LeadStats::appointments(appointments.ok() ? appointments.value()
                                                              : QList<AppointmentStatus>());
    const QLocale locale;
    m_total->setText(locale.toString(m_summary.total));
    m_conversion->setText(Figures::percent(m_summary.conversionRate));
    m_median->setText(Figures::minutes(m_summary.medianMinutes));
    m_withinHour->setText(m_summary.contacted ? Figures::percent(m_summary.within1HourRate)
                                              : tr("—"));

    QStringList statuses;
    auto *statusSet = new QBarSet(tr("Leads"));
    statusSet->setColor(QColor(0x1d, 0x5f, 0xb0));
    int most = 0;
    for (LeadStatus status : LeadStatusMachine::all()) {
        statuses << LeadStatusMachine::displayName(status);
        statusSet->append(m_summary.count(status));
        most = qMax(most, m_summary.count(status));
    }
    Charts::fillBars(m_statusChart, statuses, {statusSet}, most);

    QStringList sources;
    auto *volume = new QBarSet(tr("Leads"));
    auto *enrolled = new QBarSet(tr("Enrolled"));
    volume->setColor(QColor(0x1d, 0x5f, 0xb0));
    enrolled->setColor(QColor(0x1e, 0x7b, 0x34));
    most = 0;
    for (const LeadStats::SourceSummary &source : std::as_const(m_summary.bySource)) {
        const auto known = LeadSourceNames::fromString(source.source);
        const QString name = known ? LeadSourceNames::displayName(*known) : source.source;
        sources << tr("%1 (%2)").arg(name, Figures::percent(source.conversionRate));
        volume->append(source.total);
        enrolled->append(source.enrolled);
        most = qMax(most, source.total);
    }
    Charts::fillBars(m_sourceChart, sources, {volume, enrolled}, most);
    m_empty->setVisible(m_summary.total == 0);
}

} // namespace Crm
