#include "secretstore.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace Crm {

namespace {

Error toError(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return {QStringLiteral("not_found"),
                QCoreApplication::translate("Crm::SecretStore", "No such entry in the keychain.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {QStringLiteral("keychain_unavailable"),
                QCoreApplication::translate(
                    "Crm::SecretStore",
                    "No system keychain is available (%1). Start your desktop's keychain "
                    "(e.g. GNOME Keyring or KWallet), or protect the cache with a passphrase.")
                    .arg(detail)};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {QStringLiteral("access_denied"),
                QCoreApplication::translate("Crm::SecretStore", "The keychain refused access: %1")
                    .arg(detail)};
    default:
        return {QStringLiteral("keychain_error"),
                QCoreApplication::translate("Crm::SecretStore", "The keychain failed: %1")
                    .arg(detail)};
    }
}

// QtKeychain reports "no D-Bus" or "no Secret Service" as a generic error; tell those apart so
// the user hears that there is no keychain (and what to do) rather than that it failed.
bool secretServiceReachable()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QString service = QStringLiteral("org.freedesktop.secrets");
    if (bus.interface()->isServiceRegistered(service))
        return true;
    const auto activatable = bus.interface()->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(service);
}

Error failure(QKeychain::Error error, const QString &detail)
{
    if (error == QKeychain::OtherError && !secretServiceReachable())
        return toError(QKeychain::NoBackendAvailable, detail);
    return toError(error, detail);
}

template<typename Job>
void runJob(Job &job)
{
    job.setAutoDelete(false);
    // Never store secrets in a plain file when the keychain is missing.
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

Result<QByteArray> SecretStore::read(const QString &key) const
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        if (job.error() != QKeychain::EntryNotFound)
            qCWarning(lcStore) << "Keychain read failed:" << job.errorString();
        return failure(job.error(), job.errorString());
    }
    return job.binaryData();
}

Status SecretStore::write(const QString &key, const QByteArray &secret) const
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setBinaryData(secret);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        qCWarning(lcStore) << "Keychain write failed:" << job.errorString();
        return failure(job.error(), job.errorString());
    }
    return {};
}

Status SecretStore::remove(const QString &key) const
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound) {
        qCWarning(lcStore) << "Keychain delete failed:" << job.errorString();
        return failure(job.error(), job.errorString());
    }
    return {};
}

} // namespace Crm
