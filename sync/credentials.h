#pragma once

#include "domain/result.h"
#include "store/secretstore.h"

namespace Crm {

// The refresh token of a signed-in account, kept in the OS keychain (never in the cache or a
// settings file). The access token only ever lives in memory.
class Credentials final
{
public:
    static QString entryName(const QString &serverUrl, const QString &account);
    static Result<QString> refreshToken(const QString &serverUrl, const QString &account);
    static Status storeRefreshToken(const QString &serverUrl,
                                    const QString &account,
                                    const QString &token);
    static Status forget(const QString &serverUrl, const QString &account);
};

} // namespace Crm
