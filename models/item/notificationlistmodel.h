#pragma once

#include "store/notificationstore.h"

#include <QAbstractListModel>
#include <QSqlDatabase>

namespace Crm {

// The notices in the cache's notifications table (new leads, follow-ups coming due,
// appointments starting soon, sync conflicts and rejected changes), newest first, for the
// notification center. Reads and writes through the GUI thread's cache connection (with a
// NotificationStore); the sync
// worker adds rows on its own connection, so call reload() when SyncRunner says
// notificationsChanged.
class NotificationListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        BodyRole,
        KindRole,      // new_lead, follow_up_due, appointment_soon, conflict, rejected
        EntityRole,    // what the notice is about: lead, follow_up, appointment, enrollment...
        EntityIdRole,  // and its id
        CreatedAtRole, // epoch ms (raw value, for sorting)
        UnreadRole,    // bool
    };

    // Older notices are not shown; nobody scrolls through more than this.
    static constexpr int RowLimit = 500;

    explicit NotificationListModel(QSqlDatabase db, QObject *parent = nullptr);

    // Reads the table again. Rows that did not change stay where they are (new notices are
    // inserted, gone ones removed), so a view keeps its selection and scroll position.
    void reload();

    // Unread notices in the whole table (not only the loaded rows): the badge number.
    int unreadCount() const { return m_unreadCount; }

    // Mark one notice, or every notice loaded so far, as read. False when the cache refused
    // (the reason is logged).
    bool markRead(int row);
    bool markAllRead();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "New lead", "Follow-up due"... for a kind.
    static QString kindName(const QString &kind);

signals:
    void unreadCountChanged(int count);

private:
    using Row = NotificationStore::Notice;
    static bool sameContent(const Row &a, const Row &b);

    QList<Row> readRows() const;
    void merge(const QList<Row> &fresh);
    void updateUnreadCount();

    NotificationStore m_store;
    QList<Row> m_rows;
    int m_unreadCount = 0;
};

} // namespace Crm
