#include "testsupport.h"

#include "store/cachekeyprovider.h"

#include <QCoreApplication>
#include <QDir>

namespace CrmTest {

QString buildDir()
{
    const QByteArray fromEnv = qgetenv("CRM_BUILD_DIR");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    QDir dir(QCoreApplication::applicationDirPath());
    dir.cdUp();
    dir.cdUp();
    return dir.absolutePath();
}

QString programPath(const QString &name)
{
    return buildDir() + QStringLiteral("/app/") + name;
}

bool keychainRequired()
{
    return qEnvironmentVariableIntValue("CRM_REQUIRE_KEYCHAIN") == 1;
}

Readiness keychainReadiness()
{
    const auto probe = Crm::CacheKeyProvider().keyFor(QStringLiteral("http://probe.invalid"),
                                                      QStringLiteral("probe@example.com"));
    if (probe.ok())
        return {};
    if (!keychainRequired())
        return {Readiness::Skip,
                QStringLiteral("The cache keys live in the OS keychain; scripts/test provides "
                               "one (%1)")
                    .arg(probe.error().message)};
    return {Readiness::Fail, probe.error().message};
}

} // namespace CrmTest

namespace CrmTest {

QString helperPath(const QString &name)
{
    return buildDir() + QStringLiteral("/tests/support/") + name;
}

} // namespace CrmTest
