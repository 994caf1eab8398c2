#include "syncrunner.h"

#include "syncworker.h"

#include <QNetworkInformation>

namespace Crm {

SyncRunner::SyncRunner(Account account, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
{
    qRegisterMetaType<Crm::SyncEngine::State>();
    m_thread.setObjectName(QStringLiteral("crm-sync-worker"));
    m_worker = new SyncWorker(m_account);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(this, &SyncRunner::requestSignIn, m_worker, &SyncWorker::signIn);
    connect(this, &SyncRunner::requestSync, m_worker, &SyncWorker::syncNow);
    connect(this, &SyncRunner::requestPollInterval, m_worker, &SyncWorker::setPollInterval);
    connect(m_worker, &SyncWorker::signedIn, this, &SyncRunner::signedIn);
    connect(m_worker, &SyncWorker::signInFailed, this, &SyncRunner::signInFailed);
    connect(m_worker, &SyncWorker::stateChanged, this, &SyncRunner::stateChanged);
    connect(m_worker, &SyncWorker::progress, this, &SyncRunner::progress);
    connect(m_worker, &SyncWorker::countsChanged, this, &SyncRunner::countsChanged);
    connect(m_worker, &SyncWorker::cacheChanged, this, &SyncRunner::cacheChanged);
    connect(m_worker, &SyncWorker::synced, this, &SyncRunner::synced);
    connect(m_worker, &SyncWorker::liveChannelChanged, this, &SyncRunner::liveChannelChanged);
    connect(m_worker, &SyncWorker::refreshTokenChanged, this, &SyncRunner::refreshTokenChanged);
    connect(m_worker, &SyncWorker::notificationsChanged, this, &SyncRunner::notificationsChanged);
    connect(m_worker, &SyncWorker::answered, this, &SyncRunner::answered);
    connect(this, &SyncRunner::requestCall, m_worker, &SyncWorker::request);
    connect(m_worker, &SyncWorker::downloaded, this, &SyncRunner::downloaded);
    connect(this, &SyncRunner::requestDownload, m_worker, &SyncWorker::download);
    connect(this,
            &SyncRunner::requestAppointmentLeadMinutes,
            m_worker,
            &SyncWorker::setAppointmentLeadMinutes);
    m_thread.start();

    // The OS says when the network comes back: sync at once instead of waiting for the poll.
    // (Failed requests are the other, always-available signal; see SyncEngine.)
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(),
                &QNetworkInformation::reachabilityChanged,
                this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online
                        || reachability == QNetworkInformation::Reachability::Site)
                        syncNow();
                    else if (reachability == QNetworkInformation::Reachability::Disconnected)
                        emit stateChanged(SyncEngine::State::Offline,
                                          tr("This computer is offline; changes are kept and "
                                             "sent when the network is back."));
                });
    }
}

SyncRunner::~SyncRunner()
{
    m_thread.quit();
    m_thread.wait();
}

void SyncRunner::signIn(const QString &password, const QString &refreshToken)
{
    emit requestSignIn(password, refreshToken);
}

void SyncRunner::syncNow()
{
    emit requestSync();
}

int SyncRunner::request(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    const int id = ++m_nextRequest;
    emit requestCall(id, method, path, body);
    return id;
}

int SyncRunner::download(const QString &path)
{
    const int id = ++m_nextRequest;
    emit requestDownload(id, path);
    return id;
}

void SyncRunner::setAppointmentLeadMinutes(int minutes)
{
    emit requestAppointmentLeadMinutes(minutes);
}

void SyncRunner::setPollIntervalMs(int ms)
{
    emit requestPollInterval(ms);
}

} // namespace Crm
