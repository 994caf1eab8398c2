// The three programs start, answer --help and --version, and exit 0.
#include "testsupport.h"

#include <QProcess>
#include <QTest>

class tst_Programs : public QObject
{
    Q_OBJECT

private slots:
    void answersHelpAndVersion_data();
    void answersHelpAndVersion();
    void unknownCommandIsAnError_data();
    void unknownCommandIsAnError();
};

void tst_Programs::answersHelpAndVersion_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    for (const char *program : {"crm-desktop", "crm-server", "crm-sync"}) {
        QTest::addRow("%s --help", program)
            << QString::fromLatin1(program) << QStringLiteral("--help") << QStringLiteral("Usage:");
        QTest::addRow("%s --version", program)
            << QString::fromLatin1(program) << QStringLiteral("--version")
            << QStringLiteral("%1 %2").arg(QString::fromLatin1(program),
                                           QStringLiteral(CRM_VERSION));
    }
}

void tst_Programs::answersHelpAndVersion()
{
    QFETCH(QString, program);
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(CrmTest::programPath(program), {option});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString output = QString::fromLocal8Bit(process.readAllStandardOutput());
    QVERIFY2(output.contains(expected), qPrintable(output));
}

void tst_Programs::unknownCommandIsAnError_data()
{
    QTest::addColumn<QString>("program");
    QTest::newRow("crm-server") << QStringLiteral("crm-server");
    QTest::newRow("crm-sync") << QStringLiteral("crm-sync");
}

void tst_Programs::unknownCommandIsAnError()
{
    QFETCH(QString, program);
    QProcess process;
    process.start(CrmTest::programPath(program), {QStringLiteral("frobnicate")});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY(process.exitCode() != 0);
    QVERIFY(QString::fromLocal8Bit(process.readAllStandardError())
                .contains(QStringLiteral("frobnicate")));
}

QTEST_GUILESS_MAIN(tst_Programs)
#include "tst_programs.moc"
