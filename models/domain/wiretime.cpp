#include "wiretime.h"

#include <QDateTime>

namespace Crm::WireTime {

QString toWire(qint64 epochMs)
{
    // Qt::UTC rather than QTimeZone::utc(): with Qt 6.4 the latter prints "+00:00", not "Z".
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    return time.toString(epochMs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

std::optional<qint64> fromWire(const QString &text)
{
    // Qt::ISODate accepts a date without a time; the wire format requires both and a zone.
    if (text.size() < 20 || text.at(10) != QLatin1Char('T'))
        return std::nullopt;
    const QChar last = text.back();
    const bool hasZone = last == QLatin1Char('Z') || text.indexOf(QLatin1Char('+'), 19) > 0
                         || text.indexOf(QLatin1Char('-'), 19) > 0;
    if (!hasZone)
        return std::nullopt;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

} // namespace Crm::WireTime
