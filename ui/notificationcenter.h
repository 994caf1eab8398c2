#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;

namespace Crm {

class LocalDatabase;
class NotificationListModel;

// The list of notices (new leads, follow-ups coming due, appointments soon, sync conflicts,
// rejected changes), newest first, with "Mark all read". Activating a notice (click, Enter)
// marks it read and asks for what it is about to be opened.
//
// Wiring: call reload() when SyncRunner::notificationsChanged fires; a badge follows
// model()->unreadCount() and NotificationListModel::unreadCountChanged.
class NotificationCenter final : public QWidget
{
    Q_OBJECT

public:
    explicit NotificationCenter(const LocalDatabase &cache, QWidget *parent = nullptr);

    NotificationListModel *model() const { return m_model; }
    void reload();

    // For tests and keyboard users.
    QListView *view() const { return m_view; }
    QPushButton *markAllReadButton() const { return m_markAllRead; }
    bool isShowingEmptyState() const;

signals:
    // entity as in the notifications table: lead, follow_up, appointment, enrollment...
    // Not emitted for a notice that is about nothing in particular.
    void openRequested(const QString &entity, const QString &entityId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void open(const QModelIndex &index);
    void updateState();

    NotificationListModel *m_model;
    QLabel *m_unread;
    QPushButton *m_markAllRead;
    QListView *m_view;
    QWidget *m_empty;
    QTimer *m_clock;
};

} // namespace Crm
