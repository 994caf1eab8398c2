#pragma once

#include "syncengine.h"

#include <QMainWindow>
#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QTableView;
class QTimer;

namespace Crm {

class IdleLock;
class LeadDetailPanel;
class LeadTableModel;
class LocalEdits;
class SyncRunner;

// The agent's main window: "My leads" (search, filters, saved views) beside the selected
// lead's details, with sync state in the status bar. Holds views only; data comes from the
// models over the cache, changes go through LocalEdits, sync through SyncRunner.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(QSqlDatabase cache, SyncRunner *sync, LocalEdits *edits, QWidget *parent = nullptr);

    void setUser(const QString &name, const QString &role);

    // The idle lock (HIPAA automatic logoff): hides every lead until the password is given.
    void setIdleLockMinutes(int minutes);
    void setIdleLockMs(int ms); // tests
    void lock();
    bool unlock(const QString &password);
    bool isLocked() const;
    LeadTableModel *leads() const { return m_leads; }
    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }
    LeadDetailPanel *detail() const { return m_detail; }

signals:
    void signOutRequested();

private:
    void applyFilter();
    void refresh();
    void showSyncState(SyncEngine::State state, const QString &message);
    void showCounts(int pending, int conflicts);
    void selectionChanged();
    QWidget *buildLockPage();

    QSqlDatabase m_cache;
    SyncRunner *m_sync;
    LocalEdits *m_edits;
    LeadTableModel *m_leads;
    QTableView *m_table;
    LeadDetailPanel *m_detail;
    QLineEdit *m_search;
    QComboBox *m_view;
    QComboBox *m_statusFilter;
    QTimer *m_searchDelay;
    QLabel *m_state;
    QLabel *m_lastSync;
    QLabel *m_pending;
    QLabel *m_conflicts;
    QLabel *m_user;
    QProgressBar *m_progress;
    QStackedWidget *m_pages;
    IdleLock *m_idle;
    QLineEdit *m_unlockPassword;
    QLabel *m_unlockError;
    QToolBar *m_toolbar;
};

} // namespace Crm
