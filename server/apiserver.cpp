#include "apiserver.h"

#include "serverdatabase.h"
#include "serverlogging.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUuid>
#include <QtConcurrent>

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

ApiServer::ApiServer(std::shared_ptr<ServerDatabase> database, Options options, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_options(std::move(options))
    , m_auth(*m_database)
    , m_contactFormLimiter(m_options.contactFormRate, 60 * 1000)
    , m_live(*m_database, m_auth)
{
    // GET /api/sync/live. Qt 6.4's QHttpServer upgrades a WebSocket request only when a route
    // took it and wrote nothing; the hub then checks the token. A plain GET gets a 400.
    m_http.route(QStringLiteral("/api/sync/live"),
                 QHttpServerRequest::Method::Get,
                 [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     if (request.value(QByteArrayLiteral("Upgrade"))
                             .compare("websocket", Qt::CaseInsensitive)
                         == 0)
                         return;
                     const ApiResponse response(ApiError::badRequest(ApiError::tr(
                         "/api/sync/live is a WebSocket; connect with Upgrade: websocket.")));
                     responder.write(response.body,
                                     {{QByteArrayLiteral("Content-Type"), response.contentType},
                                      {QByteArrayLiteral("X-Request-Id"),
                                       requestIdFor(request).toLatin1()}},
                                     QHttpServerResponder::StatusCode::BadRequest);
                 });
    connect(&m_http, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http.hasPendingWebSocketConnections())
            m_live.accept(m_http.nextPendingWebSocketConnection());
    });
    m_database->setCommitObserver(
        [this](qint64 head, const QSet<QString> &audiences) { m_live.announce(head, audiences); });
    m_pool.setMaxThreadCount(qMax(1, m_options.workerThreads));
    // Workers keep their database connection; an expired thread would strand it.
    m_pool.setExpiryTimeout(-1);

    m_http.setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QString requestId = requestIdFor(request);
            const ApiError error = ApiError::notFound(
                ApiError::tr("There is no %1 %2 in this API.")
                    .arg(QString::fromLatin1(methodName(request.method())), request.url().path()));
            qCInfo(lcServer).noquote()
                << methodName(request.method()) << request.url().path() << 404 << requestId;
            const ApiResponse response(error);
            responder.write(response.body,
                            {{QByteArrayLiteral("Content-Type"), response.contentType},
                             {QByteArrayLiteral("X-Request-Id"), requestId.toLatin1()}},
                            QHttpServerResponder::StatusCode::NotFound);
        });

    m_auditTimer.setInterval(250);
    connect(&m_auditTimer, &QTimer::timeout, this, [this] {
        if (m_audit.pending() > 0)
            m_pool.start([this] { m_audit.flush(*m_database); });
    });
    m_auditTimer.start();
}

ApiServer::~ApiServer()
{
    shutdown();
}

Result<quint16> ApiServer::listen()
{
    const quint16 port = m_http.listen(m_options.address, m_options.port);
    if (port == 0) {
        return Error{QStringLiteral("listen_failed"),
                     tr("Cannot listen on %1:%2; is another server running there?")
                         .arg(m_options.address.toString())
                         .arg(m_options.port)};
    }
    return port;
}

void ApiServer::shutdown()
{
    m_database->setCommitObserver({});
    const auto servers = m_http.servers();
    for (QTcpServer *server : servers)
        server->close();
    m_auditTimer.stop();
    m_pool.waitForDone();
    m_pool.start([this] { m_audit.flush(*m_database); });
    m_pool.waitForDone();
}

void ApiServer::route(const QString &pattern,
                      QHttpServerRequest::Methods methods,
                      Access access,
                      Handler handler,
                      qint64 bodyLimit)
{
    const int args = int(pattern.count(QLatin1String("<arg>")));
    bool added = false;
    if (args == 0) {
        added = m_http.route(pattern, methods, [=](const QHttpServerRequest &request) {
            return dispatch(request, {}, access, handler, bodyLimit);
        });
    } else if (args == 1) {
        added = m_http.route(pattern,
                             methods,
                             [=](const QString &a, const QHttpServerRequest &request) {
                                 return dispatch(request, {a}, access, handler, bodyLimit);
                             });
    } else if (args == 2) {
        added = m_http.route(pattern,
                             methods,
                             [=](const QString &a,
                                 const QString &b,
                                 const QHttpServerRequest &request) {
                                 return dispatch(request, {a, b}, access, handler, bodyLimit);
                             });
    }
    if (!added)
        qCCritical(lcServer) << "Cannot add route" << pattern;
}

QFuture<QHttpServerResponse> ApiServer::dispatch(const QHttpServerRequest &request,
                                                 QStringList args,
                                                 Access access,
                                                 const Handler &handler,
                                                 qint64 bodyLimit)
{
    // Copy what the handler needs now: the request object belongs to the socket thread.
    ApiContext context;
    context.requestId = requestIdFor(request);
    context.method = methodName(request.method());
    context.path = request.url().path();
    context.query = request.query();
    context.body = request.body();
    context.remoteAddress = request.remoteAddress();
    context.headers = request.headers();
    context.pathArgs = std::move(args);
    context.server = this;

    return QtConcurrent::run(&m_pool,
                             [this,
                              context = std::move(context),
                              access,
                              handler,
                              bodyLimit]() mutable {
                                 QElapsedTimer timer;
                                 timer.start();
                                 ApiResponse response;
                                 if (context.body.size() > bodyLimit)
                                     response = ApiError::payloadTooLarge(bodyLimit);
                                 else
                                     response = run(context, access, handler);
                                 qCInfo(lcServer).noquote()
                                     << context.method << context.path << response.status
                                     << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 2)
                                            + QStringLiteral("ms")
                                     << context.requestId;
                                 return toHttp(response, context.requestId);
                             });
}

ApiResponse ApiServer::run(ApiContext &context, Access access, const Handler &handler)
{
    const QByteArray schema = context.header(QByteArrayLiteral("X-CRM-Schema"));
    if (!schema.isEmpty()) {
        bool ok = false;
        const int version = schema.toInt(&ok);
        if (!ok)
            return ApiError::badRequest(ApiError::tr("X-CRM-Schema must be a number."));
        if (version < MinClientSchema) {
            ApiError error{426,
                           QStringLiteral("upgrade_required"),
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

    Result<QSqlDatabase> db = m_database->connection();
    if (!db.ok())
        return ApiError::fromStoreError(db.error());
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
    if (access != Access::Public && !context.user)
        return ApiError::unauthorized();
    if (access == Access::Admin && !context.user->isAdmin())
        return ApiError::forbidden(ApiError::tr("Only an admin may do this."));

    return handler(context);
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

void ApiServer::auditRead(const ApiContext &context,
                          const QString &action,
                          const QString &entity,
                          const QString &entityId,
                          const QString &detail)
{
    m_audit.record({QDateTime::currentMSecsSinceEpoch(),
                    context.user ? context.user->id : QString(),
                    action,
                    entity,
                    entityId,
                    context.remote(),
                    detail});
}

} // namespace Crm
