// The notification center over a real encrypted cache (the model checked by
// QAbstractItemModelTester and against hand-computed answers, the widget driven with clicks and
// keys), and desktop notifications reaching a real notification service: dunst on the test's
// session bus, on an Xvfb display the test starts when there is none.
#include "desktopnotifier.h"
#include "notificationcenter.h"
#include "notificationdaemon.h"
#include "notificationdelegate.h"
#include "item/notificationlistmodel.h"
#include "store/localdatabase.h"

#include <QAbstractItemModelTester>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMap>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Crm;
using CrmTest::field;
using CrmTest::NotificationDaemon;
using CrmTest::serviceRegistered;

namespace {

const QString NotificationService = QStringLiteral("org.freedesktop.Notifications");
constexpr qint64 Minute = 60 * 1000;

struct Notice
{
    QString id;
    QString kind;
    QString title;
    QString body;
    QString entity;
    QString entityId;
    qint64 createdAt = 0;
    std::optional<qint64> readAt;
    std::optional<qint64> shownAt;
};

bool insertNotice(const QSqlDatabase &db, const Notice &notice)
{
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO notifications (id, kind, title, body, entity, entityId, createdAt, readAt,"
        " shownAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariant null(QMetaType(QMetaType::LongLong));
    insert.addBindValue(notice.id);
    insert.addBindValue(notice.kind);
    insert.addBindValue(notice.title);
    insert.addBindValue(notice.body);
    insert.addBindValue(notice.entity);
    insert.addBindValue(notice.entityId);
    insert.addBindValue(notice.createdAt);
    insert.addBindValue(notice.readAt ? QVariant(*notice.readAt) : null);
    insert.addBindValue(notice.shownAt ? QVariant(*notice.shownAt) : null);
    if (!insert.exec()) {
        qWarning() << "Inserting a notice failed:" << insert.lastError().text();
        return false;
    }
    return true;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << "Query failed:" << sql << query.lastError().text();
        return {};
    }
    return query.value(0);
}

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, 0).data(role).toString();
    return values;
}

} // namespace

class tst_Notifications : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void modelListsNewestFirst();
    void modelMarkRead();
    void modelMarkAllReadSparesNewerNotices();
    void modelReloadKeepsRowsInPlace();
    void modelKeepsTheNewest500();
    void relativeTime_data();
    void relativeTime();
    void centerClickOpensAndMarksRead();
    void centerEnterOpens();
    void centerMarkAllRead();
    void centerEmptyState();
    void desktopNotificationsReachTheService();
    void fallbackWithoutTheService();

private:
    QSqlDatabase db() const { return m_cache.database(); }
    void insertFixture();
    bool showCenter();

    std::unique_ptr<QTemporaryDir> m_dir;
    LocalDatabase m_cache;
    qint64 m_now = 0;
    std::unique_ptr<NotificationCenter> m_center;
};

void tst_Notifications::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Notifications::init()
{
    // Any warning fails the test, except the offscreen platform saying what it cannot do.
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("^(?!This plugin does not support ).*")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = LocalDatabase::open(m_dir->filePath(QStringLiteral("cache.db")),
                                      QByteArray(32, 'n'));
    QVERIFY(opened.ok());
    m_cache = std::move(opened).value();
    m_now = QDateTime::currentMSecsSinceEpoch();
}

void tst_Notifications::cleanup()
{
    m_center.reset();
    m_cache.close();
    m_dir.reset();
}

// Five notices. Newest first by creation time, and among notices of the same millisecond the
// one written last first: n-conflict, n-appointment, n-follow-up, n-lead, n-rejected.
// Unread: n-conflict, n-follow-up, n-lead.
void tst_Notifications::insertFixture()
{
    const QList<Notice> notices{
        {QStringLiteral("n-lead"),
         QStringLiteral("new_lead"),
         QStringLiteral("New lead"),
         QStringLiteral("Maria Garcia"),
         QStringLiteral("lead"),
         QStringLiteral("p-maria"),
         m_now - 50 * Minute,
         {},
         {}},
        {QStringLiteral("n-follow-up"),
         QStringLiteral("follow_up_due"),
         QStringLiteral("Follow-up due: Mark Thompson"),
         QStringLiteral("Call about the silver plan."),
         QStringLiteral("follow_up"),
         QStringLiteral("f-mark"),
         m_now - 30 * Minute,
         {},
         {}},
        {QStringLiteral("n-appointment"),
         QStringLiteral("appointment_soon"),
         QStringLiteral("Appointment soon: Marissa Lee"),
         QStringLiteral("Starts in 15 minute(s)."),
         QStringLiteral("appointment"),
         QStringLiteral("a-marissa"),
         m_now - 10 * Minute,
         m_now - 5 * Minute,
         {}},
        {QStringLiteral("n-conflict"),
         QStringLiteral("conflict"),
         QStringLiteral("Edit conflict"),
         QStringLiteral("Someone else changed 2 field(s) you edited; choose which values to "
                        "keep."),
         QStringLiteral("lead"),
         QStringLiteral("p-bruce"),
         m_now - 10 * Minute,
         {},
         {}},
        {QStringLiteral("n-rejected"),
         QStringLiteral("rejected"),
         QStringLiteral("Change not accepted"),
         QStringLiteral("The plan is no longer offered."),
         QStringLiteral("enrollment"),
         QStringLiteral("e-alan"),
         m_now - 120 * Minute,
         m_now - 100 * Minute,
         {}},
    };
    for (const Notice &notice : notices)
        QVERIFY(insertNotice(db(), notice));
}

bool tst_Notifications::showCenter()
{
    m_center = std::make_unique<NotificationCenter>(m_cache);
    m_center->resize(420, 600);
    m_center->show();
    m_center->activateWindow();
    return QTest::qWaitForWindowActive(m_center.get());
}

void tst_Notifications::modelListsNewestFirst()
{
    insertFixture();
    NotificationListModel model(db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(column(model, NotificationListModel::IdRole),
             QStringList({QStringLiteral("n-conflict"),
                          QStringLiteral("n-appointment"),
                          QStringLiteral("n-follow-up"),
                          QStringLiteral("n-lead"),
                          QStringLiteral("n-rejected")}));
    QCOMPARE(model.unreadCount(), 3);
    const QModelIndex followUp = model.index(2, 0);
    QCOMPARE(followUp.data(Qt::DisplayRole).toString(),
             QStringLiteral("Follow-up due: Mark Thompson"));
    QCOMPARE(followUp.data(NotificationListModel::TitleRole).toString(),
             QStringLiteral("Follow-up due: Mark Thompson"));
    QCOMPARE(followUp.data(NotificationListModel::BodyRole).toString(),
             QStringLiteral("Call about the silver plan."));
    QCOMPARE(followUp.data(NotificationListModel::KindRole).toString(),
             QStringLiteral("follow_up_due"));
    QCOMPARE(followUp.data(NotificationListModel::EntityRole).toString(),
             QStringLiteral("follow_up"));
    QCOMPARE(followUp.data(NotificationListModel::EntityIdRole).toString(),
             QStringLiteral("f-mark"));
    QCOMPARE(followUp.data(NotificationListModel::CreatedAtRole).toLongLong(), m_now - 30 * Minute);
    QCOMPARE(followUp.data(NotificationListModel::UnreadRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(NotificationListModel::UnreadRole).toBool(), false);
    QCOMPARE(model.roleNames().value(NotificationListModel::UnreadRole), QByteArray("unread"));
}

void tst_Notifications::modelMarkRead()
{
    insertFixture();
    NotificationListModel model(db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy unread(&model, &NotificationListModel::unreadCountChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(model.markRead(2)); // n-follow-up
    QCOMPARE(model.index(2, 0).data(NotificationListModel::UnreadRole).toBool(), false);
    QCOMPARE(model.unreadCount(), 2);
    QCOMPARE(unread.size(), 1);
    QCOMPARE(unread.at(0).at(0).toInt(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
    QVERIFY(
        !scalar(db(), QStringLiteral("SELECT readAt FROM notifications WHERE id = 'n-follow-up'"))
             .isNull());

    // Read already: nothing to do, nothing to say.
    QVERIFY(model.markRead(2));
    QVERIFY(model.markRead(1)); // n-appointment, read before
    QCOMPARE(unread.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(scalar(db(),
                    QStringLiteral("SELECT readAt FROM notifications WHERE id = 'n-appointment'"))
                 .toLongLong(),
             m_now - 5 * Minute);
    QVERIFY(!model.markRead(5));
    QVERIFY(!model.markRead(-1));

    // What was written is what a fresh model reads.
    NotificationListModel again(db());
    QCOMPARE(again.unreadCount(), 2);
    QCOMPARE(again.index(2, 0).data(NotificationListModel::UnreadRole).toBool(), false);
}

void tst_Notifications::modelMarkAllReadSparesNewerNotices()
{
    insertFixture();
    NotificationListModel model(db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy unread(&model, &NotificationListModel::unreadCountChanged);
    // Written by the sync after the list was loaded, not seen yet.
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-late"),
                          QStringLiteral("new_lead"),
                          QStringLiteral("New lead"),
                          QStringLiteral("Ada Lovelace"),
                          QStringLiteral("lead"),
                          QStringLiteral("p-ada"),
                          m_now + 1,
                          {},
                          {}}));
    QVERIFY(model.markAllRead());
    QCOMPARE(model.unreadCount(), 1);
    QCOMPARE(unread.size(), 1);
    QCOMPARE(unread.at(0).at(0).toInt(), 1);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(NotificationListModel::UnreadRole).toBool(), false);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM notifications WHERE readAt IS NULL"))
                 .toInt(),
             1);
    QVERIFY(scalar(db(), QStringLiteral("SELECT readAt FROM notifications WHERE id = 'n-late'"))
                .isNull());
    // Already-read notices keep the time they were read.
    QCOMPARE(scalar(db(), QStringLiteral("SELECT readAt FROM notifications WHERE id = 'n-rejected'"))
                 .toLongLong(),
             m_now - 100 * Minute);

    model.reload();
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(0, 0).data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-late"));
    QCOMPARE(model.index(0, 0).data(NotificationListModel::UnreadRole).toBool(), true);
}

void tst_Notifications::modelReloadKeepsRowsInPlace()
{
    insertFixture();
    NotificationListModel model(db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QListView view;
    view.setModel(&model);
    view.setCurrentIndex(model.index(2, 0)); // n-follow-up
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy unread(&model, &NotificationListModel::unreadCountChanged);

    // Nothing new: nothing happens.
    model.reload();
    QCOMPARE(reset.size() + inserted.size() + removed.size() + changed.size() + unread.size(), 0);

    // Two new notices, one gone, one read on another connection.
    for (int n : {1, 2}) {
        QVERIFY(insertNotice(db(),
                             {QStringLiteral("n-new-%1").arg(n),
                              QStringLiteral("new_lead"),
                              QStringLiteral("New lead"),
                              QStringLiteral("Lead %1").arg(n),
                              QStringLiteral("lead"),
                              QStringLiteral("p-new-%1").arg(n),
                              m_now + n,
                              {},
                              {}}));
    }
    QSqlQuery edit(db());
    QVERIFY(edit.exec(QStringLiteral("DELETE FROM notifications WHERE id = 'n-appointment'")));
    QVERIFY(edit.exec(QStringLiteral("UPDATE notifications SET readAt = 1 WHERE id = 'n-lead'")));
    model.reload();

    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-lead"));
    QCOMPARE(column(model, NotificationListModel::IdRole),
             QStringList({QStringLiteral("n-new-2"),
                          QStringLiteral("n-new-1"),
                          QStringLiteral("n-conflict"),
                          QStringLiteral("n-follow-up"),
                          QStringLiteral("n-lead"),
                          QStringLiteral("n-rejected")}));
    // 3 unread before; +2 new, -1 read elsewhere.
    QCOMPARE(model.unreadCount(), 4);
    QCOMPARE(unread.size(), 1);
    // The view still has the notice it had, wherever it moved.
    QCOMPARE(view.currentIndex().data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-follow-up"));
}

void tst_Notifications::modelKeepsTheNewest500()
{
    QVERIFY(db().transaction());
    for (int n = 0; n < 505; ++n) {
        QVERIFY(insertNotice(db(),
                             {QStringLiteral("n-%1").arg(n, 3, 10, QLatin1Char('0')),
                              QStringLiteral("new_lead"),
                              QStringLiteral("New lead"),
                              QStringLiteral("Lead %1").arg(n),
                              QStringLiteral("lead"),
                              QStringLiteral("p-%1").arg(n),
                              m_now - 1000 + n,
                              {},
                              {}}));
    }
    QVERIFY(db().commit());
    NotificationListModel model(db());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), NotificationListModel::RowLimit);
    QCOMPARE(model.index(0, 0).data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-504"));
    QCOMPARE(model.index(499, 0).data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-005"));
    // The badge counts every unread notice, listed or not.
    QCOMPARE(model.unreadCount(), 505);

    // One more pushes the oldest listed one out.
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-505"),
                          QStringLiteral("new_lead"),
                          QStringLiteral("New lead"),
                          QStringLiteral("Lead 505"),
                          QStringLiteral("lead"),
                          QStringLiteral("p-505"),
                          m_now,
                          {},
                          {}}));
    model.reload();
    QCOMPARE(model.rowCount(), NotificationListModel::RowLimit);
    QCOMPARE(model.index(0, 0).data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-505"));
    QCOMPARE(model.index(499, 0).data(NotificationListModel::IdRole).toString(),
             QStringLiteral("n-006"));
    QCOMPARE(model.unreadCount(), 506);
}

void tst_Notifications::relativeTime_data()
{
    QTest::addColumn<qint64>("then");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("expected");
    // Mid-June, 08:00 local time: no daylight-saving change within a week either side.
    const QDateTime now(QDate(2026, 6, 17), QTime(8, 0));
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QTest::newRow("a second ahead") << nowMs + 1000 << nowMs << QStringLiteral("just now");
    QTest::newRow("20 s") << nowMs - 20 * 1000 << nowMs << QStringLiteral("just now");
    QTest::newRow("1 min") << nowMs - Minute << nowMs << QStringLiteral("1 min ago");
    QTest::newRow("5 min") << nowMs - 5 * Minute << nowMs << QStringLiteral("5 min ago");
    QTest::newRow("59 min") << nowMs - 59 * Minute - 59 * 1000 << nowMs
                            << QStringLiteral("59 min ago");
    QTest::newRow("3 h") << nowMs - 3 * 60 * Minute << nowMs << QStringLiteral("3 h ago");
    QTest::newRow("23:00 yesterday")
        << now.addSecs(-9 * 3600).toMSecsSinceEpoch() << nowMs << QStringLiteral("9 h ago");
    QTest::newRow("06:00 yesterday")
        << now.addSecs(-26 * 3600).toMSecsSinceEpoch() << nowMs << QStringLiteral("yesterday");
    QTest::newRow("23:00 the day before")
        << now.addSecs(-33 * 3600).toMSecsSinceEpoch() << nowMs << QStringLiteral("2 days ago");
    QTest::newRow("6 days") << now.addDays(-6).toMSecsSinceEpoch() << nowMs
                            << QStringLiteral("6 days ago");
    QTest::newRow("8 days") << now.addDays(-8).toMSecsSinceEpoch() << nowMs
                            << QStringLiteral("9 Jun 2026"); // never an ambiguous 6/9/26
}

void tst_Notifications::relativeTime()
{
    QFETCH(qint64, then);
    QFETCH(qint64, now);
    QFETCH(QString, expected);
    QCOMPARE(NotificationDelegate::relativeTime(then, now), expected);
}

void tst_Notifications::centerClickOpensAndMarksRead()
{
    insertFixture();
    QVERIFY(showCenter());
    QListView *view = m_center->view();
    NotificationListModel *model = m_center->model();
    QVERIFY(view->isVisible());
    QVERIFY(!m_center->isShowingEmptyState());
    QCOMPARE(model->rowCount(), 5);
    QLabel *unreadLabel = nullptr;
    for (QLabel *label : m_center->findChildren<QLabel *>()) {
        if (label->isVisible() && label->text() == QLatin1String("3 unread"))
            unreadLabel = label;
    }
    QVERIFY(unreadLabel);
    QSignalSpy open(m_center.get(), &NotificationCenter::openRequested);
    QSignalSpy badge(model, &NotificationListModel::unreadCountChanged);

    const QModelIndex followUp = model->index(2, 0);
    QVERIFY(view->visualRect(followUp).isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(followUp).center());
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("follow_up"));
    QCOMPARE(open.at(0).at(1).toString(), QStringLiteral("f-mark"));
    QCOMPARE(followUp.data(NotificationListModel::UnreadRole).toBool(), false);
    QCOMPARE(badge.size(), 1);
    QCOMPARE(badge.at(0).at(0).toInt(), 2);
    QCOMPARE(unreadLabel->text(), QStringLiteral("2 unread"));

    // A read notice still opens, and the count stays.
    const QModelIndex appointment = model->index(1, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(appointment).center());
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.at(1).at(0).toString(), QStringLiteral("appointment"));
    QCOMPARE(open.at(1).at(1).toString(), QStringLiteral("a-marissa"));
    QCOMPARE(badge.size(), 1);

    // A double click opens once. Sent to the window, as the platform does: press, release,
    // press, release, and Qt makes the second press a double click. (QTest's QWidget overload
    // sends only the double-click event, which no user can produce.)
    const QModelIndex lead = model->index(3, 0);
    const QPoint inWindow = view->viewport()->mapTo(m_center.get(), view->visualRect(lead).center());
    QTest::mouseDClick(m_center->windowHandle(), Qt::LeftButton, {}, inWindow);
    QCOMPARE(open.size(), 3);
    QCOMPARE(open.at(2).at(1).toString(), QStringLiteral("p-maria"));
    QCOMPARE(model->unreadCount(), 1);
}

void tst_Notifications::centerEnterOpens()
{
    insertFixture();
    QVERIFY(showCenter());
    QListView *view = m_center->view();
    QSignalSpy open(m_center.get(), &NotificationCenter::openRequested);
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    view->setCurrentIndex(m_center->model()->index(0, 0)); // n-conflict
    QTest::keyClick(view, Qt::Key_Down);                   // n-appointment
    QTest::keyClick(view, Qt::Key_Down);                   // n-follow-up
    QTest::keyClick(view, Qt::Key_Down);                   // n-lead
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("lead"));
    QCOMPARE(open.at(0).at(1).toString(), QStringLiteral("p-maria"));
    QCOMPARE(m_center->model()->unreadCount(), 2);
    QVERIFY(scalar(db(), QStringLiteral("SELECT readAt FROM notifications WHERE id = 'n-lead'"))
                .toLongLong()
            > 0);
    QTest::keyClick(view, Qt::Key_Up);
    QTest::keyClick(view, Qt::Key_Enter); // the keypad's
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.at(1).at(1).toString(), QStringLiteral("f-mark"));
    QCOMPARE(m_center->model()->unreadCount(), 1);
}

void tst_Notifications::centerMarkAllRead()
{
    insertFixture();
    QVERIFY(showCenter());
    QSignalSpy badge(m_center->model(), &NotificationListModel::unreadCountChanged);
    QPushButton *button = m_center->markAllReadButton();
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_center->model()->unreadCount(), 0);
    QCOMPARE(badge.size(), 1);
    QCOMPARE(badge.at(0).at(0).toInt(), 0);
    QVERIFY(!button->isEnabled());
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM notifications WHERE readAt IS NULL"))
                 .toInt(),
             0);
    // Read notices stay listed.
    QCOMPARE(m_center->model()->rowCount(), 5);
    QVERIFY(m_center->view()->isVisible());
}

void tst_Notifications::centerEmptyState()
{
    QVERIFY(showCenter());
    QVERIFY(m_center->isShowingEmptyState());
    QVERIFY(!m_center->view()->isVisible());
    QVERIFY(!m_center->markAllReadButton()->isEnabled());
    bool caughtUp = false;
    for (QLabel *label : m_center->findChildren<QLabel *>())
        caughtUp |= label->isVisible() && label->text() == QLatin1String("You're all caught up");
    QVERIFY(caughtUp);

    // The sync brings a notice: the list replaces the empty state.
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-first"),
                          QStringLiteral("new_lead"),
                          QStringLiteral("New lead"),
                          QStringLiteral("Maria Garcia"),
                          QStringLiteral("lead"),
                          QStringLiteral("p-maria"),
                          m_now,
                          {},
                          {}}));
    m_center->reload();
    QVERIFY(!m_center->isShowingEmptyState());
    QVERIFY(m_center->view()->isVisible());
    QVERIFY(m_center->markAllReadButton()->isEnabled());
    QCOMPARE(m_center->model()->unreadCount(), 1);
}

// The real thing: dunst (or whatever service owns the name on the session bus) receives the
// notices; each is raised once; at most five and a summary at a time.
void tst_Notifications::desktopNotificationsReachTheService()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(),
             "No D-Bus session bus: run the test under dbus-run-session (scripts/test does)");
    NotificationDaemon daemon;
    QString whyNot;
    QVERIFY2(daemon.start(&whyNot), qPrintable(whyNot));

    // Unique words: a service shared with a parallel test may show other notices too.
    const QString tag = QStringLiteral("t%1").arg(m_now);
    for (int n = 1; n <= 7; ++n) {
        QVERIFY(insertNotice(db(),
                             {QStringLiteral("n-%1").arg(n),
                              QStringLiteral("new_lead"),
                              QStringLiteral("New lead %1 %2").arg(n).arg(tag),
                              n == 2 ? QStringLiteral("Smith & Sons <%1>").arg(tag)
                                     : QStringLiteral("Lead %1 %2").arg(n).arg(tag),
                              QStringLiteral("lead"),
                              QStringLiteral("p-%1").arg(n),
                              m_now - 100 + n,
                              {},
                              {}}));
    }
    // Read in the app before it reached the desktop, and shown in an earlier run: neither is
    // raised.
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-read"),
                          QStringLiteral("new_lead"),
                          QStringLiteral("Read %1").arg(tag),
                          QString(),
                          QStringLiteral("lead"),
                          QStringLiteral("p-read"),
                          m_now - 200,
                          m_now - 50,
                          {}}));
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-shown"),
                          QStringLiteral("new_lead"),
                          QStringLiteral("Shown %1").arg(tag),
                          QString(),
                          QStringLiteral("lead"),
                          QStringLiteral("p-shown"),
                          m_now - 300,
                          {},
                          m_now - 250}));

    // A service that reads markup in the body gets it escaped.
    QDBusInterface service(NotificationService,
                           QStringLiteral("/org/freedesktop/Notifications"),
                           NotificationService);
    const QDBusReply<QStringList> capabilities = service.call(QStringLiteral("GetCapabilities"));
    QVERIFY2(capabilities.isValid(), qPrintable(capabilities.error().message()));
    const bool markup = capabilities.value().contains(QLatin1String("body-markup"));
    QVERIFY(markup || !daemon.startedHere());

    DesktopNotifier notifier;
    QCOMPARE(notifier.lastRoute(), DesktopNotifier::Route::None);
    QCOMPARE(notifier.raisePending(NotificationStore(db())), 6);
    QCOMPARE(notifier.lastRoute(), DesktopNotifier::Route::DBus);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM notifications WHERE shownAt IS NULL"))
                 .toInt(),
             0);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT shownAt FROM notifications WHERE id = 'n-shown'"))
                 .toLongLong(),
             m_now - 250);

    // Oldest first: notices 1 to 5, then the summary for 6 and 7.
    QList<QPair<QString, QString>> expected;
    for (int n = 1; n <= 5; ++n) {
        expected.append({QStringLiteral("New lead %1 %2").arg(n).arg(tag),
                         n == 2 ? (markup ? QStringLiteral("Smith &amp; Sons &lt;%1&gt;").arg(tag)
                                          : QStringLiteral("Smith & Sons <%1>").arg(tag))
                                : QStringLiteral("Lead %1 %2").arg(n).arg(tag)});
    }
    const QString summary = QStringLiteral("2 more notification(s)");
    expected.append(
        {summary, QStringLiteral("Open the notification center in Agent CRM to see them.")});

    if (!daemon.startedHere() && !daemon.history(&whyNot)) {
        QSKIP(qPrintable(QStringLiteral("The notification service on this bus is not dunst (%1); "
                                        "it accepted the notices, their text is not checked")
                             .arg(whyNot)));
    }
    auto received = [&](QString *whyNot) -> std::optional<QList<QPair<QString, QString>>> {
        const std::optional<QJsonArray> history = daemon.history(whyNot);
        if (!history)
            return std::nullopt;
        // In the order they were sent: by the id the service gave each.
        QMap<int, QPair<QString, QString>> ours;
        for (const QJsonValue &entry : *history) {
            const QString title = field(entry, "summary").toString();
            if (title.contains(tag) || title == summary)
                ours.insert(field(entry, "id").toInt(), {title, field(entry, "body").toString()});
        }
        return ours.values();
    };
    std::optional<QList<QPair<QString, QString>>> shown;
    QElapsedTimer waited;
    waited.start();
    do {
        QTest::qWait(100);
        shown = received(&whyNot);
        QVERIFY2(shown, qPrintable(whyNot));
    } while (shown->size() < expected.size() && waited.elapsed() < 2000);
    QCOMPARE(*shown, expected);

    // Again: everything was raised already.
    QCOMPARE(notifier.raisePending(NotificationStore(db())), 0);
    QTest::qWait(500);
    shown = received(&whyNot);
    QVERIFY2(shown, qPrintable(whyNot));
    QCOMPARE(*shown, expected);

    // A second app start (a new notifier over the same cache) raises nothing either.
    DesktopNotifier restarted;
    QCOMPARE(restarted.raisePending(NotificationStore(db())), 0);
    QCOMPARE(restarted.lastRoute(), DesktopNotifier::Route::None);

    // A notice the sync writes later is raised on its own.
    QVERIFY(insertNotice(db(),
                         {QStringLiteral("n-later"),
                          QStringLiteral("follow_up_due"),
                          QStringLiteral("Follow-up due %1").arg(tag),
                          QStringLiteral("Call back %1").arg(tag),
                          QStringLiteral("follow_up"),
                          QStringLiteral("f-later"),
                          m_now,
                          {},
                          {}}));
    QCOMPARE(restarted.raisePending(NotificationStore(db())), 1);
    QCOMPARE(restarted.lastRoute(), DesktopNotifier::Route::DBus);
    expected.append(
        {QStringLiteral("Follow-up due %1").arg(tag), QStringLiteral("Call back %1").arg(tag)});
    waited.restart();
    do {
        QTest::qWait(100);
        shown = received(&whyNot);
        QVERIFY2(shown, qPrintable(whyNot));
    } while (shown->size() < expected.size() && waited.elapsed() < 2000);
    QCOMPARE(*shown, expected);
}

// No notification service: the tray when there is one, else the log; the notices still count
// as shown, and nothing breaks.
void tst_Notifications::fallbackWithoutTheService()
{
    const QString missing = QStringLiteral("org.example.AgentCrm.NoSuchNotifications");
    DesktopNotifier notifier(missing);
    QCOMPARE(notifier.service(), missing);
    const DesktopNotifier::Route fallback = QSystemTrayIcon::isSystemTrayAvailable()
                                                ? DesktopNotifier::Route::Tray
                                                : DesktopNotifier::Route::Log;
    QCOMPARE(notifier.notify(QStringLiteral("Title"), QStringLiteral("Body")), fallback);
    QCOMPARE(notifier.lastRoute(), fallback);

    insertFixture();
    QCOMPARE(notifier.raisePending(NotificationStore(db())), 3); // the unread ones
    QCOMPARE(notifier.lastRoute(), fallback);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM notifications WHERE shownAt IS NULL"))
                 .toInt(),
             0);
    QCOMPARE(notifier.raisePending(NotificationStore(db())), 0);

    // The default service name, for the wiring in the main window.
    QCOMPARE(DesktopNotifier().service(), NotificationService);
}

QTEST_MAIN(tst_Notifications)
#include "tst_notifications.moc"
