#pragma once

#include <QList>
#include <QString>

namespace Crm {

// Where the blocks of a calendar day sit side by side (API-free, pixel-free): appointments that
// overlap in time (booked with override, or a pending booking beside a confirmed one) share the
// day's width instead of covering each other, as in the calendars people know.
//
// Blocks that overlap, directly or through a chain of others, form a cluster; within a
// cluster each block takes the leftmost column free at its start (earlier start first, the
// longer first on a tie, then by id, so the layout is stable), and every block of the cluster
// divides the width by the cluster's column count. A block then widens to the right over
// columns that stay free for its whole span. Touching blocks (one ends when the next starts)
// do not overlap.
class CalendarLayout final
{
public:
    struct Block
    {
        QString id;
        qint64 start = 0;
        qint64 end = 0;
    };
    struct Placement
    {
        QString id;
        int column = 0;  // 0-based, from the left
        int span = 1;    // columns it covers, from `column`
        int columns = 1; // columns of its cluster: its width is span / columns of the day
    };

    // One placement per block, in the order of the blocks given.
    static QList<Placement> arrange(const QList<Block> &blocks);
};

} // namespace Crm
