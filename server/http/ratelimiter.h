#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace Crm {

// At most `limit` events per key in any sliding window of `windowMs`; thread-safe. Used for the
// public contact form, keyed by client address.
class RateLimiter final
{
public:
    RateLimiter(int limit, qint64 windowMs);

    // Records an event for key when allowed; otherwise returns the seconds until one is.
    // 0 means allowed.
    int tryAcquire(const QString &key, qint64 nowMs);
    void setLimit(int limit);

private:
    QMutex m_mutex;
    int m_limit;
    qint64 m_windowMs;
    QHash<QString, std::deque<qint64>> m_events;
    qint64 m_lastSweep = 0;
};

} // namespace Crm
