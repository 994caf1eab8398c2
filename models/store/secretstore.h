#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>

namespace Crm {

// Secrets in the OS keychain (Secret Service on Linux: gnome-keyring or KWallet) through
// QtKeychain. There is deliberately no file fallback: when no keychain answers, callers get
// the "keychain_unavailable" error and must ask the user for a passphrase instead.
//
// The calls wait for the keychain with a local event loop, so they are fine at start-up and in
// command-line tools; the GUI thread stays responsive while they wait.
class SecretStore final
{
public:
    explicit SecretStore(QString service = QStringLiteral("crm"));

    // Error codes: "not_found", "keychain_unavailable", "access_denied", "keychain_error".
    Result<QByteArray> read(const QString &key) const;
    Status write(const QString &key, const QByteArray &secret) const;
    Status remove(const QString &key) const;

    QString service() const { return m_service; }

private:
    QString m_service;
};

} // namespace Crm
