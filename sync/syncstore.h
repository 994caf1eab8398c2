#pragma once

#include "domain/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace Crm {

// The sync engine's view of the local cache: what the server sent (applied page by page, each
// page with its cursor in one transaction), what the user changed (the outbox), and what could
// not be merged (the conflict inbox). Works on one connection; the engine owns it on its
// worker thread.
class SyncStore final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SyncStore)

public:
    struct PushOutcome
    {
        int applied = 0;
        int conflicts = 0;
        int rejected = 0;
        QStringList leadsToRefetch; // rejected lead edits: the server's copy must come back
    };

    explicit SyncStore(QSqlDatabase db);

    // sync_state: server, userId, email, name, role, cursor, lastSync, clientId.
    QString state(const QString &key) const;
    Status setState(const QString &key, const QString &value);
    qint64 cursor() const { return state(QStringLiteral("cursor")).toLongLong(); }

    // Applies one pull page and moves the cursor, atomically. Local rows with pending edits
    // are rebased: the server's row with the pending changes re-applied on top.
    Status applyPage(const QJsonArray &changes, qint64 newCursor);
    // A first download into an empty cache runs as a bulk load: indexes are built once at the
    // end rather than row by row. begin does nothing unless the cache is empty; finish does
    // nothing unless a bulk load is under way (also one a killed process left behind).
    Status beginBulkLoad();
    Status finishBulkLoad();
    // Forgets everything the server sent (410 cursor_expired), keeping the outbox.
    Status resetForSnapshot();
    // Stores one record as the server has it (e.g. after a rejected edit), rebasing it.
    Status applyServerRecord(const QString &entity, const QJsonObject &data);
    Status removeRecord(const QString &entity, const QString &id);

    QJsonArray pendingMutations(int limit) const;
    int pendingCount() const;
    Result<PushOutcome> applyPushResults(const QJsonArray &results);

    int openConflictCount() const;
    QJsonObject counts() const;

    // Raises the notices that time brings: an open follow-up whose due time has come, an
    // appointment starting within appointmentLeadMinutes. Each once per due time (a snoozed
    // follow-up is raised again when its new time comes). Returns how many were raised.
    Result<int> raiseDueReminders(qint64 now, int appointmentLeadMinutes);

private:
    bool upsert(const QString &entity,
                const QJsonObject &data,
                QString *error,
                bool *inserted = nullptr);
    bool remove(const QString &entity, const QString &id, QString *error);
    // Re-applies this device's pending changes on top of the server's copy of a record.
    bool rebase(const QString &entity, const QString &id, QString *error);
    bool setFields(const QString &entity,
                   const QString &id,
                   const QJsonObject &fields,
                   const QString &which,
                   QString *error);
    bool addNotification(const QString &kind,
                         const QString &title,
                         const QString &body,
                         const QString &entity,
                         const QString &entityId,
                         QString *error,
                         const QString &dedupeKey = QString(),
                         bool *added = nullptr);
    Status applyPageOnce(const QJsonArray &changes, qint64 newCursor, bool purgeOrphans);

    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_updates;
    QHash<QString, QSqlQuery> m_inserts;
    QHash<QString, QSqlQuery> m_exists;
    bool m_insertFirst = false;
    QHash<QString, QSet<QString>> m_loadedIds; // during a bulk load: ids inserted so far
};

} // namespace Crm
