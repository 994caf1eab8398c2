#pragma once

#include "domain/result.h"
#include "secretstore.h"

#include <QByteArray>
#include <QString>

namespace Crm {

// The local cache's encryption key: 32 random bytes, generated once per account and server and
// kept in the OS keychain (service "crm"). The key never touches the disk in the clear.
class CacheKeyProvider final
{
public:
    static constexpr int KeySize = 32;

    explicit CacheKeyProvider(SecretStore store = SecretStore());

    // The keychain entry name for one account on one server.
    static QString entryName(const QString &serverUrl, const QString &account);

    // Reads the key, or creates and stores a new one the first time. Fails (never falls back to
    // plaintext) when the keychain cannot be reached.
    Result<QByteArray> keyFor(const QString &serverUrl, const QString &account) const;

    // Removes the key: the cache it protected becomes unreadable.
    Status forget(const QString &serverUrl, const QString &account) const;

private:
    SecretStore m_store;
};

} // namespace Crm
