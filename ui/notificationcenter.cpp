#include "notificationcenter.h"

#include "item/notificationlistmodel.h"
#include "notificationdelegate.h"
#include "store/localdatabase.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Crm {

NotificationCenter::NotificationCenter(const LocalDatabase &cache, QWidget *parent)
    : QWidget(parent)
    , m_model(new NotificationListModel(cache.database(), this))
    , m_unread(new QLabel)
    , m_markAllRead(new QPushButton(tr("Mark all &read")))
    , m_view(new QListView)
    , m_empty(new QWidget)
    , m_clock(new QTimer(this))
{
    auto *title = new QLabel(tr("Notifications"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_unread->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addWidget(m_unread);
    header->addStretch();
    header->addWidget(m_markAllRead);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new NotificationDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setMouseTracking(true);
    m_view->installEventFilter(this);

    auto *caughtUp = new QLabel(tr("You're all caught up"));
    QFont caughtUpFont = caughtUp->font();
    caughtUpFont.setPointSizeF(caughtUpFont.pointSizeF() * 1.1);
    caughtUpFont.setBold(true);
    caughtUp->setFont(caughtUpFont);
    caughtUp->setAlignment(Qt::AlignCenter);
    auto *hint = new QLabel(
        tr("New leads, follow-ups that come due and sync problems will show up here."));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *empty = new QVBoxLayout(m_empty);
    empty->addStretch();
    empty->addWidget(caughtUp);
    empty->addWidget(hint);
    empty->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    // "5 min ago" has to move on while the list is open.
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));

    // A click opens a notice; Enter does too (eventFilter). Not QAbstractItemView::activated:
    // it means a double click in some styles and a single click in others.
    connect(m_view, &QListView::clicked, this, &NotificationCenter::open);
    connect(m_markAllRead, &QPushButton::clicked, m_model, &NotificationListModel::markAllRead);
    connect(m_model,
            &NotificationListModel::unreadCountChanged,
            this,
            &NotificationCenter::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &NotificationCenter::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &NotificationCenter::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NotificationCenter::updateState);
    updateState();
}

void NotificationCenter::reload()
{
    m_model->reload();
}

bool NotificationCenter::isShowingEmptyState() const
{
    return !m_empty->isHidden();
}

void NotificationCenter::updateState()
{
    const bool empty = m_model->rowCount() == 0;
    m_view->setHidden(empty);
    m_empty->setHidden(!empty);
    const int unread = m_model->unreadCount();
    m_unread->setText(unread > 0 ? tr("%n unread", nullptr, unread) : QString());
    m_markAllRead->setEnabled(unread > 0);
}

void NotificationCenter::open(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString entity = index.data(NotificationListModel::EntityRole).toString();
    const QString entityId = index.data(NotificationListModel::EntityIdRole).toString();
    m_model->markRead(index.row());
    if (!entity.isEmpty() && !entityId.isEmpty())
        emit openRequested(entity, entityId);
}

bool NotificationCenter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_view->currentIndex().isValid()) {
            open(m_view->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NotificationCenter::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_clock->start();
}

void NotificationCenter::hideEvent(QHideEvent *event)
{
    m_clock->stop();
    QWidget::hideEvent(event);
}

} // namespace Crm
