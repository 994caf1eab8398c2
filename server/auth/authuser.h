#pragma once

#include <QString>

namespace Crm {

// The signed-in caller of a request, as the access token identifies them.
struct AuthUser
{
    QString id;
    QString email;
    QString name;
    QString role;
    QString tokenFamily; // the login this token belongs to (logout revokes the whole family)

    bool isAdmin() const { return role == QLatin1String("admin"); }
};

} // namespace Crm
