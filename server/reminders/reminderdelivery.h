#pragma once

#include "reminders/reminderworker.h"

#include <QList>
#include <QThread>

#include <memory>

namespace Crm {

// The reminder workers of one process (`serve`, or `crm-server worker`): several, each on its
// own thread with its own database connection and its own SMTP connection, so a slow send does
// not hold up the others. They share nothing but the ledger: each claims its own rows.
// CRM_REMINDER_THREADS sets how many (default 4).
class ReminderDelivery final
{
public:
    ReminderDelivery(std::shared_ptr<ServerDatabase> database,
                     std::optional<SmtpSender::Settings> smtp,
                     std::optional<SmsSender::Settings> sms,
                     ReminderWorker::Options options);
    ~ReminderDelivery();
    ReminderDelivery(const ReminderDelivery &) = delete;
    ReminderDelivery &operator=(const ReminderDelivery &) = delete;

    void start();
    // Waits for each worker to finish the send in hand; after it nothing is claimed.
    void stop();

    static int threadsFromEnvironment();

private:
    QList<QThread *> m_threads;
    QList<ReminderWorker *> m_workers;
};

} // namespace Crm
