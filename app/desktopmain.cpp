#include "desktopsession.h"
#include "settingsdialog.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

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
    const QCommandLineOption email(QStringLiteral("email"),
                                   QApplication::translate("main", "Your e-mail address."),
                                   QStringLiteral("E"));
    const QCommandLineOption passwordStdin(
        QStringLiteral("password-stdin"),
        QApplication::translate("main", "Read the password from standard input and sign in."));
    parser.addOptions({dataDir, server, email, passwordStdin});
    parser.process(app);

    Crm::DesktopSession::Options options;
    options.dataDir = parser.isSet(dataDir)
                          ? QDir(parser.value(dataDir)).absolutePath()
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(options.dataDir);
    // The language chosen in Settings, once the data folder (where settings live) is known.
    const QString language
        = QSettings(Crm::SettingsDialog::fileIn(options.dataDir), QSettings::IniFormat)
              .value(Crm::SettingsDialog::languageKey())
              .toString();
    if (!language.isEmpty())
        Crm::Translations::install(QLocale(language));
    options.server = parser.value(server);
    options.email = parser.value(email).trimmed().toLower();
    if (parser.isSet(passwordStdin))
        options.password = QTextStream(stdin).readLine();

    Crm::DesktopSession session(options);
    if (!session.start())
        return 1;
    return app.exec();
}
