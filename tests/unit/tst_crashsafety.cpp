// A writer killed with SIGKILL mid-transaction leaves a cache that opens, passes
// integrity_check, and holds every committed transaction whole and nothing of the cut one.
#include "store/localdatabase.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <signal.h>

using namespace Crm;

namespace {

const QByteArray Key = QByteArray::fromHex(
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
constexpr int RowsPerTransaction = 400;

struct Outcome
{
    int lastCommitted = 0;
    int lastBegun = 0;
};

// Runs the writer until `until` says stop, then SIGKILLs it.
Outcome runAndKill(const QString &path, const std::function<bool(const Outcome &)> &until)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(CrmTest::helperPath(QStringLiteral("crm-store-child")),
                {QStringLiteral("write"),
                 path,
                 QString::fromLatin1(Key.toHex()),
                 QString::number(RowsPerTransaction)});
    Outcome outcome;
    if (!child.waitForStarted(10000))
        return outcome;
    QByteArray pending;
    while (child.state() == QProcess::Running && !until(outcome)) {
        if (!child.waitForReadyRead(30000))
            break;
        pending += child.readAllStandardOutput();
        int newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline);
            pending.remove(0, newline + 1);
            const QList<QByteArray> words = line.split(' ');
            if (words.value(0) == "committed")
                outcome.lastCommitted = words.value(1).toInt();
            else if (words.value(0) == "begin")
                outcome.lastBegun = words.value(1).toInt();
            else if (words.value(0) == "error")
                qWarning() << "writer:" << line;
            if (until(outcome))
                break;
        }
    }
    ::kill(pid_t(child.processId()), SIGKILL);
    child.waitForFinished(10000);
    return outcome;
}

} // namespace

class tst_CrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void killedInTheMiddleOfATransaction();
    void killedAtRandomMoments();

private:
    void verifyAllOrNothing(const QString &path, const Outcome &outcome, bool strictLast);
};

void tst_CrashSafety::verifyAllOrNothing(const QString &path,
                                         const Outcome &outcome,
                                         bool strictLast)
{
    auto opened = LocalDatabase::open(path, Key);
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    const QSqlDatabase db = opened.value().database();
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));

    QVERIFY(query.exec(
        QStringLiteral("SELECT email, count(*) FROM leads GROUP BY email ORDER BY count(*)")));
    QMap<int, int> rowsByTransaction;
    while (query.next()) {
        const QString email = query.value(0).toString(); // "t<N>@example.com"
        const int transaction = email.mid(1, email.indexOf(QLatin1Char('@')) - 1).toInt();
        rowsByTransaction.insert(transaction, query.value(1).toInt());
    }
    // Every transaction the writer reported committed is there, whole.
    for (int t = 1; t <= outcome.lastCommitted; ++t)
        QCOMPARE(rowsByTransaction.value(t), RowsPerTransaction);
    // Anything else is either whole (committed just before the kill, not yet reported) or
    // absent; never partial.
    for (auto it = rowsByTransaction.cbegin(); it != rowsByTransaction.cend(); ++it) {
        QVERIFY2(it.value() == RowsPerTransaction,
                 qPrintable(QStringLiteral("transaction %1 has %2 of %3 rows")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(RowsPerTransaction)));
    }
    if (strictLast)
        QVERIFY(!rowsByTransaction.contains(outcome.lastBegun));
    // The FTS index agrees with the table.
    QVERIFY(query.exec(QStringLiteral("SELECT (SELECT count(*) FROM leads),"
                                      " (SELECT count(*) FROM leads_fts)")));
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toInt(), query.value(0).toInt());
}

void tst_CrashSafety::killedInTheMiddleOfATransaction()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.db"));
    // Stop right after the 6th transaction began writing: 5 are committed, the 6th is open.
    const Outcome outcome = runAndKill(path, [](const Outcome &o) { return o.lastBegun >= 6; });
    QCOMPARE(outcome.lastCommitted, 5);
    QCOMPARE(outcome.lastBegun, 6);
    verifyAllOrNothing(path, outcome, true);
}

void tst_CrashSafety::killedAtRandomMoments()
{
    // Several kills at random points of the write loop, on the same file: every recovery must
    // leave whole transactions only, and the next writer carries on from there.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.db"));
    QRandomGenerator random(20261124);
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer timer;
        const int delayMs = 50 + int(random.bounded(400));
        timer.start();
        const Outcome outcome = runAndKill(path, [&](const Outcome &o) {
            return o.lastBegun > 0 && timer.elapsed() >= delayMs;
        });
        QVERIFY(outcome.lastBegun > 0);
        verifyAllOrNothing(path, outcome, false);
        if (QTest::currentTestFailed())
            return;
        // The writer numbers its transactions from 1 on each run: start the next round empty.
        auto cleaner = LocalDatabase::open(path, Key);
        QVERIFY(cleaner.ok());
        QSqlQuery wipe(cleaner.value().database());
        QVERIFY(wipe.exec(QStringLiteral("DELETE FROM leads")));
    }
}

QTEST_GUILESS_MAIN(tst_CrashSafety)
#include "tst_crashsafety.moc"
