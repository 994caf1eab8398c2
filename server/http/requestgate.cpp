#include "requestgate.h"

#include "http/apierror.h"
#include "serverlogging.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <sys/socket.h>

namespace Crm {

namespace {

constexpr qsizetype MaxChunkLine = 1024;
constexpr int DrainMs = 3000;

QByteArray headerValue(const QList<QByteArray> &lines, const QByteArray &name)
{
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

RequestGate::RequestGate(QTcpSocket *socket, LimitFor limitFor)
    : QObject(socket)
    , m_socket(socket)
    , m_limitFor(std::move(limitFor))
{
    connect(socket, &QTcpSocket::readyRead, this, &RequestGate::onReadyRead);
}

RequestGate *RequestGate::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<RequestGate *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void RequestGate::answered()
{
    if (m_closeAfterAnswer) // and what follows is not answered either
        m_socket->disconnectFromHost(); // once what is written has gone out
    else
        m_answerPending = false;
}

void RequestGate::onReadyRead()
{
    if (m_state == State::Passive)
        return;
    if (m_state == State::Refused) {
        drain();
        return;
    }
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    if (data.size() < m_ahead) { // someone else read what we had seen: we cannot follow
        m_state = State::Passive;
        return;
    }
    if (!scan(data, m_ahead))
        return;
    // QHttpServer now reads to the end of its current request (then answers it) or, when that
    // is not complete yet, everything there is.
    qsizetype consumed = data.size();
    if (!m_ends.empty() && m_ends.front() <= data.size()) {
        consumed = m_ends.front();
        m_ends.pop_front();
    }
    for (qsizetype &end : m_ends)
        end -= consumed;
    m_ahead = data.size() - consumed;
}

bool RequestGate::scan(const QByteArray &data, qsizetype from)
{
    qsizetype i = from;
    while (i < data.size()) {
        switch (m_state) {
        case State::Headers: {
            const qsizetype newline = data.indexOf('\n', i);
            const qsizetype end = newline < 0 ? data.size() : newline + 1;
            m_header.append(data.constData() + i, end - i);
            i = end;
            if (m_header.size() > MaxHeaderBytes) {
                refuse(431,
                       "Request Header Fields Too Large",
                       "headers_too_large",
                       ApiError::tr("The request headers are larger than %1 bytes.")
                           .arg(MaxHeaderBytes));
                return false;
            }
            if (m_header == "\r\n" || m_header == "\n") { // blank lines between requests
                m_header.clear();
                continue;
            }
            if (m_header.endsWith("\r\n\r\n") || m_header.endsWith("\n\n")) {
                if (!headersComplete())
                    return m_state != State::Refused;
                if (m_state == State::Headers) // no body
                    requestEnded(i);
            }
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::Headers;
                requestEnded(i);
            }
            break;
        }
        case State::ChunkSize:
        case State::ChunkTrailer: {
            const qsizetype newline = data.indexOf('\n', i);
            const qsizetype end = newline < 0 ? data.size() : newline + 1;
            m_line.append(data.constData() + i, end - i);
            i = end;
            if (m_line.size() > MaxChunkLine) {
                m_state = State::Passive;
                return true;
            }
            if (newline < 0)
                break;
            const QByteArray line = m_line.trimmed();
            m_line.clear();
            if (m_state == State::ChunkTrailer) {
                if (line.isEmpty()) {
                    // QHttpServer's chunked reader may not end exactly where we do: step aside
                    // for the rest of this connection (the read-buffer cap still holds).
                    m_state = State::Passive;
                    return true;
                }
                break;
            }
            bool ok = false;
            const qint64 size = line.split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                m_state = State::Passive;
                return true;
            }
            m_bodyTotal += size;
            if (m_bodyTotal > m_limit) {
                refuse(413, "Payload Too Large", QByteArray(), QString());
                return false;
            }
            if (size == 0) {
                m_state = State::ChunkTrailer;
            } else {
                m_remaining = size + 2; // the data and its CRLF
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            break;
        }
        case State::Passive:
        case State::Refused:
            return true;
        }
    }
    return true;
}

bool RequestGate::headersComplete()
{
    QList<QByteArray> lines = m_header.split('\n');
    m_header.clear();
    const QList<QByteArray> requestLine = lines.takeFirst().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        m_state = State::Passive; // QHttpServer answers or drops it
        return false;
    }
    m_method = requestLine.at(0);
    m_path = requestLine.at(1).split('?').first();
    if (!headerValue(lines, "Upgrade").isEmpty()) {
        m_state = State::Passive; // a WebSocket from here on
        return false;
    }
    m_limit = m_limitFor(m_method, m_path);
    m_bodyTotal = 0;
    if (headerValue(lines, "Transfer-Encoding").toLower().contains("chunked")) {
        m_state = State::ChunkSize;
        return true;
    }
    const QByteArray lengthText = headerValue(lines, "Content-Length");
    if (lengthText.isEmpty())
        return true;
    bool ok = false;
    const qint64 length = lengthText.toLongLong(&ok);
    if (!ok || length < 0) {
        m_state = State::Passive;
        return false;
    }
    if (length > m_limit) {
        refuse(413, "Payload Too Large", QByteArray(), QString());
        return false;
    }
    if (length > 0) {
        m_remaining = length;
        m_state = State::Body;
    }
    return true;
}

void RequestGate::requestEnded(qsizetype position)
{
    m_ends.push_back(position);
}

void RequestGate::refuse(int status,
                         const QByteArray &reason,
                         const QByteArray &code,
                         const QString &message)
{
    m_state = State::Refused;
    // QHttpServer reads no more of this connection.
    if (m_httpServer)
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    const ApiError error = status == 413 ? ApiError::payloadTooLarge(m_limit)
                                         : ApiError{status, QString::fromLatin1(code), message,
                                                    {}, {}, {}};
    const QByteArray body = QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact);
    const QByteArray requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\nX-Request-Id: " + requestId
                    + "\r\nConnection: close\r\n\r\n" + body);
    qCInfo(lcServer).noquote() << QString::fromLatin1(m_method.isEmpty() ? "?" : m_method)
                               << loggable(QString::fromLatin1(m_path)) << status
                               << QStringLiteral("(refused before reading the body)")
                               << QString::fromLatin1(requestId);
    // Stop sending once the answer is out, read and drop what the client still sends for a
    // moment (closing with unread data would reset the connection and lose the answer), then
    // close.
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    });
    QTimer::singleShot(DrainMs, m_socket, [socket = m_socket] { socket->abort(); });
    drain();
}

void RequestGate::drain()
{
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

} // namespace Crm
