#pragma once

#include <QStringList>

namespace Crm {

// The server database's schema, one list of statements per version. The same SQL runs on
// SQLCipher and PostgreSQL: only BIGINT and TEXT columns, times as UTC epoch milliseconds,
// booleans as 0/1, ids as UUID text.
class ServerSchema final
{
public:
    static int latestVersion();
    static QStringList statements(int version);
};

} // namespace Crm
