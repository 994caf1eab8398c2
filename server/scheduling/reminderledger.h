#pragma once

#include "domain/appointment.h"
#include "domain/reminderplan.h"
#include "domain/result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Crm {

class WriteTransaction;
struct Lead;

// An appointment's reminders as rows of appointment_reminders: the ledger the delivery worker
// works from (API.md, booking; delivery itself is another job). Plans come from ReminderPlan;
// each row goes to the lead by e-mail when they have an address and by SMS when they opted in.
// Every write is logged for sync (entity "reminder", audience: the provider).
class ReminderLedger final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ReminderLedger)

public:
    using Channel = ReminderChannel;
    static QString channelName(Channel channel);
    static std::optional<Channel> channelFromString(const QString &text);

    // The channels a lead can be reminded on (ReminderPlan::channelsFor); none without a lead.
    static QList<Channel> channelsFor(const std::optional<Lead> &lead);

    // The schedule (minutes before) of an appointment type: the admin's, or the default.
    static Result<ReminderPlan::Schedule> schedule(const QSqlDatabase &db, AppointmentType type);
    static Status setSchedule(WriteTransaction &tx, AppointmentType type, const ReminderPlan::Schedule &schedule);

    // A new booking's reminders.
    static Status plan(WriteTransaction &tx, const Appointment &appointment, const std::optional<Lead> &lead, qint64 now);
    // A reschedule from `previousStart`: the pending reminders of the schedule move to the new
    // plan (extra ones are cancelled, missing ones added); those an agent added keep their
    // distance to the start (due at once when that is already past); sent ones and "send now"
    // ones stay as they were.
    static Status replan(WriteTransaction &tx, const Appointment &appointment, const std::optional<Lead> &lead,
                         qint64 now, qint64 previousStart);
    // A cancellation, a no-show or a completed meeting: nothing pending goes out any more.
    static Status cancelPending(WriteTransaction &tx, const Appointment &appointment);
    // A cancelled appointment the lead was already reminded of (or is being reminded of right
    // now): a cancellation notice, due now, on each channel a reminder went out on (and is still
    // allowed).
    static Status noticeCancellation(WriteTransaction &tx, const Appointment &appointment,
                                     const std::optional<Lead> &lead, qint64 now);
    // Whether a reminder of the appointment on `channel` waits to go out by `by`.
    static Result<bool> pendingDueBy(const QSqlDatabase &db, const QString &appointmentId, Channel channel, qint64 by);
    // Where a reminder comes from (the row's `origin`).
    enum class Origin { Schedule, Added, Now };
    // One reminder of the appointment at `due` (an agent adding one: Added; "send now" or the
    // correction after a move that raced a send: Now), on a channel the lead allows;
    // validation_failed naming `channel` otherwise.
    static Result<QJsonObject> add(WriteTransaction &tx, const Appointment &appointment,
                                   const std::optional<Lead> &lead, Channel channel, qint64 due,
                                   Origin origin);
    // An admin tries a failed reminder again: pending, due now, with a fresh set of attempts
    // (the last error stays until the next attempt). False when there is no such reminder;
    // invalid_transition unless it failed.
    static Result<QJsonObject> retry(WriteTransaction &tx, const QString &id);
    // Takes a pending reminder out (cancelled); false when there is no such reminder of the
    // appointment; invalid_transition when it is no longer pending.
    static Result<bool> remove(WriteTransaction &tx, const Appointment &appointment, const QString &id);

    // The delivery worker's moves (ReminderWorker), each logged for sync:
    // due rows of `channels` become `sending` with a lease and one more attempt: `pending`
    // ones due by `now` and past their backoff, and `sending` ones whose lease ran out. On
    // PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED. Answers {id, appointmentId,
    // channel, attempts} of each, in due order.
    struct Claim
    {
        QString id;
        QString appointmentId;
        Channel channel = Channel::Email;
        int attempts = 0;
        qint64 scheduledFor = 0;
        bool cancellation = false; // a cancellation notice, not a reminder
    };
    // Whether anything is there to claim (a read, so an idle worker takes no write lock).
    static Result<bool> anyDue(const QSqlDatabase &db, const QList<Channel> &channels, qint64 now);
    static Result<QList<Claim>> claimDue(WriteTransaction &tx,
                                         const QList<Channel> &channels,
                                         qint64 now,
                                         int limit,
                                         qint64 leaseMs);
    static Status markSent(WriteTransaction &tx, const QString &id, const QString &providerId,
                           const QString &messageId, qint64 now);
    // Back to pending, not to be tried again before `notBefore`.
    static Status markRetry(WriteTransaction &tx, const QString &id, const QString &providerId,
                            const QString &error, qint64 notBefore);
    static Status markFailed(WriteTransaction &tx, const QString &id, const QString &providerId,
                             const QString &error);
    static Status markCancelled(WriteTransaction &tx, const QString &id, const QString &providerId);
    // A lead took back SMS consent: their pending SMS reminders are cancelled.
    static Status cancelPendingSms(WriteTransaction &tx, const QString &leadId);
    // The SMS provider's status callback for its message `messageId`: delivered stamps
    // deliveredAt (the reminder stays sent); a carrier's failure makes it failed with the
    // reason. False when no reminder has that message id.
    static Result<bool> markCarrierStatus(WriteTransaction &tx, const QString &messageId, bool delivered,
                                          const QString &error);

    // The admins' ledger (GET /api/admin/reminders): every reminder matching a filter, newest
    // due first, a page at a time; each row also names its appointment's provider, lead and
    // start. `keyset` is Paging's condition and bindings over (scheduledFor, id).
    struct Filter
    {
        QString status;
        QString channel;
        std::optional<qint64> from;
        std::optional<qint64> to;
    };
    struct Page
    {
        QJsonArray items;
        bool more = false;
        qint64 lastDue = 0;
        QString lastId;
        qint64 total = 0;
    };
    static Result<Page> search(const QSqlDatabase &db, const Filter &filter, const QString &keysetCondition,
                               const QVariantList &keysetBindings, int limit);

    // [{id, appointmentId, reminderType, scheduledFor, sentAt, status, attempts, lastError,
    // deliveredAt, purpose}], by due time.
    static Result<QJsonArray> list(const QSqlDatabase &db, const QString &appointmentId);
};

} // namespace Crm
