#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QBarSet;
class QChart;

namespace Crm {

// The metrics screens' charts: one look (no animation, square, legend below) and horizontal
// bars whose category names stay readable at any width.
class Charts final
{
public:
    static QChart *create(const QString &title);
    // Removes every series and axis.
    static void clear(QChart *chart);
    // Horizontal bars over `categories`, read top-down; replaces what the chart showed. The
    // chart takes the sets. Values run from 0 to a little over `maximum`.
    static void fillBars(QChart *chart,
                         QStringList categories,
                         const QList<QBarSet *> &sets,
                         double maximum,
                         const QString &format = QStringLiteral("%d"));
};

} // namespace Crm
