#pragma once

#include <QString>

namespace Crm {

// Argon2id password hashes (libsodium's crypto_pwhash_str), stored as the self-describing
// "$argon2id$..." string, and random tokens. Shared by the server (accounts) and the desktop
// app (the idle lock checks the password offline against a hash kept in the encrypted cache).
class PasswordHasher final
{
public:
    static QString hash(const QString &password);
    static bool verify(const QString &hash, const QString &password);

    // 32 random bytes, base64url without padding: what access and refresh tokens are.
    static QString randomToken();
    // How tokens are stored: SHA-256 hex, so a leaked table cannot be replayed.
    static QString tokenDigest(const QString &token);
};

} // namespace Crm
