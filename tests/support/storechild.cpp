// A child process for store tests that must run in another process: writing while being
// killed, and asking for a key while no keychain is reachable.
//
//   crm-store-child write <db> <hex key> <rows per transaction>
//       opens the cache and commits transactions forever; each inserts <rows> leads tagged with
//       the transaction number. Prints "begin N" after the first insert of transaction N,
//       "half N" half-way through it and "committed N" after its commit.
//   crm-store-child keyfor <server> <account>
//       prints "ok" or the error code of CacheKeyProvider::keyFor.
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <cstdio>

using namespace Crm;

static int writeForever(const QString &path, const QByteArray &key, int rowsPerTransaction)
{
    QTextStream out(stdout);
    auto opened = LocalDatabase::open(path, key);
    if (!opened.ok()) {
        out << "error " << opened.error().message << Qt::endl;
        return 1;
    }
    QSqlDatabase db = opened.value().database();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, message, createdAt, updatedAt)"
        " VALUES (?, 'Crash', 'Test', ?, '+14155550123', ?, 0, 0)"));
    const QString filler(400, QLatin1Char('x'));
    for (int transaction = 1;; ++transaction) {
        if (!db.transaction()) {
            out << "error " << db.lastError().text() << Qt::endl;
            return 1;
        }
        for (int row = 0; row < rowsPerTransaction; ++row) {
            insert.addBindValue(QStringLiteral("%1-%2").arg(transaction).arg(row));
            insert.addBindValue(QStringLiteral("t%1@example.com").arg(transaction));
            insert.addBindValue(filler);
            if (!insert.exec()) {
                out << "error " << insert.lastError().text() << Qt::endl;
                return 1;
            }
            if (row == 0)
                out << "begin " << transaction << Qt::endl;
            if (row == rowsPerTransaction / 2)
                out << "half " << transaction << Qt::endl;
        }
        if (!db.commit()) {
            out << "error " << db.lastError().text() << Qt::endl;
            return 1;
        }
        out << "committed " << transaction << Qt::endl;
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args.at(1) == QLatin1String("write"))
        return writeForever(args.at(2),
                            QByteArray::fromHex(args.at(3).toLatin1()),
                            args.at(4).toInt());
    if (args.size() == 4 && args.at(1) == QLatin1String("keyfor")) {
        const auto key = CacheKeyProvider().keyFor(args.at(2), args.at(3));
        QTextStream(stdout) << (key.ok() ? QStringLiteral("ok") : key.error().code) << Qt::endl;
        if (!key.ok())
            QTextStream(stderr) << key.error().message << Qt::endl;
        return key.ok() ? 0 : 1;
    }
    QTextStream(stderr) << "usage: crm-store-child write DB HEXKEY ROWS | keyfor SERVER ACCOUNT"
                        << Qt::endl;
    return 2;
}
