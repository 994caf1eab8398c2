#pragma once

#include "store/localdatabase.h"
#include "syncengine.h"
#include "syncrunner.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QWebSocket;

namespace Crm {

// The worker-thread half of SyncRunner: owns the cache connection, the HTTP client, the engine
// and the live channel. Created and used on the worker thread only.
class SyncWorker final : public QObject
{
    Q_OBJECT

public:
    explicit SyncWorker(SyncRunner::Account account);
    ~SyncWorker() override;

public slots:
    void signIn(const QString &password, const QString &refreshToken);
    void sync();
    // The user's "Sync now": a cycle now, or, during one that waits to retry a server it could
    // not reach, its retry now (the server may be back).
    void syncNow();
    void setPollInterval(int ms);
    void setAppointmentLeadMinutes(int minutes);
    void request(int id, const QByteArray &method, const QString &path, const QJsonObject &body);
    void download(int id, const QString &path);

signals:
    void signedIn(const QString &userId, const QString &name, const QString &role);
    void signInFailed(const QString &code, const QString &message);
    void stateChanged(Crm::SyncEngine::State state, const QString &message);
    void progress(qint64 done, qint64 total);
    void countsChanged(int pendingChanges, int openConflicts);
    void cacheChanged();
    void synced(const QString &when);
    // The live channel (the server's change hints) came up or went down.
    void liveChannelChanged(bool up);
    void refreshTokenChanged(const QString &token);
    void notificationsChanged();
    void answered(int id, bool ok, const QJsonObject &answer, const QString &error);
    void downloaded(
        int id, bool ok, const QByteArray &body, const QString &contentType, const QString &error);

private:
    bool ensureOpen();
    void openLiveChannel();
    void scheduleSync(int delayMs);

    static constexpr int PollMs = 30000;           // without a live channel
    static constexpr int LivePollMs = 5 * 60 * 1000; // a safety net beside one
    static constexpr int ReconnectMs = 10000;      // after the channel went down

    SyncRunner::Account m_account;
    LocalDatabase m_cache;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<SyncEngine> m_engine;
    QWebSocket *m_live = nullptr;
    QTimer m_poll;
    QTimer m_soon;
    QTimer m_reconnect;
    QTimer m_reminders;
    int m_appointmentLeadMinutes = 15;
    bool m_signedIn = false;
    bool m_syncing = false;
    bool m_again = false;
    bool m_lastCycleOk = false; // the last cycle reached the server
    bool m_liveWasDown = false; // the live channel went down since it was last ready
};

} // namespace Crm
