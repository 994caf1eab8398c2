#include "calendarfeedlink.h"

#include "store/cachekeyprovider.h"
#include "store/secretstore.h"

#include <QUrlQuery>

namespace Crm {

QString CalendarFeedLink::entryName(const QString &serverUrl, const QString &account)
{
    // Same normalisation as the cache key's entry, under another prefix.
    QString name = CacheKeyProvider::entryName(serverUrl, account);
    name.replace(0, name.indexOf(QLatin1Char(':')), QStringLiteral("calendar-feed"));
    return name;
}

Result<QString> CalendarFeedLink::token(const QString &serverUrl, const QString &account)
{
    const Result<QByteArray> secret = SecretStore().read(entryName(serverUrl, account));
    if (!secret.ok())
        return secret.error();
    return QString::fromUtf8(secret.value());
}

Status CalendarFeedLink::storeToken(const QString &serverUrl,
                                    const QString &account,
                                    const QString &token)
{
    return SecretStore().write(entryName(serverUrl, account), token.toUtf8());
}

QUrl CalendarFeedLink::feedUrl(const QUrl &server, const QString &token)
{
    QUrl url = server.resolved(QUrl(QStringLiteral("/api/agent/calendar.ics")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("token"), QString::fromLatin1(QUrl::toPercentEncoding(token)));
    url.setQuery(query);
    return url;
}

} // namespace Crm
