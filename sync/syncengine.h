#pragma once

#include "conflictinbox.h"
#include "domain/result.h"
#include "duenotices.h"
#include "outbox.h"
#include "pullapplier.h"
#include "syncclient.h"
#include "syncstate.h"

#include <QObject>
#include <QSqlDatabase>

#include <memory>

class QEventLoop;

namespace Crm {

// One account's sync: pushes the outbox, then pulls the server's changes page by page, until
// both are done. Network errors and 5xx answers are retried with exponential backoff and jitter
// (the same batch, the same mutation ids, so nothing is applied twice); a 401 refreshes the
// sign-in once; a revoked sign-in stops with "signed_out" and keeps the outbox.
//
// It blocks the thread it runs on while it waits for the server, so the desktop app runs it on
// a worker thread with its own cache connection; crm-sync runs it on its main thread.
class SyncEngine final : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Syncing, Idle, Error, SignedOut };
    Q_ENUM(State)

    struct Options
    {
        int pushBatch = 200;
        int pullLimit = 2000;
        int maxAttempts = 6;     // per cycle, for network errors and 5xx
        int backoffBaseMs = 500; // doubled each attempt, with +/-50% jitter
        int backoffCapMs = 30000;
        int appointmentLeadMinutes = 15; // "appointment starting soon" this long before
    };

    SyncEngine(QSqlDatabase cache, SyncClient *client, QObject *parent = nullptr);
    SyncEngine(QSqlDatabase cache, SyncClient *client, Options options, QObject *parent = nullptr);

    State state() const { return m_state; }

    // One full cycle; ok() only when the cache is in step with the server.
    Status runCycle();
    // Raises the notices time brings (follow-ups due, appointments soon); also done at the
    // end of every cycle. Emits notificationsChanged when there are new ones.
    void raiseDueReminders();
    // Cuts a retry's backoff wait short (the user asked to sync now): the retry runs at once.
    void retryNow();
    void setAppointmentLeadMinutes(int minutes) { m_options.appointmentLeadMinutes = minutes; }

signals:
    void stateChanged(Crm::SyncEngine::State state, const QString &message);
    // Log positions done / total of this cycle's pull (the first sync: everything).
    void progress(qint64 done, qint64 total);
    void countsChanged(int pendingChanges, int openConflicts);
    void notificationsChanged();

private:
    Status pushAll();
    Status pullAll();
    Status pullPages();
    Status withRetries(const std::function<Status()> &step);
    void setState(State state, const QString &message = QString());
    void wait(int ms);
    QEventLoop *m_waiting = nullptr; // the backoff wait under way, if any

    SyncState m_syncState;
    PullApplier m_pull;
    Outbox m_outbox;
    ConflictInbox m_conflicts;
    DueNotices m_dueNotices;
    SyncClient *m_client;
    Options m_options;
    State m_state = State::Idle;
};

} // namespace Crm
