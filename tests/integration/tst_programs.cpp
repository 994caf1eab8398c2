// The three programs start, answer --help and --version, and exit 0.
#include "serverprocess.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QDateTime>
#include <QMap>
#include <QTest>

class tst_Programs : public QObject
{
    Q_OBJECT

private slots:
    void answersHelpAndVersion_data();
    void answersHelpAndVersion();
    void unknownCommandIsAnError_data();
    void unknownCommandIsAnError();
    void serverTakesNoPasswordOnTheCommandLine();
    void serverRefusesAKeyFileOthersCanRead();
    void demoDataTellsOneStory();
    void demoDataFillsAWeekOfCalendars();
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

void tst_Programs::serverTakesNoPasswordOnTheCommandLine()
{
    // Finding 12: a password in --db showed in ps. libpq takes it from PGPASSWORD or
    // ~/.pgpass; --help says so, and a password in the URL is refused before any connection.
    QProcess help;
    help.start(CrmTest::programPath(QStringLiteral("crm-server")), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(30000));
    const QString helpText = QString::fromLocal8Bit(help.readAllStandardOutput());
    QVERIFY2(helpText.contains(QStringLiteral("PGPASSWORD"))
                 && helpText.contains(QStringLiteral(".pgpass")),
             qPrintable(helpText));

    QProcess serve;
    serve.start(CrmTest::programPath(QStringLiteral("crm-server")),
                {QStringLiteral("audit"),
                 QStringLiteral("verify"),
                 QStringLiteral("--db"),
                 QStringLiteral("postgresql://crm:hunter2@127.0.0.1:1/crm")});
    QVERIFY(serve.waitForFinished(30000));
    QVERIFY(serve.exitCode() != 0);
    const QString error = QString::fromLocal8Bit(serve.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("PGPASSWORD")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("hunter2")), qPrintable(error));
}

void tst_Programs::serverRefusesAKeyFileOthersCanRead()
{
    // Finding 12: a key file others could read only gave a warning.
    QTemporaryDir dir;
    const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("crm.db"));
    auto audit = [&](QString *output) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CRM_AUDIT_KEY_FILE"), dir.filePath(QStringLiteral("keys/audit.key")));
        process.setProcessEnvironment(env);
        process.start(CrmTest::programPath(QStringLiteral("crm-server")),
                      {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db});
        process.waitForFinished(60000);
        *output = QString::fromLocal8Bit(process.readAll());
        return process.exitCode();
    };
    QString output;
    QCOMPARE(audit(&output), 0); // creates the database and its 0600 key
    const QString keyPath = dir.filePath(QStringLiteral("crm.db.key"));
    QCOMPARE(QFile::permissions(keyPath) & 0x0077, QFileDevice::Permissions());
    QVERIFY(QFile::setPermissions(keyPath,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(audit(&output) != 0);
    QVERIFY2(output.contains(QStringLiteral("chmod 600")), qPrintable(output));
    QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(audit(&output), 0);
}

void tst_Programs::demoDataTellsOneStory()
{
    // A demo lead's first history entry says how it came, in agreement with its source (an
    // "Event" lead said it was received from the website contact form).
    CrmTest::ServerProcess server;
    QString whyNot;
    QVERIFY2(server.prepare(&whyNot), qPrintable(whyNot));
    QByteArray output;
    QVERIFY2(server.runCommand({QStringLiteral("demo-data"), QStringLiteral("--leads"),
                                QStringLiteral("60")},
                               &output)
                 == 0,
             output.constData());
    const QList<QVariantList> leads = server.sql(QStringLiteral(
        "SELECT l.source, (SELECT a.notes FROM lead_activities a WHERE a.leadId = l.id"
        " ORDER BY a.createdAt, a.rowid LIMIT 1) FROM leads l"));
    QVERIFY(leads.size() >= 60);
    QSet<QString> sources;
    for (const QVariantList &lead : leads) {
        const QString source = lead.value(0).toString();
        sources.insert(source);
        const QString expected = source == u"contact_form"_qs || source == u"website"_qs
                                     ? QStringLiteral("Received from the website contact form.")
                                     : QStringLiteral("Entered by hand.");
        QVERIFY2(lead.value(1).toString() == expected,
                 qPrintable(source + u": "_qs + lead.value(1).toString()));
    }
    QVERIFY(sources.size() >= 4); // the story is told for several kinds of source
}

void tst_Programs::demoDataFillsAWeekOfCalendars()
{
    // Each demo agent opens the calendar to a believable week: hours with a lunch break, an
    // afternoon off, and appointments with their own leads, some held, one missed, one
    // cancelled, more to come; never two at once.
    CrmTest::ServerProcess server;
    QString whyNot;
    QVERIFY2(server.prepare(&whyNot), qPrintable(whyNot));
    QByteArray output;
    QVERIFY2(server.runCommand({QStringLiteral("demo-data")}, &output) == 0, output.constData());
    const QList<QVariantList> agents = server.sql(u"SELECT id FROM users WHERE role = 'agent'"_qs);
    QCOMPARE(agents.size(), 4);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QVariantList &agent : agents) {
        const QString id = agent.value(0).toString();
        QCOMPARE(server.sql(u"SELECT count(*) FROM provider_availability WHERE providerId = '%1'"_qs.arg(id))
                     .value(0).value(0).toInt(),
                 10);
        QCOMPARE(server.sql(u"SELECT count(*) FROM time_off WHERE providerId = '%1' AND startAt > %2"_qs.arg(id).arg(now))
                     .value(0).value(0).toInt(),
                 1);
        const QList<QVariantList> rows = server.sql(
            u"SELECT a.status, a.scheduledDate, a.duration, l.assignedAgentId FROM appointments a"
            " JOIN leads l ON l.id = a.leadId WHERE a.providerId = '%1' ORDER BY a.scheduledDate"_qs.arg(id));
        QVERIFY2(rows.size() >= 8, qPrintable(QString::number(rows.size())));
        QMap<QString, int> statuses;
        qint64 busyUntil = 0;
        for (const QVariantList &row : rows) {
            statuses[row.value(0).toString()] += 1;
            QCOMPARE(row.value(3).toString(), id); // with the agent's own leads
            const qint64 start = row.value(1).toLongLong();
            QVERIFY(qAbs(start - now) < 8 * 24 * 3600 * 1000LL); // around this week
            if (row.value(0).toString() != u"cancelled"_qs) {
                QVERIFY2(start >= busyUntil, "two appointments at once");
                busyUntil = start + row.value(2).toLongLong() * 60000;
            }
        }
        QCOMPARE(statuses.value(u"no_show"_qs), 1);
        QCOMPARE(statuses.value(u"cancelled"_qs), 1);
        QVERIFY(statuses.value(u"completed"_qs) >= 1);
        QVERIFY(statuses.value(u"scheduled"_qs) + statuses.value(u"confirmed"_qs) >= 2);
    }
}

QTEST_GUILESS_MAIN(tst_Programs)
#include "tst_programs.moc"
