#include "leadworkcontroller.h"

#include "apiserver.h"
#include "enrollmentservice.h"
#include "followupservice.h"
#include "leadstatsservice.h"

namespace Crm {

void LeadWorkController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;

    server.route(QStringLiteral("/api/leads/<arg>/follow-ups"),
                 Method::Post,
                 Access::User,
                 &FollowUpService::create);
    server.route(QStringLiteral("/api/follow-ups/<arg>"),
                 Method::Put,
                 Access::User,
                 &FollowUpService::update);
    server.route(QStringLiteral("/api/agent/follow-ups"),
                 Method::Get,
                 Access::User,
                 &FollowUpService::listOpen);
    server.route(QStringLiteral("/api/leads/<arg>/convert"),
                 Method::Post,
                 Access::User,
                 &EnrollmentService::convert);
    server.route(QStringLiteral("/api/agent/lead-stats"),
                 Method::Get,
                 Access::User,
                 &LeadStatsService::agentStats);
    server.route(QStringLiteral("/api/admin/lead-stats"),
                 Method::Get,
                 Access::Admin,
                 &LeadStatsService::adminStats);
}

} // namespace Crm
