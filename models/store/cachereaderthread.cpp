#include "cachereaderthread.h"

#include "localdatabase.h"
#include "logging.h"

#include <QThread>

namespace Crm {

// The thread's connection: opened at the first read, closed with the thread.
class CacheReaderConnection final : public QObject
{
public:
    explicit CacheReaderConnection(LocalDatabase::Location where)
        : m_where(std::move(where))
    {}
    ~CacheReaderConnection() override { m_cache.close(); }

    QSqlDatabase database()
    {
        if (!m_cache.isOpen() && !m_failed) {
            LocalDatabase::Options options;
            options.migrate = false; // the GUI's connection did
            options.create = false;
            Result<LocalDatabase> opened = LocalDatabase::open(m_where.path, m_where.key, options);
            if (opened.ok()) {
                m_cache = std::move(opened).value();
            } else {
                m_failed = true;
                qCWarning(lcStore) << "A reader thread cannot open the cache:"
                                   << opened.error().message;
            }
            m_where.key.fill('\0');
        }
        return m_cache.database();
    }

private:
    LocalDatabase::Location m_where;
    LocalDatabase m_cache;
    bool m_failed = false;
};

std::unique_ptr<CacheReaderThread> CacheReaderThread::start(const QSqlDatabase &gui,
                                                            const QString &name)
{
    std::optional<LocalDatabase::Location> where = LocalDatabase::locationOf(gui);
    if (!where)
        return nullptr;
    std::unique_ptr<CacheReaderThread> reader(new CacheReaderThread);
    reader->m_thread = std::make_unique<QThread>();
    reader->m_thread->setObjectName(name);
    reader->m_connection = new CacheReaderConnection(std::move(*where));
    reader->m_connection->moveToThread(reader->m_thread.get());
    QObject::connect(reader->m_thread.get(),
                     &QThread::finished,
                     reader->m_connection,
                     &QObject::deleteLater);
    reader->m_thread->start();
    return reader;
}

CacheReaderThread::~CacheReaderThread()
{
    m_thread->quit();
    m_thread->wait();
}

void CacheReaderThread::run(std::function<void(const QSqlDatabase &)> job)
{
    CacheReaderConnection *connection = m_connection;
    QMetaObject::invokeMethod(
        connection,
        [connection, job = std::move(job)] { job(connection->database()); },
        Qt::QueuedConnection);
}

} // namespace Crm
