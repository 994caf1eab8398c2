#include "leadworkcontroller.h"

#include "http/apiserver.h"
#include "http/routetable.h"
#include "leads/enrollmentservice.h"
#include "leads/followupservice.h"
#include "leads/leadrepository.h"
#include "leads/leadstatsservice.h"
#include "storage/writetransaction.h"

namespace Crm {

namespace {

// POST /api/leads/:id/convert: the HTTP half; EnrollmentService does the conversion.
ApiResponse convert(ApiContext &context)
{
    EnrollmentService::Details details;
    details.plan = context.body.text("plan");
    details.effectiveDate = context.body.text("effectiveDate");
    details.notes = context.body.text("notes");

    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                 context.caller(),
                                                                 context.pathArgs.value(0));
    if (!lead)
        return ApiError::notFound(ApiError::tr("No such lead."));
    const Result<QJsonObject> converted
        = EnrollmentService::convertIn(tx, context.caller(), *lead, details, context.remote());
    if (!converted.ok())
        return ApiError::fromError(converted.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return ApiResponse(converted.value(), 201);
}

// POST /api/leads/:id/follow-ups.
ApiResponse createFollowUp(ApiContext &context)
{
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                 context.caller(),
                                                                 context.pathArgs.value(0));
    if (!lead)
        return ApiError::notFound(ApiError::tr("No such lead."));
    const Result<QJsonObject> created = FollowUpService::createIn(tx,
                                                                  context.caller(),
                                                                  *lead,
                                                                  context.body.text("id"),
                                                                  *context.body.time("dueAt"),
                                                                  context.body.text("note"),
                                                                  context.remote());
    if (!created.ok())
        return ApiError::fromError(created.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return ApiResponse(created.value(), 201);
}

// PUT /api/follow-ups/:id.
ApiResponse updateFollowUp(ApiContext &context)
{
    FollowUpService::Change change;
    change.dueAt = context.body.time("dueAt");
    change.note = context.body.string("note");
    change.done = context.body.boolean("done");
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    const Result<QJsonObject> updated = FollowUpService::updateIn(tx,
                                                                  context.caller(),
                                                                  context.pathArgs.value(0),
                                                                  change,
                                                                  context.body.integer("baseVersion"),
                                                                  context.remote());
    if (!updated.ok())
        return ApiError::fromError(updated.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return updated.value();
}

} // namespace

void LeadWorkController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    const QStringList period{QStringLiteral("from"), QStringLiteral("to")};

    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/follow-ups"), Access::User)
                   .field(QStringLiteral("id"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("dueAt"), Type::Time, BodyField::Required)
                   .field(QStringLiteral("note"), Type::String, BodyField::Nullable),
               &createFollowUp);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/follow-ups/<arg>"), Access::User)
                   .field(QStringLiteral("dueAt"), Type::Time)
                   .field(QStringLiteral("note"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("done"), Type::Boolean)
                   .field(QStringLiteral("baseVersion"), Type::Integer),
               &updateFollowUp);
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
               &convert);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/lead-stats"), Access::User)
                   .query(period),
               &LeadStatsService::agentStats);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/lead-stats"), Access::Admin)
                   .query(period),
               &LeadStatsService::adminStats);
}

} // namespace Crm
