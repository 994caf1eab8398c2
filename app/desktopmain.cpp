#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("crm-desktop"));
    QApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(),
                          QStringLiteral("qtbase"),
                          QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator crmTranslator;
    if (crmTranslator.load(QLocale(),
                           QStringLiteral("crm"),
                           QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&crmTranslator);

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
