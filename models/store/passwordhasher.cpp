#include "passwordhasher.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace Crm {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QString PasswordHasher::hash(const QString &password)
{
    if (!sodiumReady())
        return {};
    const QByteArray secret = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out,
                          secret.constData(),
                          size_t(secret.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password)
{
    if (!sodiumReady() || hash.isEmpty())
        return false;
    const QByteArray stored = hash.toLatin1();
    const QByteArray secret = password.toUtf8();
    return crypto_pwhash_str_verify(stored.constData(), secret.constData(), size_t(secret.size()))
           == 0;
}

QString PasswordHasher::randomToken()
{
    sodiumReady();
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString PasswordHasher::tokenDigest(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

} // namespace Crm
