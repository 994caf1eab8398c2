#pragma once

#include "item/calendarmodel.h"

#include <QDate>
#include <QSqlDatabase>
#include <QWidget>

class QHBoxLayout;

namespace Crm {

class CalendarView;

// Several providers' calendars for one day, side by side: one column per provider, each a
// whole CalendarView (its day) over a CalendarModel of its own, the provider's name over it,
// and the same hours in every column so the rows line up. A column is a calendar like any
// other: a click or a drag there books for that provider, a block opens as anywhere else; the
// owner connects each view's signals when it is made (viewAdded).
class CalendarColumns final : public QWidget
{
    Q_OBJECT

public:
    struct Provider
    {
        QString id;
        QString name;
        friend bool operator==(const Provider &a, const Provider &b)
        {
            return a.id == b.id && a.name == b.name;
        }
    };

    explicit CalendarColumns(QSqlDatabase db, QWidget *parent = nullptr);

    // The columns, in this order (each makes a new model and view).
    void setProviders(const QList<Provider> &providers);
    QList<Provider> providers() const { return m_providers; }
    void setDate(const QDate &date);
    QDate date() const { return m_date; }
    // The clock of every column's model (the main calendar's: tests and screenshots pin it).
    void setClock(CalendarModel::Clock clock);
    // Every column re-reads the cache.
    void reload();

    QList<CalendarView *> views() const { return m_views; }
    CalendarView *viewOf(const QString &providerId) const;

signals:
    void viewAdded(CalendarView *view);

private:
    void alignHours();

    QSqlDatabase m_db;
    QList<Provider> m_providers;
    QList<CalendarView *> m_views;
    QDate m_date;
    CalendarModel::Clock m_clock = &QDateTime::currentMSecsSinceEpoch;
    QHBoxLayout *m_layout;
    bool m_aligning = false;
};

} // namespace Crm
