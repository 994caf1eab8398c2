#include "leadworkcontroller.h"

#include "http/routetable.h"
#include "leads/enrollmentservice.h"
#include "leads/followupservice.h"
#include "leads/leadstatsservice.h"

namespace Crm {

void LeadWorkController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    const QStringList period{QStringLiteral("from"), QStringLiteral("to")};

    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/follow-ups"), Access::User)
                   .field(QStringLiteral("id"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("dueAt"), Type::Time, BodyField::Required)
                   .field(QStringLiteral("note"), Type::String, BodyField::Nullable),
               &FollowUpService::create);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/follow-ups/<arg>"), Access::User)
                   .field(QStringLiteral("dueAt"), Type::Time)
                   .field(QStringLiteral("note"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("done"), Type::Boolean)
                   .field(QStringLiteral("baseVersion"), Type::Integer),
               &FollowUpService::update);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/follow-ups"), Access::User)
                   .query({QStringLiteral("limit"),
                           QStringLiteral("cursor"),
                           QStringLiteral("dueBefore"),
                           QStringLiteral("agentId")}),
               &FollowUpService::listOpen);
    // The plan is required, but by Enrollment::validate (after the lead is found, beside the
    // other details' problems), so it is optional here; a bare POST (no body) reaches those
    // checks too.
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/convert"), Access::User)
                   .field(QStringLiteral("plan"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("effectiveDate"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .emptyBodyAllowed(),
               &EnrollmentService::convert);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/lead-stats"), Access::User)
                   .query(period),
               &LeadStatsService::agentStats);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/lead-stats"), Access::Admin)
                   .query(period),
               &LeadStatsService::adminStats);
}

} // namespace Crm
