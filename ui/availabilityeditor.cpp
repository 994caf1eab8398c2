#include "availabilityeditor.h"

#include "domain/appointment.h"
#include "domain/displaytime.h"
#include "domain/wiretime.h"
#include "store/appointmentreader.h"
#include "store/localdatabase.h"
#include "syncrunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Crm {

namespace {

constexpr int PreviewDays = 14;
constexpr int QuarterHour = 15;
constexpr int DayMinutes = 24 * 60;
const QString ErrorColor = QStringLiteral("#b3261e");

int minutesOf(const QTime &time, bool isEnd)
{
    if (isEnd && time == QTime(0, 0))
        return DayMinutes;
    return time.msecsSinceStartOfDay() / 60000;
}

QTime timeOf(int minutes)
{
    return minutes >= DayMinutes ? QTime(0, 0) : QTime(0, 0).addSecs(minutes * 60);
}

// "9:00 AM", and the end of the day as "24:00" where times are written on the 24-hour clock.
QString timeText(int minutes)
{
    if (minutes >= DayMinutes) {
        const QString midnight = DisplayTime::time(QTime(0, 0));
        return DisplayTime::time(QTime(13, 0)).startsWith(QLatin1String("13"))
                   ? QStringLiteral("24:00")
                   : midnight;
    }
    return DisplayTime::time(timeOf(minutes));
}

// The quarter hours of a day (starts: 0:00 to 23:45; ends: 0:15 to 24:00), and the value
// shown when it is off the quarter hour (hours set elsewhere).
void fillTimes(QComboBox *box, bool isEnd, int selected)
{
    for (int minutes = isEnd ? QuarterHour : 0;
         minutes <= (isEnd ? DayMinutes : DayMinutes - QuarterHour);
         minutes += QuarterHour)
        box->addItem(timeText(minutes), minutes);
    if (box->findData(selected) < 0) {
        int at = 0;
        while (at < box->count() && box->itemData(at).toInt() < selected)
            ++at;
        box->insertItem(at, timeText(selected), selected);
    }
    box->setCurrentIndex(box->findData(selected));
    box->setMaxVisibleItems(12);
}

QString dayName(int dayOfWeek)
{
    // Availability: 0 = Sunday; Qt: 7 = Sunday.
    QString name = QLocale().standaloneDayName(dayOfWeek == 0 ? 7 : dayOfWeek, QLocale::LongFormat);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

QLabel *sectionTitle(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

QLabel *hint(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QPushButton *iconButton(const QString &text, const QString &tip)
{
    auto *button = new QPushButton(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setFixedWidth(button->sizeHint().height() + 4);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

void clearGrid(QGridLayout *grid)
{
    // Buttons of the grid may be the sender of the change that rebuilds it: deleteLater.
    while (QLayoutItem *item = grid->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
}

} // namespace

AvailabilityEditor::AvailabilityEditor(const LocalDatabase &cache,
                                       SyncRunner *sync,
                                       const QString &providerId,
                                       QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_sync(sync)
    , m_providerId(providerId)
    , m_clock(&QDateTime::currentMSecsSinceEpoch)
    , m_timeZone(new QComboBox)
    , m_buffer(new QSpinBox)
    , m_notice(new QSpinBox)
    , m_daysAhead(new QSpinBox)
    , m_addOverride(new QPushButton(tr("Add a &date")))
    , m_timeOffTable(new QTableWidget)
    , m_timeOffStart(new QDateTimeEdit)
    , m_timeOffEnd(new QDateTimeEdit)
    , m_timeOffReason(new QLineEdit)
    , m_addTimeOff(new QPushButton(tr("Add time &off")))
    , m_removeTimeOff(new QPushButton(tr("&Remove")))
    , m_previewHint(new QLabel)
    , m_preview(new QTreeWidget)
    , m_message(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel))
    , m_save(m_buttons->button(QDialogButtonBox::Save))
    , m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Availability"));
    m_days.resize(7);

    auto *title = new QLabel(tr("When people can book you"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title->setFont(titleFont);

    // The hours, the dates and the time off scroll on the left; the rules and the preview stay
    // in view on the right.
    m_content = new QWidget;
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 12, 0);
    leftLayout->setSpacing(6);
    leftLayout->addWidget(createWeeklySection());
    leftLayout->addSpacing(14);
    leftLayout->addWidget(createOverridesSection());
    leftLayout->addSpacing(14);
    leftLayout->addWidget(createTimeOffSection());
    leftLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(left);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *divider = new QFrame;
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    auto *columns = new QHBoxLayout(m_content);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(16);
    columns->addWidget(scroll, 5);
    columns->addWidget(divider);
    columns->addWidget(createRulesPane(), 4);

    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 14);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_content, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &AvailabilityEditor::save);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(60);
    connect(m_previewTimer, &QTimer::timeout, this, &AvailabilityEditor::updatePreview);
    if (m_sync) {
        connect(m_sync, &SyncRunner::answered, this, &AvailabilityEditor::answer);
        connect(m_sync, &SyncRunner::stateChanged, this, [this](SyncEngine::State state) {
            if (state == SyncEngine::State::Offline && m_callRequest >= 0)
                m_wentOffline = true;
        });
        // What the sync brings: the appointments behind the preview, and the hours themselves
        // while nothing is edited here.
        connect(m_sync, &SyncRunner::cacheChanged, this, [this] {
            if (!m_modified && m_calls.isEmpty())
                reload();
        });
    }
    resize(1080, 740);
    reload();
}

void AvailabilityEditor::setClock(Clock clock)
{
    m_clock = std::move(clock);
    reload();
}

QWidget *AvailabilityEditor::createWeeklySection()
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(sectionTitle(tr("Weekly hours")));
    layout->addWidget(
        hint(tr("Add several windows to a day for a break; a day without any is off.")));
    layout->addSpacing(4);
    auto *grid = new QWidget;
    m_weeklyGrid = new QGridLayout(grid);
    m_weeklyGrid->setContentsMargins(0, 0, 0, 0);
    m_weeklyGrid->setHorizontalSpacing(6);
    m_weeklyGrid->setVerticalSpacing(6);
    layout->addWidget(grid);
    return section;
}

QWidget *AvailabilityEditor::createOverridesSection()
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(sectionTitle(tr("Date overrides")));
    layout->addWidget(hint(tr("Other hours on a date, or a day off: remove its windows.")));
    layout->addSpacing(4);
    auto *grid = new QWidget;
    m_overridesGrid = new QGridLayout(grid);
    m_overridesGrid->setContentsMargins(0, 0, 0, 0);
    m_overridesGrid->setHorizontalSpacing(6);
    m_overridesGrid->setVerticalSpacing(6);
    layout->addWidget(grid);
    m_noOverrides = hint(tr("No dates with other hours."));
    layout->addWidget(m_noOverrides);
    auto *row = new QHBoxLayout;
    row->addWidget(m_addOverride);
    row->addStretch(1);
    layout->addLayout(row);
    connect(m_addOverride, &QPushButton::clicked, this, &AvailabilityEditor::addOverride);
    return section;
}

QWidget *AvailabilityEditor::createTimeOffSection()
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(sectionTitle(tr("Time off")));
    layout->addWidget(
        hint(tr("Holidays, training, appointments of your own: no one can book you then.")));
    layout->addSpacing(4);

    m_timeOffTable->setColumnCount(4);
    m_timeOffTable->setHorizontalHeaderLabels({tr("From"), tr("Until"), tr("Reason"), tr("State")});
    m_timeOffTable->verticalHeader()->hide();
    m_timeOffTable->horizontalHeader()->setStretchLastSection(true);
    m_timeOffTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeOffTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeOffTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timeOffTable->setMinimumHeight(110);
    m_timeOffTable->setMaximumHeight(140);
    m_timeOffTable->setAlternatingRowColors(true);
    layout->addWidget(m_timeOffTable);
    auto *removeRow = new QHBoxLayout;
    removeRow->addWidget(m_removeTimeOff);
    removeRow->addStretch(1);
    layout->addLayout(removeRow);
    layout->addSpacing(6);

    for (QDateTimeEdit *edit : {m_timeOffStart, m_timeOffEnd}) {
        edit->setDisplayFormat(DisplayTime::editFormat());
        edit->setCalendarPopup(true);
    }
    m_timeOffReason->setPlaceholderText(tr("Optional: holiday, training…"));
    m_timeOffReason->setMaxLength(Availability::MaxReasonLength);
    auto *add = new QGridLayout;
    add->setHorizontalSpacing(6);
    auto *fromLabel = new QLabel(tr("&From:"));
    fromLabel->setBuddy(m_timeOffStart);
    auto *untilLabel = new QLabel(tr("&Until:"));
    untilLabel->setBuddy(m_timeOffEnd);
    add->addWidget(fromLabel, 0, 0);
    add->addWidget(m_timeOffStart, 0, 1);
    add->addWidget(untilLabel, 0, 2);
    add->addWidget(m_timeOffEnd, 0, 3);
    auto *reasonLabel = new QLabel(tr("R&eason:"));
    reasonLabel->setBuddy(m_timeOffReason);
    add->addWidget(reasonLabel, 1, 0);
    add->addWidget(m_timeOffReason, 1, 1, 1, 3);
    add->addWidget(m_addTimeOff, 1, 4);
    add->setColumnStretch(1, 1);
    add->setColumnStretch(3, 1);
    layout->addLayout(add);
    m_removeTimeOff->setEnabled(false);
    connect(m_addTimeOff, &QPushButton::clicked, this, &AvailabilityEditor::addTimeOff);
    connect(m_timeOffReason, &QLineEdit::returnPressed, this, &AvailabilityEditor::addTimeOff);
    connect(m_removeTimeOff, &QPushButton::clicked, this, &AvailabilityEditor::removeTimeOff);
    connect(m_timeOffTable, &QTableWidget::itemSelectionChanged, this, [this] {
        m_removeTimeOff->setEnabled(!m_timeOffTable->selectedItems().isEmpty());
    });
    return section;
}

QWidget *AvailabilityEditor::createRulesPane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(sectionTitle(tr("Booking rules")));

    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    const QList<QByteArray> zones = QTimeZone::availableTimeZoneIds();
    for (const QByteArray &id : zones)
        m_timeZone->addItem(QString::fromUtf8(id));
    m_timeZone->completer()->setFilterMode(Qt::MatchContains);
    m_timeZone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_timeZone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timeZone->setMinimumContentsLength(18);
    m_buffer->setRange(0, Availability::MaxBufferMinutes);
    m_buffer->setSingleStep(5);
    m_buffer->setSuffix(tr(" min"));
    m_notice->setRange(0, Availability::MaxNoticeMinutes);
    m_notice->setSingleStep(15);
    m_notice->setSuffix(tr(" min"));
    m_daysAhead->setRange(1, Availability::MaxDaysAheadLimit);
    m_daysAhead->setSuffix(tr(" days"));
    for (QSpinBox *box : {m_buffer, m_notice, m_daysAhead}) {
        box->setAlignment(Qt::AlignRight);
        box->setMinimumWidth(110);
    }

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    form->addRow(tr("Time &zone:"), m_timeZone);
    form->addRow(tr("&Buffer between appointments:"), m_buffer);
    form->addRow(tr("Minimum &notice:"), m_notice);
    form->addRow(tr("Book up &to:"), m_daysAhead);
    layout->addLayout(form);

    connect(m_timeZone, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        m_edited.timeZone = text.trimmed();
        edited();
    });
    connect(m_buffer, &QSpinBox::valueChanged, this, [this](int value) {
        m_edited.bufferMinutes = value;
        edited();
    });
    connect(m_notice, &QSpinBox::valueChanged, this, [this](int value) {
        m_edited.minNoticeMinutes = value;
        edited();
    });
    connect(m_daysAhead, &QSpinBox::valueChanged, this, [this](int value) {
        m_edited.maxDaysAhead = value;
        edited();
    });

    layout->addSpacing(16);
    layout->addWidget(sectionTitle(tr("Next two weeks")));
    m_previewHint->setWordWrap(true);
    m_previewHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_previewHint);
    m_preview->setColumnCount(2);
    m_preview->setHeaderLabels({tr("Day"), tr("Open for booking")});
    m_preview->setRootIsDecorated(false);
    m_preview->setUniformRowHeights(true);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setFocusPolicy(Qt::NoFocus);
    m_preview->header()->setStretchLastSection(true);
    m_preview->setAlternatingRowColors(true);
    layout->addWidget(m_preview, 1);
    return pane;
}

void AvailabilityEditor::reload()
{
    const qint64 now = m_clock();
    const auto schedule = AppointmentReader(m_cache.database())
                              .schedule(m_providerId, now, now + PreviewDays * SlotCalculator::Day);
    if (!schedule.ok()) {
        showMessage(schedule.error().message, true);
        return;
    }
    m_busy = schedule.value().busy;
    Availability availability = schedule.value().availability;
    if (!QTimeZone(availability.timeZone.toUtf8()).isValid())
        availability.timeZone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    // Hours the server has never sent: ask it, so a save does not replace them with defaults
    // (once; what it answered stays until the sync brings them).
    if (!schedule.value().availabilityKnown && m_fromServer) {
        showAll();
        return;
    }
    load(availability);
    if (!schedule.value().availabilityKnown && m_sync && m_loadRequest == -1) {
        m_loadRequest
            = m_sync->request("GET",
                              QStringLiteral("/api/providers/%1/availability").arg(m_providerId));
    }
}

void AvailabilityEditor::load(const Availability &availability)
{
    m_edited = availability;
    std::stable_sort(m_edited.weekly.begin(),
                     m_edited.weekly.end(),
                     [](const Availability::Weekly &a, const Availability::Weekly &b) {
                         return a.window.start < b.window.start;
                     });
    m_removedTimeOff.clear();
    m_modified = false;
    showAll();
}

void AvailabilityEditor::showAll()
{
    m_loading = true;
    if (m_timeZone->currentText() != m_edited.timeZone)
        m_timeZone->setCurrentText(m_edited.timeZone);
    m_buffer->setValue(m_edited.bufferMinutes);
    m_notice->setValue(m_edited.minNoticeMinutes);
    m_daysAhead->setValue(m_edited.maxDaysAhead);
    rebuildWeekly();
    rebuildOverrides();
    showTimeOff();
    // Once: a sync landing while the dialog is open must not wipe dates being typed.
    if (!m_timeOffFilled) {
        const QDate tomorrow = QDateTime::fromMSecsSinceEpoch(m_clock()).date().addDays(1);
        m_timeOffStart->setDateTime(QDateTime(tomorrow, QTime(9, 0)));
        m_timeOffEnd->setDateTime(QDateTime(tomorrow, QTime(17, 0)));
        m_timeOffFilled = true;
    }
    m_loading = false;
    markInvalidWindows();
    updatePreview();
}

AvailabilityEditor::WindowRow AvailabilityEditor::windowRow(
    const Availability::Window &window,
    const std::function<void(const Availability::Window &)> &apply)
{
    WindowRow row;
    row.start = new QComboBox;
    row.end = new QComboBox;
    fillTimes(row.start, false, minutesOf(window.start, false));
    fillTimes(row.end, true, minutesOf(window.end, true));
    row.start->setAccessibleName(tr("Starts"));
    row.end->setAccessibleName(tr("Ends"));
    QComboBox *start = row.start;
    QComboBox *end = row.end;
    auto changed = [this, start, end, apply] {
        apply({timeOf(start->currentData().toInt()), timeOf(end->currentData().toInt())});
        edited();
    };
    connect(row.start, &QComboBox::currentIndexChanged, this, changed);
    connect(row.end, &QComboBox::currentIndexChanged, this, changed);
    return row;
}

void AvailabilityEditor::rebuildWeekly()
{
    clearGrid(m_weeklyGrid);
    int gridRow = 0;
    const int firstDay = QLocale().firstDayOfWeek() % 7; // Qt: 7 = Sunday
    int dayWidth = 0;
    for (int day = 0; day < 7; ++day)
        dayWidth = std::max(dayWidth, fontMetrics().horizontalAdvance(dayName(day)) + 36);
    for (int offset = 0; offset < 7; ++offset) {
        const int day = (firstDay + offset) % 7;
        DayRows &rows = m_days[day];
        rows = {};
        QList<int> indexes;
        bool on = false;
        for (int i = 0; i < m_edited.weekly.size(); ++i) {
            const Availability::Weekly &entry = m_edited.weekly.at(i);
            if (entry.dayOfWeek == day && entry.isActive) {
                indexes << i;
                on = true;
            }
        }
        rows.check = new QCheckBox(dayName(day));
        rows.check->setChecked(on);
        rows.check->setMinimumWidth(dayWidth);
        connect(rows.check, &QCheckBox::toggled, this, [this, day](bool checked) {
            setDayOn(day, checked);
        });
        m_weeklyGrid->addWidget(rows.check, gridRow, 0, Qt::AlignTop);
        rows.add = iconButton(QStringLiteral("+"), tr("Add a window to %1").arg(dayName(day)));
        connect(rows.add, &QPushButton::clicked, this, [this, day] { addWindow(day); });
        if (indexes.isEmpty()) {
            auto *off = new QLabel(tr("Unavailable"));
            off->setForegroundRole(QPalette::PlaceholderText);
            off->setMinimumHeight(rows.add->sizeHint().height());
            m_weeklyGrid->addWidget(off, gridRow, 1, 1, 3);
            m_weeklyGrid->addWidget(rows.add, gridRow, 5);
            ++gridRow;
            continue;
        }
        for (int n = 0; n < indexes.size(); ++n) {
            const int index = indexes.at(n);
            WindowRow row = windowRow(m_edited.weekly.at(index).window,
                                      [this, index](const Availability::Window &window) {
                                          m_edited.weekly[index].window = window;
                                      });
            row.index = index;
            row.remove = iconButton(QStringLiteral("×"), tr("Remove this window"));
            connect(row.remove, &QPushButton::clicked, this, [this, index] { removeWindow(index); });
            m_weeklyGrid->addWidget(row.start, gridRow, 1);
            m_weeklyGrid->addWidget(new QLabel(QStringLiteral("–")), gridRow, 2);
            m_weeklyGrid->addWidget(row.end, gridRow, 3);
            m_weeklyGrid->addWidget(row.remove, gridRow, 4);
            if (n == 0)
                m_weeklyGrid->addWidget(rows.add, gridRow, 5);
            rows.windows << row;
            ++gridRow;
        }
    }
    m_weeklyGrid->setColumnStretch(6, 1);
}

void AvailabilityEditor::rebuildOverrides()
{
    clearGrid(m_overridesGrid);
    m_overrideRows.clear();
    int gridRow = 0;
    for (int i = 0; i < m_edited.overrides.size(); ++i) {
        const Availability::Override &override = m_edited.overrides.at(i);
        OverrideRows rows;
        rows.date = new QDateEdit(override.date);
        rows.date->setDisplayFormat(DisplayTime::dateEditFormat(DisplayTime::Weekday::With));
        rows.date->setCalendarPopup(true);
        rows.date->setAccessibleName(tr("Date"));
        connect(rows.date, &QDateEdit::dateChanged, this, [this, i](const QDate &date) {
            m_edited.overrides[i].date = date;
            edited();
        });
        m_overridesGrid->addWidget(rows.date, gridRow, 0, Qt::AlignTop);
        rows.add = iconButton(QStringLiteral("+"), tr("Add a window to this date"));
        connect(rows.add, &QPushButton::clicked, this, [this, i] {
            QList<Availability::Window> &windows = m_edited.overrides[i].windows;
            const int from = windows.isEmpty() ? 9 * 60 : minutesOf(windows.last().end, true);
            const int start = std::min(from + 60, DayMinutes - 60);
            windows.append({timeOf(windows.isEmpty() ? 9 * 60 : start),
                            timeOf(windows.isEmpty() ? 17 * 60 : std::min(start + 60, DayMinutes))});
            rebuildOverrides();
            edited();
        });
        auto *removeDate = iconButton(QString(), tr("Remove this date"));
        removeDate->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
        connect(removeDate, &QPushButton::clicked, this, [this, i] {
            m_edited.overrides.removeAt(i);
            rebuildOverrides();
            edited();
        });
        if (override.windows.isEmpty()) {
            auto *off = new QLabel(tr("Day off"));
            off->setForegroundRole(QPalette::PlaceholderText);
            off->setMinimumHeight(rows.add->sizeHint().height());
            m_overridesGrid->addWidget(off, gridRow, 1, 1, 3);
            m_overridesGrid->addWidget(rows.add, gridRow, 5);
            m_overridesGrid->addWidget(removeDate, gridRow, 6);
            ++gridRow;
        }
        for (int n = 0; n < override.windows.size(); ++n) {
            WindowRow row = windowRow(override.windows.at(n),
                                      [this, i, n](const Availability::Window &window) {
                                          m_edited.overrides[i].windows[n] = window;
                                      });
            row.index = n;
            row.remove = iconButton(QStringLiteral("×"), tr("Remove this window"));
            connect(row.remove, &QPushButton::clicked, this, [this, i, n] {
                m_edited.overrides[i].windows.removeAt(n);
                rebuildOverrides();
                edited();
            });
            m_overridesGrid->addWidget(row.start, gridRow, 1);
            m_overridesGrid->addWidget(new QLabel(QStringLiteral("–")), gridRow, 2);
            m_overridesGrid->addWidget(row.end, gridRow, 3);
            m_overridesGrid->addWidget(row.remove, gridRow, 4);
            if (n == 0) {
                m_overridesGrid->addWidget(rows.add, gridRow, 5);
                m_overridesGrid->addWidget(removeDate, gridRow, 6);
            }
            rows.windows << row;
            ++gridRow;
        }
        m_overrideRows << rows;
    }
    m_overridesGrid->setColumnStretch(7, 1);
    m_noOverrides->setVisible(m_edited.overrides.isEmpty());
    markInvalidWindows();
}

void AvailabilityEditor::showTimeOff()
{
    const qint64 now = m_clock();
    m_timeOffTable->setRowCount(0);
    QList<int> shown;
    for (int i = 0; i < m_edited.timeOff.size(); ++i) {
        if (m_edited.timeOff.at(i).end > now)
            shown << i;
    }
    std::sort(shown.begin(), shown.end(), [this](int a, int b) {
        return m_edited.timeOff.at(a).start < m_edited.timeOff.at(b).start;
    });
    m_timeOffTable->setRowCount(int(shown.size()));
    for (int row = 0; row < shown.size(); ++row) {
        const Availability::TimeOff &entry = m_edited.timeOff.at(shown.at(row));
        const bool saved = !entry.id.isEmpty();
        const QStringList cells{DisplayTime::dateTime(entry.start),
                                DisplayTime::dateTime(entry.end),
                                entry.reason,
                                saved ? tr("Saved") : tr("Sent when you save")};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, shown.at(row));
            item->setToolTip(cells.at(column));
            if (!saved) {
                QFont font = item->font();
                font.setItalic(true);
                item->setFont(font);
            }
            m_timeOffTable->setItem(row, column, item);
        }
    }
    m_timeOffTable->resizeColumnsToContents();
    m_removeTimeOff->setEnabled(false);
}

void AvailabilityEditor::setDayOn(int dayOfWeek, bool on)
{
    bool had = false;
    for (Availability::Weekly &entry : m_edited.weekly) {
        if (entry.dayOfWeek == dayOfWeek) {
            entry.isActive = on;
            had = true;
        }
    }
    // Turned off, a day keeps its windows (inactive) for when it is turned on again.
    if (on && !had)
        m_edited.weekly.append({QString(), dayOfWeek, {QTime(9, 0), QTime(17, 0)}, true});
    rebuildWeekly();
    edited();
}

void AvailabilityEditor::addWindow(int dayOfWeek)
{
    // After the day's last window (an hour's break), else the usual hours.
    int lastEnd = -1;
    for (const Availability::Weekly &entry : std::as_const(m_edited.weekly)) {
        if (entry.dayOfWeek == dayOfWeek && entry.isActive)
            lastEnd = std::max(lastEnd, minutesOf(entry.window.end, true));
    }
    Availability::Window window{QTime(9, 0), QTime(17, 0)};
    if (lastEnd >= 0) {
        const int start = std::min(lastEnd + 60, DayMinutes - 60);
        window = {timeOf(start), timeOf(std::min(start + 60, DayMinutes))};
    }
    m_edited.weekly.append({QString(), dayOfWeek, window, true});
    rebuildWeekly();
    edited();
}

void AvailabilityEditor::removeWindow(int weeklyIndex)
{
    if (weeklyIndex < 0 || weeklyIndex >= m_edited.weekly.size())
        return;
    m_edited.weekly.removeAt(weeklyIndex);
    rebuildWeekly();
    edited();
}

void AvailabilityEditor::addOverride()
{
    // The first day from tomorrow that has no override yet, with the usual hours.
    QDate date = QDateTime::fromMSecsSinceEpoch(m_clock()).date().addDays(1);
    auto taken = [this](const QDate &candidate) {
        return std::any_of(m_edited.overrides.cbegin(),
                           m_edited.overrides.cend(),
                           [&](const Availability::Override &o) { return o.date == candidate; });
    };
    while (taken(date))
        date = date.addDays(1);
    m_edited.overrides.append({date, {{QTime(9, 0), QTime(17, 0)}}});
    rebuildOverrides();
    edited();
    if (!m_overrideRows.isEmpty())
        m_overrideRows.last().date->setFocus();
}

void AvailabilityEditor::addTimeOff()
{
    Availability::TimeOff entry;
    entry.start = m_timeOffStart->dateTime().toMSecsSinceEpoch();
    entry.end = m_timeOffEnd->dateTime().toMSecsSinceEpoch();
    entry.reason = m_timeOffReason->text().trimmed();
    if (const ValidationErrors errors = Availability::validateTimeOff(entry); !errors.isEmpty()) {
        showErrors(errors);
        return;
    }
    m_edited.timeOff.append(entry);
    m_timeOffReason->clear();
    showTimeOff();
    edited();
    showMessage(tr("Time off added; it reaches the server when you save."), false);
}

void AvailabilityEditor::removeTimeOff()
{
    const QList<QTableWidgetItem *> selected = m_timeOffTable->selectedItems();
    if (selected.isEmpty())
        return;
    const int index = selected.first()->data(Qt::UserRole).toInt();
    if (index < 0 || index >= m_edited.timeOff.size())
        return;
    const QString id = m_edited.timeOff.at(index).id;
    if (!id.isEmpty())
        m_removedTimeOff << id;
    m_edited.timeOff.removeAt(index);
    showTimeOff();
    edited();
}

void AvailabilityEditor::edited()
{
    if (m_loading)
        return;
    m_modified = true;
    m_message->hide();
    markInvalidWindows();
    m_previewTimer->start();
}

void AvailabilityEditor::markInvalidWindows()
{
    // The rule is Availability's; a window that breaks it shows its end in red.
    const QString invalid = QStringLiteral("QComboBox { color: %1; }").arg(ErrorColor);
    auto mark = [&](const WindowRow &row, const Availability::Window &window) {
        const bool valid = Availability::isValidWindow(window);
        row.end->setStyleSheet(valid ? QString() : invalid);
        row.end->setToolTip(valid ? QString() : tr("This window ends before it starts."));
    };
    for (const DayRows &day : std::as_const(m_days)) {
        for (const WindowRow &row : day.windows) {
            if (row.index >= 0 && row.index < m_edited.weekly.size())
                mark(row, m_edited.weekly.at(row.index).window);
        }
    }
    for (int i = 0; i < m_overrideRows.size() && i < m_edited.overrides.size(); ++i) {
        for (const WindowRow &row : m_overrideRows.at(i).windows) {
            if (row.index >= 0 && row.index < m_edited.overrides.at(i).windows.size())
                mark(row, m_edited.overrides.at(i).windows.at(row.index));
        }
    }
}

QTimeZone AvailabilityEditor::zone() const
{
    const QTimeZone zone(m_edited.timeZone.toUtf8());
    return zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

void AvailabilityEditor::updatePreview()
{
    m_previewTimer->stop();
    m_preview->clear();
    m_previewSlots.clear();
    const int duration = AppointmentRules::defaultDuration(AppointmentType::Consultation);
    const ValidationErrors errors = m_edited.validate();
    if (!errors.isEmpty()) {
        m_previewHint->setText(tr("The preview comes back once the hours are valid."));
        return;
    }
    const QTimeZone zone = this->zone();
    m_previewHint->setText(tr("%1-minute slots as people will see them, in %2; the appointments "
                              "you already have are left out.")
                               .arg(duration)
                               .arg(QString::fromUtf8(zone.id())));
    const qint64 now = m_clock();
    SlotCalculator::Query query;
    query.from = now;
    query.to = now + PreviewDays * SlotCalculator::Day;
    query.durationMinutes = duration;
    query.now = now;
    m_previewSlots = SlotCalculator::freeSlots(m_edited, m_busy, query);

    // One row a day: the slots merged into the spans they cover.
    const QDate today = QDateTime::fromMSecsSinceEpoch(now, zone).date();
    for (int offset = 0; offset < PreviewDays; ++offset) {
        const QDate date = today.addDays(offset);
        QList<TimeRange> spans;
        int count = 0;
        for (const TimeRange &slot : std::as_const(m_previewSlots)) {
            if (QDateTime::fromMSecsSinceEpoch(slot.start, zone).date() != date)
                continue;
            ++count;
            if (!spans.isEmpty() && slot.start <= spans.last().end)
                spans.last().end = std::max(spans.last().end, slot.end);
            else
                spans << slot;
        }
        QStringList texts;
        for (const TimeRange &span : std::as_const(spans)) {
            texts << tr("%1 – %2").arg(DisplayTime::time(
                                           QDateTime::fromMSecsSinceEpoch(span.start, zone).time()),
                                       DisplayTime::time(
                                           QDateTime::fromMSecsSinceEpoch(span.end, zone).time()));
        }
        auto *item = new QTreeWidgetItem(m_preview,
                                         {QLocale().toString(date, QStringLiteral("ddd d MMM")),
                                          texts.isEmpty() ? tr("No slots")
                                                          : texts.join(QStringLiteral(",  "))});
        item->setToolTip(1,
                         texts.isEmpty() ? tr("No slots")
                                         : texts.join(QLatin1Char('\n')) + QLatin1Char('\n')
                                               + tr("%n slot(s)", nullptr, count));
        if (texts.isEmpty())
            item->setForeground(1, palette().color(QPalette::PlaceholderText));
    }
    m_preview->resizeColumnToContents(0);
}

QString AvailabilityEditor::fieldLabel(const QString &field) const
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("timeZone"), QT_TR_NOOP("Time zone")},
        {QStringLiteral("bufferMinutes"), QT_TR_NOOP("Buffer between appointments")},
        {QStringLiteral("minNoticeMinutes"), QT_TR_NOOP("Minimum notice")},
        {QStringLiteral("maxDaysAhead"), QT_TR_NOOP("Book up to")},
        {QStringLiteral("weekly"), QT_TR_NOOP("Weekly hours")},
        {QStringLiteral("overrides"), QT_TR_NOOP("Date overrides")},
        {QStringLiteral("start"), QT_TR_NOOP("Time off from")},
        {QStringLiteral("end"), QT_TR_NOOP("Time off until")},
        {QStringLiteral("reason"), QT_TR_NOOP("Time off reason")},
    };
    const char *label = labels.value(field);
    return label ? tr(label) : field;
}

void AvailabilityEditor::showErrors(const ValidationErrors &errors)
{
    QStringList lines;
    const QStringList fields = errors.fields();
    for (const QString &field : fields)
        lines << tr("%1: %2").arg(fieldLabel(field), errors.message(field));
    showMessage(lines.join(QLatin1Char('\n')), true);
}

void AvailabilityEditor::showMessage(const QString &text, bool isError)
{
    m_message->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(ErrorColor) : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void AvailabilityEditor::save()
{
    if (!m_calls.isEmpty())
        return; // already on its way
    if (const ValidationErrors errors = m_edited.validate(); !errors.isEmpty()) {
        showErrors(errors);
        return;
    }
    if (!m_sync) {
        showMessage(tr("Saving needs the server. Your changes are kept here."), true);
        return;
    }
    const QString base = QStringLiteral("/api/providers/%1").arg(m_providerId);
    QJsonObject hours = m_edited.toJson();
    hours.remove(QStringLiteral("timeOff")); // its own routes
    m_calls << Call{"PUT", base + QStringLiteral("/availability"), hours, -1, QString()};
    for (int i = 0; i < m_edited.timeOff.size(); ++i) {
        const Availability::TimeOff &entry = m_edited.timeOff.at(i);
        if (!entry.id.isEmpty())
            continue;
        m_calls << Call{"POST",
                        base + QStringLiteral("/time-off"),
                        QJsonObject{{QStringLiteral("start"), WireTime::toWire(entry.start)},
                                    {QStringLiteral("end"), WireTime::toWire(entry.end)},
                                    {QStringLiteral("reason"), entry.reason}},
                        i,
                        QString()};
    }
    for (const QString &id : std::as_const(m_removedTimeOff))
        m_calls << Call{"DELETE", base + QStringLiteral("/time-off/") + id, {}, -1, id};
    m_content->setEnabled(false);
    m_save->setEnabled(false);
    m_wentOffline = false;
    showMessage(tr("Saving…"), false);
    sendNext();
}

void AvailabilityEditor::sendNext()
{
    if (m_calls.isEmpty()) {
        m_callRequest = -1;
        m_content->setEnabled(true);
        m_save->setEnabled(true);
        m_modified = false;
        showTimeOff();
        showMessage(tr("Saved."), false);
        // The cache, and with it the calendar's shading, follows with this sync.
        m_sync->syncNow();
        emit saved();
        accept();
        return;
    }
    const Call &call = m_calls.constFirst();
    m_callRequest = m_sync->request(call.method, call.path, call.body);
}

void AvailabilityEditor::answer(int id, bool ok, const QJsonObject &json, const QString &error)
{
    if (id == m_loadRequest) {
        m_loadRequest = -2; // asked once
        if (!ok || m_modified)
            return;
        Result<Availability> read = Availability::fromJson(json, m_edited);
        if (!read.ok())
            return;
        Availability availability = read.value();
        availability.timeOff.clear();
        const QJsonArray timeOff = json.value(QStringLiteral("timeOff")).toArray();
        for (const QJsonValue &value : timeOff) {
            if (const auto entry = Availability::timeOffFromJson(value.toObject()))
                availability.timeOff << *entry;
        }
        m_fromServer = true;
        load(availability);
        return;
    }
    if (id != m_callRequest || m_calls.isEmpty())
        return;
    if (!ok) {
        // A removal the server refuses (the time off went elsewhere already, most often) is not
        // asked again: the sync brings back whatever it still has.
        if (!m_wentOffline && !m_calls.constFirst().removedTimeOff.isEmpty())
            m_removedTimeOff.removeAll(m_calls.constFirst().removedTimeOff);
        m_calls.clear();
        m_callRequest = -1;
        m_content->setEnabled(true);
        m_save->setEnabled(true);
        showTimeOff();
        if (m_wentOffline)
            showMessage(tr("Saving needs the server, which cannot be reached now (%1). Your "
                           "changes are kept here: save again once you are back online.")
                            .arg(error),
                        true);
        else
            showMessage(tr("The server did not accept the change: %1 Your changes are kept here.")
                            .arg(error),
                        true);
        return;
    }
    const Call call = m_calls.takeFirst();
    if (call.timeOffIndex >= 0 && call.timeOffIndex < m_edited.timeOff.size())
        m_edited.timeOff[call.timeOffIndex].id = json.value(QStringLiteral("id")).toString();
    if (!call.removedTimeOff.isEmpty())
        m_removedTimeOff.removeAll(call.removedTimeOff);
    sendNext();
}

QCheckBox *AvailabilityEditor::dayCheck(int dayOfWeek) const
{
    return dayOfWeek >= 0 && dayOfWeek < m_days.size() ? m_days.at(dayOfWeek).check : nullptr;
}

QComboBox *AvailabilityEditor::startBox(int dayOfWeek, int window) const
{
    if (dayOfWeek < 0 || dayOfWeek >= m_days.size() || window < 0
        || window >= m_days.at(dayOfWeek).windows.size())
        return nullptr;
    return m_days.at(dayOfWeek).windows.at(window).start;
}

QComboBox *AvailabilityEditor::endBox(int dayOfWeek, int window) const
{
    if (dayOfWeek < 0 || dayOfWeek >= m_days.size() || window < 0
        || window >= m_days.at(dayOfWeek).windows.size())
        return nullptr;
    return m_days.at(dayOfWeek).windows.at(window).end;
}

QPushButton *AvailabilityEditor::addWindowButton(int dayOfWeek) const
{
    return dayOfWeek >= 0 && dayOfWeek < m_days.size() ? m_days.at(dayOfWeek).add : nullptr;
}

QPushButton *AvailabilityEditor::removeWindowButton(int dayOfWeek, int window) const
{
    if (dayOfWeek < 0 || dayOfWeek >= m_days.size() || window < 0
        || window >= m_days.at(dayOfWeek).windows.size())
        return nullptr;
    return m_days.at(dayOfWeek).windows.at(window).remove;
}

int AvailabilityEditor::windowCount(int dayOfWeek) const
{
    return dayOfWeek >= 0 && dayOfWeek < m_days.size() ? int(m_days.at(dayOfWeek).windows.size())
                                                       : 0;
}

QDateEdit *AvailabilityEditor::overrideDateEdit(int override) const
{
    return override >= 0 && override < m_overrideRows.size() ? m_overrideRows.at(override).date
                                                             : nullptr;
}

} // namespace Crm
