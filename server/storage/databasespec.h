#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QString>

namespace Crm {

// Which database a server uses, from the command line's --db: "sqlite:PATH" (an encrypted
// SQLCipher file, the default) or "postgresql://user:pass@host:port/dbname".
struct DatabaseSpec
{
    Q_DECLARE_TR_FUNCTIONS(Crm::DatabaseSpec)

public:
    enum class Backend { SqlCipher, PostgreSql };

    Backend backend = Backend::SqlCipher;
    QString path; // SqlCipher
    QString host; // PostgreSql
    int port = 5432;
    QString user;
    QString password;
    QString name;

    // An empty text means the default: an encrypted file in the user's data directory.
    static Result<DatabaseSpec> parse(const QString &text);
    static QString defaultSqlitePath();

    // For logs and messages: never includes the password.
    QString describe() const;
};

} // namespace Crm
