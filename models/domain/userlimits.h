#pragma once

#include <QStringList>

namespace Crm {

// What a user record may hold: the server's checks (UserService) and both databases' CHECKs
// (SharedTables) read these. The user's own fields live in server/auth/authuser.h; this is only
// the rule, shared with the cache, which keeps the directory of users.
struct UserLimits
{
    static constexpr int MaxNameLength = 255;
    static constexpr int MaxEmailLength = 255;
    // A user's share in the weighted round-robin; 0 takes an agent out of the rotation.
    static constexpr int MinWeight = 0;
    static constexpr int MaxWeight = 100;

    static QStringList roles()
    {
        return {QStringLiteral("agent"),
                QStringLiteral("admin"),
                QStringLiteral("provider"),
                QStringLiteral("patient")};
    }
};

} // namespace Crm
