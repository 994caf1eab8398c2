#include "calendarview.h"

#include "domain/appointment.h"
#include "domain/calendarlayout.h"
#include "domain/displaytime.h"
#include "item/calendarmodel.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Crm {

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Quarter = 15 * Minute;

QColor mix(const QColor &a, const QColor &b, double share) // share of b
{
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
                            float(a.greenF() * (1 - share) + b.greenF() * share),
                            float(a.blueF() * (1 - share) + b.blueF() * share));
}

// One appointment block as a screen reader sees it: a button named by the appointment's
// description, where the block is drawn; pressing it opens the details. It follows the
// appointment by id and is invalid once its block is no longer shown.
class BlockAccessible final : public QAccessibleInterface, public QAccessibleActionInterface
{
public:
    BlockAccessible(CalendarView *view, const QString &id)
        : m_view(view)
        , m_id(id)
    {}

    QString id() const { return m_id; }

    bool isValid() const override { return m_view && m_view->visibleAppointments().contains(m_id); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QAccessibleInterface *parent() const override
    {
        return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QString text(QAccessible::Text t) const override
    {
        const int row = m_view ? m_view->model()->rowOf(m_id) : -1;
        if (row < 0)
            return {};
        if (t == QAccessible::Name)
            return CalendarModel::describe(m_view->model()->entryAt(row));
        if (t == QAccessible::Help)
            return CalendarView::tr("Enter opens it; the menu key shows what can be done.");
        return {};
    }
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override
    {
        if (!m_view)
            return {};
        const QRect block = m_view->blockRect(m_id);
        return block.isEmpty() ? QRect()
                               : QRect(m_view->mapToGlobal(block.topLeft()), block.size());
    }
    QAccessible::Role role() const override { return QAccessible::Button; }
    QAccessible::State state() const override
    {
        QAccessible::State state;
        if (!isValid()) {
            state.invisible = true;
            return state;
        }
        state.focusable = true;
        state.selectable = true;
        state.selected = m_view->selectedAppointment() == m_id;
        state.focused = state.selected && m_view->hasFocus();
        return state;
    }
    void *interface_cast(QAccessible::InterfaceType type) override
    {
        return type == QAccessible::ActionInterface
                   ? static_cast<QAccessibleActionInterface *>(this)
                   : nullptr;
    }
    QStringList actionNames() const override { return {pressAction(), showMenuAction()}; }
    void doAction(const QString &name) override
    {
        if (!isValid())
            return;
        m_view->selectAppointment(m_id);
        if (name == pressAction())
            emit m_view->appointmentActivated(m_id);
        else if (name == showMenuAction())
            emit m_view->appointmentMenuRequested(m_id,
                                                  m_view->mapToGlobal(
                                                      m_view->blockRect(m_id).center()));
    }
    QStringList keyBindingsForAction(const QString &name) const override
    {
        if (name == pressAction())
            return {QKeySequence(Qt::Key_Return).toString(QKeySequence::NativeText)};
        if (name == showMenuAction())
            return {QKeySequence(Qt::SHIFT | Qt::Key_F10).toString(QKeySequence::NativeText)};
        return {};
    }

private:
    QPointer<CalendarView> m_view;
    QString m_id;
};

// The view for a screen reader: its blocks on screen as children (in painted order), then its
// scroll bar while it is shown.
class CalendarAccessible final : public QAccessibleWidget
{
public:
    explicit CalendarAccessible(CalendarView *view)
        : QAccessibleWidget(view)
    {}

    int childCount() const override
    {
        return int(view()->visibleAppointments().size()) + (scrollBar() ? 1 : 0);
    }
    QAccessibleInterface *child(int index) const override
    {
        const QStringList ids = view()->visibleAppointments();
        if (index >= 0 && index < ids.size())
            return block(ids.at(index));
        if (index == ids.size() && scrollBar())
            return QAccessible::queryAccessibleInterface(scrollBar());
        return nullptr;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        const QStringList ids = view()->visibleAppointments();
        if (const auto *block = dynamic_cast<const BlockAccessible *>(child))
            return int(ids.indexOf(block->id()));
        if (child && scrollBar() && child->object() == scrollBar())
            return int(ids.size());
        return -1;
    }
    QAccessibleInterface *childAt(int x, int y) const override
    {
        const QPoint local = view()->mapFromGlobal(QPoint(x, y));
        const QString id = view()->appointmentAt(local);
        if (!id.isEmpty() && view()->visibleAppointments().contains(id))
            return block(id);
        if (scrollBar() && scrollBar()->geometry().contains(local))
            return QAccessible::queryAccessibleInterface(scrollBar());
        return nullptr;
    }
    QAccessibleInterface *focusChild() const override
    {
        const QString id = view()->selectedAppointment();
        if (view()->hasFocus() && !id.isEmpty() && view()->visibleAppointments().contains(id))
            return block(id);
        return QAccessibleWidget::focusChild();
    }

private:
    CalendarView *view() const { return static_cast<CalendarView *>(widget()); }
    QScrollBar *scrollBar() const
    {
        auto *bar = view()->findChild<QScrollBar *>(QString(), Qt::FindDirectChildrenOnly);
        return bar && bar->isVisibleTo(view()) ? bar : nullptr;
    }
    // One interface per appointment, kept (the bridge knows it by its id) while its block is
    // shown; those of blocks gone are let go.
    QAccessibleInterface *block(const QString &id) const
    {
        const QStringList shown = view()->visibleAppointments();
        for (auto it = m_blocks.begin(); it != m_blocks.end();) {
            if (!shown.contains(it.key())) {
                QAccessible::deleteAccessibleInterface(it.value());
                it = m_blocks.erase(it);
            } else {
                ++it;
            }
        }
        if (const auto found = m_blocks.constFind(id); found != m_blocks.cend()) {
            if (QAccessibleInterface *known = QAccessible::accessibleInterface(found.value()))
                return known;
        }
        auto *made = new BlockAccessible(view(), id);
        m_blocks.insert(id, QAccessible::registerAccessibleInterface(made));
        return made;
    }

    mutable QHash<QString, QAccessible::Id> m_blocks;
};

QAccessibleInterface *calendarAccessible(const QString &className, QObject *object)
{
    if (className == QLatin1String("Crm::CalendarView") && object && object->isWidgetType())
        return new CalendarAccessible(static_cast<CalendarView *>(object));
    return nullptr;
}

} // namespace

CalendarView::CalendarView(CalendarModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_minuteTimer(new QTimer(this))
    , m_scroll(new QScrollBar(Qt::Vertical, this))
{
    static const bool accessibleBlocks = (QAccessible::installFactory(calendarAccessible), true);
    Q_UNUSED(accessibleBlocks);
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, [this] { relayout(); });
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Calendar"));
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_drag = {};
        relayout();
    });
    // The "now" line moves with the clock.
    m_minuteTimer->setInterval(60 * 1000);
    connect(m_minuteTimer, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    m_minuteTimer->start();
    m_date = QDateTime::fromMSecsSinceEpoch(m_model->now()).date();
    // An accessibility event sent while the view was being made (a child added, its name set)
    // may have made the plain widget's interface before this class was known: let it go, so a
    // screen reader gets the blocks.
    QAccessibleInterface *made = QAccessible::queryAccessibleInterface(this);
    if (made && !dynamic_cast<CalendarAccessible *>(made))
        QAccessible::deleteAccessibleInterface(QAccessible::uniqueId(made));
}

void CalendarView::setSpan(Span span)
{
    if (span == m_span)
        return;
    m_span = span;
    applyRange();
}

void CalendarView::setDate(const QDate &date)
{
    m_date = date;
    applyRange();
}

QDate CalendarView::firstDay() const
{
    if (m_span == Span::Month) {
        const QDate first(m_date.year(), m_date.month(), 1);
        return first.addDays(1 - first.dayOfWeek());
    }
    return m_span == Span::Day ? m_date : m_date.addDays(1 - m_date.dayOfWeek());
}

int CalendarView::dayCount() const
{
    switch (m_span) {
    case Span::Day:
        return 1;
    case Span::WorkWeek:
        return 5;
    case Span::Week:
        return 7;
    case Span::Month:
        return 42;
    }
    return 7;
}

void CalendarView::showToday()
{
    setDate(QDateTime::fromMSecsSinceEpoch(m_model->now()).date());
}

void CalendarView::showNext()
{
    setDate(m_span == Span::Month ? m_date.addMonths(1)
                                  : m_date.addDays(m_span == Span::Day ? 1 : 7));
}

void CalendarView::showPrevious()
{
    setDate(m_span == Span::Month ? m_date.addMonths(-1)
                                  : m_date.addDays(m_span == Span::Day ? -1 : -7));
}

QString CalendarView::title() const
{
    const QDate first = firstDay();
    if (m_span == Span::Month)
        return tr("%1 %2").arg(QLocale().standaloneMonthName(m_date.month()),
                               QString::number(m_date.year()));
    if (m_span == Span::Day)
        return tr("%1, %2").arg(QLocale().dayName(first.dayOfWeek()), DisplayTime::date(first));
    return tr("%1 – %2").arg(DisplayTime::date(first),
                             DisplayTime::date(first.addDays(dayCount() - 1)));
}

void CalendarView::applyRange()
{
    cancelDrag();
    const QDate first = firstDay();
    const qint64 from = first.startOfDay().toMSecsSinceEpoch();
    const qint64 to = first.addDays(dayCount()).startOfDay().toMSecsSinceEpoch();
    m_scrolledTo = -1;
    m_model->setRange(from, to); // resets the model: relayout() follows
    emit rangeChanged();
}

QDateTime CalendarView::dayStart(int day) const
{
    return firstDay().addDays(day).startOfDay();
}

// Where the blocks go: the hours shown (work hours at least, widened to every open hour and
// appointment of the range), then each day's blocks side by side where they overlap.
void CalendarView::relayout()
{
    if (m_span == Span::Month) {
        m_blocks.clear();
        m_scroll->hide();
        update();
        return;
    }
    int first = 8;
    int last = 18;
    auto widen = [&](qint64 start, qint64 end) {
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(start);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(end);
        if (from.date() != to.date() && to.time() != QTime(0, 0)) {
            first = 0;
            last = 24;
            return;
        }
        first = std::min(first, from.time().hour());
        const int endHour = to.time() == QTime(0, 0)
                                ? 24
                                : to.time().hour() + (to.time().minute() > 0 ? 1 : 0);
        last = std::max(last, endHour);
    };
    for (const TimeRange &open : m_model->openRanges())
        widen(open.start, open.end);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Appointment &appointment = m_model->entryAt(row).appointment;
        widen(appointment.scheduledDate, appointment.end());
    }
    first = std::min(first, m_minFirstHour);
    last = std::max(last, m_minLastHour);
    m_firstHour = std::max(0, first);
    m_lastHour = std::min(24, std::max(last, m_firstHour + 1));
    updateScrollBar();

    m_blocks.clear();
    for (int day = 0; day < dayCount(); ++day) {
        const qint64 dayFrom = dayStart(day).toMSecsSinceEpoch();
        const qint64 dayTo = dayStart(day + 1).toMSecsSinceEpoch();
        QList<CalendarLayout::Block> blocks;
        QList<int> rows;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const Appointment &appointment = m_model->entryAt(row).appointment;
            if (appointment.scheduledDate < dayTo && appointment.end() > dayFrom) {
                blocks.append({appointment.id, appointment.scheduledDate, appointment.end()});
                rows.append(row);
            }
        }
        const QList<CalendarLayout::Placement> placed = CalendarLayout::arrange(blocks);
        const QRectF column = dayColumn(day);
        for (int i = 0; i < placed.size(); ++i) {
            const CalendarLayout::Placement &place = placed.at(i);
            const QRectF span = spanRect(day, blocks.at(i).start, blocks.at(i).end);
            const double width = (column.width() - 6) / place.columns;
            QRectF rect(column.left() + 1 + width * place.column,
                        span.top() + 1,
                        width * place.span - 2,
                        std::max(span.height() - 2, 14.0));
            m_blocks.append({rows.at(i), day, rect});
        }
    }
    update();
    emit blocksChanged();
    if (QAccessible::isActive()) {
        QAccessibleEvent reordered(this, QAccessible::ObjectReorder);
        QAccessible::updateAccessibility(&reordered);
    }
}

void CalendarView::setMinimumHours(int firstHour, int lastHour)
{
    if (firstHour == m_minFirstHour && lastHour == m_minLastHour)
        return;
    m_minFirstHour = firstHour;
    m_minLastHour = lastHour;
    relayout();
}

void CalendarView::setColumnTitle(const QString &title)
{
    m_columnTitle = title;
    setAccessibleName(title.isEmpty() ? tr("Calendar") : tr("Calendar of %1").arg(title));
    update();
}

QStringList CalendarView::visibleAppointments() const
{
    QStringList ids;
    const QRectF grid = gridRect();
    for (const Block &block : m_blocks) {
        if (block.rect.intersects(grid))
            ids.append(m_model->entryAt(block.row).appointment.id);
    }
    return ids;
}

int CalendarView::headerHeight() const
{
    return fontMetrics().height() * 2 + 14;
}

int CalendarView::axisWidth() const
{
    // Every geometry call asks; shaping the text each time was most of a week switch's layout.
    if (m_axisWidth < 0)
        m_axisWidth = fontMetrics().horizontalAdvance(DisplayTime::time(QTime(23, 0))) + 18;
    return m_axisWidth;
}

QRectF CalendarView::gridRect() const
{
    const int scrollWidth = m_scroll->isVisibleTo(this) ? m_scroll->sizeHint().width() : 0;
    return QRectF(axisWidth(),
                  headerHeight(),
                  width() - axisWidth() - 1 - scrollWidth,
                  height() - headerHeight() - 1);
}

// The height of the hours shown: the grid's, or more when an hour would be too short to read.
double CalendarView::contentHeight() const
{
    const double readable = fontMetrics().height() * 2.6;
    const int hours = std::max(1, m_lastHour - m_firstHour);
    return std::max(gridRect().height(), hours * readable);
}

void CalendarView::updateScrollBar()
{
    const int visible = height() - headerHeight() - 1;
    const double readable = fontMetrics().height() * 2.6;
    const int needed = int(std::ceil(std::max(1, m_lastHour - m_firstHour) * readable));
    const bool scrolls = needed > visible;
    if (m_scroll->isVisibleTo(this) != scrolls)
        m_scroll->setVisible(scrolls);
    if (!scrolls) {
        m_scroll->setRange(0, 0);
        return;
    }
    const QSignalBlocker block(m_scroll);
    m_scroll->setGeometry(width() - m_scroll->sizeHint().width(),
                          headerHeight(),
                          m_scroll->sizeHint().width(),
                          visible);
    m_scroll->setRange(0, needed - visible);
    m_scroll->setPageStep(visible);
    m_scroll->setSingleStep(int(readable / 4));
    if (m_scrolledTo < 0) {
        // A new range opens at the working day: the first open hour, else 8:00, an hour early.
        // (Hours that run on from the day before start at midnight: not a working day's start.)
        int first = 24;
        for (const TimeRange &open : m_model->openRanges()) {
            const QTime start = QDateTime::fromMSecsSinceEpoch(open.start).time();
            if (start != QTime(0, 0))
                first = std::min(first, start.hour());
        }
        if (first == 24)
            first = 8;
        m_scrolledTo = std::max(m_firstHour, first - 1);
        m_scroll->setValue(int((m_scrolledTo - m_firstHour) * readable));
    }
}

void CalendarView::wheelEvent(QWheelEvent *event)
{
    if (m_scroll->isVisible())
        m_scroll->setValue(m_scroll->value()
                           - event->angleDelta().y() / 120 * m_scroll->singleStep() * 3);
    event->accept();
}

double CalendarView::dayWidth() const
{
    return gridRect().width() / dayCount();
}

double CalendarView::hourHeight() const
{
    return contentHeight() / std::max(1, m_lastHour - m_firstHour);
}

double CalendarView::yOfMinutes(double minutesOfDay) const
{
    const double scrolled = m_scroll->isVisibleTo(this) ? m_scroll->value() : 0;
    return gridRect().top() - scrolled + (minutesOfDay - m_firstHour * 60) / 60.0 * hourHeight();
}

QRectF CalendarView::dayColumn(int day) const
{
    // The whole day's column, scrolled: it may reach above and below the grid on screen.
    const QRectF grid = gridRect();
    const double top = yOfMinutes(m_firstHour * 60.0);
    return QRectF(grid.left() + day * dayWidth(), top, dayWidth(), contentHeight());
}

QRectF CalendarView::spanRect(int day, qint64 start, qint64 end) const
{
    const qint64 dayFrom = dayStart(day).toMSecsSinceEpoch();
    const qint64 dayTo = dayStart(day + 1).toMSecsSinceEpoch();
    // Minutes of the local day, by wall clock (a day of a clock change is drawn as any other).
    auto minutesOf = [&](qint64 instant) {
        if (instant <= dayFrom)
            return 0.0;
        if (instant >= dayTo)
            return 24.0 * 60;
        const QTime time = QDateTime::fromMSecsSinceEpoch(instant).time();
        return time.hour() * 60.0 + time.minute() + time.second() / 60.0;
    };
    const QRectF column = dayColumn(day);
    const double top = std::clamp(yOfMinutes(minutesOf(start)), column.top(), column.bottom());
    const double bottom = std::clamp(yOfMinutes(minutesOf(end)), column.top(), column.bottom());
    return QRectF(column.left(), top, column.width(), bottom - top);
}

qint64 CalendarView::snapped(qint64 instant) const
{
    // Quarter hours are the same instants in every zone (see SlotCalculator).
    return (instant + Quarter / 2) / Quarter * Quarter;
}

qint64 CalendarView::instantInDay(int day, double y) const
{
    const double minutes = m_firstHour * 60
                           + (y - yOfMinutes(m_firstHour * 60.0)) / hourHeight() * 60;
    // Within the hours shown (the mouse may leave the grid while it drags).
    const int whole = std::clamp(int(std::round(minutes)), m_firstHour * 60, m_lastHour * 60);
    if (whole == 24 * 60)
        return dayStart(day + 1).toMSecsSinceEpoch();
    return QDateTime(firstDay().addDays(day), QTime(whole / 60, whole % 60)).toMSecsSinceEpoch();
}

TimeRange CalendarView::selection() const
{
    if (!m_drag.active || !m_drag.selecting)
        return {};
    // From the quarter pressed in to the quarter line nearest the mouse, a quarter at least,
    // whichever way the mouse went.
    const qint64 reach = snapped(m_drag.reach);
    if (reach > m_drag.anchor)
        return {m_drag.anchor, reach};
    return {std::min(reach, m_drag.anchor), m_drag.anchor + Quarter};
}

QPoint CalendarView::pointAt(qint64 instant) const
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(instant).date();
    const int day = int(firstDay().daysTo(date));
    if (day < 0 || day >= dayCount())
        return {};
    const QRectF span = spanRect(day, instant, instant + Minute);
    return QPoint(int(span.center().x()), int(std::ceil(span.top())) + 1);
}

qint64 CalendarView::instantAt(const QPoint &point) const
{
    const QRectF grid = gridRect();
    if (!grid.contains(point))
        return 0;
    const int day = std::clamp(int((point.x() - grid.left()) / dayWidth()), 0, dayCount() - 1);
    const double minutes = m_firstHour * 60
                           + (point.y() - yOfMinutes(m_firstHour * 60.0)) / hourHeight() * 60;
    const int whole = std::clamp(int(minutes), 0, 24 * 60 - 1);
    return QDateTime(firstDay().addDays(day), QTime(whole / 60, whole % 60)).toMSecsSinceEpoch();
}

QRect CalendarView::blockRect(const QString &appointmentId) const
{
    for (const Block &block : m_blocks) {
        if (m_model->entryAt(block.row).appointment.id == appointmentId)
            return block.rect.toAlignedRect();
    }
    return {};
}

QString CalendarView::appointmentAt(const QPoint &point) const
{
    // The topmost block under the point: the last painted.
    for (auto it = m_blocks.crbegin(); it != m_blocks.crend(); ++it) {
        if (it->rect.contains(point))
            return m_model->entryAt(it->row).appointment.id;
    }
    return {};
}

QSize CalendarView::sizeHint() const
{
    return QSize(900, 640);
}

QSize CalendarView::minimumSizeHint() const
{
    return QSize(axisWidth() + dayCount() * 60, headerHeight() + 10 * fontMetrics().height() * 2);
}

bool CalendarView::isDark() const
{
    return palette().color(QPalette::Base).lightness() < 128;
}

QColor CalendarView::typeColor(const QString &type) const
{
    // One hue per kind, a deeper shade on a light background and a lighter one on a dark.
    const bool dark = isDark();
    if (type == QLatin1String("enrollment"))
        return dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1e, 0x8e, 0x3e);
    if (type == QLatin1String("primary_care"))
        return dark ? QColor(0xc5, 0x8a, 0xf9) : QColor(0x84, 0x30, 0xce);
    if (type == QLatin1String("follow_up"))
        return dark ? QColor(0xfd, 0xc6, 0x6d) : QColor(0xc2, 0x6a, 0x01);
    return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x73, 0xe8); // consultation
}

void CalendarView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_span == Span::Month) {
        paintMonth(painter);
        return;
    }
    painter.save();
    painter.setClipRect(QRectF(0, headerHeight(), width(), height() - headerHeight()));
    paintGrid(painter);
    for (const Block &block : m_blocks) {
        const bool moving = m_drag.active
                            && m_model->entryAt(block.row).appointment.id == m_drag.id;
        paintBlock(painter, block.row, block.rect, moving);
    }
    if (m_drag.active) {
        // The block where it would land.
        const int row = m_model->rowOf(m_drag.id);
        if (row >= 0) {
            const Appointment &appointment = m_model->entryAt(row).appointment;
            const qint64 end = m_drag.resizing
                                   ? m_drag.newEnd
                                   : m_drag.newStart
                                         + (appointment.end() - appointment.scheduledDate);
            const int day = int(
                firstDay().daysTo(QDateTime::fromMSecsSinceEpoch(m_drag.newStart).date()));
            if (day >= 0 && day < dayCount()) {
                const QRectF span = spanRect(day, m_drag.newStart, end);
                paintBlock(painter, row, span.adjusted(2, 1, -4, -1));
            }
        }
    }
    if (m_drag.active && m_drag.selecting) {
        // The range being selected: translucent, with its times.
        const TimeRange range = selection();
        const QRectF rect = spanRect(m_drag.day, range.start, range.end).adjusted(1, 1, -2, -1);
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlphaF(0.22f);
        painter.save();
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
        painter.setBrush(fill);
        painter.drawRoundedRect(rect, 4, 4);
        const QString when
            = tr("%1 – %2").arg(DisplayTime::time(
                                    QDateTime::fromMSecsSinceEpoch(range.start).time()),
                                DisplayTime::time(QDateTime::fromMSecsSinceEpoch(range.end).time()));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(rect.adjusted(8, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop, when);
        painter.restore();
    }
    paintNowLine(painter);
    painter.restore();
    paintHeader(painter);
}

void CalendarView::paintHeader(QPainter &painter) const
{
    const QPalette pal = palette();
    const QRectF header(0, 0, width(), headerHeight());
    painter.fillRect(header, pal.color(QPalette::Base));
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_model->now()).date();
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.35);
    const QColor accent = pal.color(QPalette::Highlight);
    for (int day = 0; day < dayCount(); ++day) {
        const QDate date = firstDay().addDays(day);
        const QRectF column = dayColumn(day);
        const QRectF cell(column.left(), 4, column.width(), header.height() - 6);
        const bool isToday = date == today;
        painter.setFont(small);
        painter.setPen(isToday ? accent : pal.color(QPalette::PlaceholderText));
        const QString dayName = QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat).toUpper();
        if (!m_columnTitle.isEmpty()) {
            // A column of several side by side: the day small, whose calendar it is below.
            const QRectF dayRect(cell.left(), cell.top(), cell.width(), cell.height() * 0.4);
            painter.drawText(dayRect,
                             Qt::AlignHCenter | Qt::AlignBottom,
                             tr("%1 %2").arg(dayName, QLocale().toString(date.day())));
            QFont title = font();
            title.setBold(true);
            title.setPointSizeF(font().pointSizeF() * 1.15);
            painter.setFont(title);
            painter.setPen(pal.color(QPalette::Text));
            const QRectF titleRect(cell.left() + 4,
                                   dayRect.bottom(),
                                   cell.width() - 8,
                                   cell.height() * 0.6);
            painter.drawText(titleRect,
                             Qt::AlignCenter,
                             QFontMetricsF(title).elidedText(m_columnTitle,
                                                             Qt::ElideRight,
                                                             titleRect.width()));
            continue;
        }
        const QString name = dayName;
        const QRectF nameRect(cell.left(), cell.top(), cell.width(), cell.height() * 0.4);
        painter.drawText(nameRect, Qt::AlignHCenter | Qt::AlignBottom, name);
        painter.setFont(big);
        const QRectF numberRect(cell.left(), nameRect.bottom(), cell.width(), cell.height() * 0.6);
        const QString number = QLocale().toString(date.day());
        if (isToday) {
            const double d = QFontMetricsF(big).height() + 4;
            const QRectF circle(numberRect.center().x() - d / 2,
                                numberRect.center().y() - d / 2,
                                d,
                                d);
            painter.setPen(Qt::NoPen);
            painter.setBrush(accent);
            painter.drawEllipse(circle);
            painter.setPen(pal.color(QPalette::HighlightedText));
        } else {
            painter.setPen(pal.color(QPalette::Text));
        }
        painter.drawText(numberRect, Qt::AlignCenter, number);
    }
    painter.setFont(font());
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.drawLine(QPointF(0, header.bottom() - 0.5), QPointF(width(), header.bottom() - 0.5));
}

void CalendarView::paintGrid(QPainter &painter) const
{
    const QPalette pal = palette();
    const QRectF grid = gridRect();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    // Closed hours are shaded; open hours are the plain page.
    const QColor closed = mix(base, text, isDark() ? 0.10 : 0.055);
    painter.fillRect(grid, closed);
    for (const TimeRange &open : m_model->openRanges()) {
        for (int day = 0; day < dayCount(); ++day)
            painter.fillRect(spanRect(day, open.start, open.end), base);
    }
    // Time off: hatched over whatever is under it.
    QColor hatch = mix(base, text, 0.28);
    for (const TimeRange &off : m_model->timeOff()) {
        for (int day = 0; day < dayCount(); ++day) {
            const QRectF rect = spanRect(day, off.start, off.end);
            if (rect.height() <= 0)
                continue;
            painter.fillRect(rect, closed);
            painter.fillRect(rect, QBrush(hatch, Qt::BDiagPattern));
        }
    }

    // Hour lines across, half hours fainter; the axis labels beside them.
    const QColor line = mix(base, text, 0.16);
    const QColor halfLine = mix(base, text, 0.08);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetricsF metrics(small);
    for (int hour = m_firstHour; hour <= m_lastHour; ++hour) {
        const double y = std::round(yOfMinutes(hour * 60.0)) + 0.5;
        painter.setPen(QPen(line, 1));
        painter.drawLine(QPointF(grid.left() - 5, y), QPointF(grid.right(), y));
        if (hour < m_lastHour) {
            const double half = std::round(yOfMinutes(hour * 60.0 + 30)) + 0.5;
            painter.setPen(QPen(halfLine, 1, Qt::DotLine));
            painter.drawLine(QPointF(grid.left(), half), QPointF(grid.right(), half));
        }
        if (hour > m_firstHour && hour < m_lastHour) {
            painter.setPen(pal.color(QPalette::PlaceholderText));
            const QRectF label(0, y - metrics.height() / 2, grid.left() - 9, metrics.height());
            painter.drawText(label,
                             Qt::AlignRight | Qt::AlignVCenter,
                             DisplayTime::time(QTime(hour, 0)));
        }
    }
    painter.setFont(font());
    // Day separators.
    painter.setPen(QPen(line, 1));
    for (int day = 0; day <= dayCount(); ++day) {
        const double x = std::round(grid.left() + day * dayWidth()) + 0.5;
        painter.drawLine(QPointF(x, grid.top() - (day == 0 ? 0 : 6)), QPointF(x, grid.bottom()));
    }
}

void CalendarView::paintBlock(QPainter &painter, int row, const QRectF &rect, bool ghost) const
{
    const AppointmentReader::Entry &entry = m_model->entryAt(row);
    const Appointment &appointment = entry.appointment;
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor color = typeColor(AppointmentRules::toString(appointment.type));
    const bool cancelled = appointment.status == AppointmentStatus::Cancelled;
    const bool noShow = appointment.status == AppointmentStatus::NoShow;
    const bool completed = appointment.status == AppointmentStatus::Completed;
    const bool faded = cancelled || noShow || ghost;
    const bool selected = appointment.id == m_selectedId;

    painter.save();
    if (ghost)
        painter.setOpacity(0.35);
    QColor fill = mix(base, color, isDark() ? 0.32 : 0.16);
    if (faded)
        fill = mix(base, color, 0.06);
    QPainterPath path;
    path.addRoundedRect(rect, 4, 4);
    painter.fillPath(path, fill);
    // The type's colour down the left edge.
    painter.save();
    painter.setClipPath(path);
    painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()),
                     faded ? mix(base, color, 0.45) : color);
    painter.restore();
    // Pending: dashed, as not yet confirmed by the server.
    if (entry.pending) {
        QPen dashed(color, 1.4, Qt::DashLine);
        painter.setPen(dashed);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    } else if (selected) {
        painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    } else {
        painter.setPen(QPen(mix(fill, color, 0.35), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }

    QRectF inner = rect.adjusted(8, 2, -4, -2);
    if (entry.pending) {
        // A small clock at the top right.
        const double d = std::min(12.0, inner.height() - 2);
        if (d >= 7) {
            const QRectF clock(inner.right() - d, inner.top() + 1, d, d);
            painter.setPen(QPen(color, 1.2));
            painter.drawEllipse(clock);
            const QPointF c = clock.center();
            painter.drawLine(c, QPointF(c.x(), clock.top() + d * 0.22));
            painter.drawLine(c, QPointF(c.x() + d * 0.28, c.y()));
            inner.setRight(clock.left() - 2);
        }
    }
    QFont titleFont = font();
    titleFont.setBold(!faded);
    titleFont.setStrikeOut(cancelled);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    small.setStrikeOut(cancelled);
    const QColor ink = faded ? mix(base, text, 0.55) : text;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(appointment.end());
    QString when = tr("%1 – %2").arg(DisplayTime::time(start.time()), DisplayTime::time(end.time()));
    if (noShow)
        when = tr("No-show · %1").arg(when);
    else if (completed)
        when = tr("✓ %1").arg(when);
    const QString who = m_model->data(m_model->index(row), Qt::DisplayRole).toString();
    const QFontMetricsF titleMetrics(titleFont);
    const QFontMetricsF smallMetrics(small);
    painter.setClipRect(rect.adjusted(1, 1, -1, -1));
    if (inner.height() < titleMetrics.height() + smallMetrics.height()) {
        // A short block: one line, the name then the time.
        painter.setFont(titleFont);
        painter.setPen(ink);
        const QString line = tr("%1, %2").arg(who, DisplayTime::time(start.time()));
        painter.drawText(inner,
                         Qt::AlignLeft | Qt::AlignVCenter,
                         titleMetrics.elidedText(line, Qt::ElideRight, inner.width()));
    } else {
        double y = inner.top();
        painter.setFont(titleFont);
        painter.setPen(ink);
        painter.drawText(QRectF(inner.left(), y, inner.width(), titleMetrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         titleMetrics.elidedText(who, Qt::ElideRight, inner.width()));
        y += titleMetrics.height();
        painter.setFont(small);
        painter.setPen(noShow ? QColor(isDark() ? 0xf2b8b5 : 0xb3261e) : mix(base, ink, 0.8));
        painter.drawText(QRectF(inner.left(), y, inner.width(), smallMetrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         smallMetrics.elidedText(when, Qt::ElideRight, inner.width()));
        y += smallMetrics.height();
        if (y + smallMetrics.height() <= inner.bottom() + 1) {
            painter.setPen(mix(base, ink, 0.7));
            QString kind = AppointmentRules::displayName(appointment.type);
            if (entry.pending)
                kind = tr("%1 · to be confirmed").arg(kind);
            painter.drawText(QRectF(inner.left(), y, inner.width(), smallMetrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             smallMetrics.elidedText(kind, Qt::ElideRight, inner.width()));
        }
    }
    if (noShow) {
        // Marked across, as a missed visit.
        painter.setPen(QPen(QColor(isDark() ? 0xf2b8b5 : 0xb3261e), 1.2));
        painter.drawLine(QPointF(rect.right() - 12, rect.top() + 4),
                         QPointF(rect.right() - 4, rect.top() + 12));
        painter.drawLine(QPointF(rect.right() - 4, rect.top() + 4),
                         QPointF(rect.right() - 12, rect.top() + 12));
    }
    painter.restore();
}

void CalendarView::paintNowLine(QPainter &painter) const
{
    const qint64 now = m_model->now();
    const QDate today = QDateTime::fromMSecsSinceEpoch(now).date();
    const int day = int(firstDay().daysTo(today));
    if (day < 0 || day >= dayCount())
        return;
    const QRectF span = spanRect(day, now, now + 1);
    const QRectF column = dayColumn(day);
    if (span.top() <= column.top() || span.top() >= column.bottom())
        return;
    const QColor red = isDark() ? QColor(0xf2, 0x8b, 0x82) : QColor(0xd9, 0x30, 0x25);
    painter.save();
    painter.setPen(QPen(red, 2));
    painter.drawLine(QPointF(column.left(), span.top()), QPointF(column.right(), span.top()));
    painter.setPen(Qt::NoPen);
    painter.setBrush(red);
    painter.drawEllipse(QPointF(column.left(), span.top()), 5, 5);
    painter.restore();
}

QRectF CalendarView::monthCell(int day) const
{
    const double top = headerHeight() * 0.6;
    const double cellWidth = (width() - 1.0) / 7;
    const double cellHeight = (height() - top - 1.0) / 6;
    return QRectF((day % 7) * cellWidth, top + (day / 7) * cellHeight, cellWidth, cellHeight);
}

int CalendarView::monthDayAt(const QPoint &point) const
{
    for (int day = 0; day < 42; ++day) {
        if (monthCell(day).contains(point))
            return day;
    }
    return -1;
}

void CalendarView::paintMonth(QPainter &painter) const
{
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor line = mix(base, text, 0.16);
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_model->now()).date();
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetricsF smallMetrics(small);
    // Weekday names across the top.
    painter.setFont(small);
    painter.setPen(pal.color(QPalette::PlaceholderText));
    for (int column = 0; column < 7; ++column) {
        const QRectF cell = monthCell(column);
        painter.drawText(QRectF(cell.left(), 0, cell.width(), cell.top()),
                         Qt::AlignCenter,
                         QLocale().dayName(column + 1, QLocale::ShortFormat).toUpper());
    }
    // Appointments by day, in start order (the model's).
    QList<QList<int>> byDay(42);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QDate date
            = QDateTime::fromMSecsSinceEpoch(m_model->entryAt(row).appointment.scheduledDate).date();
        const int day = int(firstDay().daysTo(date));
        if (day >= 0 && day < 42)
            byDay[day].append(row);
    }
    const double lineHeight = smallMetrics.height() + 2;
    for (int day = 0; day < 42; ++day) {
        const QDate date = firstDay().addDays(day);
        const QRectF cell = monthCell(day);
        const bool inMonth = date.month() == m_date.month();
        if (!inMonth || date.dayOfWeek() > 5)
            painter.fillRect(cell, mix(base, text, 0.035));
        painter.setPen(QPen(line, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cell.adjusted(0.5, 0.5, 0.5, 0.5));
        // The day's number, today's in a circle.
        painter.setFont(small);
        const QRectF number(cell.left() + 6,
                            cell.top() + 4,
                            smallMetrics.height() + 6,
                            smallMetrics.height() + 2);
        if (date == today) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(pal.color(QPalette::Highlight));
            painter.drawEllipse(QRectF(number.center().x() - number.height() / 2,
                                       number.top(),
                                       number.height(),
                                       number.height()));
            painter.setPen(pal.color(QPalette::HighlightedText));
        } else {
            painter.setPen(inMonth ? text : pal.color(QPalette::PlaceholderText));
        }
        painter.drawText(number, Qt::AlignCenter, QLocale().toString(date.day()));
        // As many appointments as fit, then "+N more".
        const QList<int> &rows = byDay.at(day);
        double y = number.bottom() + 3;
        const int fit = std::max(0, int((cell.bottom() - y - 2) / lineHeight));
        const int shown = rows.size() > fit ? std::max(0, fit - 1) : int(rows.size());
        for (int i = 0; i < shown; ++i) {
            const AppointmentReader::Entry &entry = m_model->entryAt(rows.at(i));
            const Appointment &appointment = entry.appointment;
            const bool faded = appointment.status == AppointmentStatus::Cancelled
                               || appointment.status == AppointmentStatus::NoShow;
            const QColor color = typeColor(AppointmentRules::toString(appointment.type));
            const QRectF item(cell.left() + 4, y, cell.width() - 8, lineHeight - 1);
            // A dot in the type's colour: hollow while pending.
            const double d = 7;
            const QRectF dot(item.left() + 2, item.center().y() - d / 2, d, d);
            painter.setPen(QPen(color, 1.4));
            painter.setBrush(entry.pending ? QBrush(Qt::NoBrush)
                                           : QBrush(faded ? mix(base, color, 0.4) : color));
            painter.drawEllipse(dot);
            QFont itemFont = small;
            itemFont.setStrikeOut(appointment.status == AppointmentStatus::Cancelled);
            painter.setFont(itemFont);
            painter.setPen(faded ? mix(base, text, 0.55) : text);
            const QString label = tr("%1 %2").arg(
                DisplayTime::time(QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate).time()),
                m_model->data(m_model->index(rows.at(i)), Qt::DisplayRole).toString());
            const QRectF textRect = item.adjusted(d + 6, 0, 0, 0);
            painter.drawText(textRect,
                             Qt::AlignLeft | Qt::AlignVCenter,
                             smallMetrics.elidedText(label, Qt::ElideRight, textRect.width()));
            y += lineHeight;
        }
        if (rows.size() > shown) {
            painter.setFont(small);
            painter.setPen(pal.color(QPalette::PlaceholderText));
            painter.drawText(QRectF(cell.left() + 6, y, cell.width() - 12, lineHeight),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             tr("+%1 more").arg(rows.size() - shown));
        }
    }
    painter.setFont(font());
}

void CalendarView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void CalendarView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange) {
        m_axisWidth = -1;
        relayout();
    }
}

void CalendarView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_drag = {};
    m_drag.pressedAt = event->position().toPoint();
    const QString id = appointmentAt(m_drag.pressedAt);
    selectAppointment(id);
    if (!id.isEmpty()) {
        const int row = m_model->rowOf(id);
        const Appointment &appointment = m_model->entryAt(row).appointment;
        m_drag.id = id;
        m_drag.originalStart = appointment.scheduledDate;
        m_drag.newStart = appointment.scheduledDate;
        const qint64 at = instantAt(m_drag.pressedAt);
        m_drag.grabOffset = at > 0 ? at - appointment.scheduledDate : 0;
        m_drag.originalEnd = appointment.end();
        m_drag.newEnd = appointment.end();
        m_drag.resizing = m_drag.pressedAt.y() >= blockRect(id).bottom() - 4;
        if (!AppointmentRules::canReschedule(appointment.status))
            m_drag.id.clear(); // selectable, not movable
    } else if (m_span != Span::Month) {
        // Free time: a drag from here selects a range to book.
        const qint64 at = instantAt(m_drag.pressedAt);
        if (at > 0) {
            m_drag.selecting = true;
            m_drag.day = std::clamp(int((m_drag.pressedAt.x() - gridRect().left()) / dayWidth()),
                                    0,
                                    dayCount() - 1);
            m_drag.anchor = at / Quarter * Quarter;
            m_drag.reach = m_drag.anchor;
        }
    }
    update();
}

void CalendarView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (!(event->buttons() & Qt::LeftButton) || (m_drag.id.isEmpty() && !m_drag.selecting)) {
        const QString id = appointmentAt(at);
        const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
        const bool movable = row >= 0
                             && m_model->index(row).data(CalendarModel::CanRescheduleRole).toBool();
        setCursor(!movable                               ? Qt::ArrowCursor
                  : at.y() >= blockRect(id).bottom() - 4 ? Qt::SizeVerCursor
                                                         : Qt::OpenHandCursor);
        return;
    }
    if (!m_drag.active
        && (at - m_drag.pressedAt).manhattanLength() < QApplication::startDragDistance()) {
        return;
    }
    if (m_drag.selecting) {
        m_drag.active = true;
        m_drag.reach = instantInDay(m_drag.day, at.y());
        setCursor(Qt::ArrowCursor);
        update();
        return;
    }
    const qint64 instant = instantAt(at);
    if (instant <= 0)
        return;
    m_drag.active = true;
    if (m_drag.resizing) {
        setCursor(Qt::SizeVerCursor);
        m_drag.newEnd = std::max(snapped(instant), m_drag.originalStart + Quarter);
    } else {
        setCursor(Qt::ClosedHandCursor);
        m_drag.newStart = snapped(instant - m_drag.grabOffset);
    }
    update();
}

void CalendarView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    if (m_span == Span::Month) {
        // A click on a day opens it.
        const int day = monthDayAt(event->position().toPoint());
        m_drag = {};
        if (day >= 0) {
            m_date = firstDay().addDays(day);
            m_span = Span::Day;
            applyRange();
        }
        return;
    }
    const Drag drag = m_drag;
    const TimeRange selected = selection();
    m_drag = {};
    setCursor(Qt::ArrowCursor);
    if (drag.active && drag.selecting) {
        update();
        emit bookingRequested(selected.start, int((selected.end - selected.start) / Minute));
        return;
    }
    if (drag.active) {
        update();
        if (drag.resizing && drag.newEnd != drag.originalEnd)
            emit resizeRequested(drag.id, int((drag.newEnd - drag.originalStart) / Minute));
        else if (!drag.resizing && drag.newStart != drag.originalStart)
            emit moveRequested(drag.id, drag.newStart);
        return;
    }
    const QPoint at = event->position().toPoint();
    if ((at - drag.pressedAt).manhattanLength() >= QApplication::startDragDistance())
        return;
    if (!appointmentAt(at).isEmpty())
        return; // a click on a block selects it (done on press)
    const qint64 instant = instantAt(at);
    if (instant > 0)
        emit bookingRequested(instant / Quarter * Quarter, 0); // the quarter hour clicked in
}

void CalendarView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QString id = appointmentAt(event->position().toPoint());
    if (!id.isEmpty())
        emit appointmentActivated(id);
}

void CalendarView::cancelDrag()
{
    if (m_drag.active || !m_drag.id.isEmpty() || m_drag.selecting) {
        m_drag = {};
        setCursor(Qt::ArrowCursor);
        update();
    }
}

void CalendarView::selectAppointment(const QString &appointmentId)
{
    m_selectedId = appointmentId;
    const int row = appointmentId.isEmpty() ? -1 : m_model->rowOf(appointmentId);
    setAccessibleDescription(row >= 0 ? m_model->index(row).data(Qt::AccessibleTextRole).toString()
                                      : QString());
    if (QAccessible::isActive()) {
        QAccessibleEvent changed(this, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&changed);
    }
    update();
}

void CalendarView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_drag.active) {
        cancelDrag(); // the block stays where it was
        event->accept();
        return;
    }
    const bool plain = !(event->modifiers() & (Qt::AltModifier | Qt::ControlModifier));
    const int rows = m_model->rowCount();
    if (plain && rows > 0
        && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Up
            || event->key() == Qt::Key_Right || event->key() == Qt::Key_Down)) {
        // The model is in start order: step through the appointments in time.
        const int current = m_selectedId.isEmpty() ? -1 : m_model->rowOf(m_selectedId);
        const bool back = event->key() == Qt::Key_Left || event->key() == Qt::Key_Up;
        const int next = current < 0 ? (back ? rows - 1 : 0)
                                     : std::clamp(current + (back ? -1 : 1), 0, rows - 1);
        selectAppointment(m_model->index(next).data(CalendarModel::IdRole).toString());
        event->accept();
        return;
    }
    if (!m_selectedId.isEmpty()
        && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        emit appointmentActivated(m_selectedId);
        event->accept();
        return;
    }
    if (!m_selectedId.isEmpty()
        && (event->key() == Qt::Key_Menu
            || (event->key() == Qt::Key_F10 && (event->modifiers() & Qt::ShiftModifier)))) {
        const QRect block = blockRect(m_selectedId);
        emit appointmentMenuRequested(m_selectedId,
                                      mapToGlobal(block.isEmpty() ? QPoint() : block.center()));
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void CalendarView::contextMenuEvent(QContextMenuEvent *event)
{
    const QString id = appointmentAt(event->pos());
    if (id.isEmpty())
        return;
    selectAppointment(id);
    emit appointmentMenuRequested(id, event->globalPos());
}

bool CalendarView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString id = appointmentAt(help->pos());
        const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
        if (row >= 0)
            QToolTip::showText(help->globalPos(),
                               m_model->index(row).data(Qt::ToolTipRole).toString(),
                               this,
                               blockRect(id));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace Crm
