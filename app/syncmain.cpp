#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crm-sync"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Agent CRM command-line sync client.\n\n"
                       "Commands:\n"
                       "  sync                               one full pull+push cycle\n"
                       "  status [--json]                    what the local cache holds\n"
                       "  export leads|activities|appointments --format json|csv"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    QTextStream err(stderr);
    if (args.isEmpty()) {
        err << parser.helpText();
        return 2;
    }
    err << QStringLiteral("crm-sync: unknown command '%1'\n").arg(args.join(QLatin1Char(' ')));
    return 2;
}
