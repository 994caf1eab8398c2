#include "leadcontroller.h"

#include "apiserver.h"
#include "leadservice.h"

namespace Crm {

void LeadController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;

    // Public (the website's contact form) or, with a token, a lead entered by hand.
    server.route(QStringLiteral("/api/leads"), Method::Post, Access::Public, &LeadService::create);
    server.route(QStringLiteral("/api/leads"),
                 Method::Options,
                 Access::Public,
                 &LeadService::preflight);
    server.route(QStringLiteral("/api/agent/leads"), Method::Get, Access::User, &LeadService::list);
    server.route(QStringLiteral("/api/leads/<arg>"), Method::Get, Access::User, &LeadService::get);
    server.route(QStringLiteral("/api/leads/<arg>"),
                 Method::Put,
                 Access::User,
                 &LeadService::update);
    server.route(QStringLiteral("/api/leads/<arg>/activities"),
                 Method::Post,
                 Access::User,
                 &LeadService::addActivity);
    server.route(QStringLiteral("/api/leads/<arg>/activities"),
                 Method::Get,
                 Access::User,
                 &LeadService::listActivities);
}

} // namespace Crm
