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
};

} // namespace Crm
