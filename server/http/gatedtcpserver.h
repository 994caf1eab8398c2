#pragma once

#include "http/requestgate.h"

#include <QTcpServer>

namespace Crm {

// The listening socket of an HttpWorker: hands each connection to QHttpServer with a
// RequestGate already reading in front of it, so oversized bodies are refused before QHttpServer
// buffers them. QAbstractHttpServer takes connections through the virtual
// nextPendingConnection(), which is where the gate is put in place.
class GatedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    explicit GatedTcpServer(RequestGate::LimitFor limitFor, QObject *parent = nullptr);

    QTcpSocket *nextPendingConnection() override;
    // Tells the gates of the sockets handed out so far who reads after them.
    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }

    // Per connection, at most the largest body limit plus the headers is ever buffered.
    static constexpr qint64 MaxBufferedBytes = 9 * 1024 * 1024;

private:
    RequestGate::LimitFor m_limitFor;
    QObject *m_httpServer = nullptr;
};

} // namespace Crm
