#include "mainwindow.h"

#include "agendapanel.h"
#include "analyticsview.h"
#include "appointmentdialog.h"
#include "assignmentpanel.h"
#include "availabilityeditor.h"
#include "bookingdialog.h"
#include "calendarcolumns.h"
#include "calendarfeedactions.h"
#include "calendarview.h"
#include "conflictdialog.h"
#include "conflictinbox.h"
#include "desktopnotifier.h"
#include "domain/leadsource.h"
#include "domain/leadstatus.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "followupswidget.h"
#include "idlelock.h"
#include "item/agendamodel.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "item/notificationlistmodel.h"
#include "leaddetailpanel.h"
#include "leadmetricsview.h"
#include "localedits.h"
#include "lockscreen.h"
#include "newleaddialog.h"
#include "notificationcenter.h"
#include "outbox.h"
#include "reminderledgerwindow.h"
#include "store/appointmentreader.h"
#include "store/conflictreader.h"
#include "store/localdatabase.h"
#include "store/notificationstore.h"
#include "store/passwordhasher.h"
#include "store/teamreader.h"
#include "syncrunner.h"
#include "syncstate.h"
#include "teamview.h"
#include "verticalscrollarea.h"

#include "domain/displaytime.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDockWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Crm {

MainWindow::MainWindow(const LocalDatabase &cache,
                       SyncRunner *sync,
                       LocalEdits *edits,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_cache(cache)
    , m_leadReader(cache.database())
    , m_sync(sync)
    , m_edits(edits)
    , m_leads(new LeadTableModel(cache.database(), this))
    , m_table(new QTableView)
    , m_detail(new LeadDetailPanel(m_cache, edits))
    , m_search(new QLineEdit)
    , m_view(new QComboBox)
    , m_statusFilter(new QComboBox)
    , m_sourceFilter(new QComboBox)
    , m_searchDelay(new QTimer(this))
    , m_state(new QLabel)
    , m_lastSync(new QLabel)
    , m_pending(new QLabel)
    , m_shownCount(new QLabel)
    , m_conflicts(new QPushButton)
    , m_user(new QLabel)
    , m_progress(new QProgressBar)
    , m_pages(new QStackedWidget)
    , m_idle(new IdleLock(this))
    , m_lockScreen(new LockScreen)
    , m_notifications(new NotificationCenter(m_cache))
    , m_notifier(new DesktopNotifier(this))
    , m_notificationDock(new QDockWidget)
    , m_views(new QStackedWidget)
    , m_calendarModel(new CalendarModel(cache.database(), this))
    , m_calendar(new CalendarView(m_calendarModel))
    , m_calendarTitle(new QLabel)
    , m_calendarSpan(new QComboBox)
    , m_pendingBookings(new QLabel)
    , m_calendarFeed(new CalendarFeedActions(sync, this))
    , m_calendarOwnerLabel(new QLabel)
    , m_calendarOwner(new QComboBox)
    , m_sideBySide(new QToolButton)
    , m_columns(new CalendarColumns(cache.database()))
    , m_calendarStack(new QStackedWidget)
    , m_agendaModel(new AgendaModel(cache.database(), this))
    , m_agenda(new AgendaPanel(m_agendaModel))
{
    setWindowTitle(tr("Agent CRM"));
    resize(1400, 860);

    createMenus();
    createToolbar();
    setUpSearch();
    setUpLeadTable();
    createLeadsPage();
    createCalendarPage();
    createNotificationDock();
    setUpLock();
    createStatusBar();
    connectSync();
    connect(m_calendarFeed, &CalendarFeedActions::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 15000);
    });
    showSyncState(SyncEngine::State::Offline, QString());
    // What the cache holds, at once (offline too), with the first lead selected.
    refresh();
}

// Menus, with the shortcuts they list.
void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_syncNowAction = file->addAction(tr("&Sync now"), m_sync, &SyncRunner::syncNow);
    m_syncNowAction->setShortcut(QKeySequence::Refresh);
    QAction *conflicts = file->addAction(tr("&Conflicts…"), this, &MainWindow::showConflicts);
    conflicts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    file->addSeparator();
    QAction *settings = file->addAction(tr("Se&ttings…"), this, &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addAction(tr("Sign &out…"), this, &MainWindow::signOutRequested);
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *leadsMenu = menuBar()->addMenu(tr("&Leads"));
    QAction *find = leadsMenu->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    m_newLeadAction = leadsMenu->addAction(tr("&New lead…"), this, &MainWindow::newLead);
    m_newLeadAction->setShortcut(QKeySequence::New);
    leadsMenu->addSeparator();
    QAction *metrics = leadsMenu->addAction(tr("My &numbers…"), this, &MainWindow::showMetrics);
    metrics->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));

    m_notificationAction = new QAction(tr("Notifications"), this);
    m_notificationAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_notificationAction->setCheckable(true);
    connect(m_notificationAction, &QAction::triggered, this, &MainWindow::toggleNotifications);
    leadsMenu->addAction(m_notificationAction);

    QAction *schedule = leadsMenu->addAction(tr("Schedule &consultation…"),
                                             this,
                                             &MainWindow::scheduleConsultation);
    schedule->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *leads = viewMenu->addAction(tr("My &leads"), this, &MainWindow::showLeads);
    leads->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *calendar = viewMenu->addAction(tr("&Calendar"), this, &MainWindow::showCalendar);
    calendar->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    viewMenu->addAction(tr("Availa&bility…"), this, &MainWindow::showAvailability);
    viewMenu->addSeparator();
    m_agendaAction = viewMenu->addAction(tr("Today's &agenda"));
    m_agendaAction->setCheckable(true);
    m_agendaAction->setChecked(true);
    m_agendaAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_agendaAction->setToolTip(tr("Show or hide your next appointments above the lead"));
    connect(m_agendaAction, &QAction::toggled, this, &MainWindow::setAgendaShown);

    m_adminMenu = menuBar()->addMenu(tr("&Admin"));
    m_adminMenu->addAction(tr("&Assignment…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                           this,
                           &MainWindow::showAssignment);
    m_adminMenu->addAction(tr("&Team…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                           this,
                           &MainWindow::showTeam);
    m_adminMenu->addAction(tr("A&nalytics…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y),
                           this,
                           &MainWindow::showAnalytics);
    m_adminMenu->addAction(tr("&Reminders ledger…"), this, &MainWindow::showReminderLedger);
    m_adminMenu->menuAction()->setVisible(false);
}

// Toolbar: search, saved views, status and source filters, then new lead, sync, notifications.
void MainWindow::createToolbar()
{
    m_search->setPlaceholderText(tr("Search name, e-mail or phone  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    m_view->addItem(tr("All my leads"), int(LeadTableModel::View::All));
    m_view->addItem(tr("New today"), int(LeadTableModel::View::NewToday));
    m_view->addItem(tr("Follow-ups due"), int(LeadTableModel::View::FollowUpsDue));
    m_view->addItem(tr("Not contacted > 24 h"), int(LeadTableModel::View::NotContacted24h));
    m_statusFilter->addItem(tr("Any status"), QString());
    for (LeadStatus status : LeadStatusMachine::all())
        m_statusFilter->addItem(LeadStatusMachine::displayName(status),
                                LeadStatusMachine::toString(status));
    m_sourceFilter->addItem(tr("Any source"), QString());
    for (LeadSource source : LeadSourceNames::all())
        m_sourceFilter->addItem(LeadSourceNames::displayName(source),
                                LeadSourceNames::toString(source));
    m_toolbar = addToolBar(tr("Leads"));
    m_toolbar->setObjectName(QStringLiteral("leadsToolbar")); // saveState() keys it by name
    m_toolbar->setMovable(false);
    m_toolbar->addWidget(m_search);
    m_toolbar->addSeparator();
    m_toolbar->addWidget(m_view);
    m_toolbar->addWidget(m_statusFilter);
    m_toolbar->addWidget(m_sourceFilter);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_newLeadAction);
    m_toolbar->addAction(m_syncNowAction);
    m_toolbar->addAction(m_notificationAction);
}

void MainWindow::setUpSearch()
{
    // Search as you type, without a query per keystroke while typing fast.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(120);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_view, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_sourceFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);

    // Down in the search box goes into the list (to the lead on screen, or the first one).
    auto *intoList = new QShortcut(QKeySequence(Qt::Key_Down),
                                   m_search,
                                   nullptr,
                                   nullptr,
                                   Qt::WidgetShortcut);
    connect(intoList, &QShortcut::activated, this, [this] {
        if (m_searchDelay->isActive()) {
            m_searchDelay->stop();
            applyFilter(); // what was typed last filters first
        }
        if (!m_table->currentIndex().isValid() && m_leads->rowCount() > 0)
            m_table->selectRow(0);
        m_table->setFocus(Qt::TabFocusReason);
    });
}

void MainWindow::setUpLeadTable()
{
    m_table->setModel(m_leads);
    // Tab leaves the list for the next control; arrows move within it.
    m_table->setTabKeyNavigation(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LeadTableModel::Age, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(28);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(LeadTableModel::Name, 165);
    m_table->setColumnWidth(LeadTableModel::Status, 90);
    m_table->setColumnWidth(LeadTableModel::Source, 110);
    m_table->setColumnWidth(LeadTableModel::Phone, 125);
    m_table->setColumnWidth(LeadTableModel::Email, 215);
    // Wide enough for the header in every language ("Antigüedad").
    m_table->setColumnWidth(LeadTableModel::Age, 90);
    m_table->setColumnWidth(LeadTableModel::NextFollowUp, 150);
    // Enter on a lead goes to its history's note field: log the call just made.
    auto *open = new QShortcut(QKeySequence(Qt::Key_Return),
                               m_table,
                               nullptr,
                               nullptr,
                               Qt::WidgetShortcut);
    connect(open, &QShortcut::activated, m_detail, &LeadDetailPanel::focusActivityNotes);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &MainWindow::selectionChanged);

    // Columns can be hidden, shown and reordered from the header (right click, drag). By
    // default what an agent scans first comes first, so a narrow window still shows it.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &MainWindow::showColumnMenu);
    header->moveSection(header->visualIndex(LeadTableModel::Age),
                        header->visualIndex(LeadTableModel::Status) + 1);
    header->moveSection(header->visualIndex(LeadTableModel::NextFollowUp),
                        header->visualIndex(LeadTableModel::Age) + 1);
}

// The leads page: the list, with its count under it, beside the selected lead's details.
void MainWindow::createLeadsPage()
{
    // Under the list: how many leads it shows of how many there are.
    auto *listPane = new QWidget;
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addWidget(m_table, 1);
    m_shownCount->setContentsMargins(6, 0, 6, 2);
    m_shownCount->setStyleSheet(QStringLiteral("color: palette(mid);"));
    listLayout->addWidget(m_shownCount);
    connect(m_leads, &QAbstractItemModel::modelReset, this, [this] {
        m_shownCount->setText(tr("%1 of %n lead(s)", nullptr, m_leads->totalCount())
                                  .arg(QLocale().toString(m_leads->rowCount())));
    });
    // The owner matters to admins only (an agent's list is theirs): shown in setUser().
    m_table->horizontalHeader()->setSectionHidden(LeadTableModel::Owner, true);

    // Beside the list: today's agenda (a few rows, foldable) above the lead's details, so the
    // list keeps its full height.
    auto *detailPane = new QWidget;
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(0);
    detailLayout->addWidget(m_agenda);
    m_agendaRule = new QFrame;
    m_agendaRule->setFrameShape(QFrame::HLine);
    m_agendaRule->setFrameShadow(QFrame::Sunken);
    detailLayout->addWidget(m_agendaRule);
    // The details scroll when the window is too short for them and the agenda together (a
    // laptop screen), so the agenda never makes the window taller than the screen.
    auto *detailScroll = new VerticalScrollArea(m_detail);
    detailScroll->setObjectName(QStringLiteral("detailScroll"));
    detailLayout->addWidget(detailScroll, 1);
    connect(m_agenda, &AgendaPanel::statusRequested, this, &MainWindow::setAppointmentStatus);
    connect(m_agenda, &AgendaPanel::openLeadRequested, this, &MainWindow::openLead);
    connect(m_agenda, &AgendaPanel::detailsRequested, this, &MainWindow::showAppointment);

    m_splitter = new QSplitter;
    m_splitter->setObjectName(QStringLiteral("leadsSplitter"));
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(detailPane);
    // Extra width goes to the list; the detail panel keeps a readable width.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, false);
    m_detail->setMinimumWidth(360);
    m_splitter->setSizes({900, 480});
    m_views->addWidget(m_splitter);
    m_pages->addWidget(m_views);
    connect(m_detail, &LeadDetailPanel::edited, this, [this](const QString &) {
        refresh();
        m_sync->syncNow();
    });
}

// The calendar page: Today, previous and next, the week's title and the span above the grid.
void MainWindow::createCalendarPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("calendarPage"));
    auto *today = new QPushButton(tr("&Today"));
    today->setToolTip(tr("Go to today (T)"));
    auto *previous = new QPushButton(QStringLiteral("‹"));
    previous->setToolTip(tr("Previous (Alt+Left)"));
    previous->setAccessibleName(tr("Previous"));
    auto *next = new QPushButton(QStringLiteral("›"));
    next->setToolTip(tr("Next (Alt+Right)"));
    next->setAccessibleName(tr("Next"));
    for (QPushButton *button : {previous, next}) {
        button->setFixedWidth(button->sizeHint().height() + 6);
        button->setFocusPolicy(Qt::TabFocus);
    }
    QFont titleFont = m_calendarTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_calendarTitle->setFont(titleFont);
    // The week's title gives way on a narrow window (the whole of it in the tooltip) rather
    // than widen the window past a small screen.
    m_calendarTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_calendarTitle->setMinimumWidth(80);
    m_calendarSpan->addItem(tr("Day"), int(CalendarView::Span::Day));
    m_calendarSpan->addItem(tr("Work week"), int(CalendarView::Span::WorkWeek));
    m_calendarSpan->addItem(tr("Week"), int(CalendarView::Span::Week));
    m_calendarSpan->addItem(tr("Month"), int(CalendarView::Span::Month));
    m_calendarSpan->setCurrentIndex(1);
    m_calendarSpan->setAccessibleName(tr("Days shown"));
    auto *availability = new QPushButton(tr("Availability…"));
    availability->setObjectName(QStringLiteral("availabilityButton"));
    availability->setToolTip(tr("Your weekly hours, time off and booking rules"));
    connect(availability, &QPushButton::clicked, this, &MainWindow::showAvailability);
    connect(m_calendarSpan, &QComboBox::currentIndexChanged, this, [this] {
        m_calendar->setSpan(CalendarView::Span(m_calendarSpan->currentData().toInt()));
    });
    connect(today, &QPushButton::clicked, m_calendar, &CalendarView::showToday);
    connect(previous, &QPushButton::clicked, m_calendar, &CalendarView::showPrevious);
    connect(next, &QPushButton::clicked, m_calendar, &CalendarView::showNext);
    // T, Alt+Left and Alt+Right while the calendar is on screen.
    auto shortcut = [page](const QKeySequence &keys, auto receiver, auto slot) {
        auto *key = new QShortcut(keys, page, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        QObject::connect(key, &QShortcut::activated, receiver, slot);
    };
    shortcut(QKeySequence(Qt::Key_T), m_calendar, &CalendarView::showToday);
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), m_calendar, &CalendarView::showPrevious);
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), m_calendar, &CalendarView::showNext);
    shortcut(QKeySequence::Undo, this, &MainWindow::undoLastMove);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(10, 8, 10, 6);
    bar->setSpacing(6);
    bar->addWidget(today);
    bar->addSpacing(4);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addSpacing(10);
    bar->addWidget(m_calendarTitle, 1); // takes the room left (and gives it up first)
    // Admins: whose calendar, and several side by side (shown by setUser).
    m_calendarOwnerLabel->setText(tr("Calendar &of:"));
    m_calendarOwnerLabel->setBuddy(m_calendarOwner);
    m_calendarOwner->setObjectName(QStringLiteral("calendarOwner"));
    m_calendarOwner->setToolTip(tr("Whose calendar is shown; a booking made here is theirs"));
    m_calendarOwner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_calendarOwner, &QComboBox::activated, this, [this] {
        showCalendarOf(m_calendarOwner->currentData().toString());
    });
    m_sideBySide->setObjectName(QStringLiteral("sideBySide"));
    m_sideBySide->setText(tr("Side b&y side"));
    m_sideBySide->setToolTip(tr("Several providers' days in columns (the day view)"));
    m_sideBySide->setPopupMode(QToolButton::InstantPopup);
    m_sideBySide->setMenu(new QMenu(m_sideBySide));
    for (QWidget *widget : {static_cast<QWidget *>(m_calendarOwnerLabel),
                            static_cast<QWidget *>(m_calendarOwner),
                            static_cast<QWidget *>(m_sideBySide)})
        widget->hide();
    bar->addWidget(m_calendarOwnerLabel);
    bar->addWidget(m_calendarOwner);
    bar->addWidget(m_sideBySide);
    bar->addSpacing(4);
    bar->addWidget(availability);
    bar->addSpacing(4);
    auto *feed = new QPushButton;
    feed->setText(tr("Calendar fee&d"));
    feed->setToolTip(tr("Subscribe to your appointments from another calendar app"));
    feed->setObjectName(QStringLiteral("calendarFeed"));
    auto *feedMenu = new QMenu(feed);
    feedMenu->addAction(tr("&Copy calendar feed URL"),
                        m_calendarFeed,
                        &CalendarFeedActions::copyUrl);
    feedMenu->addAction(tr("&New calendar feed URL…"),
                        m_calendarFeed,
                        &CalendarFeedActions::makeNewUrl);
    feed->setMenu(feedMenu);
    bar->addWidget(feed);
    bar->addSpacing(6);
    bar->addWidget(m_calendarSpan);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    m_calendarStack->addWidget(m_calendar);
    m_calendarStack->addWidget(m_columns);
    layout->addWidget(m_calendarStack, 1);
    m_views->addWidget(page);

    // A column books, moves and opens for its own provider.
    m_columns->setClock([model = m_calendarModel] { return model->now(); });
    connect(m_columns, &CalendarColumns::viewAdded, this, [this](CalendarView *view) {
        connect(view, &CalendarView::bookingRequested, this, [this, view](qint64 start, int minutes) {
            bookAppointment(start, QString(), minutes, view->model());
        });
        connect(view, &CalendarView::moveRequested, this, [this](const QString &id, qint64 start) {
            moveAppointment(id, start);
        });
        connect(view, &CalendarView::appointmentActivated, this, &MainWindow::showAppointment);
        connect(view,
                &CalendarView::appointmentMenuRequested,
                this,
                &MainWindow::showAppointmentMenu);
    });

    connect(m_calendar, &CalendarView::rangeChanged, this, [this] {
        m_calendarTitle->setText(m_calendar->title());
        m_calendarTitle->setToolTip(m_calendar->title());
        const QSignalBlocker block(m_calendarSpan); // the span may change from elsewhere
        m_calendarSpan->setCurrentIndex(m_calendarSpan->findData(int(m_calendar->span())));
        m_columns->setDate(m_calendar->date());
        updateCalendarStack();
    });
    connect(m_calendar, &CalendarView::bookingRequested, this, [this](qint64 start, int minutes) {
        bookAppointment(start, QString(), minutes);
    });
    connect(m_calendar, &CalendarView::moveRequested, this, [this](const QString &id, qint64 start) {
        moveAppointment(id, start);
    });
    connect(m_calendar, &CalendarView::resizeRequested, this, [this](const QString &id, int minutes) {
        const int row = m_calendarModel->rowOf(id);
        if (row >= 0)
            moveAppointment(id, m_calendarModel->entryAt(row).appointment.scheduledDate, minutes);
    });
    connect(m_calendar,
            &CalendarView::appointmentMenuRequested,
            this,
            &MainWindow::showAppointmentMenu);
    connect(m_calendar, &CalendarView::appointmentActivated, this, &MainWindow::showAppointment);
    m_calendar->showToday();
}

void MainWindow::refreshProviders()
{
    QList<std::pair<QString, QString>> providers;
    if (!m_userId.isEmpty())
        providers.append({m_userId, tr("My calendar")});
    for (const TeamReader::Provider &provider : TeamReader(m_cache.database()).providers()) {
        if (provider.id != m_userId)
            providers.append({provider.id, provider.name});
    }
    if (providers == m_providers)
        return;
    m_providers = providers;
    const QSignalBlocker block(m_calendarOwner);
    m_calendarOwner->clear();
    for (const auto &[id, name] : std::as_const(providers))
        m_calendarOwner->addItem(name, id);
    m_calendarOwner->setCurrentIndex(
        std::max(0, m_calendarOwner->findData(m_calendarModel->providerId())));
    // Side by side: a check per provider; two or more show the day in columns.
    QStringList checked;
    for (const CalendarColumns::Provider &provider : m_columns->providers())
        checked << provider.id;
    QMenu *menu = m_sideBySide->menu();
    menu->clear();
    for (const auto &[id, name] : std::as_const(providers)) {
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(checked.contains(id));
        action->setData(id);
        connect(action, &QAction::toggled, this, [this, menu] {
            QStringList ids;
            for (const QAction *each : menu->actions()) {
                if (each->isChecked())
                    ids << each->data().toString();
            }
            showSideBySide(ids);
        });
    }
}

void MainWindow::showCalendarOf(const QString &providerId)
{
    if (providerId.isEmpty() || (!m_admin && providerId != m_userId))
        return;
    if (m_calendarModel->providerId() != providerId)
        m_calendarModel->setProviderId(providerId);
    const QSignalBlocker block(m_calendarOwner);
    m_calendarOwner->setCurrentIndex(m_calendarOwner->findData(providerId));
    countOutbox();
}

void MainWindow::showSideBySide(const QStringList &providerIds)
{
    QList<CalendarColumns::Provider> columns;
    for (const auto &[id, name] : std::as_const(m_providers)) {
        if (providerIds.contains(id))
            columns.append({id, name});
    }
    if (columns.size() < 2)
        columns.clear();
    m_columns->setDate(m_calendar->date());
    m_columns->setProviders(columns);
    // The menu says the same (when asked from elsewhere).
    for (QAction *action : m_sideBySide->menu()->actions()) {
        const QSignalBlocker block(action);
        action->setChecked(providerIds.contains(action->data().toString()));
    }
    if (!columns.isEmpty() && m_calendar->span() != CalendarView::Span::Day)
        m_calendar->setSpan(CalendarView::Span::Day); // rangeChanged shows the columns
    updateCalendarStack();
}

bool MainWindow::sideBySideShown() const
{
    return m_calendarStack->currentWidget() == m_columns;
}

void MainWindow::updateCalendarStack()
{
    const bool columns = !m_columns->providers().isEmpty()
                         && m_calendar->span() == CalendarView::Span::Day;
    m_calendarStack->setCurrentWidget(columns ? static_cast<QWidget *>(m_columns)
                                              : static_cast<QWidget *>(m_calendar));
}

void MainWindow::reloadCalendars()
{
    m_calendarModel->reload();
    if (sideBySideShown())
        m_columns->reload();
}

void MainWindow::showLeads()
{
    if (isLocked())
        return;
    m_views->setCurrentIndex(0);
    m_toolbar->setEnabled(true);
    m_table->setFocus();
}

void MainWindow::showCalendar()
{
    if (isLocked())
        return;
    m_calendarModel->reload();
    m_calendarTitle->setText(m_calendar->title());
    m_calendarTitle->setToolTip(m_calendar->title());
    m_views->setCurrentIndex(1);
    if (sideBySideShown() && !m_columns->views().isEmpty())
        m_columns->views().first()->setFocus();
    else
        m_calendar->setFocus();
}

bool MainWindow::calendarShown() const
{
    return m_views->currentIndex() == 1;
}

QString MainWindow::bookAppointment(qint64 start,
                                    const QString &leadId,
                                    int durationMinutes,
                                    CalendarModel *calendar)
{
    if (!calendar)
        calendar = m_calendarModel;
    if (isLocked() || calendar->providerId().isEmpty())
        return {};
    BookingDialog dialog(m_edits, calendar, m_leads, this);
    if (start > 0)
        dialog.setStart(start);
    if (!leadId.isEmpty()) {
        dialog.setLead(leadId);
        dialog.setType(AppointmentType::Consultation);
    }
    if (durationMinutes > 0)
        dialog.setDuration(durationMinutes);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    appointmentsChanged();
    statusBar()->showMessage(tr("Booked; it is confirmed when the server accepts it."), 5000);
    return dialog.appointmentId();
}

QString MainWindow::scheduleConsultation()
{
    const QString leadId = m_detail->leadId();
    if (leadId.isEmpty()) {
        statusBar()->showMessage(tr("Choose a lead first."), 5000);
        return {};
    }
    // The first free consultation-length time of the next two weeks, as the cache sees it.
    const qint64 now = m_calendarModel->now();
    const QList<TimeRange> free = m_calendarModel->freeSlots(now,
                                                             now + 14 * SlotCalculator::Day,
                                                             AppointmentRules::defaultDuration(
                                                                 AppointmentType::Consultation));
    return bookAppointment(free.isEmpty() ? 0 : free.first().start, leadId);
}

bool MainWindow::moveAppointment(const QString &appointmentId,
                                 qint64 start,
                                 std::optional<int> duration)
{
    const int row = m_calendarModel->rowOf(appointmentId);
    std::optional<LastMove> before;
    if (row >= 0) {
        const Appointment &was = m_calendarModel->entryAt(row).appointment;
        before = LastMove{appointmentId, was.scheduledDate, was.duration};
    }
    const LocalEdits::AppointmentEdit moved = m_edits->rescheduleAppointment(appointmentId,
                                                                             start,
                                                                             duration);
    if (std::holds_alternative<Appointment>(moved)) {
        m_lastMove = before;
        appointmentsChanged();
        statusBar()->showMessage(tr("Moved to %1; it is confirmed when the server accepts it.")
                                     .arg(DisplayTime::dateTime(start)),
                                 5000);
        return true;
    }
    // The block springs back to where the cache has it.
    reloadCalendars();
    QString why;
    if (const auto *errors = std::get_if<ValidationErrors>(&moved))
        why = errors->summary();
    else
        why = std::get<Error>(moved).message;
    QStringList offered;
    QList<qint64> starts;
    if (const auto *error = std::get_if<Error>(&moved)) {
        const QJsonArray suggestions = error->details.value(SyncProtocol::Key::Suggestions).toArray();
        for (const QJsonValue &value : suggestions) {
            if (const auto at = WireTime::fromWire(value[QStringLiteral("start")].toString())) {
                offered << DisplayTime::dateTime(*at);
                starts << *at;
            }
        }
    }
    statusBar()->showMessage(offered.isEmpty() ? tr("Not moved: %1").arg(why)
                                               : tr("Not moved: %1 Free instead: %2.")
                                                     .arg(why, offered.join(tr("; "))),
                             15000);
    if (!starts.isEmpty()) {
        // The free times offered instead, one click away (without stopping the window).
        auto *box = new QMessageBox(QMessageBox::Information,
                                    tr("Not moved"),
                                    tr("%1\n\nMove it to one of these free times instead?").arg(why),
                                    QMessageBox::Cancel,
                                    this);
        box->setObjectName(QStringLiteral("refusedMove"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        for (qsizetype i = 0; i < starts.size(); ++i) {
            QPushButton *button = box->addButton(offered.at(i), QMessageBox::AcceptRole);
            const qint64 at = starts.at(i);
            connect(button, &QPushButton::clicked, this, [this, appointmentId, at, duration] {
                moveAppointment(appointmentId, at, duration);
            });
        }
        box->show();
    }
    return false;
}

bool MainWindow::undoLastMove()
{
    if (!m_lastMove)
        return false;
    const LastMove undo = *m_lastMove;
    const int row = m_calendarModel->rowOf(undo.id);
    // Only while it is still pending: once the server has it, a move back is a new move.
    if (row < 0 || !m_calendarModel->entryAt(row).pending) {
        m_lastMove.reset();
        statusBar()->showMessage(tr("Nothing to undo: the server already has the move."), 5000);
        return false;
    }
    const bool undone = moveAppointment(undo.id, undo.start, undo.duration);
    m_lastMove.reset();
    return undone;
}

void MainWindow::showAppointmentMenu(const QString &appointmentId, const QPoint &globalPos)
{
    // The calendar page's, or a column's when several sit side by side.
    const CalendarModel *model = m_calendarModel;
    if (model->rowOf(appointmentId) < 0 && sideBySideShown()) {
        for (const CalendarView *view : m_columns->views()) {
            if (view->model()->rowOf(appointmentId) >= 0)
                model = view->model();
        }
    }
    const int row = model->rowOf(appointmentId);
    if (row < 0)
        return;
    const AppointmentReader::Entry entry = model->entryAt(row);
    QMenu menu(this);
    const QList<AppointmentStatus> moves = AppointmentRules::allowedTransitions(
        entry.appointment.status);
    for (AppointmentStatus status : {AppointmentStatus::Confirmed,
                                     AppointmentStatus::Completed,
                                     AppointmentStatus::NoShow,
                                     AppointmentStatus::Cancelled}) {
        if (!moves.contains(status) || status == entry.appointment.status
            || !AppointmentRules::canTransitionAt(entry.appointment.status,
                                                  status,
                                                  entry.appointment.scheduledDate,
                                                  m_calendarModel->now()))
            continue;
        QString text;
        switch (status) {
        case AppointmentStatus::Confirmed:
            text = tr("Mark c&onfirmed");
            break;
        case AppointmentStatus::Completed:
            text = tr("Mark &completed");
            break;
        case AppointmentStatus::NoShow:
            text = tr("Mark &no-show");
            break;
        case AppointmentStatus::Cancelled:
            text = tr("C&ancel appointment");
            break;
        default:
            break;
        }
        menu.addAction(text, this, [this, appointmentId, status] {
            setAppointmentStatus(appointmentId, int(status));
        });
    }
    if (!entry.appointment.leadId.isEmpty()) {
        if (!menu.isEmpty())
            menu.addSeparator();
        const QString leadId = entry.appointment.leadId;
        menu.addAction(tr("Open &lead"), this, [this, leadId] { openLeadHistory(leadId); });
    }
    if (!menu.isEmpty())
        menu.exec(globalPos);
}

void MainWindow::setAppointmentStatus(const QString &appointmentId, int status)
{
    const LocalEdits::AppointmentEdit changed = m_edits->setAppointmentStatus(appointmentId,
                                                                              AppointmentStatus(
                                                                                  status));
    if (const auto *error = std::get_if<Error>(&changed)) {
        statusBar()->showMessage(error->message, 10000);
        return;
    }
    appointmentsChanged();
    statusBar()->showMessage(tr("Status: %1. It is confirmed when the server accepts it.")
                                 .arg(AppointmentRules::displayName(AppointmentStatus(status))),
                             5000);
}

void MainWindow::setAgendaShown(bool shown)
{
    m_agenda->setVisible(shown);
    m_agendaRule->setVisible(shown);
    if (m_agendaAction && m_agendaAction->isChecked() != shown)
        m_agendaAction->setChecked(shown);
    if (shown)
        m_agendaModel->reload();
}

bool MainWindow::agendaShown() const
{
    return !m_agenda->isHidden();
}

// An appointment changed here: shown at once (pending), counted, and sent.
void MainWindow::appointmentsChanged()
{
    reloadCalendars();
    m_agendaModel->reload();
    countOutbox();
    m_sync->syncNow();
}

// The notification center, docked at the right, hidden until asked for.
void MainWindow::createNotificationDock()
{
    m_notificationDock->setObjectName(QStringLiteral("notifications"));
    m_notificationDock->setWindowTitle(tr("Notifications"));
    m_notificationDock->setWidget(m_notifications);
    m_notificationDock->setFeatures(QDockWidget::DockWidgetClosable
                                    | QDockWidget::DockWidgetMovable);
    m_notificationDock->setMinimumWidth(320);
    addDockWidget(Qt::RightDockWidgetArea, m_notificationDock);
    m_notificationDock->hide();
    connect(m_notificationDock,
            &QDockWidget::visibilityChanged,
            m_notificationAction,
            &QAction::setChecked);
    connect(m_notifications, &NotificationCenter::openRequested, this, &MainWindow::openNotice);
    connect(m_notifications->model(),
            &NotificationListModel::unreadCountChanged,
            this,
            &MainWindow::showUnread);
    connect(m_sync, &SyncRunner::notificationsChanged, this, [this] {
        m_notifications->reload();
        raiseDesktopNotices();
    });
    showUnread(m_notifications->model()->unreadCount());
}

// The leads page and the lock screen share the centre; the idle timer locks.
void MainWindow::setUpLock()
{
    m_pages->addWidget(m_lockScreen);
    setCentralWidget(m_pages);
    connect(m_idle, &IdleLock::idle, this, &MainWindow::lock);
    connect(m_lockScreen, &LockScreen::unlockRequested, this, [this](const QString &password) {
        if (!unlock(password))
            m_lockScreen->showRefused();
    });
}

// Status bar: who, online state, last sync, pending changes, conflicts, first-sync progress.
void MainWindow::createStatusBar()
{
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(true);
    m_progress->hide();
    statusBar()->addWidget(m_user);
    statusBar()->addWidget(m_state);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_pendingBookings);
    m_pendingBookings->setToolTip(
        tr("Appointments booked or moved here that the server has not confirmed yet"));
    m_pendingBookings->hide();
    statusBar()->addPermanentWidget(m_pending);
    m_conflicts->setFlat(true);
    m_conflicts->setCursor(Qt::PointingHandCursor);
    m_conflicts->setToolTip(tr("Show the conflicts and choose what stays"));
    connect(m_conflicts, &QPushButton::clicked, this, &MainWindow::showConflicts);
    statusBar()->addPermanentWidget(m_conflicts);
    statusBar()->addPermanentWidget(m_lastSync);
}

// What the sync runner reports: state, counts, a changed cache, the last sync, progress.
void MainWindow::connectSync()
{
    connect(m_sync, &SyncRunner::stateChanged, this, &MainWindow::showSyncState);
    connect(m_sync, &SyncRunner::countsChanged, this, &MainWindow::showCounts);
    connect(m_sync, &SyncRunner::cacheChanged, this, [this] { refresh(ListReload::Background); });
    connect(m_leads, &LeadTableModel::reloaded, this, &MainWindow::keepSelection);
    connect(m_sync, &SyncRunner::synced, this, [this](const QString &when) {
        const QDateTime time = QDateTime::fromString(when, Qt::ISODate);
        m_lastSync->setText(tr("Last sync %1").arg(DisplayTime::time(time.toLocalTime().time())));
    });
    connect(m_sync, &SyncRunner::progress, this, [this](qint64 done, qint64 total) {
        if (total <= 0 || done >= total) {
            m_progress->hide();
            return;
        }
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000 * done / total));
        m_progress->setFormat(tr("Downloading %p%"));
        m_progress->show();
    });
}

void MainWindow::showWithSavedLayout(QSettings *settings)
{
    m_layoutSettings = settings;
    const QByteArray geometry = settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        showMaximized(); // the first run: all the room there is
        return;
    }
    restoreState(settings->value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings->value(QStringLiteral("window/splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(
        settings->value(QStringLiteral("window/leadColumns")).toByteArray());
    setAgendaShown(settings->value(QStringLiteral("window/agenda"), true).toBool());
    m_agenda->setCollapsed(settings->value(QStringLiteral("window/agendaFolded"), false).toBool());
    show();
}

void MainWindow::saveLayout()
{
    if (!m_layoutSettings)
        return;
    m_layoutSettings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_layoutSettings->setValue(QStringLiteral("window/state"), saveState());
    m_layoutSettings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    m_layoutSettings->setValue(QStringLiteral("window/leadColumns"),
                               m_table->horizontalHeader()->saveState());
    m_layoutSettings->setValue(QStringLiteral("window/agenda"), agendaShown());
    m_layoutSettings->setValue(QStringLiteral("window/agendaFolded"), m_agenda->isCollapsed());
    m_layoutSettings->sync();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // A morning's appointments on a tall screen; two rows on a laptop's, so the lead's details
    // keep their room.
    m_agenda->setVisibleRows(height() >= 950 ? 4 : 2);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::showColumnMenu(const QPoint &at)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < m_leads->columnCount(); ++column) {
        QAction *action = menu.addAction(
            m_leads->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != LeadTableModel::Name); // a lead always shows its name
        connect(action, &QAction::toggled, this, [header, column](bool shown) {
            header->setSectionHidden(column, !shown);
        });
    }
    menu.exec(header->viewport()->mapToGlobal(at));
}

void MainWindow::setUser(const QString &name, const QString &role, const QString &userId)
{
    m_userId = userId;
    // The calendar is the user's own.
    if (!userId.isEmpty() && m_calendarModel->providerId() != userId)
        m_calendarModel->setProviderId(userId);
    if (!userId.isEmpty() && m_agendaModel->providerId() != userId)
        m_agendaModel->setProviderId(userId);
    const bool admin = role == QLatin1String("admin");
    m_admin = admin;
    m_adminMenu->menuAction()->setVisible(admin);
    // An admin opens any provider's calendar; an agent sees their own only.
    m_calendarOwnerLabel->setVisible(admin);
    m_calendarOwner->setVisible(admin);
    m_sideBySide->setVisible(admin);
    if (admin) {
        refreshProviders();
    } else {
        m_providers.clear();
        m_calendarOwner->clear();
        m_sideBySide->menu()->clear();
        showSideBySide({});
    }
    // An admin's list is everyone's leads: say so, show who owns each, offer the queue.
    m_view->setItemText(0, admin ? tr("All leads") : tr("All my leads"));
    const int unassigned = m_view->findData(int(LeadTableModel::View::Unassigned));
    if (admin && unassigned < 0)
        m_view->addItem(tr("Unassigned"), int(LeadTableModel::View::Unassigned));
    else if (!admin && unassigned >= 0)
        m_view->removeItem(unassigned);
    m_table->horizontalHeader()->setSectionHidden(LeadTableModel::Owner, !admin);
    m_user->setText(role == QLatin1String("admin") ? tr("%1 (admin)").arg(name) : name);
}

void MainWindow::setIdleLockMinutes(int minutes)
{
    m_idle->setTimeoutMs(qMax(1, minutes) * 60 * 1000);
}

void MainWindow::setIdleLockMs(int ms)
{
    m_idle->setTimeoutMs(ms);
}

bool MainWindow::isLocked() const
{
    return m_pages->currentIndex() == 1;
}

void MainWindow::lock()
{
    if (isLocked())
        return;
    m_pages->setCurrentIndex(1);
    m_notificationDock->hide();
    // A form open over the window (convert, new lead, export...) is cancelled; every window
    // that shows members is hidden (not closed: one may be running that form's event loop).
    // They come back when asked for again.
    for (int guard = 0; guard < 10 && QApplication::activeModalWidget(); ++guard) {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<QDialog *>(modal))
            dialog->reject();
        else
            modal->hide();
    }
    for (QWidget *window : {static_cast<QWidget *>(m_metricsWindow.data()),
                            static_cast<QWidget *>(m_conflictDialog.data()),
                            static_cast<QWidget *>(m_assignmentWindow.data()),
                            static_cast<QWidget *>(m_teamWindow.data()),
                            static_cast<QWidget *>(m_analyticsWindow.data())}) {
        if (window)
            window->hide();
    }
    m_toolbar->hide();
    menuBar()->setEnabled(false);
    m_user->hide();
    m_lockScreen->prepare();
}

bool MainWindow::unlock(const QString &password)
{
    const QString hash = SyncState(m_cache.database()).state(QStringLiteral("unlockHash"));
    if (hash.isEmpty() || !PasswordHasher::verify(hash, password))
        return false;
    m_pages->setCurrentIndex(0);
    m_toolbar->show();
    menuBar()->setEnabled(true);
    m_user->show();
    m_lockScreen->clearPassword();
    // Notices that came while locked were kept back (they name members): show them now.
    raiseDesktopNotices();
    return true;
}

void MainWindow::applyFilter()
{
    LeadTableModel::Filter filter;
    filter.search = m_search->text();
    filter.view = LeadTableModel::View(m_view->currentData().toInt());
    const QString status = m_statusFilter->currentData().toString();
    if (!status.isEmpty())
        filter.statuses.insert(status);
    const QString source = m_sourceFilter->currentData().toString();
    if (!source.isEmpty())
        filter.sources.insert(source);
    m_leads->setFilter(filter);
    if (filter.view == LeadTableModel::View::FollowUpsDue)
        m_table->sortByColumn(LeadTableModel::NextFollowUp, Qt::AscendingOrder); // soonest first
    // The lead on screen stays when the list still shows it; otherwise the first match takes
    // its place, or nothing does: the panel never edits a lead the list no longer shows.
    const int row = m_leads->rowOf(m_detail->leadId());
    if (row >= 0)
        m_table->selectRow(row);
    else if (m_leads->rowCount() > 0)
        m_table->selectRow(0);
    else
        showInPanel(QString());
}

void MainWindow::showInPanel(const QString &leadId)
{
    if (m_detail->showLead(leadId))
        return;
    // The agent keeps editing the lead they were on: the list points at it again, or at
    // nothing when the list no longer shows it.
    const QSignalBlocker block(m_table->selectionModel());
    const int row = m_leads->rowOf(m_detail->leadId());
    if (row >= 0) {
        m_table->selectRow(row);
    } else {
        m_table->clearSelection();
        m_table->setCurrentIndex(QModelIndex());
    }
    m_table->viewport()->update();
}

void MainWindow::refresh(ListReload list)
{
    if (list == ListReload::Background) {
        m_leads->reloadInBackground(); // keepSelection() when it lands
    } else {
        m_leads->reload();
        keepSelection();
    }
    m_detail->reload();
    // The calendar re-reads the cache too, unless a block is being dragged (it reloads when
    // the drop is answered).
    if (!m_calendar->isDragging())
        m_calendarModel->reload();
    if (sideBySideShown())
        m_columns->reload();
    if (m_admin)
        refreshProviders(); // the directory may have come down with this sync
    m_agendaModel->reload();
    countOutbox();
}

void MainWindow::keepSelection()
{
    const QString current = m_detail->leadId();
    const int row = current.isEmpty() ? -1 : m_leads->rowOf(current);
    if (row >= 0)
        m_table->selectRow(row);
    else if (current.isEmpty() && m_leads->rowCount() > 0)
        m_table->selectRow(0); // something to look at from the start
}

void MainWindow::countOutbox()
{
    // What the outbox holds right now, edits made a moment ago offline included (the sync
    // worker's own count comes only when a cycle ends).
    showCounts(Outbox(m_cache.database()).pendingCount(),
               ConflictInbox(m_cache.database()).openCount());
    // Bookings and moves still to be confirmed by the server (made offline, or just now).
    const QString provider = m_calendarModel->providerId();
    const Result<int> toConfirm = provider.isEmpty()
                                      ? Result<int>(0)
                                      : AppointmentReader(m_cache.database()).pendingCount(provider);
    const int count = toConfirm.ok() ? toConfirm.value() : 0;
    m_pendingBookings->setText(tr("Appointments to be confirmed: %1").arg(count));
    m_pendingBookings->setVisible(count > 0);
}

void MainWindow::selectionChanged()
{
    const QModelIndex index = m_table->currentIndex();
    const QString id = index.isValid() ? m_leads->idAt(index.row()) : QString();
    if (id != m_detail->leadId())
        showInPanel(id);
}

void MainWindow::showSyncState(SyncEngine::State state, const QString &message)
{
    QString text;
    QString color;
    switch (state) {
    case SyncEngine::State::Idle:
        text = tr("● Online");
        color = QStringLiteral("#1e7b34");
        break;
    case SyncEngine::State::Syncing:
        text = tr("● Syncing…");
        color = QStringLiteral("#1d5fb0");
        break;
    case SyncEngine::State::Offline:
        text = tr("● Offline");
        color = QStringLiteral("#7a7a7a");
        break;
    case SyncEngine::State::Error:
        text = tr("● Sync problem");
        color = QStringLiteral("#b3261e");
        break;
    case SyncEngine::State::SignedOut:
        text = tr("● Signed out");
        color = QStringLiteral("#b3261e");
        break;
    }
    m_state->setText(text);
    m_state->setStyleSheet(QStringLiteral("color: %1; padding: 0 8px;").arg(color));
    m_state->setToolTip(message);
}

void MainWindow::showCounts(int pending, int conflicts)
{
    m_pending->setText(pending ? tr("%n change(s) to send", nullptr, pending)
                               : tr("All changes sent"));
    m_conflicts->setText(conflicts ? tr("%n conflict(s)", nullptr, conflicts) : QString());
    m_conflicts->setStyleSheet(
        QStringLiteral("color: #b3261e; padding: 0 8px; text-decoration: underline;"));
    m_conflicts->setVisible(conflicts > 0);
}

ConflictDialog *MainWindow::showConflicts()
{
    if (!m_conflictDialog) {
        m_conflictDialog = new ConflictDialog(m_cache, m_edits, this);
        m_conflictDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_conflictDialog, &ConflictDialog::resolved, this, [this] {
            refresh();
            countOutbox();
            m_sync->syncNow();
        });
        connect(m_sync, &SyncRunner::cacheChanged, m_conflictDialog, &ConflictDialog::reload);
    }
    m_conflictDialog->reload();
    m_conflictDialog->show();
    m_conflictDialog->raise();
    m_conflictDialog->activateWindow();
    return m_conflictDialog;
}

LeadMetricsView *MainWindow::showMetrics()
{
    if (isLocked())
        return nullptr;
    return showToolWindow<LeadMetricsView>(
        m_metricsWindow,
        tr("My numbers"),
        [this] {
            auto *view = new LeadMetricsView(m_cache);
            view->setAgentId(m_userId);
            return view;
        },
        QSize(1000, 560));
}

void MainWindow::newLead()
{
    if (isLocked())
        return;
    NewLeadDialog dialog(m_edits, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    countOutbox();
    m_sync->syncNow();
    openLead(dialog.leadId());
}

void MainWindow::openLead(const QString &leadId)
{
    if (!m_detail->showLead(leadId))
        return; // the agent keeps editing the lead on screen
    m_leads->reload();
    if (m_leads->rowOf(leadId) < 0) {
        // Hidden by the search or a filter: show everything so the lead can be seen.
        const QSignalBlocker blockSearch(m_search);
        const QSignalBlocker blockView(m_view);
        const QSignalBlocker blockStatus(m_statusFilter);
        const QSignalBlocker blockSource(m_sourceFilter);
        m_search->clear();
        m_view->setCurrentIndex(0);
        m_statusFilter->setCurrentIndex(0);
        m_sourceFilter->setCurrentIndex(0);
        applyFilter();
    }
    const int row = m_leads->rowOf(leadId);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_leads->index(row, 0));
    }
}

void MainWindow::openLeadHistory(const QString &leadId)
{
    showLeads();
    openLead(leadId);
    if (m_detail->leadId() == leadId)
        m_detail->focusHistory();
}

bool MainWindow::adminMenuVisible() const
{
    return m_adminMenu->menuAction()->isVisible();
}

template<typename View>
View *MainWindow::showToolWindow(QPointer<QWidget> &window,
                                 const QString &title,
                                 const std::function<View *()> &create,
                                 const QSize &size)
{
    if (!window) {
        window = new QWidget(this, Qt::Window);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->setWindowTitle(title);
        View *view = create();
        // A sync that changed the cache re-reads what is on screen; a hidden window (the idle
        // lock hides them) catches up when shown again, below.
        connect(m_sync, &SyncRunner::cacheChanged, view, [view] {
            if (view->isVisible())
                view->reload();
        });
        auto *layout = new QVBoxLayout(window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(view);
        // Esc closes a tool window, as it does a dialog.
        QWidget *tool = window;
        auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), tool);
        connect(escape, &QShortcut::activated, tool, &QWidget::close);
        // Opens centred on the main window, and always on its screen.
        const QRect screen = this->screen()->availableGeometry();
        const QSize fitted = size.boundedTo(screen.size());
        QRect placed(QPoint(), fitted);
        placed.moveCenter(frameGeometry().center());
        placed.moveLeft(std::clamp(placed.left(), screen.left(), screen.right() - fitted.width()));
        placed.moveTop(std::clamp(placed.top(), screen.top(), screen.bottom() - fitted.height()));
        window->setGeometry(placed);
    }
    View *view = window->findChild<View *>();
    view->reload();
    window->show();
    window->raise();
    window->activateWindow();
    return view;
}

AssignmentPanel *MainWindow::showAssignment()
{
    if (!adminMenuVisible() || isLocked())
        return nullptr;
    return showToolWindow<AssignmentPanel>(m_assignmentWindow, tr("Assignment"), [this] {
        auto *panel = new AssignmentPanel(m_cache, m_edits, m_sync);
        connect(panel, &AssignmentPanel::assigned, this, [this] { refresh(); });
        return panel;
    });
}

TeamView *MainWindow::showTeam()
{
    if (!adminMenuVisible() || isLocked())
        return nullptr;
    return showToolWindow<TeamView>(m_teamWindow, tr("Team"), [this] {
        return new TeamView(TeamReader(m_cache.database()), m_sync);
    });
}

AnalyticsView *MainWindow::showAnalytics()
{
    if (!adminMenuVisible() || isLocked())
        return nullptr;
    return showToolWindow<AnalyticsView>(m_analyticsWindow, tr("Analytics"), [this] {
        return new AnalyticsView(m_cache);
    });
}

AppointmentDialog *MainWindow::showAppointment(const QString &appointmentId)
{
    if (isLocked())
        return nullptr;
    auto *dialog = new AppointmentDialog(m_cache, m_edits, m_sync, appointmentId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AppointmentDialog::openLeadRequested, this, &MainWindow::openLeadHistory);
    connect(dialog,
            &AppointmentDialog::followUpRequested,
            this,
            [this](const QString &leadId, qint64 dueAt, const QString &note) {
                showLeads();
                openLead(leadId);
                if (m_detail->leadId() == leadId)
                    m_detail->followUps()->prefill(QDateTime::fromMSecsSinceEpoch(dueAt), note);
            });
    connect(dialog,
            &AppointmentDialog::feedUrlRequested,
            m_calendarFeed,
            &CalendarFeedActions::copyUrl);
    connect(m_calendarFeed, &CalendarFeedActions::message, dialog, &AppointmentDialog::showMessage);
    dialog->show();
    return dialog;
}

AvailabilityEditor *MainWindow::showAvailability()
{
    if (isLocked() || m_calendarModel->providerId().isEmpty())
        return nullptr;
    if (!m_availabilityEditor) {
        m_availabilityEditor = new AvailabilityEditor(m_cache,
                                                      m_sync,
                                                      m_calendarModel->providerId(),
                                                      this);
        m_availabilityEditor->setAttribute(Qt::WA_DeleteOnClose);
        m_availabilityEditor->setClock([model = m_calendarModel] { return model->now(); });
        // Closed, it is deleted later: the next call opens a new one.
        connect(m_availabilityEditor, &QDialog::finished, this, [this] {
            m_availabilityEditor = nullptr;
        });
        connect(m_availabilityEditor, &AvailabilityEditor::saved, this, [this] {
            statusBar()->showMessage(tr("Availability saved; the calendar follows with this sync."),
                                     5000);
        });
    }
    m_availabilityEditor->show();
    m_availabilityEditor->raise();
    m_availabilityEditor->activateWindow();
    return m_availabilityEditor;
}

ReminderLedgerWindow *MainWindow::showReminderLedger()
{
    if (!adminMenuVisible() || isLocked())
        return nullptr;
    return showToolWindow<ReminderLedgerWindow>(m_remindersWindow, tr("Reminders ledger"), [this] {
        return new ReminderLedgerWindow(m_cache, m_edits, m_sync);
    });
}

void MainWindow::showUnread(int unread)
{
    m_notificationAction->setText(unread > 0 ? tr("Notifications (%1)").arg(unread)
                                             : tr("Notifications"));
    m_notificationAction->setToolTip(tr("%n unread notification(s)", nullptr, unread));
}

void MainWindow::raiseDesktopNotices()
{
    // Not while locked: a desktop notice would show a member's name over the lock.
    if (!isLocked())
        m_notifier->raisePending(NotificationStore(m_cache.database()));
}

void MainWindow::toggleNotifications()
{
    if (isLocked())
        return;
    const bool show = !m_notificationDock->isVisible();
    m_notificationDock->setVisible(show);
    if (show) {
        m_notifications->reload();
        m_notifications->view()->setFocus();
    }
}

void MainWindow::setClock(const std::function<qint64()> &clock)
{
    m_agendaModel->setClock(clock);
    m_calendarModel->setClock(clock);
    m_edits->setClock(clock);
}

void MainWindow::openNotice(const QString &entity, const QString &entityId)
{
    // A refused booking is no longer in the cache, and a refused move is settled in the
    // conflict inbox: its notice opens the refusal, with the free times offered instead.
    if (entity == SyncProtocol::Entity::Appointment) {
        const QList<ConflictReader::OpenConflict> open = ConflictReader(m_cache.database()).open();
        const bool refused = std::any_of(open.cbegin(), open.cend(), [&](const auto &conflict) {
            return conflict.entity == entity && conflict.entityId == entityId;
        });
        if (refused) {
            showConflicts();
            return;
        }
        // Booked, moved or cancelled elsewhere, starting soon, a reminder not delivered: the
        // appointment itself, in the calendar on its day, with its details.
        const auto found = AppointmentReader(m_cache.database()).find(entityId);
        if (found.ok() && found.value()) {
            showCalendar();
            m_calendar->setDate(
                QDateTime::fromMSecsSinceEpoch(found.value()->appointment.scheduledDate).date());
            m_calendar->selectAppointment(entityId);
            showAppointment(entityId);
            return;
        }
    }
    const QString leadId = m_leadReader.leadIdOf(entity, entityId);
    if (leadId.isEmpty() || !LocalEdits::readLead(m_cache.database(), leadId)) {
        statusBar()->showMessage(tr("That record is no longer in your list."), 5000);
        return;
    }
    openLead(leadId);
}

} // namespace Crm
