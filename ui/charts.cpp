#include "charts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace Crm {

QChart *Charts::create(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(false);
    return chart;
}

void Charts::clear(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        axis->deleteLater();
    }
}

void Charts::fillBars(QChart *chart,
                      QStringList categories,
                      const QList<QBarSet *> &sets,
                      double maximum,
                      const QString &format)
{
    clear(chart);
    auto *series = new QHorizontalBarSeries;
    // Horizontal bars run bottom-up; the lists read top-down.
    std::reverse(categories.begin(), categories.end());
    for (QBarSet *set : sets) {
        QList<qreal> values;
        for (int i = set->count() - 1; i >= 0; --i)
            values << set->at(i);
        set->remove(0, set->count());
        set->append(values);
        series->append(set);
    }
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(categories.isEmpty() ? QStringList{QString()} : categories);
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto *values = new QValueAxis;
    values->setRange(0, qMax(1.0, maximum * 1.1));
    values->setLabelFormat(format);
    values->setTickCount(5);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    chart->legend()->setVisible(sets.size() > 1);
}

} // namespace Crm
