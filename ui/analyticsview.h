#pragma once

#include "reportperiod.h"

#include <QDateTime>
#include <QJsonObject>
#include <QWidget>

class QChart;
class QComboBox;
class QLabel;
class QTableWidget;

namespace Crm {

class LocalDatabase;

// The team's performance for admins, from the cache (admins keep every lead): overall
// conversion and its trend by week, each agent's figures, each source's volume and conversion,
// and how fast leads get a first answer. Figures are /api/admin/lead-stats's, computed by the
// same code (LeadStatsReader::adminReport). The table behind each chart exports as CSV.
class AnalyticsView final : public QWidget
{
    Q_OBJECT

public:
    using Period = ReportPeriod::Period;
    enum class Table { Trend, Agents, Sources, ResponseTimes };
    Q_ENUM(Table)

    explicit AnalyticsView(const LocalDatabase &cache, QWidget *parent = nullptr);

    void setPeriod(Period period);
    void setNow(const QDateTime &now) { m_now = now; } // tests
    void reload();
    std::optional<qint64> from() const;

    // What the charts show: the admin report ({overall, agents, sources}) and each table as
    // CSV (header row first; numbers unformatted, rates 0..1).
    const QJsonObject &report() const { return m_report; }
    QString csv(Table table) const;
    bool exportCsv(Table table, const QString &path) const;
    QTableWidget *agentTable() const { return m_agents; }
    QChart *trendChart() const { return m_trendChart; }

private:
    QTableWidget *tableFor(Table table) const;

    const LocalDatabase &m_cache;
    QDateTime m_now;
    Period m_period = Period::Last90Days;
    QJsonObject m_report;
    QComboBox *m_periodBox;
    QLabel *m_summary;
    QChart *m_trendChart;
    QChart *m_agentChart;
    QChart *m_sourceChart;
    QChart *m_responseChart;
    QTableWidget *m_trend;
    QTableWidget *m_agents;
    QTableWidget *m_sources;
    QTableWidget *m_responses;
};

} // namespace Crm
