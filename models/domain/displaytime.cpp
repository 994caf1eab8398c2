#include "displaytime.h"

#include <QLocale>

namespace Crm {

namespace {

QString timeFormat()
{
    // The language's short time form, seconds taken out where it has them (C, en_GB: HH:mm:ss).
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    format.remove(QStringLiteral(".ss"));
    return format;
}

} // namespace

QString DisplayTime::date(const QDate &date)
{
    return QLocale().toString(date, dateEditFormat());
}

QString DisplayTime::time(const QTime &time)
{
    return QLocale().toString(time, timeFormat());
}

QString DisplayTime::dateTime(const QDateTime &when)
{
    const QDateTime local = when.toLocalTime();
    return date(local.date()) + QLatin1Char(' ') + time(local.time());
}

QString DisplayTime::editFormat()
{
    return dateEditFormat() + QLatin1Char(' ') + timeFormat();
}

QString DisplayTime::dateEditFormat(Weekday weekday)
{
    return weekday == Weekday::With ? QStringLiteral("ddd d MMM yyyy") : QStringLiteral("d MMM yyyy");
}

} // namespace Crm
