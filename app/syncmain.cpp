#include "synccli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crm-sync"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));
    return Crm::SyncCli::run(app);
}
