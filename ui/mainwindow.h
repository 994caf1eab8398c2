#pragma once

#include "store/leadreader.h"
#include "syncengine.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <optional>

class QComboBox;
class QDockWidget;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSettings;
class QSplitter;
class QPushButton;
class QStackedWidget;
class QToolBar;
class QTableView;
class QTimer;
class QToolButton;

namespace Crm {

class AgendaModel;
class AgendaPanel;
class AnalyticsView;
class ReminderLedgerWindow;
class AppointmentDialog;
class AvailabilityEditor;
class AssignmentPanel;
class CalendarColumns;
class CalendarFeedActions;
class CalendarModel;
class CalendarView;
class ConflictDialog;
class DesktopNotifier;
class NotificationCenter;
class IdleLock;
class LeadDetailPanel;
class LeadMetricsView;
class LeadTableModel;
class LocalDatabase;
class LocalEdits;
class LockScreen;
class SyncRunner;
class TeamView;

// The agent's main window: "My leads" (search, filters, saved views) beside the selected
// lead's details, with sync state in the status bar. Holds views only; data comes from the
// models over the cache, changes go through LocalEdits, sync through SyncRunner.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const LocalDatabase &cache,
               SyncRunner *sync,
               LocalEdits *edits,
               QWidget *parent = nullptr);

    void setUser(const QString &name, const QString &role, const QString &userId = QString());

    // Shows the window as the user left it (size, position, splitter, docks, list columns),
    // kept in `settings`; maximised the first time. The layout is saved again on close.
    void showWithSavedLayout(QSettings *settings);
    void saveLayout();

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
    QComboBox *sourceFilter() const { return m_sourceFilter; }
    const LocalDatabase &cache() const { return m_cache; }

    // Opens (or raises) the conflict inbox; the agent's numbers; the new-lead form.
    ConflictDialog *showConflicts();
    LeadMetricsView *showMetrics();
    void newLead();
    // Admins only (the Admin menu is hidden for agents; the server refuses them anyway).
    AssignmentPanel *showAssignment();
    TeamView *showTeam();
    ReminderLedgerWindow *showReminderLedger();
    // The appointment's details (from the calendar: Enter or a double click on a block).
    AppointmentDialog *showAppointment(const QString &appointmentId);
    AnalyticsView *showAnalytics();
    bool adminMenuVisible() const;
    NotificationCenter *notifications() const { return m_notifications; }
    DesktopNotifier *notifier() const { return m_notifier; }
    // Shows the notification center beside the leads (or hides it).
    void toggleNotifications();
    // Opens the lead a notice is about (a lead, or a follow-up, enrollment, appointment or
    // activity of one); a notice about a refused booking or move opens the conflict inbox.
    void openNotice(const QString &entity, const QString &entityId);
    // Selects a lead in the list (clearing filters that hide it) and shows it.
    void openLead(const QString &leadId);

    // The two views of the window: My leads (Ctrl+1) and the calendar (Ctrl+2).
    void showLeads();
    void showCalendar();
    bool calendarShown() const;
    CalendarView *calendar() const { return m_calendar; }
    // The "Today" panel above the lead's details (View > Today's agenda shows or hides it).
    AgendaPanel *agenda() const { return m_agenda; }
    AgendaModel *agendaModel() const { return m_agendaModel; }
    // Pins "now" for the whole window (tests, screenshots): the agenda, the calendar and the
    // edits' checks (a meeting's outcome once it has started) read the same clock.
    void setClock(const std::function<qint64()> &clock);
    void setAgendaShown(bool shown);
    bool agendaShown() const;
    CalendarModel *calendarModel() const { return m_calendarModel; }
    QLabel *calendarTitle() const { return m_calendarTitle; }
    // Copy / make new the calendar feed link (the calendar's "Calendar feed" menu).
    CalendarFeedActions *calendarFeed() const { return m_calendarFeed; }
    // Shows a lead on its history (Open lead history of an appointment).
    void openLeadHistory(const QString &leadId);
    // The booking form, prefilled with a start (0: the next quarter hour), a lead and a length
    // (0: the kind's usual one), booking in `calendar`'s provider's calendar (null: the
    // calendar page's); what it books is queued and sent at once. Returns the new
    // appointment's id (empty: not booked).
    QString bookAppointment(qint64 start,
                            const QString &leadId = QString(),
                            int durationMinutes = 0,
                            CalendarModel *calendar = nullptr);
    // Admins: whose calendar the page shows (the picker, "Calendar of"), and several
    // providers' days side by side (the "Side by side" menu; two or more show the day view
    // with a column each). Agents see their own calendar only: neither is shown to them.
    QComboBox *calendarOwnerBox() const { return m_calendarOwner; }
    QToolButton *sideBySideButton() const { return m_sideBySide; }
    void showCalendarOf(const QString &providerId);
    void showSideBySide(const QStringList &providerIds);
    CalendarColumns *calendarColumns() const { return m_columns; }
    bool sideBySideShown() const;
    // "Schedule consultation…" for the lead on screen: the form prefilled with the lead, a
    // consultation, and the first free time from now.
    QString scheduleConsultation();
    // Moves an appointment (a drag in the calendar); a refusal springs the block back and says
    // why in the status bar, with the times offered instead. True when it moved.
    // A duration changes the length too (a block's bottom edge dragged).
    bool moveAppointment(const QString &appointmentId,
                         qint64 start,
                         std::optional<int> duration = std::nullopt);
    // Ctrl+Z in the calendar: puts the last move back while the server has not accepted it.
    bool undoLastMove();
    // The user's own hours, time off and booking rules (View > Availability…, or the button
    // above the calendar); opens it or raises the one open.
    AvailabilityEditor *showAvailability();

signals:
    void signOutRequested();
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyFilter();
    // Shows a lead in the detail panel (or none), keeping the list in step with it when the
    // agent chooses to keep editing the lead they were on.
    void showInPanel(const QString &leadId);
    void countOutbox();
    void showColumnMenu(const QPoint &at);
    // Re-reads the cache into every view: the lead list at once (after the user's own edit),
    // or on the list's reader thread (after a sync: `Background`).
    enum class ListReload { Here, Background };
    void refresh(ListReload list = ListReload::Here);
    // Selects the lead in the panel again after the list was re-read (or the first lead, at
    // the start).
    void keepSelection();
    void showSyncState(SyncEngine::State state, const QString &message);
    void showCounts(int pending, int conflicts);
    void selectionChanged();
    // The constructor's parts, in the order it calls them.
    void createMenus();
    void createToolbar();
    void setUpSearch();
    void setUpLeadTable();
    void createLeadsPage();
    void createCalendarPage();
    void showAppointmentMenu(const QString &appointmentId, const QPoint &globalPos);
    void setAppointmentStatus(const QString &appointmentId, int status);
    void appointmentsChanged();
    void createNotificationDock();
    void setUpLock();
    void createStatusBar();
    void connectSync();
    template<typename View>
    View *showToolWindow(QPointer<QWidget> &window,
                         const QString &title,
                         const std::function<View *()> &create,
                         const QSize &size = QSize(1180, 720));

    const LocalDatabase &m_cache;
    LeadReader m_leadReader;
    SyncRunner *m_sync;
    LocalEdits *m_edits;
    LeadTableModel *m_leads;
    QTableView *m_table;
    LeadDetailPanel *m_detail;
    QLineEdit *m_search;
    QComboBox *m_view;
    QComboBox *m_statusFilter;
    QComboBox *m_sourceFilter;
    QTimer *m_searchDelay;
    QLabel *m_state;
    QLabel *m_lastSync;
    QLabel *m_pending;
    QLabel *m_shownCount;
    QPushButton *m_conflicts;
    QString m_userId;
    QPointer<ConflictDialog> m_conflictDialog;
    QPointer<QWidget> m_metricsWindow;
    QPointer<QWidget> m_assignmentWindow;
    QPointer<QWidget> m_remindersWindow;
    QPointer<QWidget> m_teamWindow;
    QPointer<QWidget> m_analyticsWindow;
    QPointer<AvailabilityEditor> m_availabilityEditor;
    QMenu *m_adminMenu;
    void showUnread(int unread);
    void raiseDesktopNotices();
    QLabel *m_user;
    QProgressBar *m_progress;
    QStackedWidget *m_pages;
    IdleLock *m_idle;
    LockScreen *m_lockScreen;
    QToolBar *m_toolbar;
    NotificationCenter *m_notifications;
    DesktopNotifier *m_notifier;
    QDockWidget *m_notificationDock;
    QAction *m_notificationAction;
    QAction *m_syncNowAction;
    QAction *m_newLeadAction;
    QSplitter *m_splitter;
    QStackedWidget *m_views;
    CalendarModel *m_calendarModel;
    CalendarView *m_calendar;
    QLabel *m_calendarTitle;
    QComboBox *m_calendarSpan;
    QLabel *m_pendingBookings;
    CalendarFeedActions *m_calendarFeed;
    QLabel *m_calendarOwnerLabel;
    QComboBox *m_calendarOwner;
    QToolButton *m_sideBySide;
    CalendarColumns *m_columns;
    QStackedWidget *m_calendarStack;
    bool m_admin = false;
    // The providers an admin may open, as last read (the picker and the menu are made anew
    // only when they change).
    QList<std::pair<QString, QString>> m_providers;
    void refreshProviders();
    void updateCalendarStack();
    void reloadCalendars();
    AgendaModel *m_agendaModel;
    AgendaPanel *m_agenda;
    QAction *m_agendaAction = nullptr;
    QFrame *m_agendaRule = nullptr; // under the agenda, hidden with it
    struct LastMove
    {
        QString id;
        qint64 start = 0;
        int duration = 0;
    };
    std::optional<LastMove> m_lastMove;
    QSettings *m_layoutSettings = nullptr;
};

} // namespace Crm
