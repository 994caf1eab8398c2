#include "cli/servercli.h"

#include <QCoreApplication>
#include <QLocale>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crm-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));
    // What the server writes for people (a history entry's notes) is English whatever the
    // machine's locale: each client words entries in its own language from their codes.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    return Crm::ServerCli::run(app);
}
