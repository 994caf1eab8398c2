#include "leadcontroller.h"

#include "store/leadsearchindex.h"
#include "leadservice.h"
#include "store/leadrow.h"

#include "domain/historyentry.h"
#include "domain/ids.h"

#include "assignment/assignmentservice.h"
#include "auth/userservice.h"
#include "domain/lead.h"
#include "domain/leadquery.h"
#include "http/apiserver.h"
#include "http/paging.h"
#include "leads/leadhistory.h"
#include "leads/leadrepository.h"
#include "reminders/smsconsentledger.h"
#include "serverlogging.h"
#include "storage/serverdatabase.h"
#include "storage/writetransaction.h"
#include "store/leadreader.h"

#include "http/routetable.h"
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Crm {

namespace {

ApiError storeFailure(const Status &status)
{
    return ApiError::fromError(status.error());
}

// The API's {"lead": ..., "duplicate": ...} answer of POST /api/leads.
ApiResponse leadAnswer(const Lead &lead, bool duplicate, int status)
{
    return ApiResponse(QJsonObject{{QStringLiteral("lead"), lead.toJson()},
                                   {QStringLiteral("duplicate"), duplicate}},
                       status);
}

// The public contact form's only answer, for a new person and a known one alike: it never
// returns or reveals stored data.
ApiResponse receivedAnswer()
{
    return ApiResponse(QJsonObject{{QStringLiteral("received"), true}}, 202);
}

std::optional<Lead> findOpenDuplicate(const QSqlDatabase &db, const Lead &lead)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + LeadRepository::columns()
                  + QStringLiteral(" FROM leads WHERE (email = ? OR phone = ?) AND ")
                  + LeadReader::openStatusCondition(QStringLiteral("status"))
                  + QStringLiteral(" AND deletedAt IS NULL ORDER BY createdAt LIMIT 1"));
    query.addBindValue(lead.email);
    query.addBindValue(lead.phone);
    if (!query.exec()) {
        qCWarning(lcServer) << "Duplicate lookup failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return LeadRepository::read(query);
}

} // namespace

namespace {

// A browser page of another site may post the contact form only when its origin was given
// with --contact-form-origin; the server's own pages always may. No Origin: not a browser's
// cross-site request.
std::optional<ApiError> refusedOrigin(const ApiContext &context)
{
    const QByteArray origin = context.header(QByteArrayLiteral("Origin"));
    if (origin.isEmpty()
        || context.server->isAllowedOrigin(origin, context.header(QByteArrayLiteral("Host"))))
        return std::nullopt;
    return ApiError::forbidden(LeadController::tr("Pages of this origin may not post the form."));
}

ApiResponse withCorsHeaders(ApiResponse response, const ApiContext &context)
{
    const QByteArray origin = context.header(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty()) {
        response.headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), origin});
        response.headers.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    }
    return response;
}

} // namespace

ApiResponse LeadController::preflight(ApiContext &context)
{
    if (context.header(QByteArrayLiteral("Origin")).isEmpty())
        return ApiError::badRequest(tr("A CORS preflight needs an Origin header."));
    if (auto refused = refusedOrigin(context))
        return *refused;
    ApiResponse response = ApiResponse::noContent();
    response.headers = {{QByteArrayLiteral("Access-Control-Allow-Methods"),
                         QByteArrayLiteral("POST")},
                        {QByteArrayLiteral("Access-Control-Allow-Headers"),
                         QByteArrayLiteral("Content-Type")},
                        {QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600")}};
    return withCorsHeaders(response, context);
}

ApiResponse LeadController::contactFormDoor(ApiContext &context,
                                            const std::function<ApiResponse()> &next)
{
    if (auto refused = refusedOrigin(context))
        return *refused;
    if (!context.user) {
        const int retryAfter = context.server->contactFormLimiter()
                                   .tryAcquire(context.remote(),
                                               QDateTime::currentMSecsSinceEpoch());
        if (retryAfter > 0)
            return withCorsHeaders(ApiError::rateLimited(retryAfter), context);
    }
    return withCorsHeaders(next(), context);
}

ApiResponse LeadController::create(ApiContext &context)
{
    const bool isPublic = !context.user.has_value();
    const QJsonObject json = context.body.object();
    if (!isPublic && !context.caller().isAdmin() && json.contains(QStringLiteral("assignedAgentId")))
        return ApiError::forbidden(tr("Only an admin may choose the agent of a lead."));
    // Lead::fromJson checks the types and enum values of the API's fields.
    Result<Lead> parsed = Lead::fromJson(json);
    if (!parsed.ok())
        return ApiError::badRequest(parsed.error().message);
    Lead lead = parsed.value();
    lead.normalize();
    ValidationErrors errors = lead.validate();
    if (!lead.id.isEmpty() && !Ids::isValid(lead.id))
        errors.add(QStringLiteral("id"), tr("The id must be a lower-case UUID."));
    if (!errors.isEmpty())
        return ApiError::validation(errors);

    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return storeFailure(begun);

    if (!lead.id.isEmpty()) {
        // A client retrying its own create gets the same answer; an id of someone else's lead
        // is refused without saying whose.
        if (const std::optional<Lead> existing = LeadRepository::find(context.db, lead.id)) {
            if (LeadRepository::canSee(context.caller(), *existing))
                return leadAnswer(*existing, false, 201);
            return ApiError::validationField(QStringLiteral("id"), tr("This id is already used."));
        }
    }

    if (std::optional<Lead> existing = findOpenDuplicate(context.db, lead)) {
        // The same person again: no second lead. What was sent is kept on the lead as the
        // submission it is, never as something the server vouches for: anyone who knows an
        // e-mail address or a phone number can send the form.
        const SystemEvent resubmitted = HistoryEntry::resubmitted(isPublic,
                                                                  lead.firstName + QLatin1Char(' ')
                                                                      + lead.lastName,
                                                                  lead.message);
        Activity submission;
        submission.agentId = isPublic ? QString() : context.caller().id;
        submission.activityType = QStringLiteral("note");
        submission.code = resubmitted.code;
        submission.params = resubmitted.params;
        submission.notes = LeadHistory::describe(context.db, resubmitted)
                               .left(Activity::MaxNotesLength);
        const Result<Activity> recorded = LeadHistory::add(tx, *existing, submission);
        if (!recorded.ok())
            return ApiError::fromError(recorded.error());
        tx.audit({0,
                  isPublic ? QString() : context.caller().id,
                  QStringLiteral("lead.resubmit"),
                  QStringLiteral("lead"),
                  existing->id,
                  context.remote(),
                  QString()});
        if (const Status committed = tx.commit(); !committed.ok())
            return storeFailure(committed);
        if (isPublic)
            return receivedAnswer();
        // A signed-in caller learns that the person is known, and sees the lead only when
        // they may read it anyway.
        if (LeadRepository::canSee(context.caller(), *existing))
            return leadAnswer(*existing, true, 200);
        return ApiResponse(QJsonObject{{QStringLiteral("duplicate"), true}}, 200);
    }

    const QString requestedAgent = lead.assignedAgentId;
    auto created = LeadService::insertNew(tx,
                                          context.user ? &*context.user : nullptr,
                                          lead,
                                          requestedAgent,
                                          context.remote());
    if (!created.ok())
        return ApiError::fromError(created.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return storeFailure(committed);
    if (isPublic)
        return receivedAnswer();
    return leadAnswer(created.value(), false, 201);
}

ApiResponse LeadController::list(ApiContext &context)
{
    auto paging = Paging::fromQuery(context.query);
    if (auto *error = std::get_if<ApiError>(&paging))
        return *error;
    const Paging &page = std::get<Paging>(paging);
    const AuthUser &user = context.caller();

    QStringList where{QStringLiteral("deletedAt IS NULL")};
    QVariantList bindings;
    if (!user.isAdmin()) {
        where << QStringLiteral("assignedAgentId = ?");
        bindings << user.id;
    } else {
        const QString agent = context.queryValue(QStringLiteral("assignedAgentId"));
        if (!agent.isEmpty()) {
            where << QStringLiteral("assignedAgentId = ?");
            bindings << agent;
        }
        if (context.queryValue(QStringLiteral("unassigned")) == QLatin1String("true"))
            where << QStringLiteral("assignedAgentId IS NULL");
    }
    const auto inList = [&](const QString &name, auto parse) -> std::optional<ApiError> {
        const QString value = context.queryValue(name);
        if (value.isEmpty())
            return std::nullopt;
        QStringList placeholders;
        const QStringList parts = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (parts.isEmpty())
            return std::nullopt; // "status=," filters nothing
        QSet<QString> seen;      // each known value once: a thousand repeats are still a few values
        for (const QString &part : parts) {
            if (!parse(part.trimmed())) {
                ApiError error = ApiError::badRequest(
                    tr("Unknown %1 \"%2\".").arg(name, part.trimmed()));
                error.fields.insert(name, error.message);
                return error;
            }
            if (seen.contains(part.trimmed()))
                continue;
            seen.insert(part.trimmed());
            placeholders << QStringLiteral("?");
            bindings << part.trimmed();
        }
        where << QStringLiteral("%1 IN (%2)").arg(name, placeholders.join(QLatin1Char(',')));
        return std::nullopt;
    };
    if (auto error = inList(QStringLiteral("status"), &LeadStatusMachine::fromString))
        return *error;
    if (auto error = inList(QStringLiteral("source"), &LeadSourceNames::fromString))
        return *error;

    // What q means is LeadQuery's to say (the desktop's search box reads it the same way);
    // every term must match, anywhere in its field.
    const LeadQuery search = LeadQuery::parse(context.queryValue(QStringLiteral("q")));
    for (const LeadQuery::Term &term : search.terms()) {
        const QString pattern = LeadSearchIndex::containingPattern(term.text);
        switch (term.kind) {
        case LeadQuery::Kind::Word:
            where << QStringLiteral("(lower(firstName || ' ' || lastName) LIKE ? ESCAPE '\\'"
                                    " OR lower(email) LIKE ? ESCAPE '\\')");
            bindings << pattern << pattern;
            break;
        case LeadQuery::Kind::Email:
            where << QStringLiteral("lower(email) LIKE ? ESCAPE '\\'");
            bindings << pattern;
            break;
        case LeadQuery::Kind::Phone:
            // Stored in E.164: the digits after the "+".
            where << QStringLiteral("phone LIKE ?");
            bindings << pattern;
            break;
        }
    }

    QString sort = context.queryValue(QStringLiteral("sort"));
    if (sort.isEmpty())
        sort = QStringLiteral("-createdAt");
    const bool descending = sort.startsWith(QLatin1Char('-'));
    const QString column = descending ? sort.mid(1) : sort;
    static const QStringList sortable{QStringLiteral("createdAt"),
                                      QStringLiteral("updatedAt"),
                                      QStringLiteral("lastName"),
                                      QStringLiteral("firstName"),
                                      QStringLiteral("status"),
                                      QStringLiteral("email"),
                                      QStringLiteral("source")};
    if (!sortable.contains(column)) {
        ApiError error = ApiError::badRequest(tr("Cannot sort by \"%1\"; use one of %2.")
                                                  .arg(column, sortable.join(QStringLiteral(", "))));
        error.fields.insert(QStringLiteral("sort"), error.message);
        return error;
    }
    const bool numericSort = column.endsWith(QLatin1String("At"));

    const QString filter = where.join(QStringLiteral(" AND "));
    QSqlQuery count(context.db);
    count.prepare(QStringLiteral("SELECT count(*) FROM leads WHERE ") + filter);
    for (const QVariant &value : std::as_const(bindings))
        count.addBindValue(value);
    if (!count.exec() || !count.next())
        return ApiError::internal(count.lastError().text());
    const qint64 total = count.value(0).toLongLong();

    const QString pageFilter = filter + page.keysetCondition(column, descending);
    const QVariantList pageBindings = bindings + page.keysetBindings(numericSort);
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QSqlQuery query(context.db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + LeadRepository::columns()
                  + QStringLiteral(", %1 FROM leads WHERE ").arg(column) + pageFilter
                  + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT %3")
                        .arg(column, direction)
                        .arg(page.limit + 1));
    for (const QVariant &value : std::as_const(pageBindings))
        query.addBindValue(value);
    if (!query.exec())
        return ApiError::internal(query.lastError().text());
    QJsonArray items;
    QStringList readIds;
    QVariant lastSortValue;
    QString lastId;
    bool more = false;
    while (query.next()) {
        if (items.size() == page.limit) {
            more = true;
            break;
        }
        const Lead lead = LeadRepository::read(query);
        items.append(lead.toJson());
        readIds << lead.id;
        lastSortValue = query.value(LeadRow::columnCount());
        lastId = lead.id;
    }
    // What was read (the leads' ids), never what was searched: a q= is often a person's name
    // or phone number.
    context.server->auditRead(context,
                              QStringLiteral("lead.list"),
                              QStringLiteral("lead"),
                              QString(),
                              readIds.join(QLatin1Char(',')));
    return Paging::answer(items, more, lastSortValue, lastId, total);
}

ApiResponse LeadController::get(ApiContext &context)
{
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                 context.caller(),
                                                                 context.pathArgs.value(0));
    if (!lead) {
        // A refused read is audited too: someone probing for leads that are not theirs.
        context.server->auditRead(context,
                                  QStringLiteral("lead.read_refused"),
                                  QStringLiteral("lead"),
                                  context.pathArgs.value(0));
        return ApiError::notFound(tr("No such lead."));
    }
    context.server->auditRead(context,
                              QStringLiteral("lead.read"),
                              QStringLiteral("lead"),
                              lead->id);
    return lead->toJson();
}

ApiResponse LeadController::update(ApiContext &context)
{
    const QJsonObject json = context.body.object();
    const std::optional<qint64> baseVersion = context.body.integer("baseVersion");
    const std::optional<QString> assignedAgentId = context.body.string("assignedAgentId");

    const AuthUser &user = context.caller();
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return storeFailure(begun);
    std::optional<Lead> current = LeadRepository::findVisible(context.db,
                                                              user,
                                                              context.pathArgs.value(0));
    if (!current)
        return ApiError::notFound(tr("No such lead."));
    if (assignedAgentId && *assignedAgentId != current->assignedAgentId && !user.isAdmin())
        return ApiError::forbidden(tr("Only an admin may reassign a lead."));
    if (baseVersion && *baseVersion != current->version) {
        ApiError error = ApiError::conflict(
            QStringLiteral("version_conflict"),
            tr("Someone else changed this lead (version %1, you edited version %2).")
                .arg(current->version)
                .arg(*baseVersion));
        error.extra.insert(QStringLiteral("current"), current->toJson());
        return error;
    }

    // Read the changes through the lead's own JSON reader, on top of the current values.
    QJsonObject merged = current->toJson();
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != QLatin1String("baseVersion") && it.key() != QLatin1String("assignedAgentId"))
            merged.insert(it.key(), it.value());
    }
    Result<Lead> parsed = Lead::fromJson(merged);
    if (!parsed.ok())
        return ApiError::badRequest(parsed.error().message);
    auto saved = LeadService::saveChanges(tx, user, *current, parsed.value(), context.remote());
    if (!saved.ok())
        return ApiError::fromError(saved.error());
    Lead result = saved.value();
    if (assignedAgentId && *assignedAgentId != result.assignedAgentId) {
        if (assignedAgentId->isEmpty())
            return ApiError::validationField(QStringLiteral("assignedAgentId"),
                                             tr("A lead cannot be unassigned; assign it to "
                                                "another agent."));
        auto assigned = AssignmentService::assign(tx,
                                                  result,
                                                  *assignedAgentId,
                                                  {AssignmentReason::Kind::Manual, {}},
                                                  user.id);
        if (!assigned.ok())
            return ApiError::fromError(assigned.error());
        result = assigned.value();
    }
    if (const Status committed = tx.commit(); !committed.ok())
        return storeFailure(committed);
    return result.toJson();
}

ApiResponse LeadController::addActivity(ApiContext &context)
{
    const QString id = context.body.text("id");
    const std::optional<QString> type = context.body.string("activityType");
    const QString notes = context.body.text("notes");
    const std::optional<qint64> occurredAt = context.body.time("occurredAt");
    if (!Activity::isAgentType(*type)) {
        ApiError error = ApiError::badRequest(
            tr("Unknown activityType \"%1\"; use call, email, meeting or note.").arg(*type));
        error.fields.insert(QStringLiteral("activityType"), error.message);
        return error;
    }
    if (!id.isEmpty() && !Ids::isValid(id))
        return ApiError::validationField(QStringLiteral("id"),
                                         tr("The id must be a lower-case UUID."));
    Activity activity;
    activity.id = id;
    activity.activityType = *type;
    activity.notes = notes;
    if (const ValidationErrors errors = activity.validate(); !errors.isEmpty())
        return ApiError::validation(errors);

    const AuthUser &user = context.caller();
    WriteTransaction tx(context.server->database(), context.db);
    if (const Status begun = tx.begin(); !begun.ok())
        return storeFailure(begun);
    std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                           user,
                                                           context.pathArgs.value(0));
    if (!lead)
        return ApiError::notFound(tr("No such lead."));
    auto recorded
        = LeadService::recordActivity(tx, user, *lead, activity, occurredAt, context.remote());
    if (!recorded.ok())
        return ApiError::fromError(recorded.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return storeFailure(committed);
    return ApiResponse(recorded.value().toJson(), 201);
}

ApiResponse LeadController::listActivities(ApiContext &context)
{
    auto paging = Paging::fromQuery(context.query);
    if (auto *error = std::get_if<ApiError>(&paging))
        return *error;
    const Paging &page = std::get<Paging>(paging);
    const std::optional<Lead> lead = LeadRepository::findVisible(context.db,
                                                                 context.caller(),
                                                                 context.pathArgs.value(0));
    if (!lead) {
        context.server->auditRead(context,
                                  QStringLiteral("activity.list_refused"),
                                  QStringLiteral("lead"),
                                  context.pathArgs.value(0));
        return ApiError::notFound(tr("No such lead."));
    }
    const QList<Activity> all = LeadHistory::forLead(context.db, lead->id);
    qsizetype start = 0;
    if (page.afterValue) {
        while (start < all.size()
               && !(all.at(start).occurredAt == page.afterValue->toLongLong()
                    && all.at(start).id == page.afterId))
            ++start;
        // After the entry the cursor names; a cursor naming no entry of this lead (another
        // lead's, or made up) is past the end: an empty last page.
        start = qMin(start + 1, all.size());
    }
    QJsonArray items;
    qsizetype index = start;
    for (; index < all.size() && items.size() < page.limit; ++index)
        items.append(all.at(index).toJson());
    const bool more = index < all.size();
    context.server->auditRead(context,
                              QStringLiteral("activity.list"),
                              QStringLiteral("lead"),
                              lead->id);
    const Activity *last = index > start ? &all.at(index - 1) : nullptr;
    return Paging::answer(items,
                          more,
                          last ? QVariant(last->occurredAt) : QVariant(),
                          last ? last->id : QString(),
                          all.size());
}

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
               &LeadController::create,
               &LeadController::contactFormDoor);
    routes.add(RouteSpec(Method::Options, QStringLiteral("/api/leads"), Access::Public),
               &LeadController::preflight);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/leads"), Access::User)
                   .query(paging
                          + QStringList{QStringLiteral("status"),
                                        QStringLiteral("q"),
                                        QStringLiteral("source"),
                                        QStringLiteral("assignedAgentId"),
                                        QStringLiteral("unassigned"),
                                        QStringLiteral("sort")}),
               &LeadController::list);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/leads/<arg>"), Access::User),
               &LeadController::get);
    routes.add(leadFields(RouteSpec(Method::Put, QStringLiteral("/api/leads/<arg>"), Access::User),
                          BodyField::Optional)
                   .field(QStringLiteral("status"), Type::String)
                   .field(QStringLiteral("assignedAgentId"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("baseVersion"), Type::Integer),
               &LeadController::update);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/leads/<arg>/activities"), Access::User)
                   .field(QStringLiteral("id"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("activityType"), Type::String, BodyField::Required)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("occurredAt"), Type::Time, BodyField::Nullable),
               &LeadController::addActivity);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/leads/<arg>/activities"), Access::User)
                   .query(paging),
               &LeadController::listActivities);
}

} // namespace Crm
