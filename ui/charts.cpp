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
    // The series and axes are made once and then updated in place: a chart whose axes are
    // swapped draws the old labels under the new ones until it is repainted from scratch.
    auto *series = qobject_cast<QHorizontalBarSeries *>(chart->series().value(0));
    auto *names = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Vertical).value(0));
    auto *values = qobject_cast<QValueAxis *>(chart->axes(Qt::Horizontal).value(0));
    if (!series || !names || !values) {
        clear(chart);
        series = new QHorizontalBarSeries;
        names = new QBarCategoryAxis;
        values = new QValueAxis;
        chart->addSeries(series);
        chart->addAxis(names, Qt::AlignLeft);
        chart->addAxis(values, Qt::AlignBottom);
        series->attachAxis(names);
        series->attachAxis(values);
    }
    series->clear();
    // Horizontal bars run bottom-up; the lists read top-down.
    std::reverse(categories.begin(), categories.end());
    for (QBarSet *set : sets) {
        QList<qreal> reversed;
        for (int i = set->count() - 1; i >= 0; --i)
            reversed << set->at(i);
        set->remove(0, set->count());
        set->append(reversed);
        series->append(set);
    }
    names->setCategories(categories.isEmpty() ? QStringList{QString()} : categories);
    values->setRange(0, qMax(1.0, maximum * 1.1));
    values->setLabelFormat(format);
    values->setTickCount(5);
    values->applyNiceNumbers(); // 0, 10, 20... rather than 0, 9, 18
    chart->legend()->setVisible(sets.size() > 1);
}

} // namespace Crm
