#include "agendapanel.h"

#include "agendadelegate.h"
#include "domain/appointment.h"
#include "item/agendamodel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Crm {

AgendaPanel::AgendaPanel(AgendaModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_toggle(new QToolButton)
    , m_summary(new QLabel)
    , m_body(new QWidget)
    , m_stack(new QStackedWidget)
    , m_list(new QListView)
    , m_empty(new QLabel)
    , m_buttons(new QWidget)
    , m_completed(new QPushButton(tr("Co&mpleted")))
    , m_noShow(new QPushButton(tr("No-s&how")))
    , m_openLead(new QPushButton(tr("Open lead")))
    , m_details(new QPushButton(tr("Details…")))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("agenda"));

    // The title line: the arrow and "Today" fold the panel; the summary stays in view.
    m_toggle->setText(tr("Today"));
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::DownArrow);
    m_toggle->setAutoRaise(true);
    m_toggle->setAccessibleName(tr("Today's appointments"));
    m_toggle->setToolTip(tr("Show or hide today's appointments"));
    QFont bold = m_toggle->font();
    bold.setBold(true);
    m_toggle->setFont(bold);
    m_summary->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_summary->setTextInteractionFlags(Qt::NoTextInteraction);
    connect(m_toggle, &QToolButton::clicked, this, [this] { setCollapsed(!isCollapsed()); });
    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->setSpacing(6);
    header->addWidget(m_toggle);
    header->addWidget(m_summary, 1);

    m_list->setModel(m_model);
    m_list->setModelColumn(AgendaModel::Time);
    m_list->setItemDelegate(new AgendaDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setAccessibleName(tr("Today's appointments"));
    m_list->setAccessibleDescription(
        tr("Your next appointments. Double click opens the lead; Enter opens the details."));
    m_empty->setText(tr("No appointments today"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid); padding: 10px;"));
    m_empty->setAccessibleName(tr("No appointments today"));
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);

    m_completed->setAccessibleName(tr("Mark completed"));
    m_noShow->setAccessibleName(tr("Mark no-show"));
    m_openLead->setAccessibleName(tr("Open lead"));
    m_details->setAccessibleName(tr("Appointment details"));
    m_openLead->setToolTip(tr("Show the lead of the selected appointment (double click)"));
    m_details->setToolTip(tr("Show the selected appointment's details (Enter)"));
    auto *buttons = new QHBoxLayout(m_buttons);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(6);
    buttons->addWidget(m_completed);
    buttons->addWidget(m_noShow);
    buttons->addStretch(1);
    buttons->addWidget(m_openLead);
    buttons->addWidget(m_details);

    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(6);
    body->addWidget(m_stack);
    body->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_body);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    connect(m_completed, &QPushButton::clicked, this, [this] {
        request(int(AppointmentStatus::Completed));
    });
    connect(m_noShow, &QPushButton::clicked, this, [this] {
        request(int(AppointmentStatus::NoShow));
    });
    connect(m_openLead, &QPushButton::clicked, this, &AgendaPanel::openLead);
    connect(m_details, &QPushButton::clicked, this, &AgendaPanel::openDetails);
    connect(m_list, &QListView::doubleClicked, this, &AgendaPanel::openLead);
    connect(m_list, &QWidget::customContextMenuRequested, this, &AgendaPanel::showMenu);
    auto *enter = new QShortcut(QKeySequence(Qt::Key_Return),
                                m_list,
                                nullptr,
                                nullptr,
                                Qt::WidgetShortcut);
    connect(enter, &QShortcut::activated, this, &AgendaPanel::openDetails);
    connect(m_list->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &AgendaPanel::updateButtons);
    connect(m_list->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &AgendaPanel::updateButtons);

    // A reload keeps the appointment that was selected (the minute's reload keeps its rows).
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keep = currentId();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_keep.isEmpty())
            selectAppointment(m_keep);
        showState();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AgendaPanel::showState);

    // "in 25 min" stays true: a reload on each minute of the clock.
    m_tick->setSingleShot(true);
    m_tick->setTimerType(Qt::CoarseTimer);
    connect(m_tick, &QTimer::timeout, this, [this] {
        m_model->reload();
        scheduleTick();
    });
    scheduleTick();
    showState();
}

void AgendaPanel::scheduleTick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 minute = 60 * 1000;
    // Just past the next minute, so the rounding lands on the new minute.
    m_tick->start(int(minute - now % minute + 500));
}

QString AgendaPanel::currentId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() && m_list->selectionModel()->isSelected(current)
               ? current.data(AgendaModel::IdRole).toString()
               : QString();
}

bool AgendaPanel::selectAppointment(const QString &appointmentId)
{
    const int row = m_model->rowOf(appointmentId);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_model->index(row, AgendaModel::Time));
    return true;
}

bool AgendaPanel::isCollapsed() const
{
    return m_body->isHidden();
}

void AgendaPanel::setCollapsed(bool collapsed)
{
    if (collapsed == isCollapsed())
        return;
    m_body->setVisible(!collapsed);
    m_toggle->setArrowType(collapsed ? Qt::RightArrow : Qt::DownArrow);
    showState();
    emit collapsedChanged(collapsed);
}

void AgendaPanel::showState()
{
    const int rows = m_model->rowCount();
    const int today = m_model->todayCount();
    const int later = rows - today;
    m_stack->setCurrentWidget(rows > 0 ? static_cast<QWidget *>(m_list) : m_empty);
    m_buttons->setVisible(rows > 0); // nothing to act on
    QString summary;
    if (rows == 0)
        summary = isCollapsed() ? tr("No appointments today") : QString();
    else if (today == 0)
        summary = tr("No more appointments today · %n tomorrow", nullptr, later);
    else if (later == 0)
        summary = tr("%n appointment(s)", nullptr, today);
    else
        summary = tr("%1 · %n tomorrow", nullptr, later).arg(tr("%n appointment(s)", nullptr, today));
    m_summary->setText(summary);
    m_summary->setAccessibleName(summary);
    fitHeight();
    updateButtons();
}

void AgendaPanel::setVisibleRows(int rows)
{
    if (std::max(1, rows) == m_visibleRows)
        return;
    m_visibleRows = std::max(1, rows);
    fitHeight();
}

void AgendaPanel::fitHeight()
{
    const int rows = std::clamp(m_model->rowCount(), 1, m_visibleRows);
    const int rowHeight = m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0)
                                                        : 2 * fontMetrics().height() + 16;
    const int frame = 2 * m_list->frameWidth();
    m_list->setFixedHeight(rows * rowHeight + frame);
    m_empty->setFixedHeight(m_model->rowCount() == 0 ? m_empty->sizeHint().height()
                                                     : rows * rowHeight + frame);
    m_stack->setFixedHeight(m_stack->currentWidget()->minimumHeight());
    updateGeometry();
}

void AgendaPanel::updateButtons()
{
    const QModelIndex current = m_list->currentIndex();
    const int row = current.isValid() && !currentId().isEmpty() ? current.row() : -1;
    const bool chosen = row >= 0;
    const bool hasLead = chosen && !current.data(AgendaModel::LeadIdRole).toString().isEmpty();
    m_openLead->setEnabled(hasLead);
    m_details->setEnabled(chosen);
    // What the status machine offers at this minute; why not, in the tooltip.
    const auto explain = [this, row, chosen](AppointmentStatus to, const QString &offered) {
        if (!chosen)
            return tr("Choose an appointment first");
        if (m_model->canMove(row, to))
            return offered;
        const Appointment &appointment = m_model->entryAt(row).appointment;
        if (AppointmentRules::isFinal(appointment.status))
            return tr("Its outcome is already recorded: %1")
                .arg(AppointmentRules::displayName(appointment.status));
        return tr("Possible once it has started");
    };
    m_completed->setEnabled(chosen && m_model->canMove(row, AppointmentStatus::Completed));
    m_completed->setToolTip(
        explain(AppointmentStatus::Completed, tr("Mark the selected appointment completed")));
    m_noShow->setEnabled(chosen && m_model->canMove(row, AppointmentStatus::NoShow));
    m_noShow->setToolTip(
        explain(AppointmentStatus::NoShow, tr("Mark the selected appointment as a no-show")));
}

void AgendaPanel::request(int status)
{
    const QModelIndex current = m_list->currentIndex();
    const QString id = currentId();
    if (id.isEmpty() || !m_model->canMove(current.row(), AppointmentStatus(status)))
        return;
    emit statusRequested(id, status);
}

void AgendaPanel::openLead()
{
    const QString leadId = m_list->currentIndex().data(AgendaModel::LeadIdRole).toString();
    if (!currentId().isEmpty() && !leadId.isEmpty())
        emit openLeadRequested(leadId);
}

void AgendaPanel::openDetails()
{
    const QString id = currentId();
    if (!id.isEmpty())
        emit detailsRequested(id);
}

void AgendaPanel::showMenu(QPoint at)
{
    // The row under the pointer; from the keyboard's menu key, the selected one.
    QModelIndex index = m_list->indexAt(at);
    if (!index.isValid() && !currentId().isEmpty()) {
        index = m_list->currentIndex();
        at = m_list->visualRect(index).center();
    }
    if (!index.isValid())
        return;
    m_list->setCurrentIndex(index);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("agendaMenu"));
    QAction *completed = menu.addAction(tr("Mark &completed"), this, [this] {
        request(int(AppointmentStatus::Completed));
    });
    completed->setEnabled(m_completed->isEnabled());
    QAction *noShow = menu.addAction(tr("Mark &no-show"), this, [this] {
        request(int(AppointmentStatus::NoShow));
    });
    noShow->setEnabled(m_noShow->isEnabled());
    menu.addSeparator();
    menu.addAction(tr("Open &lead"), this, &AgendaPanel::openLead)
        ->setEnabled(m_openLead->isEnabled());
    menu.addAction(tr("&Details…"), this, &AgendaPanel::openDetails);
    menu.exec(m_list->viewport()->mapToGlobal(at));
}

} // namespace Crm
