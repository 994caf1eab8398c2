#pragma once

#include "conflictinbox.h"
#include "domain/result.h"
#include "pullapplier.h"
#include "store/notificationstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QStringList>

namespace Crm {

// The outbox as the sync engine sends it: the pending mutations in the order they were made
// (LocalEdits appends them), how many wait, and what the server's answer to a push does.
// Applied: the mutation leaves the outbox. Conflict: the fields go to the conflict inbox, the
// server's copy comes in with the remaining pending edits on top, and the user gets a notice.
// Rejected: the reason goes to the inbox, the local change is taken back, and the user is told.
// Appointments are the server's to decide: a refused booking or reschedule is taken back and
// kept in the inbox with the clashing slot and the server's suggestions.
class Outbox final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::Outbox)

public:
    struct PushOutcome
    {
        int applied = 0;
        int conflicts = 0;
        int rejected = 0;
        QStringList leadsToRefetch; // rejected lead edits: the server's copy must come back
    };

    explicit Outbox(QSqlDatabase db);

    // The oldest `limit` mutations, as they go on the wire.
    QJsonArray pendingMutations(int limit) const;
    int pendingCount() const;
    // The server's results of a push, in one transaction; `records` puts the server's copies
    // into the cache (the engine's own PullApplier, on the same connection).
    Result<PushOutcome> applyPushResults(const QJsonArray &results, PullApplier &records);

private:
    bool notify(const NotificationStore::NewNotice &notice, QString *error);
    // A booking or an appointment change the server refused (the slot was taken meanwhile,
    // outside availability, a status move no longer allowed...): the local appointment is
    // taken back (a refused booking goes; a refused change returns to the server's copy, or
    // to the values before it), and the refusal goes to the inbox with the clashing slot and
    // the server's suggestions, with a notice.
    bool takeBackAppointment(const QString &mutationId,
                             const QString &op,
                             const QJsonObject &payload,
                             const QJsonObject &result,
                             PullApplier &records,
                             qint64 now,
                             QString *error);

    QSqlDatabase m_db;
    ConflictInbox m_conflicts;
    NotificationStore m_notices;
};

} // namespace Crm
