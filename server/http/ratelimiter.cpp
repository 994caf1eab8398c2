#include "ratelimiter.h"

namespace Crm {

RateLimiter::RateLimiter(int limit, qint64 windowMs)
    : m_limit(limit)
    , m_windowMs(windowMs)
{}

void RateLimiter::setLimit(int limit)
{
    QMutexLocker lock(&m_mutex);
    m_limit = limit;
}

int RateLimiter::tryAcquire(const QString &key, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    // Forget idle clients now and then, so the table does not grow without bound.
    if (nowMs - m_lastSweep > m_windowMs) {
        for (auto it = m_events.begin(); it != m_events.end();) {
            if (it->empty() || it->back() <= nowMs - m_windowMs)
                it = m_events.erase(it);
            else
                ++it;
        }
        m_lastSweep = nowMs;
    }
    std::deque<qint64> &events = m_events[key];
    while (!events.empty() && events.front() <= nowMs - m_windowMs)
        events.pop_front();
    if (int(events.size()) >= m_limit) {
        const qint64 waitMs = events.front() + m_windowMs - nowMs;
        return int(qMax<qint64>(1, (waitMs + 999) / 1000));
    }
    events.push_back(nowMs);
    return 0;
}

} // namespace Crm
