#pragma once

#include <QStyledItemDelegate>

namespace Crm {

// Paints one row of an AgendaModel on two lines: the start time (and "Tomorrow" under it when
// it is not today), the lead's name with the time until it starts at the right (stressed
// while it is under way), and "Consultation · Confirmed" underneath, the status coloured by
// what became of the meeting.
class AgendaDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Crm
