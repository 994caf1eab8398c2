#pragma once

#include <QByteArray>
#include <QObject>

#include <deque>
#include <functional>

class QTcpSocket;

namespace Crm {

// Reads every HTTP/1.1 request of one connection beside QHttpServer, before it does, and
// refuses a body larger than its route allows from the request's headers: 413 on a
// Content-Length over the limit before any of the body is read (QHttpServer 6.4 would buffer
// the whole body first), 413 as soon as a chunked body passes the limit, 431 for a header block
// over 64 KiB. A refused connection gets its answer, is drained for a moment (so the client
// reads the answer instead of a reset) and closed.
//
// It runs first on each readyRead (GatedTcpServer connects it before handing the socket on),
// peeks at what arrived, and knows how far QHttpServer will read: to the end of its current
// request, one request per readyRead. Anything it cannot follow (an upgrade to WebSocket,
// a malformed request) makes it step aside for the rest of the connection.
class RequestGate final : public QObject
{
    Q_OBJECT

public:
    // The body limit of a request (method, percent-encoded path) in bytes.
    using LimitFor = std::function<qint64(const QByteArray &method, const QByteArray &path)>;
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;

    RequestGate(QTcpSocket *socket, LimitFor limitFor);

    // Call after QHttpServer has connected to the socket: it is the receiver whose reading
    // stops when a request is refused.
    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }

    // The gate of a connection QHttpServer handed to a route (nullptr for none).
    static RequestGate *of(QTcpSocket *socket);

    // Answers written later (a login waits for its password check on another thread): while
    // one is pending, the answer to a request pipelined behind it cannot go out first. Such a
    // request is not handled; the connection closes once the pending answer is out, and the
    // client retries it on a new one (RFC 9112, 9.3.2).
    void answerPending() { m_answerPending = true; }
    bool isAnswerPending() const { return m_answerPending; }
    void skipRequest() { m_closeAfterAnswer = true; }
    // After the pending answer was written.
    void answered();

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkTrailer, Passive, Refused };

    void onReadyRead();
    // Follows the stream over `data`; false when it refused the request.
    bool scan(const QByteArray &data, qsizetype from);
    bool headersComplete();
    void requestEnded(qsizetype position);
    void refuse(int status, const QByteArray &reason, const QByteArray &code, const QString &message);
    void drain();

    QTcpSocket *m_socket;
    LimitFor m_limitFor;
    QObject *m_httpServer = nullptr;
    State m_state = State::Headers;
    QByteArray m_header;      // the header block being read
    QByteArray m_line;        // a chunk-size or trailer line being read
    QByteArray m_method;
    QByteArray m_path;
    qint64 m_limit = 0;
    qint64 m_remaining = 0;   // body or chunk bytes still to come
    qint64 m_bodyTotal = 0;   // chunked: data so far
    qsizetype m_ahead = 0;    // bytes at the front of the socket buffer already scanned
    std::deque<qsizetype> m_ends; // request ends within the buffer, from its front
    bool m_answerPending = false;
    bool m_closeAfterAnswer = false;
};

} // namespace Crm
