#include "cachekeyprovider.h"

#include "logging.h"

#include <QCoreApplication>
#include <QUrl>

#include <sodium.h>

namespace Crm {

CacheKeyProvider::CacheKeyProvider(SecretStore store)
    : m_store(std::move(store))
{}

QString CacheKeyProvider::entryName(const QString &serverUrl, const QString &account)
{
    // Normalise the URL so "http://host:8080/" and "http://HOST:8080" share one key.
    QUrl url(serverUrl.trimmed());
    QString server = serverUrl.trimmed().toLower();
    if (url.isValid() && !url.host().isEmpty()) {
        QString path = url.path();
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        url.setPath(path);
        server = url.toString(QUrl::NormalizePathSegments).toLower();
    }
    return QStringLiteral("cache-key:%1|%2").arg(account.trimmed().toLower(), server);
}

Result<QByteArray> CacheKeyProvider::keyFor(const QString &serverUrl, const QString &account) const
{
    const QString entry = entryName(serverUrl, account);
    Result<QByteArray> existing = m_store.read(entry);
    if (existing.ok()) {
        if (existing.value().size() != KeySize) {
            return Error{QStringLiteral("bad_key"),
                         QCoreApplication::translate("Crm::CacheKeyProvider",
                                                     "The keychain holds a damaged cache key "
                                                     "for %1.")
                             .arg(account)};
        }
        return existing;
    }
    if (existing.error().code != QLatin1String("not_found"))
        return existing.error();

    if (sodium_init() < 0) {
        return Error{QStringLiteral("crypto_unavailable"),
                     QCoreApplication::translate("Crm::CacheKeyProvider",
                                                 "The cryptography library failed to start.")};
    }
    QByteArray key(KeySize, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    const Status stored = m_store.write(entry, key);
    if (!stored.ok())
        return stored.error();
    qCInfo(lcStore) << "Created a new cache key in the keychain for" << entry;
    return key;
}

Status CacheKeyProvider::forget(const QString &serverUrl, const QString &account) const
{
    return m_store.remove(entryName(serverUrl, account));
}

} // namespace Crm
