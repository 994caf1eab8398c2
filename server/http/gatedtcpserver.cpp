#include "gatedtcpserver.h"

#include <QTcpSocket>

namespace Crm {

GatedTcpServer::GatedTcpServer(RequestGate::LimitFor limitFor, QObject *parent)
    : QTcpServer(parent)
    , m_limitFor(std::move(limitFor))
{}

QTcpSocket *GatedTcpServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    if (!socket)
        return nullptr;
    // A backstop whatever happens to the gate: the socket stops reading from the network
    // once this much waits unread (QHttpServer keeps a request's bytes until it is complete).
    socket->setReadBufferSize(MaxBufferedBytes);
    auto *gate = new RequestGate(socket, m_limitFor);
    // QHttpServer connects to readyRead right after this returns; the gate's slot, connected
    // in its constructor, runs before it.
    gate->setHttpServer(m_httpServer);
    return socket;
}

} // namespace Crm
