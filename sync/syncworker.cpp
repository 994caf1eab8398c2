#include "syncworker.h"

#include "conflictinbox.h"
#include "domain/syncprotocol.h"
#include "outbox.h"
#include "store/passwordhasher.h"
#include "synclogging.h"
#include "syncstate.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

namespace Crm {

SyncWorker::SyncWorker(SyncRunner::Account account)
    : m_account(std::move(account))
{
    // Children move to the worker thread with this object (member timers included).
    m_poll.setParent(this);
    m_soon.setParent(this);
    m_reconnect.setParent(this);
    m_reminders.setParent(this);
    // Follow-ups come due and appointments draw near between syncs, offline too.
    m_reminders.setInterval(30000);
    connect(&m_reminders, &QTimer::timeout, this, [this] {
        if (m_engine && !m_syncing)
            m_engine->raiseDueReminders();
    });
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        qCDebug(lcSync) << "Poll";
        sync();
    });
    m_soon.setSingleShot(true);
    connect(&m_soon, &QTimer::timeout, this, &SyncWorker::sync);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SyncWorker::openLiveChannel);
}

SyncWorker::~SyncWorker()
{
    if (m_live) {
        m_live->disconnect(this);
        m_live->abort();
    }
    delete m_live;
}

bool SyncWorker::ensureOpen()
{
    if (m_engine)
        return true;
    auto cache = LocalDatabase::open(m_account.cachePath, m_account.cacheKey);
    if (!cache.ok()) {
        emit stateChanged(SyncEngine::State::Error, cache.error().message);
        return false;
    }
    m_cache = std::move(cache).value();
    m_client = std::make_unique<SyncClient>(m_account.server);
    m_engine = std::make_unique<SyncEngine>(m_cache.database(), m_client.get());
    connect(m_engine.get(), &SyncEngine::stateChanged, this, &SyncWorker::stateChanged);
    connect(m_engine.get(), &SyncEngine::progress, this, &SyncWorker::progress);
    connect(m_engine.get(), &SyncEngine::countsChanged, this, &SyncWorker::countsChanged);
    connect(m_engine.get(),
            &SyncEngine::notificationsChanged,
            this,
            &SyncWorker::notificationsChanged);
    m_engine->setAppointmentLeadMinutes(m_appointmentLeadMinutes);
    m_reminders.start();
    return true;
}

void SyncWorker::signIn(const QString &password, const QString &refreshToken)
{
    if (!ensureOpen())
        return;
    const QString server = m_account.server.toString();
    const QString email = m_account.email;
    // The keychain is the GUI thread's business: hand rotated tokens over.
    m_client->onRefreshTokenChanged(
        [this](const QString &token) { emit refreshTokenChanged(token); });
    SyncState state(m_cache.database());
    if (!password.isEmpty()) {
        const auto login = m_client->login(email, password, state.state(QStringLiteral("clientId")));
        if (!login.ok()) {
            emit signInFailed(login.error().code, login.error().message);
            return;
        }
        state.setState(QStringLiteral("userId"), login.value().userId);
        state.setState(QStringLiteral("email"), login.value().email);
        state.setState(QStringLiteral("name"), login.value().name);
        state.setState(QStringLiteral("role"), login.value().role);
        state.setState(QStringLiteral("server"), server);
        // The idle lock checks the password against this, offline too (the cache is encrypted).
        state.setState(QStringLiteral("unlockHash"), PasswordHasher::hash(password));
    } else {
        if (refreshToken.isEmpty()) {
            emit signInFailed(QStringLiteral("signed_out"), tr("Sign in to sync."));
            return;
        }
        m_client->setRefreshToken(refreshToken);
        const Status refreshed = m_client->refresh();
        if (!refreshed.ok()) {
            // Offline is fine: the cached data is there; sync resumes when the network is back.
            if (refreshed.error().code != QLatin1String("network")) {
                emit signInFailed(refreshed.error().code, refreshed.error().message);
                return;
            }
            emit stateChanged(SyncEngine::State::Offline, refreshed.error().message);
        }
    }
    m_signedIn = true;
    // Ids, not names or e-mails, in logs (they end up in bug reports).
    qCInfo(lcSync) << "Signed in as user" << state.state(QStringLiteral("userId"));
    emit signedIn(state.state(QStringLiteral("userId")),
                  state.state(QStringLiteral("name")),
                  state.state(QStringLiteral("role")));
    emit countsChanged(Outbox(m_cache.database()).pendingCount(),
                       ConflictInbox(m_cache.database()).openCount());
    m_poll.start();
    openLiveChannel();
    sync();
}

void SyncWorker::setPollInterval(int ms)
{
    m_poll.setInterval(ms);
}

void SyncWorker::setAppointmentLeadMinutes(int minutes)
{
    m_appointmentLeadMinutes = minutes;
    if (m_engine) {
        m_engine->setAppointmentLeadMinutes(minutes);
        m_engine->raiseDueReminders();
    }
}

void SyncWorker::request(int id,
                         const QByteArray &method,
                         const QString &path,
                         const QJsonObject &body)
{
    if (!m_signedIn || !ensureOpen()) {
        emit answered(id, false, {}, tr("Not signed in to the server."));
        return;
    }
    const Result<QJsonObject> answer = m_client->request(method, path, body);
    if (!answer.ok()) {
        if (answer.error().code == QLatin1String("network"))
            emit stateChanged(SyncEngine::State::Offline, answer.error().message);
        emit answered(id, false, {}, answer.error().message);
        return;
    }
    emit answered(id, true, answer.value(), QString());
    // Whatever it changed on the server comes back through the change log.
    if (method != "GET")
        scheduleSync(0);
}

void SyncWorker::download(int id, const QString &path)
{
    if (!m_signedIn || !ensureOpen()) {
        emit downloaded(id, false, {}, {}, tr("Not signed in to the server."));
        return;
    }
    const Result<SyncClient::Download> answer = m_client->download(path);
    if (!answer.ok()) {
        if (answer.error().code == QLatin1String("network"))
            emit stateChanged(SyncEngine::State::Offline, answer.error().message);
        emit downloaded(id, false, {}, {}, answer.error().message);
        return;
    }
    emit downloaded(id,
                    true,
                    answer.value().body,
                    QString::fromLatin1(answer.value().contentType),
                    QString());
}

void SyncWorker::scheduleSync(int delayMs)
{
    if (!m_soon.isActive())
        m_soon.start(delayMs);
}

void SyncWorker::syncNow()
{
    if (m_syncing && m_engine)
        m_engine->retryNow();
    sync();
}

void SyncWorker::sync()
{
    if (!m_signedIn || !ensureOpen())
        return;
    if (m_syncing) {
        // A hint during a cycle: run once more right after it.
        qCDebug(lcSync) << "Sync asked for during a cycle: once more after it";
        m_again = true;
        return;
    }
    m_syncing = true;
    qCDebug(lcSync) << "Sync cycle starts";
    do {
        m_again = false;
        const SyncState state(m_cache.database());
        const Outbox outbox(m_cache.database());
        const qint64 cursorBefore = state.cursor();
        const int pendingBefore = outbox.pendingCount();
        const Status status = m_engine->runCycle();
        m_lastCycleOk = status.ok();
        // Views re-read the cache only when this cycle changed it: an idle poll must not make
        // a big lead list reload.
        if (state.cursor() != cursorBefore || outbox.pendingCount() != pendingBefore)
            emit cacheChanged();
        if (status.ok()) {
            emit synced(state.state(QStringLiteral("lastSync")));
            if (!m_live)
                openLiveChannel();
        } else {
            // Why the status bar says what it says, in the log too: a code and the client's
            // own wording, never a record's contents.
            qCInfo(lcSync) << "Sync cycle ended with" << status.error().code << "-"
                           << status.error().message;
            if (status.error().code == QLatin1String("signed_out")) {
                m_signedIn = false;
                m_poll.stop();
                emit signInFailed(status.error().code, status.error().message);
            }
        }
    } while (m_again && m_signedIn);
    m_syncing = false;
}

void SyncWorker::openLiveChannel()
{
    if (!m_signedIn || m_client->accessToken().isEmpty())
        return;
    m_reconnect.stop();
    if (m_live) {
        m_live->disconnect(this); // a replaced channel's close says nothing (nor reconnects)
        m_live->abort();
        m_live->deleteLater();
    }
    m_live = new QWebSocket;
    QUrl url = m_account.server;
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                         : QStringLiteral("ws"));
    url.setPath(SyncProtocol::LivePath);
    QWebSocket *live = m_live;
    connect(m_live, &QWebSocket::connected, this, [this, live] {
        qCDebug(lcSync) << "Live channel connected";
        live->setProperty("wasUp", true);
        // The token goes as the first message, so it never lands in a proxy's URL log.
        m_live->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), m_client->accessToken()}})
                .toJson(QJsonDocument::Compact)));
    });
    connect(m_live, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.value(QStringLiteral("type")).toString() == QLatin1String("changes")) {
            qCDebug(lcSync) << "Live hint: cursor" << message.value(QStringLiteral("cursor"));
            scheduleSync(0);
        } else if (message.value(QStringLiteral("type")).toString() == QLatin1String("ready")) {
            // With a live channel, polling is only a safety net. What changed while the
            // channel was down comes now, not at the next poll.
            qCDebug(lcSync) << "Live channel ready";
            m_poll.setInterval(LivePollMs);
            emit liveChannelChanged(true);
            if (m_liveWasDown)
                scheduleSync(0);
            m_liveWasDown = false;
        }
    });
    connect(m_live, &QWebSocket::disconnected, this, [this, live] {
        const bool wasUp = live->property("wasUp").toBool();
        qCDebug(lcSync) << "Live channel closed" << (wasUp ? "after it was up" : "before it came up");
        m_liveWasDown = true;
        if (wasUp)
            emit liveChannelChanged(false);
        // A channel that was up and went down says the server may be gone, and so does one
        // that cannot come up while the status bar says Online: a cycle now tells. (It must
        // not wait for the next poll; the server can go away right after answering a cycle.)
        if (wasUp || m_lastCycleOk)
            scheduleSync(0);
        // Poll as often as without a channel; changing the interval restarts the timer, so
        // only when it changes (a channel failing every 10 s must not keep the poll off).
        if (m_poll.interval() != PollMs)
            m_poll.setInterval(PollMs);
        // Reconnect later (the access token may have been refreshed meanwhile).
        m_reconnect.start(ReconnectMs);
    });
    connect(m_live,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [live](QAbstractSocket::SocketError error) {
                qCDebug(lcSync) << "Live channel error" << error << live->errorString();
            });
    m_live->open(url);
}

} // namespace Crm
