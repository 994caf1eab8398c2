#pragma once

#include "domain/appointment.h"
#include "domain/leadstatus.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace Crm {

// The lead statistics of API.md ("lead-stats"), computed from plain rows so the arithmetic
// (medians, nearest-rank p90, rates) is testable without a database. LeadStatsController reads
// the rows and shapes the answers.
class LeadStats final
{
public:
    static constexpr qint64 OneHourMs = 60 * 60 * 1000;

    // One lead as the statistics see it.
    struct Row
    {
        QString assignedAgentId; // empty: unassigned
        LeadStatus status = LeadStatus::New;
        QString source; // wire name, e.g. "contact_form"
        qint64 createdAt = 0;
        std::optional<qint64> firstContactAt;
    };

    struct SourceSummary
    {
        QString source;
        int total = 0;
        int enrolled = 0;
        double conversionRate = 0;
    };

    struct Summary
    {
        int total = 0;
        std::array<int, 5> byStatus{}; // indexed by LeadStatus
        int contacted = 0;             // leads with a firstContactAt
        double conversionRate = 0;     // enrolled / total; 0 when total is 0
        std::optional<double> medianMinutes;
        std::optional<double> p90Minutes;
        double within1HourRate = 0;    // of the contacted leads; 0 when none
        QList<SourceSummary> bySource; // total > 0 only, by total desc then source

        int count(LeadStatus status) const { return byStatus.at(std::size_t(status)); }

        // {total, byStatus: {all five statuses}, conversionRate, responseTime: {...},
        //  bySource: [...]}; minutes rounded to one decimal.
        QJsonObject toJson() const;
        QJsonArray sourcesJson() const;
    };

    static Summary compute(const QList<Row> &rows);

    // The appointments of a period (those scheduled in it), as lead-stats' `appointments`
    // block counts them: booked (all of them), completed, noShow, cancelled, and the no-show
    // rate among those that were due to happen (completed + no-show); 0 when none were.
    struct AppointmentSummary
    {
        int booked = 0;
        int completed = 0;
        int noShow = 0;
        int cancelled = 0;
        double noShowRate = 0;

        QJsonObject toJson() const; // {booked, completed, noShow, cancelled, noShowRate}
    };
    static AppointmentSummary appointments(const QList<AppointmentStatus> &statuses);

    // An agent's lead-stats answer: the lead figures and the appointments block, as the
    // server sends it and the desktop shows it.
    static QJsonObject agentAnswer(const Summary &leads, const AppointmentSummary &appointments);

    // The middle value (mean of the two middle values for an even count) of `values`, which
    // need not be sorted; std::nullopt when empty.
    static std::optional<double> median(QList<double> values);
    // Nearest-rank percentile (0 < percent <= 100): the smallest value with at least percent%
    // of the values at or below it; std::nullopt when empty.
    static std::optional<double> percentile(QList<double> values, int percent);
    // Minutes with one decimal, for the wire.
    static double roundMinutes(double minutes);
};

} // namespace Crm
