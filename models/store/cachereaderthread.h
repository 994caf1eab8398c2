#pragma once

#include <QObject>
#include <QSqlDatabase>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace Crm {

class CacheReaderConnection;

// A thread with its own connection to a cache this process opened, for reads too big for the
// GUI thread (a range of 50,000 appointments, the ordered ids of 100,000 leads). Item models
// post a read; its answer comes back on the model's thread. The connection opens at the first
// read (the key is held only until then) and closes with the thread.
//
// Each post carries a generation; a read whose generation is no longer the latest is skipped
// before it starts (the user has moved on), and the model drops stale answers on arrival.
class CacheReaderThread final
{
public:
    // Null when `gui` is not a cache this process opened (a test's plain connection): the
    // caller reads on its own thread.
    static std::unique_ptr<CacheReaderThread> start(const QSqlDatabase &gui, const QString &name);
    ~CacheReaderThread(); // a read under way ends first

    CacheReaderThread(const CacheReaderThread &) = delete;
    CacheReaderThread &operator=(const CacheReaderThread &) = delete;

    // Later reads make earlier, not yet started ones moot.
    void supersede(quint64 generation) { m_latest = generation; }

    // Runs `read` on the thread with its connection (not open when the cache could not be
    // opened there), then `done` with its result on `context`'s thread. `context` owns this
    // reader thread, so it outlives every read (the destructor waits for the one under way).
    template<typename T>
    void post(quint64 generation,
              QObject *context,
              std::function<T(const QSqlDatabase &)> read,
              std::function<void(T)> done)
    {
        supersede(generation);
        run([this, generation, context, read = std::move(read), done = std::move(done)](
                const QSqlDatabase &db) {
            if (m_latest != generation)
                return;
            T answer = read(db);
            QMetaObject::invokeMethod(
                context,
                [done, answer = std::move(answer)] { done(answer); },
                Qt::QueuedConnection);
        });
    }

private:
    CacheReaderThread() = default;
    void run(std::function<void(const QSqlDatabase &)> job);

    std::unique_ptr<QThread> m_thread;
    CacheReaderConnection *m_connection = nullptr; // lives on m_thread
    std::atomic<quint64> m_latest{0};
};

} // namespace Crm
