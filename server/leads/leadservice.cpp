#include "leadservice.h"
#include "store/leadrow.h"

#include "domain/historyentry.h"
#include "domain/ids.h"

#include "http/apiserver.h"
#include "assignment/assignmentservice.h"
#include "domain/lead.h"
#include "domain/leadquery.h"
#include "leads/leadhistory.h"
#include "leads/leadrepository.h"
#include "reminders/smsconsentledger.h"
#include "store/leadreader.h"
#include "http/paging.h"
#include "storage/serverdatabase.h"
#include "serverlogging.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

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

QString escapeLike(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return escaped;
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
    return ApiError::forbidden(LeadService::tr("Pages of this origin may not post the form."));
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

ApiResponse LeadService::preflight(ApiContext &context)
{
    if (context.header(QByteArrayLiteral("Origin")).isEmpty())
        return ApiError::badRequest(tr("A CORS preflight needs an Origin header."));
    if (auto refused = refusedOrigin(context))
        return *refused;
    ApiResponse response = ApiResponse::noContent();
    response.headers = {{QByteArrayLiteral("Access-Control-Allow-Methods"), QByteArrayLiteral("POST")},
                        {QByteArrayLiteral("Access-Control-Allow-Headers"),
                         QByteArrayLiteral("Content-Type")},
                        {QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600")}};
    return withCorsHeaders(response, context);
}

ApiResponse LeadService::contactFormDoor(ApiContext &context,
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

ApiResponse LeadService::create(ApiContext &context)
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
        const SystemEvent resubmitted
            = HistoryEntry::resubmitted(isPublic,
                                        lead.firstName + QLatin1Char(' ') + lead.lastName,
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
    auto created = insertNew(tx,
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

Result<Lead> LeadService::insertNew(WriteTransaction &tx,
                                                    const AuthUser *user,
                                                    Lead lead,
                                                    const QString &requestedAgentId,
                                                    const QString &remote)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (lead.id.isEmpty())
        lead.id = Ids::create();
    lead.status = LeadStatus::New;
    lead.firstContactAt.reset();
    lead.createdAt = lead.updatedAt = now;
    lead.version = 1;
    lead.assignedAgentId.clear();

    const QString actorId = user ? user->id : QString();
    std::optional<AssignmentService::Pick> pick
        = AssignmentPolicy::direct(user && !user->isAdmin() ? user->id : QString(),
                                   requestedAgentId);
    if (!pick)
        pick = AssignmentService::pick(tx, lead, AssignmentService::mode(tx.db()));
    const QString agentId = pick ? pick->agentId : QString();

    if (const Status inserted = LeadRepository::insert(tx, lead); !inserted.ok())
        return inserted.error();
    // The origin entry first, so the history reads in the order things happened.
    if (const auto recorded
        = LeadHistory::addSystem(tx, lead, actorId, HistoryEntry::leadCreated(user == nullptr));
        !recorded.ok())
        return recorded.error();
    if (lead.smsOptIn) {
        if (const Status consented = SmsConsentLedger::record(tx, lead, true,
                                                              user ? SmsConsent::Method::Agent
                                                                   : SmsConsent::Method::ContactForm,
                                                              actorId);
            !consented.ok())
            return consented.error();
    }
    if (agentId.isEmpty()) {
        if (const Status logged = LeadRepository::publish(tx, lead); !logged.ok())
            return logged.error();
    } else {
        auto assigned = AssignmentService::assign(tx, lead, agentId, pick->reason, actorId);
        if (!assigned.ok())
            return assigned.error();
        lead = assigned.value();
    }
    tx.audit({now,
              actorId,
              QStringLiteral("lead.create"),
              QStringLiteral("lead"),
              lead.id,
              remote,
              LeadSourceNames::toString(lead.source)});
    return lead;
}

ApiResponse LeadService::list(ApiContext &context)
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
        QSet<QString> seen; // each known value once: a thousand repeats are still a few values
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
        const QString pattern = QLatin1Char('%') + escapeLike(term.text) + QLatin1Char('%');
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

ApiResponse LeadService::get(ApiContext &context)
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

ApiResponse LeadService::update(ApiContext &context)
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
    auto saved = saveChanges(tx, user, *current, parsed.value(), context.remote());
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

Result<Lead> LeadService::saveChanges(WriteTransaction &tx,
                                                      const AuthUser &user,
                                                      const Lead &current,
                                                      Lead changed,
                                                      const QString &remote)
{
    changed.normalize();
    const ValidationErrors errors = changed.validate();
    if (!errors.isEmpty())
        return errors.toError();
    if (!LeadStatusMachine::canTransition(current.status, changed.status))
        return LeadStatusMachine::refusal(current.status, changed.status);
    const bool dataChanged = changed.firstName != current.firstName
                             || changed.lastName != current.lastName
                             || changed.email != current.email || changed.phone != current.phone
                             || changed.message != current.message
                             || changed.source != current.source || changed.status != current.status
                             || changed.state != current.state
                             || changed.smsOptIn != current.smsOptIn
                             || changed.preferredLanguage != current.preferredLanguage;
    if (!dataChanged)
        return current;
    // What the client may not change comes from the stored row.
    changed.id = current.id;
    changed.assignedAgentId = current.assignedAgentId;
    changed.firstContactAt = current.firstContactAt;
    changed.createdAt = current.createdAt;
    changed.version = current.version;
    if (const Result<Lead> saved = LeadRepository::save(tx, changed); saved.ok())
        changed = saved.value();
    else
        return saved.error();
    if (changed.status != current.status) {
        const auto recorded
            = LeadHistory::addSystem(tx,
                                     changed,
                                     user.id,
                                     HistoryEntry::statusChanged(
                                         LeadStatusMachine::toString(current.status),
                                         LeadStatusMachine::toString(changed.status),
                                         false));
        if (!recorded.ok())
            return recorded.error();
    }
    // Every other edited field leaves its own line: who changed what, from what to what.
    const QJsonObject before = current.toJson();
    const QJsonObject after = changed.toJson();
    for (const QString &field : Lead::editableFields()) {
        // SMS consent has its own entry, with its proof (below).
        if (field == QLatin1String("status") || field == QLatin1String("assignedAgentId")
            || field == QLatin1String("smsOptIn") || before.value(field) == after.value(field))
            continue;
        const auto recorded = LeadHistory::addSystem(tx,
                                                     changed,
                                                     user.id,
                                                     HistoryEntry::fieldChanged(field,
                                                                                before.value(field),
                                                                                after.value(field)));
        if (!recorded.ok())
            return recorded.error();
    }
    if (changed.smsOptIn != current.smsOptIn) {
        // An agent records what the lead said on a call (a keyword texted back has its own
        // route: TwilioController).
        if (const Status consented = SmsConsentLedger::record(tx, changed, changed.smsOptIn,
                                                              SmsConsent::Method::Agent, user.id);
            !consented.ok())
            return consented.error();
    }
    tx.audit({0,
              user.id,
              QStringLiteral("lead.update"),
              QStringLiteral("lead"),
              changed.id,
              remote,
              QString()});
    return changed;
}

ApiResponse LeadService::addActivity(ApiContext &context)
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
    auto recorded = recordActivity(tx, user, *lead, activity, occurredAt, context.remote());
    if (!recorded.ok())
        return ApiError::fromError(recorded.error());
    if (const Status committed = tx.commit(); !committed.ok())
        return storeFailure(committed);
    return ApiResponse(recorded.value().toJson(), 201);
}

Result<Activity> LeadService::recordActivity(WriteTransaction &tx,
                                                             const AuthUser &user,
                                                             const Lead &lead,
                                                             Activity activity,
                                                             std::optional<qint64> occurredAt,
                                                             const QString &remote)
{
    if (!activity.id.isEmpty()) {
        if (const std::optional<Activity> existing = LeadHistory::find(tx.db(), activity.id)) {
            // A retried create: same answer, nothing written twice.
            if (existing->leadId == lead.id)
                return *existing;
            return ValidationErrors::single(QStringLiteral("id"), tr("This id is already used."));
        }
    }
    activity.agentId = user.id;
    activity.createdAt = QDateTime::currentMSecsSinceEpoch();
    activity.occurredAt = Activity::boundedOccurredAt(occurredAt, lead.createdAt, activity.createdAt);
    const Result<Activity> added = LeadHistory::add(tx, lead, activity);
    if (!added.ok())
        return added.error();

    // The first contact (Lead::recordContact) may move the lead to contacted.
    Lead contacted = lead;
    if (Activity::isContactType(activity.activityType)
        && contacted.recordContact(activity.occurredAt)) {
        if (const Result<Lead> saved = LeadRepository::save(tx, contacted); saved.ok())
            contacted = saved.value();
        else
            return saved.error();
        if (contacted.status != lead.status) {
            // The move happened with the contact, so it sits beside it in the history.
            const auto recorded
                = LeadHistory::addSystem(tx,
                                         contacted,
                                         user.id,
                                         HistoryEntry::statusChanged(
                                             LeadStatusMachine::toString(lead.status),
                                             LeadStatusMachine::toString(contacted.status),
                                             true),
                                         activity.occurredAt);
            if (!recorded.ok())
                return recorded.error();
        }
    }
    tx.audit({0,
              user.id,
              QStringLiteral("activity.create"),
              QStringLiteral("lead"),
              lead.id,
              remote,
              activity.activityType});
    return added.value();
}

ApiResponse LeadService::listActivities(ApiContext &context)
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

} // namespace Crm
