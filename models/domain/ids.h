#pragma once

#include <QString>

namespace Crm {

// Record ids: lower-case UUIDs, minted by whoever creates the record (offline clients too).
class Ids final
{
public:
    static QString create();
    static bool isValid(const QString &text);
};

} // namespace Crm
