// crm-screenshots: signs in to a server the way crm-desktop does and saves the main views as
// PNG files, so anyone can see the app without running it.
//   crm-screenshots --server URL --email E --data-dir DIR --out DIR [--lang es] < password
#include "agendapanel.h"
#include "analyticsview.h"
#include "appointmentdialog.h"
#include "assignmentpanel.h"
#include "availabilityeditor.h"
#include "bookingdialog.h"
#include "calendarview.h"
#include "conflictdialog.h"
#include "convertdialog.h"
#include "desktopsession.h"
#include "domain/wiretime.h"
#include "item/agendamodel.h"
#include "item/calendarmodel.h"
#include "item/leadtablemodel.h"
#include "leaddetailpanel.h"
#include "leadmetricsview.h"
#include "localedits.h"
#include "mainwindow.h"
#include "newleaddialog.h"
#include "reminderledgerwindow.h"
#include "settingsdialog.h"
#include "store/conflictreader.h"
#include "store/enrollmentreader.h"
#include "store/localdatabase.h"
#include "store/reminderledgerreader.h"
#include "syncclient.h"
#include "teamview.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonObject>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QMessageBox>
#include <QColor>
#include <QPalette>
#include <QTextStream>
#include <QThread>
#include <QTreeWidget>

#include <functional>

namespace {

bool waitFor(const std::function<bool()> &condition, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    return true;
}

void settle(int ms = 300)
{
    waitFor([] { return false; }, ms);
}

bool save(QWidget *widget, const QDir &out, const QString &name)
{
    settle();
    const QString path = out.filePath(name + QStringLiteral(".png"));
    const bool saved = widget->grab().save(path);
    QTextStream(stdout) << (saved ? "wrote " : "FAILED ") << path << Qt::endl;
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("crm-screenshots"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Server URL."),
                                    QStringLiteral("URL"));
    const QCommandLineOption email(QStringLiteral("email"),
                                   QStringLiteral("Account."),
                                   QStringLiteral("E"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Cache folder."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Where PNGs go."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Language (en, es)."),
                                  QStringLiteral("L"),
                                  QStringLiteral("en"));
    parser.addOptions({server, email, dataDir, out, lang});
    parser.process(app);
    Crm::Translations::install(QLocale(parser.value(lang)));
    const QString suffix = parser.value(lang) == QLatin1String("en")
                               ? QString()
                               : QLatin1Char('-') + parser.value(lang);
    QDir outDir(parser.value(out));
    outDir.mkpath(QStringLiteral("."));

    Crm::DesktopSession::Options options;
    options.dataDir = parser.value(dataDir);
    QDir().mkpath(options.dataDir);
    options.server = parser.value(server);
    options.email = parser.value(email);
    options.password = QTextStream(stdin).readLine();
    const QString password = *options.password;
    Crm::DesktopSession session(options);
    if (!session.start())
        return 1;
    if (!waitFor([&] { return session.window() && session.window()->leads()->rowCount() > 0; },
                 120000)) {
        QTextStream(stderr) << "crm-screenshots: no leads after two minutes" << Qt::endl;
        return 1;
    }
    Crm::MainWindow *main = session.window();
    main->showNormal(); // the first run opens maximised
    main->resize(1440, 880);
    settle(1500); // the first sync's last pages, the live channel
    main->table()->selectRow(1);
    if (!main->adminMenuVisible()) {
        // The agenda at 11:05 of a working day (today, or Monday at a weekend): the 11:00
        // meeting under way (its outcome can be marked), the afternoon's still to come.
        QDate day = QDate::currentDate();
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        const qint64 pinned = QDateTime(day, QTime(11, 5)).toMSecsSinceEpoch();
        main->agendaModel()->setClock([pinned] { return pinned; });
        main->agendaModel()->reload();
        // The meeting under way selected (else the first).
        Crm::AgendaModel *agenda = main->agendaModel();
        int chosen = agenda->rowCount() > 0 ? 0 : -1;
        for (int row = 0; row < agenda->rowCount(); ++row) {
            if (agenda->index(row, 0).data(Crm::AgendaModel::UnderwayRole).toBool())
                chosen = row;
        }
        if (chosen >= 0)
            main->agenda()->selectAppointment(
                agenda->index(chosen, 0).data(Crm::AgendaModel::IdRole).toString());
    }
    const QString prefix = main->adminMenuVisible() ? QStringLiteral("admin-") : QString();
    bool ok = save(main, outDir, prefix + QStringLiteral("leads") + suffix);
    // A small laptop screen and a large monitor.
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        main->resize(size);
        settle(300);
        ok = save(main,
                  outDir,
                  prefix + QStringLiteral("leads-%1x%2").arg(size.width()).arg(size.height())
                      + suffix)
             && ok;
    }
    if (!main->adminMenuVisible()) {
        // The agenda above the lead on a laptop and on a full-HD monitor.
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            main->resize(size);
            settle(300);
            ok = save(main,
                      outDir,
                      QStringLiteral("agenda-%1x%2").arg(size.width()).arg(size.height()) + suffix)
                 && ok;
        }
    }
    main->resize(1440, 880);
    settle(300);
    if (main->adminMenuVisible()) {
        // The admin's screens.
        Crm::AssignmentPanel *assignment = main->showAssignment();
        waitFor([&] { return assignment->modeBox()->isEnabled(); }, 10000);
        assignment->queue()->setCurrentRow(0);
        assignment->agents()->setCurrentItem(assignment->agents()->topLevelItem(0));
        ok = save(assignment->window(), outDir, QStringLiteral("admin-assignment") + suffix) && ok;
        assignment->queue()->clearSelection(); // the whole queue
        assignment->previewAutoAssign();
        waitFor([&] { return assignment->previewTable()->isVisible(); }, 10000);
        ok = save(assignment->window(), outDir, QStringLiteral("admin-auto-assign") + suffix) && ok;
        assignment->window()->close();
        Crm::TeamView *team = main->showTeam();
        team->table()->setCurrentCell(1, 0);
        ok = save(team->window(), outDir, QStringLiteral("admin-team") + suffix) && ok;
        team->window()->close();
        Crm::AnalyticsView *analytics = main->showAnalytics();
        analytics->setPeriod(Crm::AnalyticsView::Period::AllTime);
        ok = save(analytics->window(), outDir, QStringLiteral("admin-analytics") + suffix) && ok;
        analytics->window()->close();
        Crm::ReminderLedgerWindow *ledger = main->showReminderLedger();
        ledger->reload();
        ok = save(ledger->window(), outDir, QStringLiteral("admin-reminders") + suffix) && ok;
        ledger->window()->close();
        // The calendar of an agent picked by the admin (Ben, in Chicago), then Ben's and
        // Carla's day side by side (both on Eastern and Central hours: one readable grid).
        main->showCalendar();
        QComboBox *owner = main->calendarOwnerBox();
        const int ben = owner->findText(QStringLiteral("Ben Okafor"));
        const int carla = owner->findText(QStringLiteral("Carla Jensen"));
        if (ben < 0 || carla < 0) {
            QTextStream(stderr) << "crm-screenshots: Ben or Carla not in the picker" << Qt::endl;
            return 1;
        }
        main->showCalendarOf(owner->itemData(ben).toString());
        main->calendar()->showToday();
        settle();
        ok = save(main, outDir, QStringLiteral("admin-calendar-provider") + suffix) && ok;
        QDate day = QDate::currentDate();
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        main->showSideBySide({owner->itemData(ben).toString(), owner->itemData(carla).toString()});
        main->calendar()->setDate(day);
        settle();
        ok = save(main, outDir, QStringLiteral("admin-calendar-side-by-side") + suffix) && ok;
        main->showSideBySide({});
        main->showCalendarOf(owner->itemData(0).toString());
        return ok ? 0 : 1;
    }

    // A lead that can be converted, for the convert dialog.
    for (int row = 0; row < main->leads()->rowCount(); ++row) {
        main->table()->selectRow(row);
        if (main->detail()->convertButton()->isVisible()
            && main->detail()->convertButton()->isEnabled())
            break;
    }
    ok = save(main, outDir, QStringLiteral("lead-detail") + suffix) && ok;
    {
        const auto lead = Crm::LocalEdits::readLead(main->cache().database(),
                                                    main->detail()->leadId());
        const QString name = lead ? lead->firstName + QLatin1Char(' ') + lead->lastName : QString();
        const Crm::EnrollmentReader enrollments(main->cache().database());
        Crm::ConvertDialog dialog(enrollments, nullptr, main->detail()->leadId(), name, main);
        dialog.show();
        ok = save(&dialog, outDir, QStringLiteral("convert") + suffix) && ok;
    }
    {
        Crm::NewLeadDialog dialog(nullptr, main);
        dialog.show();
        ok = save(&dialog, outDir, QStringLiteral("new-lead") + suffix) && ok;
    }
    // The calendar: the work week, then the booking form over it with the day's free times.
    main->showCalendar();
    settle();
    ok = save(main, outDir, QStringLiteral("calendar-week") + suffix) && ok;
    if (suffix.isEmpty()) {
        // The same week in a dark palette (the calendar paints from the palette).
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x21, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Base, QColor(0x1b, 0x1c, 0x1f));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Button, QColor(0x2d, 0x2e, 0x31));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Mid, QColor(0x5f, 0x63, 0x68));
        dark.setColor(QPalette::Highlight, QColor(0x8a, 0xb4, 0xf8));
        dark.setColor(QPalette::HighlightedText, QColor(0x20, 0x21, 0x24));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
        QApplication::setPalette(dark);
        settle();
        ok = save(main, outDir, QStringLiteral("calendar-week-dark")) && ok;
        QApplication::setPalette(light);
        settle();
    }
    main->calendar()->setSpan(Crm::CalendarView::Span::Day);
    settle();
    ok = save(main, outDir, QStringLiteral("calendar-day") + suffix) && ok;
    main->calendar()->setSpan(Crm::CalendarView::Span::Month);
    settle();
    ok = save(main, outDir, QStringLiteral("calendar-month") + suffix) && ok;
    main->calendar()->setSpan(Crm::CalendarView::Span::WorkWeek);
    settle();
    {
        // A block dragged onto another appointment: refused, sprung back, with the free times
        // offered instead (the check against the cache answers at once).
        Crm::CalendarModel *model = main->calendarModel();
        QString moved;
        qint64 taken = 0;
        for (int row = 0; row < model->rowCount() && taken == 0; ++row) {
            const QModelIndex index = model->index(row);
            if (!index.data(Crm::CalendarModel::CanRescheduleRole).toBool()
                || index.data(Crm::CalendarModel::StartRole).toLongLong() <= model->now())
                continue;
            if (moved.isEmpty()) {
                moved = index.data(Crm::CalendarModel::IdRole).toString();
                continue;
            }
            taken = index.data(Crm::CalendarModel::StartRole).toLongLong();
        }
        if (taken != 0 && !main->moveAppointment(moved, taken)) {
            settle();
            if (auto *box = main->findChild<QMessageBox *>(QStringLiteral("refusedMove"))) {
                ok = save(box, outDir, QStringLiteral("calendar-refused-move") + suffix) && ok;
                box->close();
            } else {
                QTextStream(stderr) << "crm-screenshots: the refused move showed no choices" << Qt::endl;
                ok = false;
            }
        } else {
            QTextStream(stderr) << "crm-screenshots: no two appointments ahead to show a refused move" << Qt::endl;
            ok = false;
        }
    }
    {
        Crm::BookingDialog dialog(nullptr, main->calendarModel(), main->leads(), main);
        dialog.setLead(main->leads()->idAt(0));
        // The next working day at 10:00, with that day's free times beside the form.
        QDate day = QDate::currentDate().addDays(1);
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        dialog.setStart(QDateTime(day, QTime(10, 0)).toMSecsSinceEpoch());
        dialog.show();
        settle();
        ok = save(&dialog, outDir, QStringLiteral("booking") + suffix) && ok;
    }
    {
        // The availability editor with its preview (Ana's hours have a lunch break), and a
        // date with other hours added, not saved.
        Crm::AvailabilityEditor *editor = main->showAvailability();
        editor->resize(1100, 940);
        editor->addOverrideButton()->click();
        editor->updatePreview();
        settle();
        ok = save(editor, outDir, QStringLiteral("availability") + suffix) && ok;
        editor->reject();
    }
    {
        // An appointment's details with its reminders: the first one ahead that has some.
        Crm::CalendarModel *model = main->calendarModel();
        const Crm::ReminderLedgerReader reminders(main->cache().database());
        QString shown;
        for (int week = 0; week < 3 && shown.isEmpty(); ++week) {
            for (int row = 0; row < model->rowCount() && shown.isEmpty(); ++row) {
                const QString id = model->index(row).data(Crm::CalendarModel::IdRole).toString();
                if (model->index(row).data(Crm::CalendarModel::StartRole).toLongLong() > model->now()
                    && !reminders.ofAppointment(id).isEmpty())
                    shown = id;
            }
            if (shown.isEmpty())
                main->calendar()->showNext();
        }
        main->calendar()->showToday();
        if (!shown.isEmpty()) {
            Crm::AppointmentDialog *details = main->showAppointment(shown);
            ok = save(details, outDir, QStringLiteral("appointment-details") + suffix) && ok;
            details->close();
        } else {
            QTextStream(stderr) << "crm-screenshots: no appointment with reminders" << Qt::endl;
            ok = false;
        }
    }
    main->showLeads();
    Crm::LeadMetricsView *metrics = main->showMetrics();
    metrics->setPeriod(Crm::LeadMetricsView::Period::AllTime);
    ok = save(metrics->window(), outDir, QStringLiteral("metrics") + suffix) && ok;
    metrics->window()->close();
    Crm::ConflictDialog *conflicts = main->showConflicts();
    ok = save(conflicts, outDir, QStringLiteral("conflicts") + suffix) && ok;
    conflicts->close();
    {
        // A booking made here that the server refuses: the slot is booked on the server (as
        // from another computer) right after it was booked here, before it was sent. The
        // server's change wakes the sync, which sends this booking; it comes back refused.
        Crm::CalendarModel *model = main->calendarModel();
        // Six weeks ahead: out of the calendar screenshots of this and the next language.
        const qint64 from = model->now() + 42 * 24 * 60 * 60 * 1000LL;
        const QList<Crm::TimeRange> free = model->freeSlots(from,
                                                            from + 7 * 24 * 60 * 60 * 1000,
                                                            30);
        Crm::LocalEdits edits(main->cache().database(), model->providerId());
        Crm::LocalEdits::Booking booking;
        booking.leadId = main->leads()->idAt(0);
        booking.start = free.isEmpty() ? 0 : free.first().start;
        const bool booked = !free.isEmpty()
                            && std::holds_alternative<Crm::Appointment>(
                                edits.bookAppointment(booking));
        Crm::SyncClient elsewhere{QUrl(options.server)};
        const bool taken
            = booked && elsewhere.login(options.email, password, QStringLiteral("screenshots")).ok()
              && elsewhere
                     .post(QStringLiteral("/api/appointments"),
                           QJsonObject{{QStringLiteral("providerId"), model->providerId()},
                                       {QStringLiteral("appointmentType"),
                                        QStringLiteral("enrollment")},
                                       {QStringLiteral("scheduledDate"),
                                        Crm::WireTime::toWire(booking.start)},
                                       {QStringLiteral("duration"), booking.duration}})
                     .ok();
        // The server's change wakes the sync through the live channel; Sync now (F5) in case
        // that channel is not up yet.
        for (QAction *action : main->findChildren<QAction *>()) {
            if (taken && action->shortcut() == QKeySequence(QKeySequence::Refresh))
                action->trigger();
        }
        const Crm::ConflictReader inbox(main->cache().database());
        if (!booked || !taken)
            QTextStream(stderr) << "crm-screenshots: booked here " << booked
                                << ", taken on the server " << taken << Qt::endl;
        if (taken && waitFor([&] { return !inbox.open().isEmpty(); }, 20000)) {
            conflicts = main->showConflicts();
            conflicts->resize(980, 360);
            ok = save(conflicts, outDir, QStringLiteral("conflict-refused-booking") + suffix) && ok;
            conflicts->close();
        } else {
            QTextStream(stderr) << "crm-screenshots: no refused booking to show" << Qt::endl;
            ok = false;
        }
    }
    {
        QSettings settings(Crm::SettingsDialog::fileIn(options.dataDir), QSettings::IniFormat);
        Crm::SettingsDialog dialog(&settings, main);
        dialog.show();
        ok = save(&dialog, outDir, QStringLiteral("settings") + suffix) && ok;
    }
    main->toggleNotifications();
    ok = save(main, outDir, QStringLiteral("notifications") + suffix) && ok;
    main->toggleNotifications();
    main->lock();
    ok = save(main, outDir, QStringLiteral("locked") + suffix) && ok;
    return ok ? 0 : 1;
}
