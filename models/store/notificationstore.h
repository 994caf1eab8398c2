#pragma once

#include "domain/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// The cache's notifications table, its one home: the sync side adds the notices (new lead,
// edit conflict, change not accepted, follow-up due, appointment soon; on the sync worker's
// connection), the desktop reads and marks them: the newest notices for the notification
// center, the unread count, marking read, and taking the notices not yet raised on the desktop.
// Every failure is logged; reads answer std::nullopt and marks false, so callers keep what
// they show; add answers an Error, so the sync step it is part of can roll back.
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
    struct NewNotice
    {
        QString kind; // new_lead, conflict, rejected, follow_up_due, appointment_soon
        QString title;
        QString body;
        QString entity;
        QString entityId;
        QString dedupeKey; // when set, a notice with this key is added once only
    };
    // Adds a notice created now, inside the caller's transaction if there is one. True when
    // added; false when one with the same dedupeKey is already there.
    Result<bool> add(const NewNotice &notice);

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
