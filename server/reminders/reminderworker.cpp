#include "reminderworker.h"

#include "domain/lead.h"
#include "domain/reminderplan.h"
#include "leads/leadrepository.h"
#include "scheduling/appointmentservice.h"
#include "scheduling/reminderledger.h"
#include "serverlogging.h"
#include "storage/serverdatabase.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <curl/curl.h>

namespace Crm {

struct ReminderWorker::Claimed
{
    ReminderLedger::Claim claim;
    std::optional<Appointment> appointment;
    std::optional<Lead> lead;
    QString providerZone;
    QString providerEmail;
};

// A reminder goes while its appointment still takes reminders and has not started; a
// cancellation notice while the appointment stays cancelled.
bool stillWanted(const ReminderLedger::Claim &claim, const Appointment &appointment, qint64 now)
{
    if (claim.cancellation)
        return appointment.status == AppointmentStatus::Cancelled;
    return AppointmentRules::takesReminders(appointment.status)
           && ReminderPlan::stillTimely(appointment.scheduledDate, now);
}

// How soon another reminder must be due to make a correction needless.
constexpr qint64 CorrectionWindowMs = 5 * 60 * 1000;

// A reschedule that committed while this reminder was on its way (after the last look before
// the send): the lead was told the old time. One more reminder, due now, tells the new one.
Status correctIfMoved(WriteTransaction &tx, const ReminderLedger::Claim &claim,
                      const Appointment &told, const std::optional<Lead> &lead, qint64 now)
{
    auto current = AppointmentService::find(tx.db(), told.id);
    if (!current.ok())
        return current.error();
    if (!current.value() || current.value()->scheduledDate == told.scheduledDate
        || !stillWanted(claim, *current.value(), now))
        return {};
    // The move planned one to go at once already (a move close to the start): that one tells.
    auto soon = ReminderLedger::pendingDueBy(tx.db(), told.id, claim.channel, now + CorrectionWindowMs);
    if (!soon.ok())
        return soon.error();
    if (soon.value())
        return {};
    qCInfo(lcServer) << "reminders: appointment" << told.id << "moved during reminder" << claim.id
                     << "; sending the new time";
    tx.audit({now, QString(), QStringLiteral("reminder.create"), QStringLiteral("appointment"), told.id,
              QStringLiteral("worker"), ReminderLedger::channelName(claim.channel) + QStringLiteral(", the new time")});
    auto added = ReminderLedger::add(tx, *current.value(), lead, claim.channel, now, ReminderLedger::Origin::Now);
    if (!added.ok() && added.error().code != QLatin1String("validation_failed")) // channel since withdrawn
        return added.error();
    return {};
}

struct ReminderWorker::Outcome
{
    Claimed claimed;
    DeliveryResult result;
    qint64 at = 0;
};

ReminderWorker::ReminderWorker(std::shared_ptr<ServerDatabase> database,
                               std::optional<SmtpSender::Settings> smtp,
                               std::optional<SmsSender::Settings> sms,
                               Options options,
                               QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_smtpSettings(std::move(smtp))
    , m_options(options)
    , m_smsSettings(std::move(sms))
{
    static const bool curlReady = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!curlReady)
        qCCritical(lcServer) << "reminders: libcurl did not start; e-mail cannot be sent";
}

ReminderWorker::~ReminderWorker() = default;

void ReminderWorker::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_options.pollMs);
        connect(m_timer, &QTimer::timeout, this, &ReminderWorker::round);
    }
    m_timer->start();
    QTimer::singleShot(0, this, &ReminderWorker::round); // what is due now goes now
}

void ReminderWorker::round()
{
    if (m_running || !m_timer || !m_timer->isActive())
        return;
    m_running = true;
    // A round settles at most a batch; go again at once while there is more.
    for (;;) {
        const Result<int> done = runOnce(QDateTime::currentMSecsSinceEpoch());
        if (!done.ok()) {
            qCWarning(lcServer) << "reminders:" << done.error().message;
            break;
        }
        if (done.value() > 0)
            emit settled(done.value());
        if (done.value() < m_options.batchSize || m_stopping.loadRelaxed())
            break;
    }
    m_running = false;
}

void ReminderWorker::requestStop()
{
    m_stopping.storeRelaxed(true);
}

void ReminderWorker::stop()
{
    if (m_timer)
        m_timer->stop();
}

ReminderWorker::Options ReminderWorker::Options::fromEnvironment()
{
    Options options;
    const auto read = [](const char *name, qint64 fallback) {
        bool ok = false;
        const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
        return ok && value > 0 ? value : fallback;
    };
    options.leaseMs = read("CRM_REMINDER_LEASE_MS", options.leaseMs);
    options.firstBackoffMs = read("CRM_REMINDER_BACKOFF_MS", options.firstBackoffMs);
    options.pollMs = int(read("CRM_REMINDER_POLL_MS", options.pollMs));
    return options;
}

qint64 ReminderWorker::backoffMs(int attempts) const
{
    qint64 delay = m_options.firstBackoffMs;
    for (int i = 1; i < attempts && delay < MaxBackoffMs; ++i)
        delay *= 2;
    return qMin(delay, MaxBackoffMs);
}

Result<QList<ReminderWorker::Claimed>> ReminderWorker::claim(qint64 now)
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db.ok())
        return db.error();
    QList<ReminderLedger::Channel> channels;
    if (m_smtpSettings)
        channels << ReminderLedger::Channel::Email;
    if (m_smsSettings)
        channels << ReminderLedger::Channel::Sms;
    QList<Claimed> claimed;
    // An idle worker only reads: no write lock, no audit entry, when nothing is due.
    const Result<bool> due = ReminderLedger::anyDue(db.value(), channels, now);
    if (!due.ok())
        return due.error();
    if (!due.value())
        return claimed;
    WriteTransaction tx(*m_database, db.value());
    if (const Status begun = tx.begin(); !begun.ok())
        return begun.error();
    auto claims = ReminderLedger::claimDue(tx, channels, now, m_options.batchSize, m_options.leaseMs);
    if (!claims.ok())
        return claims.error();
    for (const ReminderLedger::Claim &claim : claims.value()) {
        Claimed entry;
        entry.claim = claim;
        auto appointment = AppointmentService::find(tx.db(), claim.appointmentId);
        if (!appointment.ok())
            return appointment.error();
        entry.appointment = appointment.value();
        if (!entry.appointment)
            continue;
        // Cancelled (or held, or missed, or already started) since it was planned: no reminder
        // goes out (a cancellation notice does, as long as the appointment stays cancelled).
        if (!stillWanted(claim, *entry.appointment, now)) {
            if (const Status cancelled = ReminderLedger::markCancelled(tx, claim.id, entry.appointment->providerId);
                !cancelled.ok())
                return cancelled.error();
            continue;
        }
        if (!entry.appointment->leadId.isEmpty())
            entry.lead = LeadRepository::find(tx.db(), entry.appointment->leadId);
        QSqlQuery provider(tx.db());
        provider.prepare(QStringLiteral("SELECT u.email, COALESCE(s.timeZone, u.timeZone) FROM users u"
                                        " LEFT JOIN provider_settings s ON s.providerId = u.id WHERE u.id = ?"));
        provider.addBindValue(entry.appointment->providerId);
        if (provider.exec() && provider.next()) {
            entry.providerEmail = provider.value(0).toString();
            entry.providerZone = provider.value(1).toString();
        }
        claimed.append(entry);
    }
    tx.audit({now, QString(), QStringLiteral("reminder.claim"), QStringLiteral("reminder"), QString(),
              QStringLiteral("worker"), QStringLiteral("%1 claimed").arg(claims.value().size())});
    if (const Status committed = tx.commit(); !committed.ok())
        return committed.error();
    return claimed;
}

Status ReminderWorker::record(const QList<Outcome> &outcomes)
{
    // The outcomes exist nowhere else: a record that fails (the database busy, a connection
    // lost) is tried again for a while before the rows are left to their leases (and, for the
    // accepted ones, sent again with the same Message-ID).
    Status status;
    for (int attempt = 0; attempt < 10; ++attempt) {
        status = recordOnce(outcomes);
        if (status.ok())
            return status;
        qCWarning(lcServer) << "reminders: recording" << outcomes.size() << "outcomes failed, attempt"
                            << attempt + 1 << ":" << status.error().code;
        QThread::msleep(200 * (attempt + 1));
    }
    return status;
}

Status ReminderWorker::recordOnce(const QList<Outcome> &outcomes)
{
    if (outcomes.isEmpty())
        return {};
    Result<QSqlDatabase> db = m_database->connection();
    if (!db.ok())
        return db.error();
    WriteTransaction tx(*m_database, db.value());
    if (const Status begun = tx.begin(); !begun.ok())
        return begun;
    for (const Outcome &outcome : outcomes) {
        const Claimed &claimed = outcome.claimed;
        const DeliveryResult &result = outcome.result;
        const QString &id = claimed.claim.id;
        const QString providerId = claimed.appointment->providerId;
        Status status;
        QString said;
        if (result.accepted) {
            status = ReminderLedger::markSent(tx, id, providerId, result.messageId, outcome.at);
            if (status.ok() && !claimed.claim.cancellation)
                status = AppointmentService::markReminderSent(tx, claimed.appointment->id);
            if (status.ok() && !claimed.claim.cancellation)
                status = correctIfMoved(tx, claimed.claim, *claimed.appointment, claimed.lead, outcome.at);
            said = claimed.claim.attempts > 1 ? QStringLiteral("sent after retry") : QStringLiteral("sent");
        } else if (result.permanent || claimed.claim.attempts >= MaxAttempts) {
            status = ReminderLedger::markFailed(tx, id, providerId, result.error);
            said = QStringLiteral("failed");
        } else {
            status = ReminderLedger::markRetry(tx, id, providerId, result.error,
                                               outcome.at + backoffMs(claimed.claim.attempts));
            said = QStringLiteral("retry");
        }
        if (!status.ok())
            return status;
        // Ids only: no address, no name in the log.
        tx.audit({outcome.at, QString(), QStringLiteral("reminder.deliver"), QStringLiteral("reminder"), id,
                  QStringLiteral("worker"), QStringLiteral("%1, attempt %2").arg(said).arg(claimed.claim.attempts)});
    }
    return tx.commit();
}

Status ReminderWorker::refresh(QList<Claimed> &group)
{
    if (group.isEmpty())
        return {};
    Result<QSqlDatabase> db = m_database->connection();
    if (!db.ok())
        return db.error();
    QStringList ids;
    for (const Claimed &entry : std::as_const(group))
        ids << entry.claim.appointmentId;
    auto appointments = AppointmentService::findAll(db.value(), ids);
    if (!appointments.ok())
        return appointments.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Claimed *> unwanted;
    for (Claimed &entry : group) {
        const auto found = appointments.value().constFind(entry.claim.appointmentId);
        if (found != appointments.value().cend() && stillWanted(entry.claim, *found, now))
            entry.appointment = *found;
        else
            unwanted.append(&entry);
    }
    if (unwanted.isEmpty())
        return {};
    WriteTransaction tx(*m_database, db.value());
    if (const Status begun = tx.begin(); !begun.ok())
        return begun;
    for (Claimed *entry : std::as_const(unwanted)) {
        if (const Status cancelled = ReminderLedger::markCancelled(tx,
                                                                   entry->claim.id,
                                                                   entry->appointment->providerId);
            !cancelled.ok())
            return cancelled;
    }
    if (const Status committed = tx.commit(); !committed.ok())
        return committed;
    for (Claimed *entry : std::as_const(unwanted))
        entry->appointment.reset();
    return {};
}

Result<int> ReminderWorker::runOnce(qint64 now)
{
    auto claimed = claim(now);
    if (!claimed.ok())
        return claimed.error();
    int settledCount = 0;
    QList<Outcome> outcomes;
    // The lease counts from `now`, not from the claim's end: a claim that waited for the write
    // lock has used some of it already.
    const qint64 sendUntil = now + m_options.leaseMs / 2;
    QList<Claimed> &entries = claimed.value();
    for (qsizetype index = 0; index < entries.size(); ++index) {
        // Never send on a lease about to run out (another worker may claim the row then), nor
        // once asked to stop. What is left goes back to the pool when its lease ends.
        if (QDateTime::currentMSecsSinceEpoch() > sendUntil || m_stopping.loadRelaxed())
            break;
        // The appointments as they are now, read again before each group of RecordGroup sends
        // (one read for the group; one per send was a tenth of the worker's time): cancelled or
        // moved since the claim, it is not reminded of as it was (cancelled: the row is
        // cancelled; moved: the message has the new time, and a move that commits during the
        // group's sends is told by correctIfMoved).
        if (index % RecordGroup == 0) {
            QList<Claimed> group = entries.mid(index, RecordGroup);
            if (const Status refreshed = refresh(group); !refreshed.ok())
                return refreshed.error();
            for (qsizetype i = 0; i < group.size(); ++i)
                entries[index + i] = group.at(i);
        }
        const Claimed &entry = entries.at(index);
        if (!entry.appointment)
            continue;
        DeliveryResult result;
        const bool sms = entry.claim.channel == ReminderLedger::Channel::Sms;
        if (!entry.lead) {
            result.error = tr("The appointment has no lead to remind any more.");
            result.permanent = true;
        } else if (!sms && entry.lead->email.isEmpty()) {
            result.error = tr("The lead has no e-mail address any more.");
            result.permanent = true;
        } else if (sms && (!entry.lead->smsOptIn || entry.lead->phone.isEmpty())) {
            result.error = tr("The lead has not agreed to SMS reminders, or has no phone number.");
            result.permanent = true;
        } else {
            ReminderMessage message = ReminderMessage::compose(
                entry.claim.id,
                *entry.appointment,
                *entry.lead,
                ReminderMessage::zoneFor(*entry.lead, entry.providerZone),
                m_smtpSettings ? m_smtpSettings->from : QString(),
                entry.providerEmail);
            if (sms && m_smsSettings) {
                message.to = entry.lead->phone;
                if (!m_sms)
                    m_sms = std::make_unique<SmsSender>(*m_smsSettings);
                result = m_sms->send(message);
            } else if (!sms && m_smtpSettings) {
                if (!m_smtp)
                    m_smtp = std::make_unique<SmtpSender>(*m_smtpSettings);
                result = m_smtp->send(message);
            } else {
                result.error = tr("No sender for this channel.");
            }
        }
        // Ids only: the remote's error can quote the address or number (it is in the ledger).
        if (!result.accepted)
            qCWarning(lcServer) << "reminders: reminder" << entry.claim.id << "attempt" << entry.claim.attempts
                                << (result.permanent ? "refused for good" : "not delivered");
        outcomes.append({entry, result, QDateTime::currentMSecsSinceEpoch()});
        // Recorded a few at a time: one transaction per send was most of the worker's time.
        // A crash between a send and its record can send that one again, with the same
        // Message-ID; a group bounds how many. An SMS is recorded at once: the carrier's
        // status callback finds it by the message id.
        if (outcomes.size() >= RecordGroup || sms) {
            if (const Status recorded = record(outcomes); !recorded.ok())
                return recorded.error();
            settledCount += int(outcomes.size());
            outcomes.clear();
        }
    }
    if (const Status recorded = record(outcomes); !recorded.ok())
        return recorded.error();
    settledCount += int(outcomes.size());
    return settledCount;
}

} // namespace Crm
