#include "agendadelegate.h"

#include "domain/displaytime.h"
#include "item/agendamodel.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace Crm {

namespace {

constexpr int Margin = 7;
constexpr int LineSpacing = 2;
constexpr int Gap = 10;

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    return small;
}

// The width the time column takes: the widest start time of the day (in bold), or the day's
// name under it, whatever the language.
int timeWidth(const QFont &font, QPaintDevice *device)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(bold, device);
    int widest = 0;
    for (const QTime time : {QTime(10, 0), QTime(20, 0), QTime(23, 59), QTime(12, 0)})
        widest = std::max(widest, metrics.horizontalAdvance(DisplayTime::time(time)));
    const QFontMetrics small(smallFont(font), device);
    return std::max(widest, small.horizontalAdvance(AgendaModel::tr("Tomorrow"))) + 2;
}

} // namespace

QSize AgendaDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    // The list stretches rows to its width; only the height matters.
    const int height = option.fontMetrics.height() + QFontMetrics(smallFont(option.font)).height()
                       + LineSpacing + 2 * Margin;
    return {240, height};
}

void AgendaDelegate::paint(QPainter *painter,
                           const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The style paints the background, selection and focus; the text is drawn here.
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal
                                                                         : QPalette::Disabled;
    const QColor text = opt.palette.color(group,
                                          selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.65);
    const QString status = index.data(AgendaModel::StatusRole).toString();
    const bool underway = index.data(AgendaModel::UnderwayRole).toBool();
    QColor statusColor = muted;
    if (!selected) {
        if (status == QLatin1String("no_show"))
            statusColor = QColor(0xb3, 0x26, 0x1e); // red: missed
        else if (status == QLatin1String("completed"))
            statusColor = QColor(0x1e, 0x7b, 0x34); // green: held
        else if (status == QLatin1String("confirmed"))
            statusColor = QColor(0x1d, 0x5f, 0xb0); // blue: on
    }
    const QColor accent = selected ? text : QColor(0x1d, 0x5f, 0xb0);

    painter->save();
    const QRect area = opt.rect.adjusted(Margin + 2, Margin, -Margin - 2, -Margin);
    const int lineHeight = QFontMetrics(opt.font, painter->device()).height();
    const QFont small = smallFont(opt.font);
    // Measured as this painter draws (a grab into an image may differ from the screen).
    const QFontMetrics smallMetrics(small, painter->device());
    const QFontMetrics metrics(opt.font, painter->device());
    const QModelIndex row = index.siblingAtColumn(AgendaModel::Time);

    // The time column: the start, and the day under it when it is not today.
    const int timeColumn = timeWidth(opt.font, painter->device());
    QFont timeFont = opt.font;
    timeFont.setBold(true);
    painter->setFont(timeFont);
    painter->setPen(underway ? accent : text);
    const QRect timeRect(area.left(), area.top(), timeColumn, lineHeight);
    painter->drawText(timeRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(AgendaModel::StartTimeRole).toString());
    const QString day = index.data(AgendaModel::DayRole).toString();
    const QRect secondLine(area.left(),
                           timeRect.bottom() + 1 + LineSpacing,
                           area.width(),
                           smallMetrics.height());
    if (!day.isEmpty()) {
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(QRect(secondLine.left(), secondLine.top(), timeColumn, secondLine.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(day, Qt::ElideRight, timeColumn));
    }

    // Right: the time until it starts.
    const int left = area.left() + timeColumn + Gap;
    const QString until = row.siblingAtColumn(AgendaModel::Until).data().toString();
    QFont untilFont = opt.font;
    untilFont.setBold(underway);
    const QFontMetrics untilMetrics(untilFont, painter->device());
    const int untilWidth = std::min(untilMetrics.horizontalAdvance(until) + 2,
                                    (area.right() - left) / 2);
    painter->setFont(untilFont);
    painter->setPen(underway ? accent : muted);
    painter->drawText(QRect(area.right() - untilWidth, area.top(), untilWidth, lineHeight),
                      Qt::AlignRight | Qt::AlignVCenter,
                      untilMetrics.elidedText(until, Qt::ElideRight, untilWidth));

    // The lead, then "Consultation · Confirmed" under it.
    const int nameWidth = area.right() - untilWidth - Gap - left;
    painter->setFont(opt.font);
    painter->setPen(text);
    painter->drawText(QRect(left, area.top(), nameWidth, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(row.siblingAtColumn(AgendaModel::Lead).data().toString(),
                                         Qt::ElideRight,
                                         nameWidth));
    painter->setFont(small);
    const QString type = row.siblingAtColumn(AgendaModel::Type).data().toString();
    const QString separator = QStringLiteral(" · ");
    const int width = area.right() - left;
    const QString typeText = smallMetrics.elidedText(type, Qt::ElideRight, width);
    painter->setPen(muted);
    painter->drawText(QRect(left, secondLine.top(), width, secondLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      typeText + separator);
    const int statusLeft = left + smallMetrics.horizontalAdvance(typeText + separator);
    const int statusWidth = area.right() - statusLeft;
    if (statusWidth > 0) {
        painter->setPen(statusColor);
        painter->drawText(QRect(statusLeft, secondLine.top(), statusWidth, secondLine.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics
                              .elidedText(row.siblingAtColumn(AgendaModel::Status).data().toString(),
                                          Qt::ElideRight,
                                          statusWidth));
    }
    painter->restore();
}

} // namespace Crm
