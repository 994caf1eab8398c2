#include "testsupport.h"

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

} // namespace CrmTest

namespace CrmTest {

QString helperPath(const QString &name)
{
    return buildDir() + QStringLiteral("/tests/support/") + name;
}

} // namespace CrmTest
