#pragma once

#include <QHttpServer>
#include <QObject>

#include <memory>

class QTcpServer;

namespace Crm {

class ApiServer;
class LiveHub;

// One request-handling thread of the API: its own QHttpServer on its own listening socket
// (all sockets share the port through SO_REUSEPORT, so the kernel spreads connections), its
// own database connection (ServerDatabase hands one out per thread) and its own live hub.
// Requests are answered on this thread, synchronously except a login, whose password is
// checked on AuthService's hashing threads: its answer is written here later, and only while
// the connection is still there.
class HttpWorker final : public QObject
{
    Q_OBJECT

public:
    HttpWorker(ApiServer &api, int listeningSocket);
    ~HttpWorker() override;

    LiveHub &live() { return *m_live; }

public slots:
    void start();
    // Stops taking connections and flushes answers already written.
    void stop();

private:
    ApiServer &m_api;
    int m_socket;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<LiveHub> m_live;
};

} // namespace Crm
