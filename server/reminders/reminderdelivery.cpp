#include "reminderdelivery.h"

#include "serverlogging.h"

namespace Crm {

ReminderDelivery::ReminderDelivery(std::shared_ptr<ServerDatabase> database,
                                   std::optional<SmtpSender::Settings> smtp,
                                   std::optional<SmsSender::Settings> sms,
                                   ReminderWorker::Options options)
{
    if (!smtp)
        qCWarning(lcServer) << "reminders: no --smtp given; e-mail reminders wait (pending) until one is";
    if (!sms)
        qCInfo(lcServer) << "reminders: no --sms-from given; SMS reminders wait (pending) until it is";
    const int count = threadsFromEnvironment();
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("reminders-%1").arg(i + 1));
        auto *worker = new ReminderWorker(database, smtp, sms, options);
        worker->moveToThread(thread);
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        m_threads.append(thread);
        m_workers.append(worker);
    }
}

ReminderDelivery::~ReminderDelivery()
{
    stop();
    qDeleteAll(m_threads);
}

int ReminderDelivery::threadsFromEnvironment()
{
    bool ok = false;
    const int threads = qEnvironmentVariableIntValue("CRM_REMINDER_THREADS", &ok);
    return ok && threads >= 1 && threads <= 32 ? threads : 4;
}

void ReminderDelivery::start()
{
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        m_threads.at(i)->start();
        QMetaObject::invokeMethod(m_workers.at(i), &ReminderWorker::start, Qt::QueuedConnection);
    }
}

void ReminderDelivery::stop()
{
    // All at once, so each finishes its send in hand while the others do (a running thread's
    // worker is alive: it is deleted when its thread ends).
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        if (m_threads.at(i)->isRunning())
            m_workers.at(i)->requestStop();
    }
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        QThread *thread = m_threads.at(i);
        if (!thread->isRunning())
            continue;
        QMetaObject::invokeMethod(m_workers.at(i), &ReminderWorker::stop, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
    }
}

} // namespace Crm
