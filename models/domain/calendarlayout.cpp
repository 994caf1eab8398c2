#include "calendarlayout.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace Crm {

QList<CalendarLayout::Placement> CalendarLayout::arrange(const QList<Block> &blocks)
{
    QList<qsizetype> order(blocks.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const Block &x = blocks.at(a);
        const Block &y = blocks.at(b);
        if (x.start != y.start)
            return x.start < y.start;
        if (x.end != y.end)
            return x.end > y.end;
        return x.id < y.id;
    });

    QList<Placement> placed(blocks.size());
    qsizetype clusterBegin = 0;
    while (clusterBegin < order.size()) {
        // The cluster: blocks reached by a chain of overlaps, in start order.
        qint64 clusterEnd = blocks.at(order.at(clusterBegin)).end;
        qsizetype clusterStop = clusterBegin + 1;
        while (clusterStop < order.size() && blocks.at(order.at(clusterStop)).start < clusterEnd) {
            clusterEnd = std::max(clusterEnd, blocks.at(order.at(clusterStop)).end);
            ++clusterStop;
        }
        // Leftmost free column at each start.
        QList<qint64> columnFreeAt; // when each column's last block ends
        for (qsizetype i = clusterBegin; i < clusterStop; ++i) {
            const Block &block = blocks.at(order.at(i));
            int column = 0;
            while (column < columnFreeAt.size() && columnFreeAt.at(column) > block.start)
                ++column;
            if (column == columnFreeAt.size())
                columnFreeAt.append(block.end);
            else
                columnFreeAt[column] = block.end;
            placed[order.at(i)] = {block.id, column, 1, 0};
        }
        const int columns = int(columnFreeAt.size());
        // Widen to the right while no block of the next column meets this one's span.
        for (qsizetype i = clusterBegin; i < clusterStop; ++i) {
            Placement &placement = placed[order.at(i)];
            placement.columns = columns;
            const Block &block = blocks.at(order.at(i));
            for (int next = placement.column + 1; next < columns; ++next) {
                bool blocked = false;
                for (qsizetype j = clusterBegin; j < clusterStop && !blocked; ++j) {
                    const Block &other = blocks.at(order.at(j));
                    blocked = placed.at(order.at(j)).column == next && other.start < block.end
                              && block.start < other.end;
                }
                if (blocked)
                    break;
                ++placement.span;
            }
        }
        clusterBegin = clusterStop;
    }
    return placed;
}

} // namespace Crm
