#include "notificationlistmodel.h"

#include <QDateTime>
#include <QSet>

#include <optional>

namespace Crm {

bool NotificationListModel::sameContent(const Row &a, const Row &b)
{
    return a.id == b.id && a.kind == b.kind && a.title == b.title && a.body == b.body
           && a.entity == b.entity && a.entityId == b.entityId && a.createdAt == b.createdAt
           && a.readAt == b.readAt;
}

NotificationListModel::NotificationListModel(QSqlDatabase db, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(std::move(db))
{
    reload();
}

QList<NotificationListModel::Row> NotificationListModel::readRows() const
{
    // On failure, keep what is shown rather than blank the list.
    return m_store.newest(RowLimit).value_or(m_rows);
}

void NotificationListModel::reload()
{
    merge(readRows());
    updateUnreadCount();
}

// Sync says "notifications changed" after every cycle, usually with nothing new: a model reset
// each time would throw away the view's selection and scroll position every 30 seconds. So the
// fresh rows are merged in instead. Both lists are in the same order (the sort key never
// changes), which makes the old rows that survive a subsequence of the fresh ones.
void NotificationListModel::merge(const QList<Row> &fresh)
{
    QSet<QString> freshIds;
    for (const Row &row : fresh)
        freshIds.insert(row.id);

    // Gone (deleted, or pushed past the row limit): removed bottom up, a run at a time.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshIds.contains(m_rows.at(last).id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshIds.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    QSet<QString> kept;
    for (const Row &row : std::as_const(m_rows))
        kept.insert(row.id);

    // New: inserted where they belong, a run at a time.
    for (int at = 0; at < fresh.size();) {
        if (at < m_rows.size() && m_rows.at(at).id == fresh.at(at).id) {
            ++at;
            continue;
        }
        if (kept.contains(fresh.at(at).id)) {
            // An old row out of place: cannot happen with an immutable sort key, but a model
            // that lies to its views is worse than a reset.
            beginResetModel();
            m_rows = fresh;
            endResetModel();
            return;
        }
        int end = at;
        while (end < fresh.size() && !kept.contains(fresh.at(end).id))
            ++end;
        beginInsertRows(QModelIndex(), at, end - 1);
        for (int row = at; row < end; ++row)
            m_rows.insert(row, fresh.at(row));
        endInsertRows();
        at = end;
    }

    // Changed (read elsewhere, say): updated in place.
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!sameContent(m_rows.at(row), fresh.at(row))) {
            m_rows[row] = fresh.at(row);
            emit dataChanged(index(row), index(row));
        }
    }
}

void NotificationListModel::updateUnreadCount()
{
    const std::optional<int> count = m_store.unreadCount();
    if (!count || *count == m_unreadCount)
        return;
    m_unreadCount = *count;
    emit unreadCountChanged(m_unreadCount);
}

bool NotificationListModel::markRead(int row)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    if (m_rows.at(row).readAt != 0)
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_store.markRead(m_rows.at(row).id, now))
        return false;
    m_rows[row].readAt = now;
    emit dataChanged(index(row), index(row), {UnreadRole});
    updateUnreadCount();
    return true;
}

bool NotificationListModel::markAllRead()
{
    if (m_rows.isEmpty())
        return true;
    // Only what the list already holds (the newest loaded row and everything older): a notice
    // the sync wrote a moment ago, not shown yet, stays unread.
    const qint64 newest = m_rows.constFirst().createdAt;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_store.markReadUpTo(newest, now))
        return false;
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).readAt == 0) {
            m_rows[row].readAt = now;
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first), index(last), {UnreadRole});
    updateUnreadCount();
    return true;
}

int NotificationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant NotificationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case Qt::ToolTipRole:
        return row.body.isEmpty() ? row.title : row.title + QLatin1Char('\n') + row.body;
    case IdRole:
        return row.id;
    case BodyRole:
        return row.body;
    case KindRole:
        return row.kind;
    case EntityRole:
        return row.entity;
    case EntityIdRole:
        return row.entityId;
    case CreatedAtRole:
        return row.createdAt;
    case UnreadRole:
        return row.readAt == 0;
    }
    return {};
}

QHash<int, QByteArray> NotificationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(TitleRole, "title");
    names.insert(BodyRole, "body");
    names.insert(KindRole, "kind");
    names.insert(EntityRole, "entity");
    names.insert(EntityIdRole, "entityId");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(UnreadRole, "unread");
    return names;
}

QString NotificationListModel::kindName(const QString &kind)
{
    if (kind == QLatin1String("new_lead"))
        return tr("New lead");
    if (kind == QLatin1String("follow_up_due"))
        return tr("Follow-up due");
    if (kind == QLatin1String("appointment_soon"))
        return tr("Appointment soon");
    if (kind == QLatin1String("appointment_changed"))
        return tr("Appointment changed");
    if (kind == QLatin1String("reminder_failed"))
        return tr("Reminder not delivered");
    if (kind == QLatin1String("conflict"))
        return tr("Edit conflict");
    if (kind == QLatin1String("rejected"))
        return tr("Change not accepted");
    return tr("Notice");
}

} // namespace Crm
