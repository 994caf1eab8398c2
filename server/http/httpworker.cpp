#include "httpworker.h"

#include "http/apiserver.h"
#include "http/gatedtcpserver.h"
#include "sync/livehub.h"
#include "storage/serverdatabase.h"
#include "serverlogging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

namespace Crm {

HttpWorker::HttpWorker(ApiServer &api, int listeningSocket)
    : m_api(api)
    , m_socket(listeningSocket)
{}

HttpWorker::~HttpWorker() = default;

void HttpWorker::start()
{
    // Created here, on the worker's own thread.
    m_http = std::make_unique<QHttpServer>();
    m_live = std::make_unique<LiveHub>(m_api.database(), m_api.auth());
    m_api.installRoutes(*m_http);
    connect(m_http.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections())
            m_live->accept(m_http->nextPendingWebSocketConnection());
    });
    // The gate in front of each connection refuses oversized bodies from their headers.
    auto *tcp = new GatedTcpServer([&api = m_api](const QByteArray &, const QByteArray &path) {
        return api.bodyLimitFor(path);
    });
    tcp->setHttpServer(m_http.get());
    if (!tcp->setSocketDescriptor(m_socket)) {
        qCCritical(lcServer) << "Cannot take over the listening socket:" << tcp->errorString();
        delete tcp;
        return;
    }
    m_http->bind(tcp);
}

void HttpWorker::stop()
{
    if (!m_http)
        return;
    const auto servers = m_http->servers();
    for (QTcpServer *server : servers)
        server->close();
    // Answers already written wait in socket buffers: let them out before the thread ends.
    const auto sockets = m_http->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0)
            socket->waitForBytesWritten(2000);
    }
    m_live.reset();
    m_http.reset();
}

} // namespace Crm
