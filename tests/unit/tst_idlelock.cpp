// The main window locks itself after inactivity and shows no member data until the password.
#include "item/leadtablemodel.h"
#include "localedits.h"
#include "mainwindow.h"
#include "store/localdatabase.h"
#include "store/passwordhasher.h"
#include "syncrunner.h"
#include "syncstate.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

class tst_IdleLock : public QObject
{
    Q_OBJECT

private slots:
    void locksAfterInactivityAndHidesTheData();

private:
    static QStringList visibleTexts(QWidget *root);
};

QStringList tst_IdleLock::visibleTexts(QWidget *root)
{
    QStringList texts;
    const auto labels = root->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->isVisible())
            texts << label->text();
    }
    const auto edits = root->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->isVisible())
            texts << edit->text();
    }
    const auto tables = root->findChildren<QTableView *>();
    for (QTableView *table : tables) {
        if (table->isVisible() && table->model()) {
            for (int row = 0; row < table->model()->rowCount(); ++row)
                texts << table->model()->index(row, 0).data().toString();
        }
    }
    return texts;
}

void tst_IdleLock::locksAfterInactivityAndHidesTheData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.db"));
    const QByteArray key(32, 'k');
    auto cache = LocalDatabase::open(path, key);
    QVERIFY(cache.ok());
    QSqlQuery insert(cache.value().database());
    QVERIFY(insert.exec(QStringLiteral(
        "INSERT INTO leads (id, firstName, lastName, email, phone, createdAt, updatedAt)"
        " VALUES ('a', 'Zelda', 'Quartermain', 'zq@example.com', '+14155550123', 1, 1)")));
    SyncState(cache.value().database())
        .setState(QStringLiteral("unlockHash"), PasswordHasher::hash(QStringLiteral("open sesame")));

    SyncRunner sync(
        {QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("a@b.c"), path, key});
    LocalEdits edits(cache.value().database(), QStringLiteral("me"));
    MainWindow window(cache.value(), &sync, &edits);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.leads()->reload();
    QTRY_VERIFY(visibleTexts(&window).join(u' ').contains(QStringLiteral("Quartermain")));

    window.setIdleLockMs(300);
    QTRY_VERIFY_WITH_TIMEOUT(window.isLocked(), 3000);
    QVERIFY2(!visibleTexts(&window).join(u' ').contains(QStringLiteral("Quartermain")),
             qPrintable(visibleTexts(&window).join(u'|')));
    QVERIFY(!window.table()->isVisible());

    QVERIFY(!window.unlock(QStringLiteral("wrong")));
    QVERIFY(window.isLocked());
    QVERIFY(window.unlock(QStringLiteral("open sesame")));
    QVERIFY(!window.isLocked());
    QVERIFY(window.table()->isVisible());
    window.setIdleLockMs(60 * 60 * 1000);
}

QTEST_MAIN(tst_IdleLock)
#include "tst_idlelock.moc"
