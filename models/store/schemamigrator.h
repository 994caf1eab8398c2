#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace Crm {

// Brings a local cache to the newest schema. The version lives in PRAGMA user_version; each
// step runs in its own transaction together with the version bump, so a crash mid-migration
// leaves the previous version intact.
class SchemaMigrator final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SchemaMigrator)

public:
    static int latestVersion();
    static Result<int> currentVersion(const QSqlDatabase &db);

    // Migrates up to targetVersion (default: the newest). A cache written by a newer app
    // version is refused ("schema_too_new") rather than damaged.
    static Status migrate(const QSqlDatabase &db, int targetVersion = latestVersion());

    // A first download into an empty cache: the lead and activity indexes and the search
    // index are dropped while rows pour in, and built once at the end (in one go instead of
    // row by row). Both run inside the caller's transaction.
    static Status suspendIndexes(const QSqlDatabase &db);
    static Status restoreIndexes(const QSqlDatabase &db);
};

} // namespace Crm
