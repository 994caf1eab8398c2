#pragma once

#include "domain/slotcalculator.h"

#include <QDate>
#include <QWidget>

class QScrollBar;
class QTimer;

namespace Crm {

class CalendarModel;

// The calendar's time grid: a day, a work week (Monday to Friday) or a full week side by side
// (or a month of days, each listing its appointments; a click opens the day),
// hours down the left in the user's zone, the provider's open hours light and the rest shaded,
// time off hatched, a line at "now", and the appointments of the CalendarModel as blocks
// coloured by type and styled by status (cancelled struck through, no-show marked, pending
// dashed with a clock). Overlapping blocks sit side by side (CalendarLayout).
//
// Clicking free time asks for a booking there; dragging over free time selects a range (snapped
// to the quarter hour, shown translucent) and asks for a booking of that length; dragging a
// block asks to move it (snapped to the quarter hour). Esc cancels a drag. The view decides
// nothing: it says what was asked (bookingRequested, moveRequested) and shows the model once
// the owner has answered.
//
// For screen readers each block shown is an accessible child of the view (a button named by
// CalendarModel::describe, at the block's place; its press action opens the details).
class CalendarView final : public QWidget
{
    Q_OBJECT

public:
    enum class Span { Day, WorkWeek, Week, Month };

    explicit CalendarView(CalendarModel *model, QWidget *parent = nullptr);

    CalendarModel *model() const { return m_model; }

    // The days shown: the span around `date` (its week, from Monday, or the day itself). Each
    // sets the model's range.
    void setSpan(Span span);
    Span span() const { return m_span; }
    void setDate(const QDate &date);
    QDate date() const { return m_date; }
    QDate firstDay() const;
    int dayCount() const;
    void showToday();
    void showNext();
    void showPrevious();
    // "5 Jan 2026 – 9 Jan 2026", or a day's name and date.
    QString title() const;

    // Geometry, for tests and the owner's menus: where a time is drawn (the top of its slot,
    // in the middle of its day's column), the instant under a point (not snapped; 0 outside
    // the grid), and where an appointment's block is (empty when not shown).
    QPoint pointAt(qint64 instant) const;
    qint64 instantAt(const QPoint &point) const;
    QRect blockRect(const QString &appointmentId) const;
    QString appointmentAt(const QPoint &point) const;
    // The block chosen by a click or the arrow keys (Left/Up: the one before in time,
    // Right/Down: the one after; Enter opens it; the menu key or Shift+F10 its menu). Its
    // description is the view's accessible description, so a screen reader says it.
    QString selectedAppointment() const { return m_selectedId; }
    void selectAppointment(const QString &appointmentId);
    bool isDragging() const { return m_drag.active; }
    // The range being selected by a drag over free time (empty when none).
    TimeRange selection() const;
    // The appointments whose blocks are on screen, in the order they are painted (by day, then
    // start): the view's accessible children.
    QStringList visibleAppointments() const;
    // The hours shown are at least [first, last) (a view beside others shows the same hours).
    void setMinimumHours(int firstHour, int lastHour);
    int firstHour() const { return m_firstHour; }
    int lastHour() const { return m_lastHour; }
    // A title over the day (the provider's name when several calendars sit side by side).
    void setColumnTitle(const QString &title);
    QString columnTitle() const { return m_columnTitle; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void rangeChanged();
    // Free time was clicked: a booking starting at `start` (the quarter hour under the mouse),
    // durationMinutes 0 (the kind's usual length); or a range of free time was dragged over:
    // its start and length (whole quarter hours).
    void bookingRequested(qint64 start, int durationMinutes);
    // The blocks laid out anew (another range, a reload, a resize).
    void blocksChanged();
    // A block was dropped at a new start (snapped); the owner moves it or the model springs
    // it back on its next reload.
    void moveRequested(const QString &appointmentId, qint64 newStart);
    // A block's bottom edge was dragged: the same start, a new length (snapped, at least a
    // quarter hour).
    void resizeRequested(const QString &appointmentId, int durationMinutes);
    void appointmentActivated(const QString &appointmentId);
    void appointmentMenuRequested(const QString &appointmentId, const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Block
    {
        int row = -1;
        int day = 0;
        QRectF rect;
    };
    struct Drag
    {
        QString id;
        QPoint pressedAt;
        qint64 grabOffset = 0; // from the block's start to the instant pressed
        qint64 originalStart = 0;
        qint64 newStart = 0;
        bool active = false;   // moved far enough to be a drag
        bool resizing = false; // grabbed by its bottom edge: the end moves, not the start
        qint64 originalEnd = 0;
        qint64 newEnd = 0;
        // Pressed on free time: a drag selects [anchor, the time under the mouse] on that day.
        bool selecting = false;
        int day = 0;
        qint64 anchor = 0;
        qint64 reach = 0;
    };

    void applyRange();
    void relayout();
    void updateScrollBar();
    double contentHeight() const;
    void cancelDrag();
    // Grid geometry.
    int headerHeight() const;
    int axisWidth() const;
    QRectF gridRect() const;
    double dayWidth() const;
    double hourHeight() const;
    double yOfMinutes(double minutesOfDay) const;
    QRectF dayColumn(int day) const;
    QDateTime dayStart(int day) const;
    // The rectangle of [start, end) on day `day`, clipped to the hours shown.
    QRectF spanRect(int day, qint64 start, qint64 end) const;
    qint64 snapped(qint64 instant) const;
    // The instant at height y on day `day` (clamped to that day), not snapped.
    qint64 instantInDay(int day, double y) const;

    void paintHeader(QPainter &painter) const;
    void paintGrid(QPainter &painter) const;
    void paintBlock(QPainter &painter, int row, const QRectF &rect, bool ghost = false) const;
    void paintNowLine(QPainter &painter) const;
    // The month: six weeks of days, each with its first appointments and how many more.
    void paintMonth(QPainter &painter) const;
    QRectF monthCell(int day) const;
    int monthDayAt(const QPoint &point) const; // -1 outside the days
    QColor typeColor(const QString &type) const;
    bool isDark() const;

    CalendarModel *m_model; // not owned; outlives the view
    Span m_span = Span::WorkWeek;
    QDate m_date;
    int m_firstHour = 8;
    int m_lastHour = 18;
    QList<Block> m_blocks;
    QString m_selectedId;
    mutable int m_axisWidth = -1; // axisWidth(), measured once per font and language
    Drag m_drag;
    QTimer *m_minuteTimer;
    // When the hours shown do not fit at a readable height, the grid scrolls under the header.
    QScrollBar *m_scroll;
    int m_scrolledTo = -1; // the first hour scrolled to for this range (-1: not yet)
    int m_minFirstHour = 24;
    int m_minLastHour = 0;
    QString m_columnTitle;
};

} // namespace Crm
