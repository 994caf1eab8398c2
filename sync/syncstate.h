#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace Crm {

// The cache's sync_state table: what this device remembers about its account and its sync
// (server, userId, email, name, role, unlockHash, clientId, cursor, lastSync, and bulkLoad
// while a first download runs), as text by key. A missing key reads as an empty string.
class SyncState final
{
public:
    explicit SyncState(QSqlDatabase db);

    QString state(const QString &key) const;
    Status setState(const QString &key, const QString &value);
    // The change-log position the cache is in step with; 0 before the first pull.
    qint64 cursor() const { return state(QStringLiteral("cursor")).toLongLong(); }

private:
    QSqlDatabase m_db;
};

} // namespace Crm
