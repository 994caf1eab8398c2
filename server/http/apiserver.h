#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"
#include "audit/auditlog.h"
#include "auth/authservice.h"
#include "domain/result.h"
#include "domain/syncprotocol.h"
#include "http/ratelimiter.h"
#include "http/routetable.h"
#include "scheduling/availabilitycache.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QObject>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace Crm {

class HttpWorker;
class ServerDatabase;

// The HTTP API: routes, access checks, JSON errors, request ids and request logging. Requests
// are served by several HttpWorker threads listening on one port (SO_REUSEPORT); each answers
// its requests synchronously with its own database connection, except where a handler hands
// slow work elsewhere and answers later (login: Argon2id runs on AuthService's own threads,
// so a request thread never waits for a hash). It serves a RouteTable the *Controller classes
// filled: each request's body is checked against its route's declaration before the handler
// runs (RouteSpec::check), and an ApiError becomes the HTTP answer.
class ApiServer final : public QObject
{
    Q_OBJECT

public:
    using Access = Crm::Access;
    using Handler = RouteTable::Handler;

    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 8080;
        int contactFormRate = 20; // per minute per client address
        // Web pages (scheme://host[:port]) besides the server's own that may post the contact
        // form from a browser (--contact-form-origin).
        QStringList contactFormOrigins;
        // Proxies (an address or a subnet) whose X-Forwarded-For names the client
        // (--trusted-proxy); from anyone else the header is ignored.
        QList<QPair<QHostAddress, int>> trustedProxies;
        int workerThreads = 0;    // 0: one per core, at least two
        QString smtpUrl;
        QString smsBaseUrl;
    };

    static constexpr qint64 DefaultBodyLimit = RouteSpec::DefaultBodyLimit;
    static constexpr int SchemaVersion = SyncProtocol::Version; // what X-CRM-Schema says
    static constexpr int MinClientSchema = 1;

    ApiServer(std::shared_ptr<ServerDatabase> database, Options options, QObject *parent = nullptr);
    ~ApiServer() override;

    Result<quint16> listen();
    // Stops accepting connections and lets in-flight requests finish.
    void shutdown();

    // The routes to serve; patterns are QHttpServer's, with "<arg>" for each path parameter (up
    // to two). Call before listen().
    void setRoutes(RouteTable routes);

    ServerDatabase &database() { return *m_database; }
    AuthService &auth() { return m_auth; }
    RateLimiter &contactFormLimiter() { return m_contactFormLimiter; }
    AvailabilityCache &availabilityCache() { return m_availabilityCache; }
    const Options &options() const { return m_options; }

    // The body limit of the route a request goes to (the largest of the routes its path
    // matches; DefaultBodyLimit for none). Thread-safe once listening.
    qint64 bodyLimitFor(const QByteArray &encodedPath) const;

    // For HttpWorker: installs the registered routes on a worker's QHttpServer.
    void installRoutes(QHttpServer &http);
    // Announces committed changes to every worker's live channel.
    void announce(qint64 head, const QSet<QString> &audiences);
    // A login ended (logout): every live channel checks its sockets' logins now.
    void loginEnded();

    // The client's address: the connection's, or the last X-Forwarded-For hop when the
    // connection comes from a trusted proxy.
    QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor) const;
    // True when a browser page of this origin may post the contact form: one of
    // Options::contactFormOrigins, or the server's own (host as the request named it).
    bool isAllowedOrigin(const QByteArray &origin, const QByteArray &host) const;

    // Writes the audit entry of a read before the answer goes out (a crash loses none).
    // Refused reads (404) are audited too.
    void auditRead(const ApiContext &context,
                   const QString &action,
                   const QString &entity,
                   const QString &entityId,
                   const QString &detail = QString());

private:
    void dispatch(const QHttpServerRequest &request,
                  QHttpServerResponder &&responder,
                  QObject *thread,
                  QStringList args,
                  const RouteTable::Route &route);
    ApiResponse run(ApiContext &context, const RouteTable::Route &route);
    // True (and the request is dropped) while an earlier answer of the connection is pending.
    static bool mustNotAnswerYet(const QHttpServerResponder &responder);
    static QHttpServerResponse toHttp(const ApiResponse &response, const QString &requestId);

    std::shared_ptr<ServerDatabase> m_database;
    Options m_options;
    RouteTable m_routes;
    QList<QPair<QRegularExpression, qint64>> m_bodyLimits; // built by listen()
    QList<QThread *> m_threads;
    QList<HttpWorker *> m_workers;
    quint16 m_port = 0;
    AuthService m_auth;
    RateLimiter m_contactFormLimiter;
    // Off with CRM_AVAILABILITY_CACHE=off (the benchmark's uncached baseline).
    AvailabilityCache m_availabilityCache{qgetenv("CRM_AVAILABILITY_CACHE") != "off"};
};

} // namespace Crm
