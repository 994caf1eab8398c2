#pragma once

#include "domain/leadstats.h"

#include "reportperiod.h"

#include <QDateTime>
#include <QWidget>

class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;

namespace Crm {

class LocalDatabase;

// The agent's own numbers over a chosen period, from the cache (so they work offline):
// conversion rate, median and p90 response time, contacted within an hour, and leads by
// status and by source (with each source's conversion). Computed by LeadStats from the rows
// LeadStatsReader reads, exactly as /api/agent/lead-stats computes them on the server.
class LeadMetricsView final : public QWidget
{
    Q_OBJECT

public:
    using Period = ReportPeriod::Period;

    LeadMetricsView(const LocalDatabase &cache, QWidget *parent = nullptr);

    void setAgentId(const QString &agentId);
    void setPeriod(Period period);
    void setNow(const QDateTime &now) { m_now = now; } // tests
    void reload();

    // The period's start and end as the API's ?from=&to= take them (end open: now).
    std::optional<qint64> from() const;
    const LeadStats::Summary &summary() const { return m_summary; }
    // The figures shown, as /api/agent/lead-stats answers them for the same period.
    QJsonObject report() const { return LeadStats::agentAnswer(m_summary, m_appointments); }
    QChart *statusChart() const { return m_statusChart; }
    QChart *sourceChart() const { return m_sourceChart; }

private:
    QLabel *addFigure(QGridLayout *grid, int column, const QString &caption);

    const LocalDatabase &m_cache;
    QString m_agentId;
    QDateTime m_now;
    Period m_period = Period::Last30Days;
    LeadStats::Summary m_summary;
    LeadStats::AppointmentSummary m_appointments;
    QComboBox *m_periodBox;
    QLabel *m_total;
    QLabel *m_conversion;
    QLabel *m_median;
    QLabel *m_withinHour;
    QLabel *m_empty;
    QChart *m_statusChart;
    QChart *m_sourceChart;
    QChartView *m_statusView;
    QChartView *m_sourceView;
};

} // namespace Crm
