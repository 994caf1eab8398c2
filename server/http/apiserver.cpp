#include "apiserver.h"

#include "storage/serverdatabase.h"
#include "serverlogging.h"
#include "storage/writetransaction.h"

#include "http/httpworker.h"
#include "sync/livehub.h"
#include "http/requestgate.h"
#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUuid>
#include <QtConcurrent>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Crm {

namespace {

QString requestIdFor(const QHttpServerRequest &request)
{
    // Keep a caller's id (a proxy's or the desktop app's) so logs line up end to end.
    static const QRegularExpression acceptable(QStringLiteral("^[A-Za-z0-9._-]{8,64}$"));
    const QString given = QString::fromLatin1(request.value(QByteArrayLiteral("X-Request-Id")));
    if (acceptable.match(given).hasMatch())
        return given;
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

} // namespace

namespace {

// A listening TCP socket on address:port that other sockets may share (SO_REUSEPORT): the
// kernel spreads incoming connections over the workers. Returns -1 on failure.
int listeningSocket(const QHostAddress &address, quint16 port)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    int bound = -1;
    if (v6) {
        sockaddr_in6 addr = {};
        addr.sin6_family = AF_INET6;
        addr.sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        memcpy(&addr.sin6_addr, &ip, sizeof ip);
        bound = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    } else {
        sockaddr_in addr = {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(address.toIPv4Address());
        bound = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    }
    if (bound != 0 || ::listen(fd, 1024) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

quint16 portOf(int fd)
{
    sockaddr_storage addr = {};
    socklen_t length = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0)
        return 0;
    if (addr.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&addr)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&addr)->sin_port);
}

} // namespace

ApiServer::ApiServer(std::shared_ptr<ServerDatabase> database, Options options, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_options(std::move(options))
    , m_auth(*m_database)
    , m_contactFormLimiter(m_options.contactFormRate, 60 * 1000)
{
    m_database->setCommitObserver(
        [this](qint64 head, const QSet<QString> &audiences) { announce(head, audiences); });
}

ApiServer::~ApiServer()
{
    shutdown();
}

Result<quint16> ApiServer::listen()
{
    m_bodyLimits.clear();
    for (const RouteTable::Route &route : m_routes.routes()) {
        QString pattern = QRegularExpression::escape(route.spec.pattern());
        pattern.replace(QRegularExpression::escape(QStringLiteral("<arg>")),
                        QStringLiteral("[^/]+"));
        m_bodyLimits.append({QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$')),
                             route.spec.bodyLimit()});
    }
    const int workers = m_options.workerThreads > 0 ? m_options.workerThreads
                                                    : qMax(2, QThread::idealThreadCount());
    quint16 port = m_options.port;
    QList<int> sockets;
    for (int i = 0; i < workers; ++i) {
        const int fd = listeningSocket(m_options.address, port);
        if (fd < 0) {
            for (int open : std::as_const(sockets))
                ::close(open);
            return Error{QStringLiteral("listen_failed"),
                         tr("Cannot listen on %1:%2; is another server running there?")
                             .arg(m_options.address.toString())
                             .arg(m_options.port)};
        }
        port = portOf(fd); // port 0 picks one; the other workers share it
        sockets << fd;
    }
    m_port = port;
    for (int i = 0; i < workers; ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("http-%1").arg(i));
        auto *worker = new HttpWorker(*this, sockets.at(i));
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        QMetaObject::invokeMethod(worker, &HttpWorker::start, Qt::BlockingQueuedConnection);
        m_threads << thread;
        m_workers << worker;
    }
    return port;
}

void ApiServer::shutdown()
{
    m_database->setCommitObserver({});
    // Password checks still running finish and queue the rest of their logins to the workers,
    // which finish those before stopping.
    m_auth.stopHashing();
    // Each worker finishes the request it is on, stops listening and flushes what it has
    // written; then its thread ends.
    for (HttpWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &HttpWorker::stop, Qt::BlockingQueuedConnection);
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    m_workers.clear();
    qDeleteAll(m_threads);
    m_threads.clear();
}

void ApiServer::announce(qint64 head, const QSet<QString> &audiences)
{
    for (HttpWorker *worker : std::as_const(m_workers))
        worker->live().announce(head, audiences);
}

qint64 ApiServer::bodyLimitFor(const QByteArray &encodedPath) const
{
    const QString path = QString::fromLatin1(encodedPath);
    qint64 limit = -1;
    for (const auto &[pattern, routeLimit] : m_bodyLimits) {
        if (pattern.match(path).hasMatch())
            limit = qMax(limit, routeLimit);
    }
    return limit < 0 ? DefaultBodyLimit : limit;
}

void ApiServer::loginEnded()
{
    for (HttpWorker *worker : std::as_const(m_workers))
        worker->live().revalidateSoon();
}

void ApiServer::setRoutes(RouteTable routes)
{
    m_routes = std::move(routes);
}

void ApiServer::installRoutes(QHttpServer &http)
{
    http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        if (mustNotAnswerYet(responder))
            return;
        const QString requestId = requestIdFor(request);
        const ApiResponse response(ApiError::notFound(
            ApiError::tr("There is no %1 %2 in this API.")
                .arg(QString::fromLatin1(methodName(request.method())), request.url().path())));
        // The path as it came, percent-encoded: a decoded %0A would start a line of the
        // caller's choosing.
        qCInfo(lcServer).noquote() << methodName(request.method())
                                   << request.url().path(QUrl::FullyEncoded)
                                   << 404 << requestId;
        responder.write(response.body,
                        {{QByteArrayLiteral("Content-Type"), response.contentType},
                         {QByteArrayLiteral("X-Request-Id"), requestId.toLatin1()}},
                        QHttpServerResponder::StatusCode::NotFound);
    });
    // GET /api/sync/live. Qt 6.4's QHttpServer upgrades a WebSocket request only when a route
    // took it and wrote nothing; the worker's LiveHub then checks the token. A plain GET gets
    // a 400.
    http.route(QString(SyncProtocol::LivePath),
               QHttpServerRequest::Method::Get,
               [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   if (request.value(QByteArrayLiteral("Upgrade"))
                           .compare("websocket", Qt::CaseInsensitive)
                       == 0)
                       return;
                   if (mustNotAnswerYet(responder))
                       return;
                   const ApiResponse response(ApiError::badRequest(
                       ApiError::tr("/api/sync/live is a WebSocket; connect with Upgrade: "
                                    "websocket.")));
                   responder.write(response.body,
                                   {{QByteArrayLiteral("Content-Type"), response.contentType},
                                    {QByteArrayLiteral("X-Request-Id"),
                                     requestIdFor(request).toLatin1()}},
                                   QHttpServerResponder::StatusCode::BadRequest);
               });
    // Where a handler that answers later queues the rest of its work: this worker's thread.
    QObject *thread = &http;
    for (const RouteTable::Route &route : m_routes.routes()) {
        const int args = int(route.spec.pattern().count(QLatin1String("<arg>")));
        const QString &pattern = route.spec.pattern();
        const QHttpServerRequest::Methods methods(route.spec.method());
        bool added = false;
        if (args == 0) {
            added = http.route(pattern,
                               methods,
                               [=](const QHttpServerRequest &request,
                                   QHttpServerResponder &&responder) {
                                   dispatch(request, std::move(responder), thread, {}, route);
                               });
        } else if (args == 1) {
            added = http.route(pattern,
                               methods,
                               [=](const QString &a,
                                   const QHttpServerRequest &request,
                                   QHttpServerResponder &&responder) {
                                   dispatch(request, std::move(responder), thread, {a}, route);
                               });
        } else if (args == 2) {
            added = http.route(pattern,
                               methods,
                               [=](const QString &a,
                                   const QString &b,
                                   const QHttpServerRequest &request,
                                   QHttpServerResponder &&responder) {
                                   dispatch(request, std::move(responder), thread, {a, b}, route);
                               });
        }
        if (!added)
            qCCritical(lcServer) << "Cannot add route" << route.spec.pattern();
    }
}

void ApiServer::dispatch(const QHttpServerRequest &request,
                         QHttpServerResponder &&responder,
                         QObject *thread,
                         QStringList args,
                         const RouteTable::Route &route)
{
    if (mustNotAnswerYet(responder))
        return;
    QElapsedTimer timer;
    timer.start();
    ApiContext context;
    context.requestId = requestIdFor(request);
    context.method = methodName(request.method());
    context.path = request.url().path();
    context.query = request.query();
    context.rawBody = request.body();
    context.headers = request.headers();
    context.remoteAddress = clientAddress(request.remoteAddress(),
                                          context.header(QByteArrayLiteral("X-Forwarded-For")));
    context.pathArgs = std::move(args);
    context.server = this;
    context.thread = thread;

    // Logs the request and writes its answer; for an answer given later, only while the
    // connection is still there (QHttpServer deletes a socket whose client hung up).
    QTcpSocket *socket = responder.socket();
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    auto send = [held,
                 socket = QPointer<QTcpSocket>(socket),
                 requestId = context.requestId,
                 method = context.method,
                 path = request.url().path(QUrl::FullyEncoded),
                 timer](const ApiResponse &response) {
        qCInfo(lcServer).noquote() << method << path << response.status
                                   << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 2)
                                          + QStringLiteral("ms")
                                   << requestId;
        if (socket)
            toHttp(response, requestId).write(std::move(*held));
    };

    ApiResponse response;
    if (context.rawBody.size() > route.spec.bodyLimit()) {
        response = ApiError::payloadTooLarge(route.spec.bodyLimit());
    } else {
        context.answerLater = [send, gate = QPointer<RequestGate>(RequestGate::of(socket))](
                                  const ApiResponse &response) {
            send(response);
            if (gate)
                gate->answered();
        };
        response = run(context, route);
    }
    if (response.isLater()) {
        if (RequestGate *gate = RequestGate::of(socket))
            gate->answerPending();
        return;
    }
    send(response);
}

bool ApiServer::mustNotAnswerYet(const QHttpServerResponder &responder)
{
    RequestGate *gate = RequestGate::of(responder.socket());
    if (!gate || !gate->isAnswerPending())
        return false;
    gate->skipRequest();
    qCInfo(lcServer) << "A request pipelined behind an answer still being prepared is not"
                        " answered; the connection closes after that answer";
    return true;
}

ApiResponse ApiServer::run(ApiContext &context, const RouteTable::Route &route)
{
    // Every body this API reads is JSON. Insisting on the type also means a web page elsewhere
    // cannot post here without a CORS preflight (a text/plain form post needs none).
    if (!context.rawBody.isEmpty()) {
        const QByteArray type = context.header(QByteArrayLiteral("Content-Type"))
                                    .split(';')
                                    .first()
                                    .trimmed()
                                    .toLower();
        if (type != route.spec.contentType())
            return ApiError::unsupportedMediaType();
    }

    const QByteArray schema = context.header(QByteArray(SyncProtocol::VersionHeader));
    if (!schema.isEmpty()) {
        bool ok = false;
        const int version = schema.toInt(&ok);
        if (!ok)
            return ApiError::badRequest(ApiError::tr("X-CRM-Schema must be a number."));
        if (version < MinClientSchema) {
            ApiError error{426,
                           SyncProtocol::ErrorCode::UpgradeRequired,
                           ApiError::tr("This app is too old for the server (schema %1; the "
                                        "server needs at least %2). Update Agent CRM.")
                               .arg(version)
                               .arg(MinClientSchema),
                           {},
                           {},
                           {}};
            return error;
        }
    }

    const auto items = context.query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!ApiContext::isCleanText(item.first) || !ApiContext::isCleanText(item.second))
            return ApiError::badRequest(
                ApiError::tr("The query string contains characters that are not valid text."));
    }
    for (const QString &argument : std::as_const(context.pathArgs)) {
        if (!ApiContext::isCleanText(argument))
            return ApiError::badRequest(
                ApiError::tr("The path contains characters that are not valid text."));
    }

    Result<QSqlDatabase> db = m_database->connection();
    if (!db.ok())
        return ApiError::fromError(db.error());
    context.db = db.value();

    const QByteArray authorization = context.header(QByteArrayLiteral("Authorization"));
    if (!authorization.isEmpty()) {
        if (!authorization.startsWith("Bearer "))
            return ApiError::unauthorized(ApiError::tr("Use \"Authorization: Bearer <token>\"."));
        context.user = m_auth.authenticate(context.db,
                                           QString::fromLatin1(authorization.mid(7).trimmed()));
        if (!context.user)
            return ApiError::unauthorized();
    }
    const Access access = route.spec.access();
    if (access != Access::Public && !context.user)
        return ApiError::unauthorized();
    if (access == Access::Admin && !context.user->isAdmin())
        return ApiError::forbidden(ApiError::tr("Only an admin may do this."));

    // The one place a body is checked: the handler gets it as its route declared it.
    const auto checkAndHandle = [&]() -> ApiResponse {
        auto body = route.spec.check(context.rawBody, context.user.has_value());
        if (auto *error = std::get_if<ApiError>(&body))
            return *error;
        context.body = std::get<RequestBody>(std::move(body));
        return route.handler(context);
    };
    return route.around ? route.around(context, checkAndHandle) : checkAndHandle();
}

QHttpServerResponse ApiServer::toHttp(const ApiResponse &response, const QString &requestId)
{
    const auto status = QHttpServerResponse::StatusCode(response.status);
    QHttpServerResponse http = response.contentType.isEmpty()
                                   ? QHttpServerResponse(status)
                                   : QHttpServerResponse(response.contentType,
                                                         response.body,
                                                         status);
    http.setHeader(QByteArrayLiteral("X-Request-Id"), requestId.toLatin1());
    for (const auto &header : response.headers)
        http.setHeader(header.first, header.second);
    return http;
}

QHostAddress ApiServer::clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor) const
{
    if (forwardedFor.isEmpty())
        return peer;
    bool trusted = false;
    for (const auto &proxy : m_options.trustedProxies)
        trusted = trusted || peer.isInSubnet(proxy);
    if (!trusted)
        return peer;
    // The last hop is the one our proxy added; earlier ones are the client's to invent.
    const QHostAddress forwarded(QString::fromLatin1(forwardedFor.split(',').last().trimmed()));
    return forwarded.isNull() ? peer : forwarded;
}

bool ApiServer::isAllowedOrigin(const QByteArray &origin, const QByteArray &host) const
{
    const QString given = QString::fromLatin1(origin).trimmed();
    if (!host.isEmpty()
        && (given == QStringLiteral("http://") + QString::fromLatin1(host)
            || given == QStringLiteral("https://") + QString::fromLatin1(host)))
        return true;
    for (const QString &allowed : m_options.contactFormOrigins) {
        if (given.compare(allowed, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void ApiServer::auditRead(const ApiContext &context,
                          const QString &action,
                          const QString &entity,
                          const QString &entityId,
                          const QString &detail)
{
    QSqlDatabase db = context.db;
    WriteTransaction tx(*m_database, db);
    Status status = tx.begin();
    if (status.ok()) {
        tx.audit({QDateTime::currentMSecsSinceEpoch(),
                  context.user ? context.user->id : QString(),
                  action,
                  entity,
                  entityId.left(100),
                  context.remote(),
                  detail});
        status = tx.commit();
    }
    if (!status.ok())
        qCCritical(lcServer) << "Cannot audit" << action << "of request" << context.requestId
                             << ":" << status.error().message;
}

} // namespace Crm
