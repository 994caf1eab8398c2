#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

class QComboBox;

namespace Crm {

// The periods the metrics screens offer, by when the leads arrived: what they are called and
// where they start (the end is always now, an open ?to= in the API).
class ReportPeriod final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ReportPeriod)

public:
    enum class Period { Last7Days, Last30Days, Last90Days, ThisYear, AllTime };

    static QString name(Period period);
    // Epoch ms of the period's start at `now`; nothing for all time.
    static std::optional<qint64> start(Period period, const QDateTime &now);
    // Fills a period chooser with `periods` (each entry's data is the Period), `current` chosen.
    static void fill(QComboBox *box, const QList<Period> &periods, Period current);
};

} // namespace Crm
