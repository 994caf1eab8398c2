#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Crm {

// The way out when no OS keychain answers: a cache key derived from a passphrase with
// Argon2id (libsodium). The salt is not secret; it lives in "<database>.salt" beside the cache.
class PassphraseKey final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::PassphraseKey)

public:
    static constexpr int KeySize = 32;

    static Result<QByteArray> derive(const QString &passphrase, const QByteArray &salt);

    // Where the salt of a database lives: its presence marks a passphrase-keyed cache.
    static QString saltPath(const QString &databasePath)
    {
        return databasePath + QStringLiteral(".salt");
    }

    // Reads the salt stored beside the database, creating it the first time.
    static Result<QByteArray> saltFor(const QString &databasePath);

    // derive(passphrase, saltFor(databasePath)) in one call.
    static Result<QByteArray> keyForDatabase(const QString &databasePath, const QString &passphrase);
};

} // namespace Crm
