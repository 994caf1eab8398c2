#include "credentials.h"

#include "store/cachekeyprovider.h"

namespace Crm {

QString Credentials::entryName(const QString &serverUrl, const QString &account)
{
    // Same normalisation as the cache key's entry, under another prefix.
    QString name = CacheKeyProvider::entryName(serverUrl, account);
    name.replace(0, name.indexOf(QLatin1Char(':')), QStringLiteral("refresh-token"));
    return name;
}

Result<QString> Credentials::refreshToken(const QString &serverUrl, const QString &account)
{
    const Result<QByteArray> secret = SecretStore().read(entryName(serverUrl, account));
    if (!secret.ok())
        return secret.error();
    return QString::fromUtf8(secret.value());
}

Status Credentials::storeRefreshToken(const QString &serverUrl,
                                      const QString &account,
                                      const QString &token)
{
    if (token.isEmpty())
        return forget(serverUrl, account);
    return SecretStore().write(entryName(serverUrl, account), token.toUtf8());
}

Status Credentials::forget(const QString &serverUrl, const QString &account)
{
    return SecretStore().remove(entryName(serverUrl, account));
}

} // namespace Crm
