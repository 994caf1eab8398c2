#include "faultproxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace CrmTest {

namespace {

// One client connection and its upstream twin. HTTP/1.1 without pipelining: a request starts
// when the client speaks after the server has answered (or first).
struct Link
{
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> upstream;
    bool awaitingResponse = false;
    bool cutResponse = false;
    bool holding = false;
    QByteArray held;

    void close()
    {
        if (client) {
            client->abort();
            client->deleteLater();
        }
        if (upstream) {
            upstream->abort();
            upstream->deleteLater();
        }
    }
};

} // namespace

FaultProxy::FaultProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
    setListening(true);
}

QString FaultProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

bool FaultProxy::setListening(bool listening)
{
    if (!listening) {
        m_server.close();
        return true;
    }
    // The same port across restarts keeps the client's URL valid.
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FaultProxy::dropConnections()
{
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->abort();
        socket->deleteLater();
    }
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        if (!m_planned.isEmpty() && m_planned.first().fault == Fault::Refuse) {
            m_planned.removeFirst();
            ++m_faultsApplied;
            client->abort();
            client->deleteLater();
            continue;
        }
        relay(client);
    }
}

void FaultProxy::relay(QTcpSocket *client)
{
    auto link = std::make_shared<Link>();
    link->client = client;
    link->upstream = new QTcpSocket(this);
    link->upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);

    auto flush = [link] {
        if (!link->holding && link->upstream
            && link->upstream->state() == QAbstractSocket::ConnectedState && !link->held.isEmpty()) {
            link->upstream->write(link->held);
            link->held.clear();
        }
    };
    connect(link->upstream, &QTcpSocket::connected, this, flush);
    connect(client, &QTcpSocket::readyRead, this, [this, link, flush] {
        if (!link->client)
            return;
        const QByteArray data = link->client->readAll();
        if (!link->awaitingResponse) {
            // A new request: does the next planned fault want it?
            link->awaitingResponse = true;
            const QByteArray requestLine = data.left(data.indexOf("\r\n"));
            if (!m_planned.isEmpty() && m_planned.first().fault != Fault::Refuse
                && requestLine.contains(m_planned.first().path)) {
                const Fault fault = m_planned.takeFirst().fault;
                ++m_faultsApplied;
                if (fault == Fault::Drop) {
                    link->close();
                    return;
                }
                if (fault == Fault::CutResponse)
                    link->cutResponse = true;
                if (fault == Fault::Delay) {
                    link->holding = true;
                    QTimer::singleShot(m_delayMs, this, [link, flush] {
                        link->holding = false;
                        flush();
                    });
                }
            }
        }
        link->held += data;
        flush();
    });
    connect(link->upstream, &QTcpSocket::readyRead, this, [link] {
        if (!link->upstream || !link->client)
            return;
        if (link->cutResponse) {
            link->close();
            return;
        }
        link->client->write(link->upstream->readAll());
        link->awaitingResponse = false;
    });
    connect(client, &QTcpSocket::disconnected, this, [link] { link->close(); });
    connect(link->upstream, &QTcpSocket::disconnected, this, [link] {
        if (link->client)
            link->client->disconnectFromHost();
    });
}

} // namespace CrmTest
