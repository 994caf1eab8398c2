// The desktop app for admins against a real crm-server: the assignment panel (menu, drag and
// drop, reassignment, auto-assign preview then apply), two admins racing for the same lead,
// the team view, and analytics that agree with /api/admin/lead-stats. Agents' caches are
// real crm-sync caches.
#include "analyticsview.h"
#include "assignmentpanel.h"
#include "desktopsession.h"
#include "domain/wiretime.h"
#include "item/leadtablemodel.h"
#include "localedits.h"
#include "mainwindow.h"
#include "reminderledgerwindow.h"
#include "item/reminderledgermodel.h"
#include "device.h"
#include "guisupport.h"
#include "serverprocess.h"
#include "store/cachekeyprovider.h"
#include "store/localdatabase.h"
#include "teamview.h"
#include "testsupport.h"
#include "translations.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QMessageBox>
#include <QElapsedTimer>
#include <QTimer>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using CrmTest::ServerProcess;
using namespace Crm;

namespace {

const QString Password = QStringLiteral("secret-password");

// A crm-sync cache of one user (an agent, or a second admin's laptop).
using CrmTest::Device;

QListWidgetItem *itemFor(QListWidget *list, const QString &id)
{
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole + 1).toString() == id)
            return list->item(row);
    }
    return nullptr;
}

QTreeWidgetItem *agentItem(QTreeWidget *tree, const QString &agentId)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toString() == agentId)
            return tree->topLevelItem(i);
    }
    return nullptr;
}

// Picks an agent from a tool button's menu, as a user does.
bool chooseFromMenu(QToolButton *button, const QString &text)
{
    QMenu *menu = button->menu();
    emit menu->aboutToShow();
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->text() == text && action->isEnabled()) {
            action->trigger();
            return true;
        }
    }
    return false;
}

} // namespace

class tst_Admin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void agentsHaveNoAdminPanelAndTheServerRefusesThem();
    void assignByMenuAndByDragAndDrop();
    void adminListShowsOwnersAndTheQueue();
    void autoAssignPreviewIsWhatIsApplied();
    void modeChangeAsksAndDropsTheOldPreview();
    void twoAdminsRaceForALead();
    void teamChangesReachTheServer();
    void analyticsAgreeWithTheServer();
    void reminderLedgerShowsFailuresAndSendsAgain();

private:
    QString newUnassignedLead(const QString &first, const QString &last);
    QString serverAgentOf(const QString &leadId);
    MainWindow *window() const { return m_session ? m_session->window() : nullptr; }
    AssignmentPanel *panel() const;

    ServerProcess m_server;
    QString m_adminToken;
    QString m_anaId;
    QString m_benId;
    int m_created = 0;
    QTemporaryDir m_adminDir;
    std::unique_ptr<DesktopSession> m_session;
};

void tst_Admin::reminderLedgerShowsFailuresAndSendsAgain()
{
    const QString leadId = newUnassignedLead(u"Rita"_qs, u"Ledger"_qs);
    const qint64 soon = (QDateTime::currentMSecsSinceEpoch() / (15 * 60000) + 3) * 15 * 60000;
    const auto booked = m_server.request("POST", u"/api/appointments"_qs,
                                         QJsonObject{{u"providerId"_qs, m_anaId},
                                                     {u"leadId"_qs, leadId},
                                                     {u"appointmentType"_qs, u"consultation"_qs},
                                                     {u"scheduledDate"_qs, QDateTime::fromMSecsSinceEpoch(soon, Qt::UTC).toString(Qt::ISODate)},
                                                     {u"override"_qs, true}},
                                         m_adminToken);
    QCOMPARE(booked.status, 201);
    const QString remindersPath = u"/api/appointments/%1/reminders"_qs.arg(booked.json[u"id"_qs].toString());
    QTRY_VERIFY_WITH_TIMEOUT(m_server.request("GET", remindersPath, {}, m_adminToken).body[0][u"status"_qs] == u"failed"_qs,
                             20000);
    const QString reminderId = m_server.request("GET", remindersPath, {}, m_adminToken).body[0][u"id"_qs].toString();

    ReminderLedgerWindow *ledger = window()->showReminderLedger();
    QVERIFY(ledger);
    // The failure reaches the admin's cache with the next sync (the live socket asks for one).
    QTRY_VERIFY_WITH_TIMEOUT((ledger->reload(),
                              ledger->model()->rowCount() >= 1
                                  && ledger->model()->index(0, 0).data(ReminderLedgerModel::StatusRole) == u"failed"_qs),
                             20000);
    const int failedIndex = ledger->stateFilter()->findData(u"failed"_qs);
    QVERIFY(failedIndex > 0);
    ledger->stateFilter()->setCurrentIndex(failedIndex);
    QCOMPARE(ledger->model()->rowCount(), 1);
    QVERIFY2(ledger->totalsLabel()->text().contains(u"Failed: 1"_qs), qPrintable(ledger->totalsLabel()->text()));
    QCOMPARE(ledger->model()->index(0, ReminderLedgerModel::Lead).data().toString(), u"Rita Ledger"_qs);
    QVERIFY(!ledger->model()->index(0, ReminderLedgerModel::LastError).data().toString().isEmpty());

    // Export what is shown.
    QTemporaryDir exportDir;
    const QString csvPath = exportDir.filePath(u"reminders.csv"_qs);
    QVERIFY(ledger->exportTo(csvPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray text = csv.readAll();
    QVERIFY(text.startsWith("id,appointmentId,channel,status"));
    QVERIFY(text.contains(reminderId.toUtf8() + ',' + booked.json[u"id"_qs].toString().toUtf8() + ",email,failed"));

    // Send it again: the admin's click reaches the server (here it fails again: nobody listens).
    QVERIFY(!ledger->retryButton()->isEnabled());
    ledger->table()->selectRow(0);
    QVERIFY(ledger->retryButton()->isEnabled());
    QTest::mouseClick(ledger->retryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.sql(u"SELECT count(*) FROM audit_log WHERE action = 'reminder.retry' AND entityId = '%1'"_qs
                                               .arg(reminderId)).value(0).value(0).toInt(),
                              1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.request("GET", remindersPath, {}, m_adminToken).body[0][u"attempts"_qs].toInt() >= 1, 20000);
}

QString tst_Admin::newUnassignedLead(const QString &first, const QString &last)
{
    ++m_created;
    return m_server
        .submitContactForm(
            QJsonObject{{u"firstName"_qs, first},
                        {u"lastName"_qs, last},
                        {u"email"_qs, QStringLiteral("%1.%2@example.com").arg(first, last).toLower()},
                        {u"phone"_qs, QStringLiteral("+1646555%1").arg(3000 + m_created)}})
        .value(u"id"_qs)
        .toString();
}

QString tst_Admin::serverAgentOf(const QString &leadId)
{
    return m_server.request("GET", QStringLiteral("/api/leads/") + leadId, {}, m_adminToken)
        .json[u"assignedAgentId"_qs]
        .toString();
}

AssignmentPanel *tst_Admin::panel() const
{
    return window() ? window()->showAssignment() : nullptr;
}

void tst_Admin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    CRM_REQUIRE_READY(m_server.readiness());
    CRM_REQUIRE_READY(CrmTest::keychainReadiness());
    QVERIFY(!m_server.addUser(u"dana@adm.example"_qs, u"Dana Admin"_qs, u"admin"_qs).isEmpty());
    QVERIFY(!m_server.addUser(u"eve@adm.example"_qs, u"Eve Admin"_qs, u"admin"_qs).isEmpty());
    m_anaId = m_server.addUser(u"ana@adm.example"_qs, u"Ana Agent"_qs, u"agent"_qs);
    m_benId = m_server.addUser(u"ben@adm.example"_qs, u"Ben Agent"_qs, u"agent"_qs);
    QVERIFY(!m_anaId.isEmpty() && !m_benId.isEmpty());
    // Reminder mail goes to a port nobody listens on: every reminder ends failed, quickly.
    m_server.setEnvironment(u"CRM_REMINDER_BACKOFF_MS"_qs, u"50"_qs);
    m_server.setEnvironment(u"CRM_REMINDER_POLL_MS"_qs, u"100"_qs);
    QVERIFY2(m_server.start({u"--smtp"_qs, u"smtp+insecure://127.0.0.1:9"_qs,
                             u"--smtp-from"_qs, u"reminders@adm.example"_qs}),
             qPrintable(m_server.serverLog()));
    m_adminToken = m_server.login(u"dana@adm.example"_qs);
    // Manual mode: new leads wait in the queue for the admin.
    QCOMPARE(m_server
                 .request("PUT",
                          QStringLiteral("/api/admin/assignment"),
                          QJsonObject{{u"mode"_qs, u"manual"_qs}},
                          m_adminToken)
                 .status,
             200);
    QVERIFY(!newUnassignedLead(u"Pia"_qs, u"Queue"_qs).isEmpty());

    DesktopSession::Options options;
    options.dataDir = m_adminDir.path();
    options.server = m_server.baseUrl().toString();
    options.email = u"dana@adm.example"_qs;
    options.password = Password;
    m_session = std::make_unique<DesktopSession>(options);
    QVERIFY(m_session->start());
    QTRY_VERIFY_WITH_TIMEOUT(window() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(window()->leads()->rowCount() >= 1, 20000);
}

void tst_Admin::cleanupTestCase()
{
    m_session.reset();
}

void tst_Admin::agentsHaveNoAdminPanelAndTheServerRefusesThem()
{
    // The admin has the Admin menu; an agent's window does not.
    QVERIFY(window()->adminMenuVisible());
    QTemporaryDir dir;
    DesktopSession::Options options;
    options.dataDir = dir.path();
    options.server = m_server.baseUrl().toString();
    options.email = u"ana@adm.example"_qs;
    options.password = Password;
    {
        DesktopSession ana(options);
        QVERIFY(ana.start());
        QTRY_VERIFY_WITH_TIMEOUT(ana.window() != nullptr, 20000);
        QVERIFY(!ana.window()->adminMenuVisible());
        QVERIFY(!ana.window()->showAssignment());
        QVERIFY(!ana.window()->showTeam());
        QVERIFY(!ana.window()->showAnalytics());
        // An agent's list is theirs: no Owner column, no Unassigned view.
        QVERIFY(ana.window()->table()->horizontalHeader()->isSectionHidden(
            LeadTableModel::Owner));
        QComboBox *view = ana.window()->findChild<QComboBox *>();
        QVERIFY(view);
        QCOMPARE(view->itemText(0), QStringLiteral("All my leads"));
        QCOMPARE(view->findData(int(LeadTableModel::View::Unassigned)), -1);
        ana.window()->close();
    }
    // And the server refuses an agent's assignment request anyway.
    const QString lead = newUnassignedLead(u"Rex"_qs, u"Refused"_qs);
    const QString anaToken = m_server.login(u"ana@adm.example"_qs);
    QCOMPARE(m_server
                 .request("POST",
                          QStringLiteral("/api/admin/leads/assign"),
                          QJsonObject{{u"leadIds"_qs, QJsonArray{lead}}, {u"agentId"_qs, m_anaId}},
                          anaToken)
                 .status,
             403);
    QVERIFY(serverAgentOf(lead).isEmpty());
}

void tst_Admin::assignByMenuAndByDragAndDrop()
{
    const QString byMenu = newUnassignedLead(u"Mona"_qs, u"Menu"_qs);
    const QString byDrop = newUnassignedLead(u"Dirk"_qs, u"Drop"_qs);
    AssignmentPanel *assignment = panel();
    QVERIFY(assignment);
    QTRY_VERIFY_WITH_TIMEOUT(itemFor(assignment->queue(), byMenu)
                                 && itemFor(assignment->queue(), byDrop),
                             10000);
    Device ana{u"ana@adm.example"_qs, m_server.baseUrl().toString(), {}};
    Device ben{u"ben@adm.example"_qs, m_server.baseUrl().toString(), {}};
    QCOMPARE(ana.sync(true).exitCode, 0);
    QCOMPARE(ben.sync(true).exitCode, 0);

    // By menu: select Mona in the queue, "Assign to" -> Ana.
    assignment->queue()->clearSelection();
    itemFor(assignment->queue(), byMenu)->setSelected(true);
    QVERIFY(chooseFromMenu(assignment->assignButton(), u"Ana Agent"_qs));
    QVERIFY(!itemFor(assignment->queue(), byMenu));
    QTRY_COMPARE_WITH_TIMEOUT(serverAgentOf(byMenu), m_anaId, 10000);

    // By drag and drop: Dirk's row dropped on Ben.
    QListWidget *queue = assignment->queue();
    QTreeWidget *agents = assignment->agents();
    const QModelIndex dragged = queue->indexFromItem(itemFor(queue, byDrop));
    std::unique_ptr<QMimeData> data(queue->model()->mimeData({dragged}));
    QVERIFY(data);
    const QPoint target = agents->visualItemRect(agentItem(agents, m_benId)).center();
    QDragEnterEvent enter(target, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agents->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(target, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agents->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(target, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agents->viewport(), &drop);
    QTRY_COMPARE_WITH_TIMEOUT(serverAgentOf(byDrop), m_benId, 10000);

    // Each agent's cache has their lead after a sync.
    QCOMPARE(ana.sync(true).exitCode, 0);
    QCOMPARE(ben.sync(true).exitCode, 0);
    QVERIFY(ana.leadIds().contains(byMenu));
    QVERIFY(ben.leadIds().contains(byDrop));
    QVERIFY(!ana.leadIds().contains(byDrop));

    // Ana goes on leave: her lead goes to Ben; her cache loses it (revoke), his gains it.
    agents->setCurrentItem(agentItem(agents, m_anaId));
    QTRY_VERIFY(itemFor(assignment->agentLeads(), byMenu));
    itemFor(assignment->agentLeads(), byMenu)->setSelected(true);
    QVERIFY(chooseFromMenu(assignment->reassignButton(), u"Ben Agent"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(serverAgentOf(byMenu), m_benId, 10000);
    QCOMPARE(ana.sync(true).exitCode, 0);
    QCOMPARE(ben.sync(true).exitCode, 0);
    QVERIFY(!ana.leadIds().contains(byMenu));
    QVERIFY(ben.leadIds().contains(byMenu));
    QVERIFY(!m_server
                 .sql(QStringLiteral("SELECT seq FROM change_log WHERE entityId = '%1' AND op ="
                                     " 'revoke' AND audience = '%2'")
                          .arg(byMenu, m_anaId))
                 .isEmpty());
    // The reason the server recorded shows in the lead's history.
    const auto history = m_server.request("GET",
                                          QStringLiteral("/api/leads/%1/activities").arg(byMenu),
                                          {},
                                          m_adminToken);
    QVERIFY2(QJsonDocument(history.json).toJson().contains("manual"), history.raw.constData());
}

void tst_Admin::adminListShowsOwnersAndTheQueue()
{
    // The admin's list is everyone's: "All leads" (not "All my leads"), an Owner column, an
    // Unassigned view, and "N of M leads" under the list.
    MainWindow *main = window();
    QVERIFY(main);
    const QString waiting = newUnassignedLead(u"Quinn"_qs, u"Queue"_qs);
    QTRY_VERIFY_WITH_TIMEOUT(main->leads()->rowOf(waiting) >= 0, 10000);
    QHeaderView *header = main->table()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(LeadTableModel::Owner));
    const QModelIndex owner = main->leads()->index(main->leads()->rowOf(waiting),
                                                   LeadTableModel::Owner);
    QCOMPARE(owner.data().toString(), QStringLiteral("Unassigned"));
    QComboBox *view = nullptr;
    for (QComboBox *combo : main->findChildren<QComboBox *>()) {
        if (combo->findData(int(LeadTableModel::View::Unassigned)) >= 0)
            view = combo;
    }
    QVERIFY(view);
    QCOMPARE(view->itemText(0), QStringLiteral("All leads"));
    const int total = main->leads()->rowCount();
    auto countShown = [main] {
        for (QLabel *label : main->findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().contains(u" of "_qs)
                && label->text().endsWith(u"leads"_qs))
                return label->text();
        }
        return QString();
    };
    QTRY_COMPARE(countShown(), QStringLiteral("%1 of %1 leads").arg(total));
    view->setCurrentIndex(view->findData(int(LeadTableModel::View::Unassigned)));
    QTRY_VERIFY(main->leads()->rowCount() < total);
    QVERIFY(main->leads()->rowOf(waiting) >= 0);
    const QList<QVariantList> queued = m_server.sql(
        QStringLiteral("SELECT count(*) FROM leads WHERE assignedAgentId IS NULL"));
    QCOMPARE(main->leads()->rowCount(), queued[0][0].toInt());
    for (int row = 0; row < main->leads()->rowCount(); ++row)
        QCOMPARE(main->leads()->index(row, LeadTableModel::Owner).data().toString(),
                 QStringLiteral("Unassigned"));
    QTRY_COMPARE(countShown(),
                 QStringLiteral("%1 of %2 leads").arg(main->leads()->rowCount()).arg(total));
    view->setCurrentIndex(0);
}

void tst_Admin::autoAssignPreviewIsWhatIsApplied()
{
    AssignmentPanel *assignment = panel();
    QVERIFY(assignment);
    // Round-robin, chosen in the panel.
    QComboBox *mode = assignment->modeBox();
    QTRY_VERIFY_WITH_TIMEOUT(mode->isEnabled(), 10000);
    mode->setCurrentIndex(mode->findData(u"round_robin"_qs));
    CrmTest::answerNextMessageBox(QMessageBox::Yes);
    emit mode->activated(mode->currentIndex());
    QTRY_COMPARE_WITH_TIMEOUT(m_server
                                  .request("GET",
                                           QStringLiteral("/api/admin/assignment"),
                                           {},
                                           m_adminToken)
                                  .json[u"mode"_qs]
                                  .toString(),
                              QStringLiteral("round_robin"),
                              10000);
    // Back to manual on the server directly, so the new leads wait in the queue.
    m_server.request("PUT",
                     QStringLiteral("/api/admin/assignment"),
                     QJsonObject{{u"mode"_qs, u"manual"_qs}},
                     m_adminToken);
    QStringList queued;
    for (int i = 0; i < 4; ++i)
        queued << newUnassignedLead(QStringLiteral("Auto%1").arg(i), u"Assign"_qs);
    QTRY_VERIFY_WITH_TIMEOUT(itemFor(assignment->queue(), queued.last()), 10000);

    QSignalSpy previewed(assignment, &AssignmentPanel::previewReady);
    assignment->queue()->clearSelection();
    assignment->previewAutoAssign();
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 10000);
    const QJsonArray preview = assignment->lastPreview();
    QVERIFY(preview.size() >= 4);
    // Nothing changed yet.
    for (const QString &id : std::as_const(queued))
        QVERIFY(serverAgentOf(id).isEmpty());
    QCOMPARE(assignment->previewTable()->rowCount(), preview.size());

    QSignalSpy applied(assignment, &AssignmentPanel::autoAssigned);
    QTest::mouseClick(assignment->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, 10000);
    QCOMPARE(assignment->lastApplied(), preview);
    for (const QJsonValue &value : preview) {
        QCOMPARE(serverAgentOf(value[u"leadId"_qs].toString()), value[u"agentId"_qs].toString());
        QVERIFY(!value[u"reason"_qs].toString().isEmpty());
    }
    QTRY_VERIFY_WITH_TIMEOUT(!itemFor(assignment->queue(), queued.first()), 10000);
}

void tst_Admin::modeChangeAsksAndDropsTheOldPreview()
{
    // A preview under one mode, then the mode changes: the old preview must not stay on screen
    // with Apply enabled (applying it used to report "something changed since the preview").
    AssignmentPanel *assignment = panel();
    QVERIFY(assignment);
    // Manual (new leads wait in the queue), chosen in the panel.
    QComboBox *mode = assignment->modeBox();
    QTRY_VERIFY_WITH_TIMEOUT(mode->isEnabled(), 10000);
    mode->setCurrentIndex(mode->findData(u"manual"_qs));
    CrmTest::answerNextMessageBox(QMessageBox::Yes);
    emit mode->activated(mode->currentIndex());
    QTRY_COMPARE_WITH_TIMEOUT(m_server
                                  .request("GET",
                                           QStringLiteral("/api/admin/assignment"),
                                           {},
                                           m_adminToken)
                                  .json[u"mode"_qs]
                                  .toString(),
                              QStringLiteral("manual"),
                              10000);
    const QString queued = newUnassignedLead(u"Mona"_qs, u"Mode"_qs);
    QTRY_VERIFY_WITH_TIMEOUT(itemFor(assignment->queue(), queued), 10000);
    QSignalSpy previewed(assignment, &AssignmentPanel::previewReady);
    assignment->previewAutoAssign();
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 10000);
    QVERIFY(assignment->applyButton()->isEnabled());
    QVERIFY(assignment->previewTable()->isVisible());

    // Cancel: nothing changes, here or on the server.
    mode->setCurrentIndex(mode->findData(u"territory"_qs));
    CrmTest::answerNextMessageBox(QMessageBox::Cancel);
    emit mode->activated(mode->currentIndex());
    QCOMPARE(mode->currentData().toString(), QStringLiteral("manual"));
    QVERIFY(assignment->applyButton()->isEnabled());
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/admin/assignment"), {}, m_adminToken)
                 .json[u"mode"_qs]
                 .toString(),
             QStringLiteral("manual"));

    // Yes: the mode changes on the server and the old preview is gone.
    mode->setCurrentIndex(mode->findData(u"territory"_qs));
    CrmTest::answerNextMessageBox(QMessageBox::Yes);
    emit mode->activated(mode->currentIndex());
    QVERIFY(!assignment->previewTable()->isVisible());
    QVERIFY(!assignment->applyButton()->isEnabled());
    QVERIFY(assignment->lastPreview().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_server
                                  .request("GET",
                                           QStringLiteral("/api/admin/assignment"),
                                           {},
                                           m_adminToken)
                                  .json[u"mode"_qs]
                                  .toString(),
                              QStringLiteral("territory"),
                              10000);
    QVERIFY(serverAgentOf(queued).isEmpty()); // nothing was applied
    // The suites after this one expect new leads to wait in the queue.
    m_server.request("PUT",
                     QStringLiteral("/api/admin/assignment"),
                     QJsonObject{{u"mode"_qs, u"manual"_qs}},
                     m_adminToken);
}

void tst_Admin::twoAdminsRaceForALead()
{
    // Eve syncs her laptop, then works offline: she gives the lead to Ben. Meanwhile Dana
    // (online, in the app) gives it to Ana. Dana's reaches the server first and wins; Eve's
    // sync then shows a conflict with both values instead of silently overwriting.
    const QString lead = newUnassignedLead(u"Rita"_qs, u"Race"_qs);
    Device eve{u"eve@adm.example"_qs, m_server.baseUrl().toString(), {}};
    QCOMPARE(eve.sync(true).exitCode, 0);
    {
        auto db = eve.open();
        QVERIFY(db.ok());
        QSqlQuery me(db.value().database());
        me.exec(QStringLiteral("SELECT value FROM sync_state WHERE key = 'userId'"));
        QVERIFY(me.next());
        LocalEdits edits(db.value().database(), me.value(0).toString());
        QVERIFY(std::holds_alternative<Lead>(
            edits.updateLead(lead, QJsonObject{{u"assignedAgentId"_qs, m_benId}})));
    }
    AssignmentPanel *assignment = panel();
    QTRY_VERIFY_WITH_TIMEOUT(itemFor(assignment->queue(), lead), 10000);
    QVERIFY(assignment->assign({lead}, m_anaId));
    QTRY_COMPARE_WITH_TIMEOUT(serverAgentOf(lead), m_anaId, 10000);

    QCOMPARE(eve.sync(true).exitCode, 0);
    QCOMPARE(serverAgentOf(lead), m_anaId);
    auto db = eve.open();
    QSqlQuery conflict(db.value().database());
    QVERIFY(conflict.exec(QStringLiteral("SELECT field, mine, theirs FROM conflicts WHERE entityId "
                                         "= '%1' AND resolvedAt IS NULL")
                              .arg(lead)));
    QVERIFY(conflict.next());
    QCOMPARE(conflict.value(0).toString(), QStringLiteral("assignedAgentId"));
    QCOMPARE(conflict.value(1).toString(), QStringLiteral("[\"%1\"]").arg(m_benId));
    QCOMPARE(conflict.value(2).toString(), QStringLiteral("[\"%1\"]").arg(m_anaId));
    QSqlQuery cached(db.value().database());
    cached.exec(QStringLiteral("SELECT assignedAgentId FROM leads WHERE id = '%1'").arg(lead));
    QVERIFY(cached.next());
    QCOMPARE(cached.value(0).toString(), m_anaId);
}

void tst_Admin::teamChangesReachTheServer()
{
    TeamView *team = window()->showTeam();
    QVERIFY(team);
    QSignalSpy saved(team, &TeamView::saved);
    team->addUser(u"cleo@adm.example"_qs,
                  u"Cleo Agent"_qs,
                  u"agent"_qs,
                  u"a-long-enough-password"_qs,
                  2,
                  {u"CA"_qs, u"NV"_qs});
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
    QString cleo;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < team->table()->rowCount(); ++row) {
                if (team->table()->item(row, 1)->text() == QLatin1String("cleo@adm.example")) {
                    team->table()->setCurrentCell(row, 0);
                    cleo = team->table()->item(row, 0)->data(Qt::UserRole + 1).toString();
                    return true;
                }
            }
            return false;
        }(),
        10000);
    QCOMPARE(team->table()->item(team->table()->currentRow(), 5)->text(), QStringLiteral("CA, NV"));
    // Weight and territories changed in the form; then deactivated.
    team->weightEdit()->setValue(5);
    team->territoriesEdit()->setText(u"az, ut"_qs);
    team->saveSelected();
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 10000);
    team->setSelectedActive(false);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 3, 10000);
    const QList<QVariantList> row = m_server.sql(
        QStringLiteral("SELECT weight, territories, active FROM users WHERE id = '%1'").arg(cleo));
    QCOMPARE(row.size(), 1);
    QCOMPARE(row[0][0].toInt(), 5);
    QCOMPARE(row[0][1].toString(), QStringLiteral("AZ,UT"));
    QCOMPARE(row[0][2].toInt(), 0);
    // Bad territories are refused before anything is sent.
    team->territoriesEdit()->setText(u"CA, XX"_qs);
    team->saveSelected();
    QVERIFY(team->message().contains(u"XX"_qs));
    // Closing with that typing not saved asks first: Cancel keeps the window and the typing,
    // Discard closes it (Esc used to close it and lose the typing silently).
    QVERIFY(team->hasUnsavedEdits());
    QPointer<QWidget> teamWindow = team->window();
    CrmTest::answerNextMessageBox(QMessageBox::Cancel);
    QApplication::setActiveWindow(teamWindow);
    QTest::keyClick(teamWindow, Qt::Key_Escape);
    QVERIFY(teamWindow && teamWindow->isVisible());
    QCOMPARE(team->territoriesEdit()->text(), QStringLiteral("CA, XX"));
    CrmTest::answerNextMessageBox(QMessageBox::Discard);
    QApplication::setActiveWindow(teamWindow); // the message box had the focus
    QTest::keyClick(teamWindow, Qt::Key_Escape);
    QTRY_VERIFY(!teamWindow || !teamWindow->isVisible());
}

void tst_Admin::analyticsAgreeWithTheServer()
{
    // The app's figures are the server's: same leads (the admin's cache holds them all).
    AnalyticsView *analytics = window()->showAnalytics();
    QVERIFY(analytics);
    for (auto period : {AnalyticsView::Period::AllTime, AnalyticsView::Period::Last30Days}) {
        analytics->setPeriod(period);
        QString path = QStringLiteral("/api/admin/lead-stats");
        if (const auto from = analytics->from())
            path += QStringLiteral("?from=") + WireTime::toWire(*from);
        QTRY_COMPARE_WITH_TIMEOUT((analytics->reload(), analytics->report()),
                                  m_server.request("GET", path, {}, m_adminToken).json,
                                  10000);
    }
    // The agent table shows the API's agents, and exports them as CSV.
    const QJsonArray agents = analytics->report()[u"agents"_qs].toArray();
    QCOMPARE(analytics->agentTable()->rowCount(), agents.size());
    const QStringList csv = analytics->csv(AnalyticsView::Table::Agents)
                                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), agents.size() + 1);
    QCOMPARE(csv.first(),
             QStringLiteral("Agent,Assigned,Contacted,Enrolled,Conversion,Median response (min)"));
    for (int i = 0; i < agents.size(); ++i) {
        const QJsonObject agent = agents.at(i).toObject();
        QVERIFY2(csv.at(i + 1).startsWith(QStringLiteral("%1,%2,%3,%4,")
                                              .arg(agent[u"name"_qs].toString())
                                              .arg(agent[u"assigned"_qs].toInt())
                                              .arg(agent[u"contacted"_qs].toInt())
                                              .arg(agent[u"enrolled"_qs].toInt())),
                 qPrintable(csv.at(i + 1)));
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(u"agents.csv"_qs);
    QVERIFY(analytics->exportCsv(AnalyticsView::Table::Agents, file));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(written.readAll()), analytics->csv(AnalyticsView::Table::Agents));
}

QTEST_MAIN(tst_Admin)
#include "tst_admin.moc"
