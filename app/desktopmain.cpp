#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("crm-desktop"));
    QApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));

    Crm::Translations::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Agent CRM: leads, calendar and notifications."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QApplication::translate("main", "Keep the local cache in DIR."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QApplication::translate("main", "Server URL to sign in to."),
                                    QStringLiteral("URL"));
    parser.addOption(dataDir);
    parser.addOption(server);
    parser.process(app);

    Crm::MainWindow window;
    window.show();
    return app.exec();
}
