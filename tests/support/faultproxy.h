#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace CrmTest {

// A TCP proxy on 127.0.0.1 between a client and a server that misbehaves on purpose. Planned
// faults apply in order, each to the next request whose request line contains its path (any
// request when the path is empty); everything else passes through.
//   Refuse       the next new connection is closed at once (no path: nothing was sent yet)
//   Drop         the request is swallowed and the connection closed; the server never sees it
//   Delay        the request is held for delayMs, then forwarded
//   CutResponse  the request is forwarded; once the server starts answering, the connection is
//                closed: the server did the work, the client never hears of it
// setListening(false) refuses connections outright (the server is "down"); dropConnections()
// cuts the open ones.
class FaultProxy final : public QObject
{
    Q_OBJECT

public:
    enum class Fault { Refuse, Drop, Delay, CutResponse };
    struct Planned
    {
        Fault fault;
        QByteArray path;
    };

    explicit FaultProxy(quint16 targetPort, QObject *parent = nullptr);

    QString url() const;
    void plan(const QList<Planned> &faults) { m_planned = faults; }
    void setDelayMs(int ms) { m_delayMs = ms; }
    bool setListening(bool listening);
    // Cuts every open connection at once (a long-lived one, such as the live channel, goes
    // down); new ones still pass.
    void dropConnections();
    int faultsApplied() const { return m_faultsApplied; }

private:
    void accept();
    void relay(QTcpSocket *client);

    QTcpServer m_server;
    quint16 m_targetPort;
    quint16 m_port = 0;
    QList<Planned> m_planned;
    int m_delayMs = 2000;
    int m_faultsApplied = 0;
};

} // namespace CrmTest
