#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// The cache's notifications table as the desktop reads and marks it: the newest notices for
// the notification center, the unread count, marking read, and taking the notices not yet
// raised on the desktop. The sync worker writes the rows (on its own connection). Every
// failure is logged; reads answer std::nullopt and writes false, so callers keep what they show.
class NotificationStore final
{
public:
    explicit NotificationStore(QSqlDatabase db);

    struct Notice
    {
        QString id;
        QString kind;
        QString title;
        QString body;
        QString entity;
        QString entityId;
        qint64 createdAt = 0; // epoch ms
        qint64 readAt = 0;    // epoch ms; 0: unread
    };
    // The newest `limit` notices, newest first.
    std::optional<QList<Notice>> newest(int limit) const;
    // Unread notices in the whole table.
    std::optional<int> unreadCount() const;

    // Marks one notice read at `at` (a notice already read keeps its time).
    bool markRead(const QString &id, qint64 at);
    // Marks read every unread notice created at or before `createdUpTo`.
    bool markReadUpTo(qint64 createdUpTo, qint64 at);

    struct Raised
    {
        QString title;
        QString body;
    };
    // The notices neither raised on the desktop nor read, oldest first, now marked raised at
    // `at`, in one transaction (BEGIN IMMEDIATE in the cache's driver): a second app on the same
    // cache cannot take the same rows between the read and the update, so each is raised once.
    // std::nullopt when that failed; they are taken next time rather than twice.
    std::optional<QList<Raised>> takeUnraised(qint64 at);

private:
    QSqlDatabase m_db;
};

} // namespace Crm
