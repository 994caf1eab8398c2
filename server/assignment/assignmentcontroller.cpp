#include "assignmentcontroller.h"

#include "http/apiserver.h"
#include "assignment/assignmentservice.h"
#include "leads/leadrepository.h"
#include "storage/serverdatabase.h"
#include "storage/writetransaction.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace Crm {

namespace {

ApiResponse getMode(ApiContext &context)
{
    return QJsonObject{
        {QStringLiteral("mode"), AssignmentPolicy::modeName(AssignmentService::mode(context.db))}};
}

ApiResponse putMode(ApiContext &context)
{
    const std::optional<QString> text = context.body.string("mode");
    const auto mode = AssignmentPolicy::parseMode(*text);
    if (!mode) {
        ApiError error = ApiError::badRequest(
            ApiError::tr("Unknown mode \"%1\"; use round_robin, territory or manual.").arg(*text));
        error.fields.insert(QStringLiteral("mode"), error.message);
        return error;
    }
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    if (const Status set = AssignmentService::setMode(tx, *mode); !set.ok())
        return ApiError::fromError(set.error());
    tx.audit({0,
              context.caller().id,
              QStringLiteral("assignment.mode"),
              QString(),
              QString(),
              context.remote(),
              *text});
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return QJsonObject{{QStringLiteral("mode"), *text}};
}

std::variant<QStringList, ApiError> readLeadIds(const RequestBody &body)
{
    const std::optional<QStringList> ids = body.stringList("leadIds");
    if (ids && ids->size() > 5000)
        return ApiError::validationField(QStringLiteral("leadIds"),
                                         ApiError::tr("At most 5000 leads at a time."));
    return ids.value_or(QStringList());
}

ApiResponse assignLeads(ApiContext &context)
{
    const std::optional<QString> agentId = context.body.string("agentId");
    auto ids = readLeadIds(context.body);
    if (auto *error = std::get_if<ApiError>(&ids))
        return *error;

    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    QJsonArray assignments;
    for (const QString &id : std::get<QStringList>(ids)) {
        std::optional<Lead> lead = LeadRepository::find(context.db, id);
        if (!lead)
            return ApiError::notFound(ApiError::tr("No lead %1.").arg(id));
        auto assigned = AssignmentService::assign(tx,
                                                  *lead,
                                                  *agentId,
                                                  AssignmentReason{AssignmentReason::Kind::Manual, {}},
                                                  context.caller().id);
        if (!assigned.ok())
            return ApiError::fromError(assigned.error());
        assignments.append(QJsonObject{{QStringLiteral("leadId"), id},
                                       {QStringLiteral("agentId"), *agentId},
                                       {QStringLiteral("reason"),
                                        AssignmentReason{AssignmentReason::Kind::Manual, {}}.wire()}});
    }
    if (const Status committed = tx.commit(); !committed.ok())
        return ApiError::fromError(committed.error());
    return QJsonObject{{QStringLiteral("assignments"), assignments}};
}

// Auto-assigns the given (or every unassigned) lead under the current mode (round-robin when
// the mode is manual: the admin asked for it). With ?preview=true the same work runs and is
// rolled back, so the preview is exactly what applying would do at that moment.
ApiResponse autoAssign(ApiContext &context)
{
    auto ids = readLeadIds(context.body);
    if (auto *error = std::get_if<ApiError>(&ids))
        return *error;
    const bool preview = context.queryValue(QStringLiteral("preview")) == QLatin1String("true");

    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return ApiError::fromError(begun.error());
    QStringList leadIds = std::get<QStringList>(ids);
    if (leadIds.isEmpty()) {
        QSqlQuery query(context.db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT id FROM leads WHERE assignedAgentId IS NULL"
                                       " AND deletedAt IS NULL ORDER BY createdAt, id")))
            return ApiError::internal(QStringLiteral("unassigned leads query failed"));
        while (query.next())
            leadIds << query.value(0).toString();
    }
    AssignmentService::Mode mode = AssignmentService::mode(context.db);
    if (mode == AssignmentService::Mode::Manual)
        mode = AssignmentService::Mode::RoundRobin;
    QJsonArray assignments;
    for (const QString &id : std::as_const(leadIds)) {
        std::optional<Lead> lead = LeadRepository::find(context.db, id);
        if (!lead)
            return ApiError::notFound(ApiError::tr("No lead %1.").arg(id));
        const auto pick = AssignmentService::pick(tx, *lead, mode);
        if (!pick)
            return ApiError::unprocessable(QStringLiteral("no_agent"),
                                           ApiError::tr("No active agent can receive leads."));
        auto assigned = AssignmentService::assign(tx,
                                                  *lead,
                                                  pick->agentId,
                                                  pick->reason,
                                                  context.caller().id);
        if (!assigned.ok())
            return ApiError::fromError(assigned.error());
        assignments.append(QJsonObject{{QStringLiteral("leadId"), id},
                                       {QStringLiteral("agentId"), pick->agentId},
                                       {QStringLiteral("reason"), pick->reason.wire()}});
    }
    if (preview) {
        tx.rollback();
    } else if (const Status committed = tx.commit(); !committed.ok()) {
        return ApiError::fromError(committed.error());
    }
    return QJsonObject{{QStringLiteral("assignments"), assignments}};
}

} // namespace

void AssignmentController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/assignment"), Access::Admin),
               &getMode);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/admin/assignment"), Access::Admin)
                   .field(QStringLiteral("mode"), Type::String, BodyField::Required),
               &putMode);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/admin/leads/assign"), Access::Admin)
                   .field(QStringLiteral("leadIds"), Type::StringList, BodyField::Required)
                   .field(QStringLiteral("agentId"), Type::String, BodyField::Required),
               &assignLeads);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/admin/leads/auto-assign"), Access::Admin)
                   .field(QStringLiteral("leadIds"), Type::StringList)
                   .emptyBodyAllowed()
                   .query({QStringLiteral("preview")}),
               &autoAssign);
}

} // namespace Crm
