#include "databasespec.h"

#include <QStandardPaths>
#include <QUrl>

namespace Crm {

Result<DatabaseSpec> DatabaseSpec::parse(const QString &text)
{
    DatabaseSpec spec;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        spec.path = defaultSqlitePath();
        return spec;
    }
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        spec.path = trimmed.mid(7);
        if (spec.path.isEmpty())
            return Error{QStringLiteral("bad_db"),
                         tr("sqlite: needs a file path, e.g. sqlite:/var/lib/crm/crm.db")};
        return spec;
    }
    if (trimmed.startsWith(QLatin1String("postgresql://"))
        || trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            return Error{QStringLiteral("bad_db"),
                         tr("Cannot read the PostgreSQL URL %1.")
                             .arg(url.toDisplayString(QUrl::RemovePassword))};
        }
        spec.backend = Backend::PostgreSql;
        spec.host = url.host();
        spec.port = url.port(5432);
        spec.user = url.userName();
        if (!url.password().isEmpty()) {
            // A command line is visible to every user of the machine (ps, /proc).
            return Error{QStringLiteral("bad_db"),
                         tr("Do not put the PostgreSQL password in --db, where ps shows it: "
                            "set PGPASSWORD or use ~/.pgpass (libpq reads both).")};
        }
        spec.name = url.path().mid(1);
        if (spec.name.isEmpty())
            return Error{QStringLiteral("bad_db"), tr("The PostgreSQL URL needs a database name.")};
        return spec;
    }
    return Error{
        QStringLiteral("bad_db"),
        tr("Unknown database \"%1\": use sqlite:PATH or postgresql://user@host:port/db.")
            .arg(trimmed.section(QLatin1Char(':'), 0, 0))};
}

QString DatabaseSpec::defaultSqlitePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/crm-server.db");
}

QString DatabaseSpec::describe() const
{
    if (backend == Backend::SqlCipher)
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

} // namespace Crm
