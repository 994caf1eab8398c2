#pragma once

#include <QStyledItemDelegate>

namespace Crm {

// Paints one notice of a NotificationListModel: a dot in the colour of its kind, the title
// (bold while unread), the body on one line, and "New lead · 5 min ago" underneath.
class NotificationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date.
    static QString relativeTime(qint64 thenMs, qint64 nowMs);
    // The dot's colour for a notice kind.
    static QColor kindColor(const QString &kind);
};

} // namespace Crm
