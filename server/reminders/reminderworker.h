#pragma once

#include "domain/result.h"
#include "reminders/smssender.h"
#include "reminders/smtpsender.h"

#include <QAtomicInteger>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace Crm {

class ServerDatabase;

// Delivers due reminders (the rows of appointment_reminders, API.md and issue 12): claims a
// batch with a lease, sends each, and records the outcome, so every reminder is in a state a
// person can see (pending, sending, sent, failed, cancelled) and none is lost silently.
//
// - Claiming is one write transaction: due `pending` rows, and `sending` rows whose lease ran
//   out (a worker died mid-send), become `sending` with a new lease and one more attempt. On
//   PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED, so two workers (two instances, or
//   `crm-server worker` beside `serve --no-worker`) never take the same row; on SQLite the
//   write lock does the same.
// - A reminder whose appointment no longer holds its time (cancelled, no-show, completed) is
//   cancelled instead of sent. (A reschedule moved it already: ReminderLedger::replan.)
// - Sent: `sent`, sentAt, the remote's message id. Refused: back to `pending` with the error,
//   not before an exponential backoff (30 s, 1 min, 2 min ... at most an hour); after
//   MaxAttempts, or at once when the remote refuses for good, `failed` with the error. Every
//   change goes through the change log, so the provider's and the admins' apps see it (and
//   raise a notice for a failure).
// - Killed at any moment, nothing is lost: a claimed row's lease runs out and it is claimed
//   again. Only a kill between the remote's acceptance and the record sends it twice; the
//   Message-ID is the same on every attempt and the ledger shows more than one attempt.
// A channel with no sender configured (no --smtp, no SMS settings) is left pending: it goes out
// once one is. An SMS goes only to a lead who opted in (SmsConsentLedger cancels the pending
// ones when they opt out).
class ReminderWorker final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxAttempts = 6;
    static constexpr qint64 MaxBackoffMs = 60 * 60 * 1000;

    struct Options
    {
        int batchSize = 10; // claimed at once by one worker: all of them sent well within the lease
        qint64 leaseMs = 5 * 60 * 1000; // longer than any one send may take
        int pollMs = 1000;
        qint64 firstBackoffMs = 30 * 1000;

        // The defaults, with CRM_REMINDER_LEASE_MS, CRM_REMINDER_BACKOFF_MS and
        // CRM_REMINDER_POLL_MS from the environment when set (operations and tests tune
        // them; a test cannot wait out a five-minute lease).
        static Options fromEnvironment();
    };

    ReminderWorker(std::shared_ptr<ServerDatabase> database,
                   std::optional<SmtpSender::Settings> smtp,
                   std::optional<SmsSender::Settings> sms,
                   Options options,
                   QObject *parent = nullptr);
    ~ReminderWorker() override;

    // Polls every pollMs on this object's thread.
    void start();
    void stop();
    // Thread-safe: the worker finishes the send in hand and claims nothing more (a backlog
    // does not hold up a shutdown).
    void requestStop();

    // One round: claims what is due at `now` and delivers it. Returns how many reminders were
    // settled (sent, failed, retried later or cancelled).
    Result<int> runOnce(qint64 now);

    // How long a reminder waits after its `attempts`-th failed attempt: firstBackoffMs,
    // doubling, at most MaxBackoffMs.
    qint64 backoffMs(int attempts) const;

signals:
    void settled(int count);

private:
    void round();

    static constexpr int RecordGroup = 10;
    struct Claimed;
    struct Outcome;
    Result<QList<Claimed>> claim(qint64 now);
    // The outcomes of some sends, in one transaction (tried again for a while if it fails).
    Status record(const QList<Outcome> &outcomes);
    Status recordOnce(const QList<Outcome> &outcomes);
    // Reads a group's appointments again, in one statement, just before the group's sends; one
    // no longer wanting it (cancelled, over, started) has its row cancelled and `appointment`
    // emptied.
    Status refresh(QList<Claimed> &group);

    std::shared_ptr<ServerDatabase> m_database;
    std::optional<SmtpSender::Settings> m_smtpSettings;
    std::unique_ptr<SmtpSender> m_smtp;
    std::optional<SmsSender::Settings> m_smsSettings;
    std::unique_ptr<SmsSender> m_sms;
    Options m_options;
    QTimer *m_timer = nullptr;
    bool m_running = false;
    QAtomicInteger<bool> m_stopping = false;
};

} // namespace Crm
