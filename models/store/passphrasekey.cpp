#include "passphrasekey.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <sodium.h>

namespace Crm {

Result<QByteArray> PassphraseKey::derive(const QString &passphrase, const QByteArray &salt)
{
    if (passphrase.isEmpty())
        return Error{QStringLiteral("empty_passphrase"), tr("Enter a passphrase.")};
    if (salt.size() != crypto_pwhash_SALTBYTES)
        return Error{QStringLiteral("bad_salt"), tr("The passphrase salt file is damaged.")};
    if (sodium_init() < 0)
        return Error{QStringLiteral("crypto_unavailable"),
                     tr("The cryptography library failed to start.")};

    const QByteArray secret = passphrase.toUtf8();
    QByteArray key(KeySize, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()),
                      size_t(key.size()),
                      secret.constData(),
                      size_t(secret.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()),
                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
                      crypto_pwhash_MEMLIMIT_INTERACTIVE,
                      crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return Error{QStringLiteral("out_of_memory"),
                     tr("Not enough memory to derive the key from the passphrase.")};
    }
    return key;
}

Result<QByteArray> PassphraseKey::saltFor(const QString &databasePath)
{
    const QString path = saltPath(databasePath);
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("io_error"),
                         tr("Cannot read %1: %2").arg(path, existing.errorString())};
        return existing.readAll();
    }
    if (sodium_init() < 0)
        return Error{QStringLiteral("crypto_unavailable"),
                     tr("The cryptography library failed to start.")};
    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), size_t(salt.size()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(salt) != salt.size() || !file.commit())
        return Error{QStringLiteral("io_error"),
                     tr("Cannot write %1: %2").arg(path, file.errorString())};
    return salt;
}

Result<QByteArray> PassphraseKey::keyForDatabase(const QString &databasePath,
                                                 const QString &passphrase)
{
    const Result<QByteArray> salt = saltFor(databasePath);
    if (!salt.ok())
        return salt.error();
    return derive(passphrase, salt.value());
}

} // namespace Crm
