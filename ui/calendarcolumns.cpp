#include "calendarcolumns.h"

#include "calendarview.h"

#include <QHBoxLayout>

#include <algorithm>

namespace Crm {

CalendarColumns::CalendarColumns(QSqlDatabase db, QWidget *parent)
    : QWidget(parent)
    , m_db(std::move(db))
    , m_date(QDate::currentDate())
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    setAccessibleName(tr("Calendars side by side"));
}

void CalendarColumns::setProviders(const QList<Provider> &providers)
{
    if (providers == m_providers && !m_views.isEmpty())
        return;
    m_providers = providers;
    for (CalendarView *view : std::as_const(m_views)) {
        m_layout->removeWidget(view);
        view->hide();
        view->model()->deleteLater(); // the view's model outlives it
        view->deleteLater();
    }
    m_views.clear();
    for (const Provider &provider : providers) {
        auto *model = new CalendarModel(m_db, this);
        model->setClock(m_clock);
        model->setProviderId(provider.id);
        auto *view = new CalendarView(model);
        view->setObjectName(QStringLiteral("calendarColumn"));
        view->setSpan(CalendarView::Span::Day);
        view->setDate(m_date);
        view->setColumnTitle(provider.name);
        m_layout->addWidget(view, 1);
        m_views.append(view);
        // After the view has laid itself out again: the same hours in every column.
        connect(model, &QAbstractItemModel::modelReset, this, &CalendarColumns::alignHours);
        emit viewAdded(view);
    }
    alignHours();
}

void CalendarColumns::setDate(const QDate &date)
{
    m_date = date;
    for (CalendarView *view : std::as_const(m_views))
        view->setDate(date);
}

void CalendarColumns::setClock(CalendarModel::Clock clock)
{
    m_clock = std::move(clock);
    for (CalendarView *view : std::as_const(m_views))
        view->model()->setClock(m_clock);
}

void CalendarColumns::reload()
{
    for (CalendarView *view : std::as_const(m_views)) {
        if (!view->isDragging())
            view->model()->reload();
    }
}

CalendarView *CalendarColumns::viewOf(const QString &providerId) const
{
    for (CalendarView *view : m_views) {
        if (view->model()->providerId() == providerId)
            return view;
    }
    return nullptr;
}

void CalendarColumns::alignHours()
{
    if (m_aligning || m_views.isEmpty())
        return;
    m_aligning = true;
    // Each column's own hours first, then the widest of them everywhere.
    int first = 24;
    int last = 0;
    for (CalendarView *view : std::as_const(m_views)) {
        view->setMinimumHours(24, 0);
        first = std::min(first, view->firstHour());
        last = std::max(last, view->lastHour());
    }
    for (CalendarView *view : std::as_const(m_views))
        view->setMinimumHours(first, last);
    m_aligning = false;
}

} // namespace Crm
