#include "notificationstore.h"

#include "domain/ids.h"
#include "logging.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

NotificationStore::NotificationStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<bool> NotificationStore::add(const NewNotice &notice)
{
    QSqlQuery insert(m_db);
    insert.prepare(
        QStringLiteral("INSERT OR IGNORE INTO notifications (id, kind, title, body, entity,"
                       " entityId, createdAt, dedupeKey) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(Ids::create());
    insert.addBindValue(notice.kind);
    insert.addBindValue(notice.title);
    insert.addBindValue(notice.body);
    insert.addBindValue(notice.entity);
    insert.addBindValue(notice.entityId);
    insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
    insert.addBindValue(notice.dedupeKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                   : QVariant(notice.dedupeKey));
    if (!insert.exec()) {
        qCWarning(lcStore) << "Adding a notification failed:" << insert.lastError().text();
        return Error{QStringLiteral("cache_failed"), insert.lastError().text()};
    }
    return insert.numRowsAffected() > 0;
}

std::optional<QList<NotificationStore::Notice>> NotificationStore::newest(int limit) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // rowid breaks ties between notices written in the same millisecond (one sync page).
    query.prepare(QStringLiteral("SELECT id, kind, title, body, entity, entityId, createdAt,"
                                 " readAt FROM notifications ORDER BY createdAt DESC,"
                                 " rowid DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading notifications failed:" << query.lastError().text();
        return std::nullopt;
    }
    QList<Notice> notices;
    while (query.next()) {
        Notice notice;
        notice.id = query.value(0).toString();
        notice.kind = query.value(1).toString();
        notice.title = query.value(2).toString();
        notice.body = query.value(3).toString();
        notice.entity = query.value(4).toString();
        notice.entityId = query.value(5).toString();
        notice.createdAt = query.value(6).toLongLong();
        notice.readAt = query.value(7).toLongLong();
        notices.append(notice);
    }
    return notices;
}

std::optional<int> NotificationStore::unreadCount() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM notifications WHERE readAt IS NULL"))
        || !query.next()) {
        qCWarning(lcStore) << "Counting unread notifications failed:" << query.lastError().text();
        return std::nullopt;
    }
    return query.value(0).toInt();
}

bool NotificationStore::markRead(const QString &id, qint64 at)
{
    QSqlQuery update(m_db);
    update.prepare(
        QStringLiteral("UPDATE notifications SET readAt = ? WHERE id = ? AND readAt IS NULL"));
    update.addBindValue(at);
    update.addBindValue(id);
    if (!update.exec()) {
        qCWarning(lcStore) << "Marking a notification read failed:" << update.lastError().text();
        return false;
    }
    return true;
}

bool NotificationStore::markReadUpTo(qint64 createdUpTo, qint64 at)
{
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE notifications SET readAt = ? WHERE readAt IS NULL AND createdAt <= ?"));
    update.addBindValue(at);
    update.addBindValue(createdUpTo);
    if (!update.exec()) {
        qCWarning(lcStore) << "Marking all notifications read failed:" << update.lastError().text();
        return false;
    }
    return true;
}

std::optional<QList<NotificationStore::Raised>> NotificationStore::takeUnraised(qint64 at)
{
    if (!m_db.transaction()) {
        qCWarning(lcStore) << "Cannot raise notifications:" << m_db.lastError().text();
        return std::nullopt;
    }
    QList<Raised> notices;
    QSqlQuery pending(m_db);
    pending.setForwardOnly(true);
    if (!pending.exec(QStringLiteral("SELECT title, body FROM notifications WHERE shownAt IS NULL"
                                     " AND readAt IS NULL ORDER BY createdAt, rowid"))) {
        qCWarning(lcStore) << "Reading notifications to raise failed:"
                           << pending.lastError().text();
        m_db.rollback();
        return std::nullopt;
    }
    while (pending.next())
        notices.append({pending.value(0).toString(), pending.value(1).toString()});
    pending.finish();
    QSqlQuery shown(m_db);
    shown.prepare(QStringLiteral("UPDATE notifications SET shownAt = ? WHERE shownAt IS NULL"));
    shown.addBindValue(at);
    if (!shown.exec() || !m_db.commit()) {
        qCWarning(lcStore) << "Marking notifications shown failed:" << shown.lastError().text()
                           << m_db.lastError().text();
        m_db.rollback();
        return std::nullopt;
    }
    return notices;
}

} // namespace Crm
