#pragma once

#include "syncengine.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace Crm {

class SyncWorker;

// The desktop app's handle on sync. All network and bulk cache work happens on a worker
// thread with its own cache connection; this object lives on the GUI thread and only passes
// requests and answers along as queued signals, so the GUI never waits.
//
// While running it syncs when asked (syncNow), when the server hints over the live WebSocket
// (within ~100 ms), after local edits, and every 30 s when there is no live channel.
class SyncRunner final : public QObject
{
    Q_OBJECT

public:
    struct Account
    {
        QUrl server;
        QString email;
        QString cachePath;
        QByteArray cacheKey;
    };

    explicit SyncRunner(Account account, QObject *parent = nullptr);
    ~SyncRunner() override;

    const Account &account() const { return m_account; }

public slots:
    // Signs in with a password, or with a refresh token the caller read from the keychain.
    // Rotated refresh tokens come back through refreshTokenChanged (the caller keeps them).
    void signIn(const QString &password, const QString &refreshToken = QString());
    void syncNow();
    void setPollIntervalMs(int ms);
    void setAppointmentLeadMinutes(int minutes);

public:
    // An API call on the worker thread with this account's sign-in (admin screens: users,
    // assignment mode, auto-assign). The answer comes back through answered() with the id
    // returned here; a change it makes on the server is then synced into the cache.
    int request(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    // A GET whose answer is a file, not JSON (an appointment's .ics): the body comes back as
    // it was sent, with its content type, through downloaded() with the id returned here.
    int download(const QString &path);

public slots:

signals:
    void signedIn(const QString &userId, const QString &name, const QString &role);
    void signInFailed(const QString &code, const QString &message);
    void stateChanged(Crm::SyncEngine::State state, const QString &message);
    // The live channel (the server's change hints) came up or went down.
    void liveChannelChanged(bool up);
    void progress(qint64 done, qint64 total);
    void countsChanged(int pendingChanges, int openConflicts);
    void cacheChanged();
    void synced(const QString &when);
    void refreshTokenChanged(const QString &token);
    // New or changed entries in the notifications table (read them from the GUI's connection).
    void notificationsChanged();
    void answered(int id, bool ok, const QJsonObject &answer, const QString &error);
    void downloaded(
        int id, bool ok, const QByteArray &body, const QString &contentType, const QString &error);

    // Internal: to the worker.
    void requestSignIn(const QString &password, const QString &refreshToken);
    void requestSync();
    void requestPollInterval(int ms);
    void requestAppointmentLeadMinutes(int minutes);
    void requestCall(int id, const QByteArray &method, const QString &path, const QJsonObject &body);
    void requestDownload(int id, const QString &path);

private:
    Account m_account;
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    int m_nextRequest = 0;
};

} // namespace Crm
