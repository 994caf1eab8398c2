#include "notificationdelegate.h"

#include "item/notificationlistmodel.h"

#include "domain/displaytime.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace Crm {

namespace {

constexpr int Margin = 8;
constexpr int DotSize = 10;
constexpr int LineSpacing = 2;

} // namespace

QString NotificationDelegate::relativeTime(qint64 thenMs, qint64 nowMs)
{
    // A clock a little behind the sync worker's (or a notice from "the future") reads as now.
    const qint64 minutes = qMax<qint64>(0, nowMs - thenMs) / 60000;
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return tr("%n min ago", nullptr, int(minutes));
    if (minutes < 24 * 60)
        return tr("%n h ago", nullptr, int(minutes / 60));
    // Past a day, calendar days: at 08:00, a notice from 23:00 the day before yesterday (33 h
    // ago) is "2 days ago", not "yesterday".
    const QDate then = QDateTime::fromMSecsSinceEpoch(thenMs).date();
    const qint64 days = then.daysTo(QDateTime::fromMSecsSinceEpoch(nowMs).date());
    if (days <= 1)
        return tr("yesterday");
    if (days < 7)
        return tr("%n days ago", nullptr, int(days));
    return DisplayTime::date(then);
}

QColor NotificationDelegate::kindColor(const QString &kind)
{
    if (kind == QLatin1String("new_lead"))
        return QColor(0x1a, 0x73, 0xe8); // blue: something to pick up
    if (kind == QLatin1String("follow_up_due"))
        return QColor(0xf2, 0x99, 0x00); // amber: due
    if (kind == QLatin1String("appointment_soon") || kind == QLatin1String("appointment_changed"))
        return QColor(0x1e, 0x8e, 0x3e); // green: on the calendar
    if (kind == QLatin1String("reminder_failed"))
        return QColor(0xc5, 0x22, 0x1f); // red: a lead was not reached
    if (kind == QLatin1String("conflict"))
        return QColor(0xe3, 0x74, 0x00); // orange: needs a choice
    if (kind == QLatin1String("rejected"))
        return QColor(0xc5, 0x22, 0x1f); // red: a change was undone
    return QColor(0x80, 0x86, 0x8b);
}

QSize NotificationDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    Q_UNUSED(index)
    // The list stretches items to its width; only the height matters.
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const int height = 2 * option.fontMetrics.height() + QFontMetrics(small).height()
                       + 2 * LineSpacing + 2 * Margin;
    return {200, height};
}

void NotificationDelegate::paint(QPainter *painter,
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

    const bool unread = index.data(NotificationListModel::UnreadRole).toBool();
    const QString kind = index.data(NotificationListModel::KindRole).toString();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal
                                                                         : QPalette::Disabled;
    const QColor text = opt.palette.color(group,
                                          selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.65);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect area = opt.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const int lineHeight = opt.fontMetrics.height();

    // Filled while unread, a ring once read: the kind stays visible either way.
    const QRect dot(area.left(), area.top() + (lineHeight - DotSize) / 2, DotSize, DotSize);
    const QColor color = kindColor(kind);
    painter->setPen(QPen(color, 1.5));
    painter->setBrush(unread ? QBrush(color) : QBrush(Qt::NoBrush));
    painter->drawEllipse(QRectF(dot).adjusted(0.75, 0.75, -0.75, -0.75));

    const int left = dot.right() + Margin;
    const int width = area.right() - left;
    QFont titleFont = opt.font;
    titleFont.setBold(unread);
    painter->setFont(titleFont);
    painter->setPen(text);
    const QString title = index.data(NotificationListModel::TitleRole).toString();
    const QRect titleRect(left, area.top(), width, lineHeight);
    painter->drawText(titleRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, width));

    painter->setFont(opt.font);
    const QString body = index.data(NotificationListModel::BodyRole).toString().simplified();
    const QRect bodyRect(left, titleRect.bottom() + 1 + LineSpacing, width, lineHeight);
    painter->drawText(bodyRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(body, Qt::ElideRight, width));

    QFont small = opt.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter->setFont(small);
    painter->setPen(muted);
    const qint64 createdAt = index.data(NotificationListModel::CreatedAtRole).toLongLong();
    const QString meta = tr("%1 · %2").arg(NotificationListModel::kindName(kind),
                                           relativeTime(createdAt,
                                                        QDateTime::currentMSecsSinceEpoch()));
    const QFontMetrics smallMetrics(small);
    const QRect metaRect(left, bodyRect.bottom() + 1 + LineSpacing, width, smallMetrics.height());
    painter->drawText(metaRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(meta, Qt::ElideRight, width));
    painter->restore();
}

} // namespace Crm
