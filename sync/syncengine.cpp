#include "syncengine.h"

#include "synclogging.h"

#include "domain/syncprotocol.h"

#include <QDateTime>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

namespace Crm {

SyncEngine::SyncEngine(QSqlDatabase cache, SyncClient *client, QObject *parent)
    : SyncEngine(std::move(cache), client, Options(), parent)
{}

SyncEngine::SyncEngine(QSqlDatabase cache, SyncClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_syncState(cache)
    , m_pull(cache)
    , m_outbox(cache)
    , m_conflicts(cache)
    , m_dueNotices(cache)
    , m_client(client)
    , m_options(options)
{
    if (m_syncState.state(QStringLiteral("clientId")).isEmpty())
        m_syncState.setState(QStringLiteral("clientId"),
                             QUuid::createUuid().toString(QUuid::WithoutBraces));
}

void SyncEngine::setState(State state, const QString &message)
{
    m_state = state;
    emit stateChanged(state, message);
}

void SyncEngine::wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    m_waiting = &loop;
    loop.exec();
    m_waiting = nullptr;
}

void SyncEngine::retryNow()
{
    if (m_waiting)
        m_waiting->quit();
}

Status SyncEngine::withRetries(const std::function<Status()> &step)
{
    for (int attempt = 0;; ++attempt) {
        const Status status = step();
        if (status.ok())
            return status;
        const QString code = status.error().code;
        const bool transient = code == QLatin1String("network") || code == QLatin1String("server")
                               || code == QLatin1String("rate_limited");
        if (!transient || attempt + 1 >= m_options.maxAttempts)
            return status;
        const int base = qMin(m_options.backoffCapMs, m_options.backoffBaseMs << qMin(attempt, 16));
        const int delay = int(base * (0.5 + QRandomGenerator::global()->generateDouble()));
        qCInfo(lcSync) << "Sync step failed (" << status.error().message << "); retrying in"
                       << delay << "ms";
        // Offline until a retry gets through: flipping back to "Syncing" between attempts
        // would hide from the status bar that the server is unreachable.
        setState(State::Offline, status.error().message);
        wait(delay);
    }
}

Status SyncEngine::runCycle()
{
    setState(State::Syncing);
    Status status = withRetries([this] { return pushAll(); });
    if (status.ok())
        status = withRetries([this] { return pullAll(); });
    // Pulling may have brought rejections' refetches or conflict resolutions to send.
    if (status.ok() && m_outbox.pendingCount() > 0)
        status = withRetries([this] { return pushAll(); });
    emit countsChanged(m_outbox.pendingCount(), m_conflicts.openCount());
    // Also when offline: a follow-up comes due whether or not the server is reachable.
    raiseDueReminders();
    emit notificationsChanged();
    if (!status.ok()) {
        const QString code = status.error().code;
        if (code == QLatin1String("signed_out"))
            setState(State::SignedOut, status.error().message);
        else if (code == QLatin1String("network"))
            setState(State::Offline, status.error().message);
        else
            setState(State::Error, status.error().message);
        return status;
    }
    m_syncState.setState(QStringLiteral("lastSync"),
                         QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    setState(State::Idle);
    return {};
}

void SyncEngine::raiseDueReminders()
{
    const Result<int> raised = m_dueNotices.raise(QDateTime::currentMSecsSinceEpoch(),
                                                  m_options.appointmentLeadMinutes);
    if (!raised.ok())
        qCWarning(lcSync) << "Cannot raise due reminders:" << raised.error().message;
    else if (raised.value() > 0)
        emit notificationsChanged();
}

Status SyncEngine::pushAll()
{
    while (true) {
        const QJsonArray mutations = m_outbox.pendingMutations(m_options.pushBatch);
        if (mutations.isEmpty())
            return {};
        const QJsonObject body{{SyncProtocol::Key::ClientId,
                                m_syncState.state(QStringLiteral("clientId"))},
                               {SyncProtocol::Key::Mutations, mutations}};
        const Result<QJsonObject> answer = m_client->post(SyncProtocol::PushPath, body);
        if (!answer.ok())
            return answer.error();
        const auto outcome
            = m_outbox.applyPushResults(answer.value().value(SyncProtocol::Key::Results).toArray(),
                                        m_pull);
        if (!outcome.ok())
            return outcome.error();
        for (const QString &leadId : outcome.value().leadsToRefetch) {
            // A rejected edit: put the server's copy back (or drop the lead if it is gone).
            const Result<QJsonObject> lead = m_client->get(QStringLiteral("/api/leads/") + leadId);
            if (lead.ok())
                m_pull.applyServerRecord(SyncProtocol::Entity::Lead, lead.value());
            else if (lead.error().code == QLatin1String("rejected"))
                m_pull.removeRecord(SyncProtocol::Entity::Lead, leadId);
        }
        emit countsChanged(m_outbox.pendingCount(), m_conflicts.openCount());
        if (outcome.value().applied + outcome.value().conflicts + outcome.value().rejected == 0)
            return Error{QStringLiteral("server"),
                         tr("The server answered no mutation of the batch.")};
    }
}

Status SyncEngine::pullAll()
{
    // A first download builds the cache's indexes once, at the end, whatever the outcome.
    if (const Status bulk = m_pull.beginBulkLoad(); !bulk.ok())
        return bulk;
    Status status = pullPages();
    const Status finished = m_pull.finishBulkLoad();
    if (status.ok() && !finished.ok())
        status = finished;
    return status;
}

Status SyncEngine::pullPages()
{
    const qint64 start = m_syncState.cursor();
    auto pagePath = [this](qint64 cursor) {
        return QStringLiteral("%1?%2=%3&%4=%5")
            .arg(SyncProtocol::PullPath, SyncProtocol::Key::Cursor)
            .arg(cursor)
            .arg(SyncProtocol::Key::Limit)
            .arg(m_options.pullLimit);
    };
    // The next page is asked for before this one is applied: the server reads and sends it
    // while the cache writes (a first sync is mostly this loop).
    std::unique_ptr<SyncClient::PendingGet> ahead;
    while (true) {
        const qint64 cursor = m_syncState.cursor();
        const QString path = pagePath(cursor);
        const Result<QJsonObject> page = ahead && ahead->path() == path
                                             ? m_client->finish(std::move(ahead))
                                             : m_client->get(path);
        ahead.reset();
        if (!page.ok()) {
            if (page.error().code == SyncProtocol::ErrorCode::CursorExpired) {
                // Our copy is older than the server's log: start over, keeping the outbox.
                qCInfo(lcSync) << "Cursor expired; downloading everything again";
                const Status reset = m_pull.resetForSnapshot();
                if (!reset.ok())
                    return reset;
                continue;
            }
            return page.error();
        }
        const QJsonObject json = page.value();
        const qint64 next = json.value(SyncProtocol::Key::Cursor).toInteger();
        const bool hasMore = json.value(SyncProtocol::Key::HasMore).toBool();
        if (hasMore && next <= cursor)
            return Error{QStringLiteral("server"), tr("The server's sync cursor did not move.")};
        if (hasMore)
            ahead = m_client->startGet(pagePath(next));
        const Status applied = m_pull.applyPage(json.value(SyncProtocol::Key::Changes).toArray(),
                                                next);
        if (!applied.ok())
            return applied;
        const qint64 head = qMax(next, json.value(SyncProtocol::Key::Head).toInteger());
        emit progress(next - start, head - start);
        if (!hasMore)
            return {};
    }
}

} // namespace Crm
