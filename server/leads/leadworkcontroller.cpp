#include "leadworkcontroller.h"

#include "domain/wiretime.h"
#include "http/apiserver.h"
#include "http/routetable.h"
#include "http/writtenanswer.h"
#include "leads/enrollmentservice.h"
#include "leads/followupservice.h"
#include "leads/leadrepository.h"
#include "leads/leadstatscontroller.h"
#include "reminders/smsconsentledger.h"
#include "storage/writetransaction.h"

#include <functional>

namespace Crm {

namespace {

// writtenAnswer, for a write on the lead the path names, when the caller may see it (404 otherwise).
ApiResponse writtenOnLead(ApiContext &context,
                          int status,
                          const std::function<Result<QJsonObject>(WriteTransaction &, const Lead &)> &write)
{
    return writtenAnswer(context, status, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                     context.caller(),
                                                                     context.pathArgs.value(0));
        if (!lead)
            return Error{QStringLiteral("not_found"), ApiError::tr("No such lead."), {}, {}};
        return write(tx, *lead);
    });
}

// GET /api/agent/follow-ups: the open follow-ups on the caller's leads, soonest first. An admin
// sees the follow-ups on leads assigned to them too, and may pass ?agentId= to see any agent's;
// an agent may pass only their own id (403 otherwise).
ApiResponse listOpenFollowUps(ApiContext &context)
{
    auto paging = Paging::fromQuery(context.query);
    if (auto *error = std::get_if<ApiError>(&paging))
        return *error;
    const AuthUser &user = context.caller();
    QString agentId = context.queryValue(QStringLiteral("agentId"));
    if (agentId.isEmpty())
        agentId = user.id;
    else if (agentId != user.id && !user.isAdmin())
        return ApiError::forbidden(
            FollowUpService::tr("Only an admin may list another agent's follow-ups."));
    std::optional<qint64> dueBefore;
    const QString dueBeforeText = context.queryValue(QStringLiteral("dueBefore"));
    if (!dueBeforeText.isEmpty()) {
        dueBefore = WireTime::fromWire(dueBeforeText);
        if (!dueBefore) {
            ApiError error = ApiError::badRequest(FollowUpService::tr(
                "dueBefore must be an ISO-8601 UTC time such as 2026-12-01T15:00:00Z."));
            error.fields.insert(QStringLiteral("dueBefore"), error.message);
            return error;
        }
    }
    const Result<FollowUpService::OpenPage> page
        = FollowUpService::openOnLeadsOf(context.db, agentId, dueBefore, std::get<Paging>(paging));
    if (!page.ok())
        return ApiError::fromError(page.error());
    // What was read (ids), not what was asked for.
    context.server->auditRead(context,
                              QStringLiteral("follow_up.list"),
                              QStringLiteral("follow_up"),
                              QString(),
                              page.value().ids.join(QLatin1Char(',')));
    return Paging::answer(page.value().items,
                          page.value().more,
                          page.value().lastDueAt,
                          page.value().lastId,
                          page.value().total);
}

// POST /api/leads/:id/convert: the HTTP half; EnrollmentService does the conversion.
ApiResponse convert(ApiContext &context)
{
    EnrollmentService::Details details;
    details.plan = context.body.text("plan");
    details.effectiveDate = context.body.text("effectiveDate");
    details.notes = context.body.text("notes");
    return writtenOnLead(context, 201, [&](WriteTransaction &tx, const Lead &lead) {
        return EnrollmentService::convertIn(tx, context.caller(), lead, details, context.remote());
    });
}

// POST /api/leads/:id/follow-ups.
ApiResponse createFollowUp(ApiContext &context)
{
    return writtenOnLead(context, 201, [&](WriteTransaction &tx, const Lead &lead) {
        return FollowUpService::createIn(tx,
                                         context.caller(),
                                         lead,
                                         context.body.text("id"),
                                         *context.body.time("dueAt"),
                                         context.body.text("note"),
                                         context.remote());
    });
}

// PUT /api/follow-ups/:id.
ApiResponse updateFollowUp(ApiContext &context)
{
    FollowUpService::Change change;
    change.dueAt = context.body.time("dueAt");
    change.note = context.body.string("note");
    change.done = context.body.boolean("done");
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) {
        return FollowUpService::updateIn(tx,
                                         context.caller(),
                                         context.pathArgs.value(0),
                                         change,
                                         context.body.integer("baseVersion"),
                                         context.remote());
    });
}

// GET /api/leads/:id/sms-consents: the proof of the lead's SMS consent, newest first.
ApiResponse smsConsents(ApiContext &context)
{
    const QString leadId = context.pathArgs.value(0);
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db, context.caller(), leadId);
    context.server->auditRead(context, QStringLiteral("sms_consent.list"), QStringLiteral("lead"), leadId,
                              lead ? QString() : QStringLiteral("not found"));
    if (!lead)
        return ApiError::notFound(ApiError::tr("No such lead."));
    const Result<QJsonArray> rows = SmsConsentLedger::forLead(context.db, leadId);
    if (!rows.ok())
        return ApiError::fromError(rows.error());
    return QJsonObject{{QStringLiteral("items"), rows.value()},
                       {QStringLiteral("smsOptIn"), lead->smsOptIn},
                       {QStringLiteral("textVersion"), SmsConsent::textVersion()},
                       {QStringLiteral("text"), SmsConsent::text()}};
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
               &listOpenFollowUps);
    // The plan is required, but by Enrollment::validate (after the lead is found, beside the
    // other details' problems), so it is optional here; a bare POST (no body) reaches those
    // checks too.
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/convert"), Access::User)
                   .field(QStringLiteral("plan"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("effectiveDate"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .emptyBodyAllowed(),
               &convert);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/leads/<arg>/sms-consents"), Access::User),
               &smsConsents);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/lead-stats"), Access::User)
                   .query(period),
               &LeadStatsController::agentStats);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/lead-stats"), Access::Admin)
                   .query(period),
               &LeadStatsController::adminStats);
}

} // namespace Crm
