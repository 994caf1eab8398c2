#include "leadcontroller.h"

#include "http/routetable.h"
#include "leads/leadservice.h"

namespace Crm {

namespace {

// The lead fields POST and PUT /api/leads share, as Lead::fromJson reads them (it checks the
// enum values: source, status).
RouteSpec &leadFields(RouteSpec &&spec, int nameFlags)
{
    using Type = BodyField::Type;
    return spec.field(QStringLiteral("firstName"), Type::String, nameFlags)
        .field(QStringLiteral("lastName"), Type::String, nameFlags)
        .field(QStringLiteral("email"), Type::String, nameFlags)
        .field(QStringLiteral("phone"), Type::String, nameFlags)
        .field(QStringLiteral("message"), Type::String, BodyField::Nullable)
        .field(QStringLiteral("source"), Type::String)
        .field(QStringLiteral("state"), Type::String, BodyField::Nullable)
        .field(QStringLiteral("smsOptIn"), Type::Boolean)
        .field(QStringLiteral("preferredLanguage"), Type::String, BodyField::Nullable);
}

} // namespace

void LeadController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    const QStringList paging{QStringLiteral("limit"), QStringLiteral("cursor")};

    // Public (the website's contact form) or, with a token, a lead entered by hand.
    routes.add(leadFields(RouteSpec(Method::Post, QStringLiteral("/api/leads"), Access::Public),
                          BodyField::Required)
                   .field(QStringLiteral("id"),
                          Type::String,
                          BodyField::Nullable | BodyField::SignedInOnly)
                   .field(QStringLiteral("assignedAgentId"),
                          Type::String,
                          BodyField::Nullable | BodyField::SignedInOnly),
               &LeadService::create,
               &LeadService::contactFormDoor);
    routes.add(RouteSpec(Method::Options, QStringLiteral("/api/leads"), Access::Public),
               &LeadService::preflight);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/leads"), Access::User)
                   .query(paging
                          + QStringList{QStringLiteral("status"),
                                        QStringLiteral("q"),
                                        QStringLiteral("source"),
                                        QStringLiteral("assignedAgentId"),
                                        QStringLiteral("unassigned"),
                                        QStringLiteral("sort")}),
               &LeadService::list);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/leads/<arg>"), Access::User),
               &LeadService::get);
    routes.add(leadFields(RouteSpec(Method::Put, QStringLiteral("/api/leads/<arg>"), Access::User),
                          BodyField::Optional)
                   .field(QStringLiteral("status"), Type::String)
                   .field(QStringLiteral("assignedAgentId"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("baseVersion"), Type::Integer),
               &LeadService::update);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/activities"), Access::User)
                   .field(QStringLiteral("id"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("activityType"), Type::String, BodyField::Required)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("occurredAt"), Type::Time, BodyField::Nullable),
               &LeadService::addActivity);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/leads/<arg>/activities"), Access::User)
                   .query(paging),
               &LeadService::listActivities);
}

} // namespace Crm
