#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("crm-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgentCRM"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Agent CRM server: shared database, HTTP API, lead assignment and sync.\n\n"
        "Commands:\n"
        "  serve        run the HTTP API\n"
        "  user add     add a user (password on standard input)\n"
        "  demo-data    fill the database with demo agents and leads\n"
        "  audit verify check the audit log's hash chain"));
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
    err << QStringLiteral("crm-server: unknown command '%1'\n").arg(args.join(QLatin1Char(' ')));
    return 2;
}
