#include "figures.h"

#include <QLocale>

namespace Crm {

QString Figures::percent(double rate)
{
    return QLocale().toString(rate * 100, 'f', 1) + QLatin1Char('%');
}

QString Figures::minutes(const std::optional<double> &minutes)
{
    if (!minutes)
        return tr("—");
    if (*minutes < 90)
        return tr("%1 min").arg(QLocale().toString(*minutes, 'f', 0));
    if (*minutes < 48 * 60)
        return tr("%1 h").arg(QLocale().toString(*minutes / 60, 'f', 1));
    return tr("%1 days").arg(QLocale().toString(*minutes / 1440, 'f', 1));
}

} // namespace Crm
