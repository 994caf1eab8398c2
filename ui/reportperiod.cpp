#include "reportperiod.h"

#include <QComboBox>

namespace Crm {

QString ReportPeriod::name(Period period)
{
    switch (period) {
    case Period::Last7Days:
        return tr("Last 7 days");
    case Period::Last30Days:
        return tr("Last 30 days");
    case Period::Last90Days:
        return tr("Last 90 days");
    case Period::ThisYear:
        return tr("This year");
    case Period::AllTime:
        break;
    }
    return tr("All time");
}

std::optional<qint64> ReportPeriod::start(Period period, const QDateTime &now)
{
    switch (period) {
    case Period::Last7Days:
        return now.addDays(-7).toMSecsSinceEpoch();
    case Period::Last30Days:
        return now.addDays(-30).toMSecsSinceEpoch();
    case Period::Last90Days:
        return now.addDays(-90).toMSecsSinceEpoch();
    case Period::ThisYear:
        return QDateTime(QDate(now.date().year(), 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
    case Period::AllTime:
        break;
    }
    return std::nullopt;
}

void ReportPeriod::fill(QComboBox *box, const QList<Period> &periods, Period current)
{
    for (Period period : periods)
        box->addItem(name(period), int(period));
    box->setCurrentIndex(box->findData(int(current)));
}

} // namespace Crm
