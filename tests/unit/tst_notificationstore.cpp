// NotificationStore over a real encrypted cache: what the notification center reads and marks,
// each notice taken for the desktop exactly once, and a notice with a dedupe key added once.
#include "store/localdatabase.h"
#include "store/notificationstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;

class tst_NotificationStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void newestFirstAndUnreadCount();
    void markRead();
    void eachNoticeIsRaisedOnce();
    void addedOncePerDedupeKey();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    LocalDatabase m_cache;
};

void tst_NotificationStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = LocalDatabase::open(m_dir->filePath(QStringLiteral("cache.db")),
                                      QByteArray(32, 'n'));
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    m_cache = std::move(opened).value();
    QSqlQuery insert(m_cache.database());
    QVERIFY2(insert.exec(QStringLiteral(
                 "INSERT INTO notifications (id, kind, title, body, entity, entityId, createdAt,"
                 " readAt) VALUES"
                 " ('n1', 'new_lead', 'Old', 'b1', 'lead', 'l1', 100, NULL),"
                 " ('n2', 'follow_up_due', 'Read', 'b2', 'follow_up', 'f1', 200, 250),"
                 " ('n3', 'new_lead', 'New', 'b3', 'lead', 'l3', 300, NULL)")),
             qPrintable(insert.lastError().text()));
}

void tst_NotificationStore::cleanup()
{
    m_cache.close();
    m_dir.reset();
}

void tst_NotificationStore::newestFirstAndUnreadCount()
{
    const NotificationStore store(m_cache.database());
    const auto notices = store.newest(2);
    QVERIFY(notices);
    QCOMPARE(notices->size(), 2);
    QCOMPARE(notices->at(0).id, QStringLiteral("n3"));
    QCOMPARE(notices->at(0).entityId, QStringLiteral("l3"));
    QCOMPARE(notices->at(0).readAt, 0);
    QCOMPARE(notices->at(1).id, QStringLiteral("n2"));
    QCOMPARE(notices->at(1).readAt, 250);
    QCOMPARE(store.unreadCount(), std::optional(2));
}

void tst_NotificationStore::markRead()
{
    NotificationStore store(m_cache.database());
    QVERIFY(store.markRead(QStringLiteral("n2"), 999)); // already read: keeps its time
    QVERIFY(store.markRead(QStringLiteral("n1"), 500));
    QCOMPARE(store.unreadCount(), std::optional(1));
    QVERIFY(store.markReadUpTo(200, 600)); // n3 (created at 300) stays unread
    QCOMPARE(store.unreadCount(), std::optional(1));
    QVERIFY(store.markReadUpTo(300, 700));
    QCOMPARE(store.unreadCount(), std::optional(0));
    const auto notices = store.newest(10);
    QVERIFY(notices);
    QCOMPARE(notices->at(0).readAt, 700);
    QCOMPARE(notices->at(1).readAt, 250);
    QCOMPARE(notices->at(2).readAt, 500);
}

void tst_NotificationStore::eachNoticeIsRaisedOnce()
{
    NotificationStore store(m_cache.database());
    const auto first = store.takeUnraised(1000);
    QVERIFY(first);
    QCOMPARE(first->size(), 2); // unread ones, oldest first
    QCOMPARE(first->at(0).title, QStringLiteral("Old"));
    QCOMPARE(first->at(1).title, QStringLiteral("New"));
    const auto second = store.takeUnraised(2000);
    QVERIFY(second);
    QVERIFY(second->isEmpty());
}

void tst_NotificationStore::addedOncePerDedupeKey()
{
    NotificationStore store(m_cache.database());
    const NotificationStore::NewNotice due{QStringLiteral("follow_up_due"),
                                           QStringLiteral("Follow-up due: Ana Ruiz"),
                                           QStringLiteral("Call back"),
                                           QStringLiteral("follow_up"),
                                           QStringLiteral("f9"),
                                           QStringLiteral("follow_up_due:f9:1000")};
    const Result<bool> first = store.add(due);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QVERIFY(first.value());
    QVERIFY(!store.add(due).value()); // the same key: already there
    NotificationStore::NewNotice conflict = due;
    conflict.kind = QStringLiteral("conflict");
    conflict.dedupeKey.clear(); // without a key, every notice is added
    QVERIFY(store.add(conflict).value());
    QVERIFY(store.add(conflict).value());
    QCOMPARE(store.unreadCount(), std::optional(2 + 3));
    const auto notices = store.newest(1);
    QVERIFY(notices);
    QCOMPARE(notices->at(0).kind, QStringLiteral("conflict"));
    QCOMPARE(notices->at(0).entityId, QStringLiteral("f9"));
    QVERIFY(notices->at(0).createdAt > 300);
}

QTEST_GUILESS_MAIN(tst_NotificationStore)
#include "tst_notificationstore.moc"
