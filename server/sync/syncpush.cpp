#include "syncpush.h"

#include "domain/fieldmerge.h"
#include "domain/ids.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"

#include "assignment/assignmentservice.h"
#include "http/apiserver.h"
#include "leads/enrollmentservice.h"
#include "leads/followupservice.h"
#include "leads/leadrepository.h"
#include "leads/leadservice.h"
#include "scheduling/appointmentservice.h"
#include "scheduling/reminderledger.h"
#include "serverlogging.h"
#include "storage/serverdatabase.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Crm {

namespace {

constexpr int MaxMutations = 1000;

QJsonObject rejected(const QString &mutationId, const QString &code, const QString &reason)
{
    return {{SyncProtocol::Key::MutationId, mutationId},
            {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Rejected},
            {SyncProtocol::Key::Reason, code},
            {QStringLiteral("message"), reason}};
}

QJsonObject rejected(const QString &mutationId, const ApiError &error)
{
    QJsonObject result = rejected(mutationId, error.code, error.message);
    if (!error.fields.isEmpty())
        result.insert(SyncProtocol::Key::Fields, error.fields);
    // What the client shows with the refusal: the record as it is now, and for a taken slot
    // the clashing appointment and the nearest free slots.
    for (const QLatin1String key : {SyncProtocol::Key::Current,
                                    SyncProtocol::Key::Conflicting,
                                    SyncProtocol::Key::Suggestions}) {
        if (error.extra.contains(key))
            result.insert(key, error.extra.value(key));
    }
    return result;
}

QJsonObject applied(const QString &mutationId, qint64 version)
{
    return {{SyncProtocol::Key::MutationId, mutationId},
            {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Applied},
            {SyncProtocol::Key::Version, version}};
}

std::optional<QJsonObject> storedResult(const QSqlDatabase &db,
                                        const QString &mutationId,
                                        QString *owner)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT userId, result FROM mutations WHERE mutationId = ?"));
    query.addBindValue(mutationId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    *owner = query.value(0).toString();
    return QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
}

bool storeResult(const QSqlDatabase &db,
                 const QString &mutationId,
                 const QString &userId,
                 const QJsonObject &result)
{
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO mutations (mutationId, userId, result, at) VALUES (?, ?, ?, ?)"));
    insert.addBindValue(mutationId);
    insert.addBindValue(userId);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)));
    insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return insert.exec();
}

} // namespace

ApiResponse SyncPush::handle(ApiContext &context)
{
    const QJsonArray mutations = context.body.object().value(SyncProtocol::Key::Mutations).toArray();
    if (mutations.size() > MaxMutations)
        return ApiError::badRequest(tr("At most %1 mutations per push.").arg(MaxMutations));
    // Shape errors refuse the whole batch before anything is applied.
    for (const QJsonValue &value : mutations) {
        const QJsonObject mutation = value.toObject();
        if (!value.isObject() || !mutation.value(SyncProtocol::Key::MutationId).isString()
            || !Ids::isValid(mutation.value(SyncProtocol::Key::MutationId).toString())) {
            return ApiError::badRequest(tr("Every mutation needs a lower-case UUID mutationId."));
        }
    }

    QJsonArray results;
    const AuthUser &user = context.caller();
    for (const QJsonValue &value : mutations) {
        const QJsonObject mutation = value.toObject();
        const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
        WriteTransaction tx(context.server->database(), context.db);
        if (const Status begun = tx.begin(); !begun.ok())
            return ApiError::fromError(begun.error());
        QString owner;
        if (const auto stored = storedResult(context.db, mutationId, &owner)) {
            tx.rollback();
            results.append(owner == user.id
                               ? *stored
                               : rejected(mutationId,
                                          QStringLiteral("duplicate_mutation_id"),
                                          tr("This mutationId was used by another client.")));
            continue;
        }
        QJsonObject result = apply(context, tx, mutation);
        const bool refused = result.value(SyncProtocol::Key::Status).toString()
                             == SyncProtocol::ResultStatus::Rejected;
        const QString reason = result.value(SyncProtocol::Key::Reason).toString();
        if (refused && reason != QLatin1String("unsupported")
            && ApiError::fromError(Error{reason, {}, {}, {}}).status >= 500) {
            // The server's own trouble (the database busy, a failed query) is not a verdict on
            // the change: nothing is stored, and the client sends it again later (the ones
            // before it in this push are applied and answered when it does).
            tx.rollback();
            qCWarning(lcServer) << "push: mutation" << mutationId << "not applied for now:" << reason;
            return ApiError::unavailable(tr("The server cannot apply changes right now; they are sent again."));
        }
        if (refused) {
            // Nothing of a rejected mutation stays, but its answer does.
            tx.rollback();
            if (const Status begun = tx.begin(); !begun.ok())
                return ApiError::fromError(begun.error());
            tx.audit({0,
                      user.id,
                      QStringLiteral("sync.rejected"),
                      mutation.value(SyncProtocol::Key::Entity).toString(),
                      mutation.value(SyncProtocol::Key::Id).toString(),
                      context.remote(),
                      result.value(SyncProtocol::Key::Reason).toString()});
        }
        if (!storeResult(context.db, mutationId, user.id, result))
            return ApiError::internal(QStringLiteral("cannot store mutation result"));
        if (const Status committed = tx.commit(); !committed.ok())
            return ApiError::fromError(committed.error());
        results.append(result);
    }

    QSqlQuery head(context.db);
    qint64 cursor = 0;
    if (head.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'seq'")) && head.next())
        cursor = head.value(0).toLongLong();
    return QJsonObject{{SyncProtocol::Key::Results, results}, {SyncProtocol::Key::Cursor, cursor}};
}

QJsonObject SyncPush::apply(ApiContext &context, WriteTransaction &tx, const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QString entity = mutation.value(SyncProtocol::Key::Entity).toString();
    const QString op = mutation.value(SyncProtocol::Key::Op).toString();
    if (entity == SyncProtocol::Entity::Lead && op == SyncProtocol::MutationOp::Update)
        return applyLeadUpdate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Lead && op == SyncProtocol::MutationOp::Create)
        return applyLeadCreate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Activity && op == SyncProtocol::MutationOp::Create)
        return applyActivityCreate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::FollowUp && op == SyncProtocol::MutationOp::Create)
        return applyFollowUpCreate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::FollowUp && op == SyncProtocol::MutationOp::Update)
        return applyFollowUpUpdate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Enrollment && op == SyncProtocol::MutationOp::Create)
        return applyEnrollmentCreate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Appointment && op == SyncProtocol::MutationOp::Create)
        return applyAppointmentCreate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Appointment && op == SyncProtocol::MutationOp::Update)
        return applyAppointmentUpdate(context, tx, mutation);
    if (entity == SyncProtocol::Entity::Reminder && op == SyncProtocol::MutationOp::Update)
        return applyReminderUpdate(context, tx, mutation);
    return rejected(mutationId,
                    QStringLiteral("unsupported"),
                    tr("The server does not accept %1 %2 from clients yet.").arg(op, entity));
}

QJsonObject SyncPush::applyLeadUpdate(ApiContext &context,
                                      WriteTransaction &tx,
                                      const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(QStringLiteral("mutationId")).toString();
    const AuthUser &user = context.caller();
    const std::optional<Lead> current
        = LeadRepository::findVisible(tx.db(),
                                      user,
                                      mutation.value(QStringLiteral("id")).toString());
    if (!current)
        return rejected(mutationId, ApiError::notFound(tr("No such lead.")));
    const QJsonValue fieldsValue = mutation.value(QStringLiteral("fields"));
    if (!fieldsValue.isObject())
        return rejected(mutationId, ApiError::badRequest(tr("\"fields\" must be an object.")));
    const QJsonObject fields = fieldsValue.toObject();

    const FieldMerge::Plan plan = FieldMerge::plan(current->toJson(),
                                                   fields,
                                                   Lead::editableFields());
    if (!plan.badField.isEmpty())
        return rejected(mutationId,
                        ApiError::badRequest(
                            tr("Field \"%1\" cannot be changed this way.").arg(plan.badField)));
    const QJsonObject &conflicts = plan.conflicts;
    QJsonObject merged = current->toJson();
    std::optional<QString> newAgent;
    for (auto it = plan.apply.begin(); it != plan.apply.end(); ++it) {
        if (it.key() == QLatin1String("assignedAgentId")) {
            if (!user.isAdmin())
                return rejected(mutationId,
                                ApiError::forbidden(tr("Only an admin may reassign a lead.")));
            newAgent = it.value().toString();
            continue;
        }
        merged.insert(it.key(), it.value());
    }

    Result<Lead> parsed = Lead::fromJson(merged);
    if (!parsed.ok())
        return rejected(mutationId, ApiError::badRequest(parsed.error().message));
    auto saved = LeadService::saveChanges(tx, user, *current, parsed.value(), context.remote());
    if (!saved.ok())
        return rejected(mutationId, ApiError::fromError(saved.error()));
    Lead result = saved.value();
    if (newAgent && !newAgent->isEmpty()) {
        auto assigned = AssignmentService::assign(tx,
                                                  result,
                                                  *newAgent,
                                                  {AssignmentReason::Kind::Manual, {}},
                                                  user.id);
        if (!assigned.ok())
            return rejected(mutationId, ApiError::fromError(assigned.error()));
        result = assigned.value();
    }
    QJsonObject answer = applied(mutationId, result.version);
    if (!conflicts.isEmpty()) {
        answer.insert(SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Conflict);
        answer.insert(SyncProtocol::Key::Conflicts, conflicts);
        answer.insert(SyncProtocol::Key::Current, result.toJson());
    }
    return answer;
}

QJsonObject SyncPush::applyLeadCreate(ApiContext &context,
                                      WriteTransaction &tx,
                                      const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    QJsonObject data = mutation.value(SyncProtocol::Key::Data).toObject();
    data.insert(SyncProtocol::Key::Id, mutation.value(SyncProtocol::Key::Id));
    Result<Lead> parsed = Lead::fromJson(data);
    if (!parsed.ok())
        return rejected(mutationId, ApiError::badRequest(parsed.error().message));
    Lead lead = parsed.value();
    if (!Ids::isValid(lead.id))
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("id"),
                                                  tr("The id must be a lower-case UUID.")));
    if (const std::optional<Lead> existing = LeadRepository::find(tx.db(), lead.id))
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("id"),
                                                  tr("This id is already used.")));
    lead.normalize();
    const ValidationErrors errors = lead.validate();
    if (!errors.isEmpty())
        return rejected(mutationId, ApiError::validation(errors));
    const AuthUser &user = context.caller();
    const QString requested = user.isAdmin() ? lead.assignedAgentId : QString();
    auto created = LeadService::insertNew(tx, &user, lead, requested, context.remote());
    if (!created.ok())
        return rejected(mutationId, ApiError::fromError(created.error()));
    return applied(mutationId, created.value().version);
}

QJsonObject SyncPush::applyActivityCreate(ApiContext &context,
                                          WriteTransaction &tx,
                                          const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QJsonObject data = mutation.value(SyncProtocol::Key::Data).toObject();
    const QString id = mutation.value(SyncProtocol::Key::Id).toString();
    const QString type = data.value(QStringLiteral("activityType")).toString();
    const QString notes = data.value(QStringLiteral("notes")).toString();
    const QJsonValue occurredAtValue = data.value(QStringLiteral("occurredAt"));
    std::optional<qint64> occurredAt;
    if (!occurredAtValue.isUndefined() && !occurredAtValue.isNull()) {
        occurredAt = WireTime::fromWire(occurredAtValue.toString());
        if (!occurredAt)
            return rejected(mutationId,
                            ApiError::validationField(QStringLiteral("occurredAt"),
                                                      tr("The time must be an ISO-8601 UTC "
                                                         "time.")));
    }
    if (!Ids::isValid(id))
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("id"),
                                                  tr("The id must be a lower-case UUID.")));
    if (!Activity::isAgentType(type))
        return rejected(mutationId,
                        ApiError::badRequest(tr("Unknown activityType \"%1\".").arg(type)));
    Activity activity;
    activity.id = id;
    activity.activityType = type;
    activity.notes = notes;
    if (const ValidationErrors errors = activity.validate(); !errors.isEmpty())
        return rejected(mutationId, ApiError::validation(errors));
    const std::optional<Lead> lead
        = LeadRepository::findVisible(tx.db(),
                                      context.caller(),
                                      data.value(QStringLiteral("leadId")).toString());
    if (!lead)
        return rejected(mutationId, ApiError::notFound(tr("No such lead.")));
    auto recorded = LeadService::recordActivity(tx,
                                                context.caller(),
                                                *lead,
                                                activity,
                                                occurredAt,
                                                context.remote());
    if (!recorded.ok())
        return rejected(mutationId, ApiError::fromError(recorded.error()));
    return applied(mutationId, 1);
}

QJsonObject SyncPush::applyFollowUpCreate(ApiContext &context,
                                          WriteTransaction &tx,
                                          const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QJsonObject data = mutation.value(SyncProtocol::Key::Data).toObject();
    const std::optional<qint64> dueAt = WireTime::fromWire(
        data.value(QStringLiteral("dueAt")).toString());
    if (!dueAt)
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("dueAt"),
                                                  tr("The due time must be an ISO-8601 UTC "
                                                     "time.")));
    const std::optional<Lead> lead
        = LeadRepository::findVisible(tx.db(),
                                      context.caller(),
                                      data.value(QStringLiteral("leadId")).toString());
    if (!lead)
        return rejected(mutationId, ApiError::notFound(tr("No such lead.")));
    auto created = FollowUpService::createIn(tx,
                                             context.caller(),
                                             *lead,
                                             mutation.value(SyncProtocol::Key::Id).toString(),
                                             *dueAt,
                                             data.value(QStringLiteral("note")).toString(),
                                             context.remote());
    if (!created.ok())
        return rejected(mutationId, ApiError::fromError(created.error()));
    return applied(mutationId, created.value().value(SyncProtocol::Key::Version).toInteger());
}

QJsonObject SyncPush::applyFollowUpUpdate(ApiContext &context,
                                          WriteTransaction &tx,
                                          const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QString id = mutation.value(SyncProtocol::Key::Id).toString();
    auto found = FollowUpService::findVisible(tx.db(), context.caller(), id);
    if (!found.ok())
        return rejected(mutationId, ApiError::fromError(found.error()));
    const std::optional<QJsonObject> &server = found.value();
    if (!server)
        return rejected(mutationId, ApiError::notFound(tr("No such follow-up.")));
    const QJsonValue fieldsValue = mutation.value(QStringLiteral("fields"));
    if (!fieldsValue.isObject())
        return rejected(mutationId, ApiError::badRequest(tr("\"fields\" must be an object.")));
    const QJsonObject fields = fieldsValue.toObject();

    static const QStringList editable{QStringLiteral("dueAt"),
                                      QStringLiteral("note"),
                                      QStringLiteral("done")};
    const FieldMerge::Plan plan = FieldMerge::plan(*server, fields, editable);
    if (!plan.badField.isEmpty())
        return rejected(mutationId,
                        ApiError::badRequest(
                            tr("Field \"%1\" cannot be changed this way.").arg(plan.badField)));
    const QJsonObject &conflicts = plan.conflicts;
    FollowUpService::Change change;
    for (auto it = plan.apply.begin(); it != plan.apply.end(); ++it) {
        const QJsonValue mine = it.value();
        if (it.key() == QLatin1String("dueAt")) {
            change.dueAt = WireTime::fromWire(mine.toString());
            if (!change.dueAt)
                return rejected(mutationId,
                                ApiError::validationField(QStringLiteral("dueAt"),
                                                          tr("The due time must be an ISO-8601 "
                                                             "UTC time.")));
        } else if (it.key() == QLatin1String("note")) {
            change.note = mine.toString();
        } else if (!mine.isBool()) {
            return rejected(mutationId,
                            ApiError::validationField(QStringLiteral("done"),
                                                      tr("Must be true or false.")));
        } else {
            change.done = mine.toBool();
        }
    }
    auto updated = FollowUpService::updateIn(tx,
                                             context.caller(),
                                             id,
                                             change,
                                             std::nullopt,
                                             context.remote());
    if (!updated.ok())
        return rejected(mutationId, ApiError::fromError(updated.error()));
    const QJsonObject result = updated.value();
    QJsonObject answer = applied(mutationId, result.value(SyncProtocol::Key::Version).toInteger());
    if (!conflicts.isEmpty()) {
        answer.insert(SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Conflict);
        answer.insert(SyncProtocol::Key::Conflicts, conflicts);
        answer.insert(SyncProtocol::Key::Current, result);
    }
    return answer;
}

QJsonObject SyncPush::applyEnrollmentCreate(ApiContext &context,
                                            WriteTransaction &tx,
                                            const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QJsonObject data = mutation.value(SyncProtocol::Key::Data).toObject();
    const std::optional<Lead> lead
        = LeadRepository::findVisible(tx.db(),
                                      context.caller(),
                                      data.value(QStringLiteral("leadId")).toString());
    if (!lead)
        return rejected(mutationId, ApiError::notFound(tr("No such lead.")));
    EnrollmentService::Details details;
    details.id = mutation.value(SyncProtocol::Key::Id).toString();
    details.plan = data.value(QStringLiteral("plan")).toString();
    details.effectiveDate = data.value(QStringLiteral("effectiveDate")).toString();
    details.notes = data.value(QStringLiteral("notes")).toString();
    const Result<QJsonObject> converted = EnrollmentService::convertIn(tx,
                                                                       context.caller(),
                                                                       *lead,
                                                                       details,
                                                                       context.remote());
    if (!converted.ok())
        return rejected(mutationId, ApiError::fromError(converted.error()));
    return applied(mutationId, 1);
}

QJsonObject SyncPush::applyAppointmentCreate(ApiContext &context,
                                             WriteTransaction &tx,
                                             const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QJsonObject data = mutation.value(SyncProtocol::Key::Data).toObject();
    AppointmentService::Booking booking;
    // The device minted the id: without one, the booking could never be matched to its row.
    booking.id = mutation.value(SyncProtocol::Key::Id).toString();
    if (!Ids::isValid(booking.id))
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("id"),
                                                  tr("The id must be a lower-case UUID.")));
    booking.providerId = data.value(QStringLiteral("providerId")).toString();
    booking.leadId = data.value(QStringLiteral("leadId")).toString();
    booking.userId = data.value(QStringLiteral("userId")).toString();
    const auto type = AppointmentRules::typeFromString(
        data.value(QStringLiteral("appointmentType")).toString());
    if (!type)
        return rejected(mutationId,
                        ApiError::badRequest(tr("appointmentType must be consultation, "
                                                "enrollment, primary_care or follow_up.")));
    booking.type = *type;
    const std::optional<qint64> start = WireTime::fromWire(
        data.value(QStringLiteral("scheduledDate")).toString());
    if (!start)
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("scheduledDate"),
                                                  tr("The time must be an ISO-8601 UTC time.")));
    booking.start = *start;
    const QJsonValue duration = data.value(QStringLiteral("duration"));
    if (!duration.isUndefined() && !duration.isNull() && !duration.isDouble())
        return rejected(mutationId,
                        ApiError::validationField(QStringLiteral("duration"),
                                                  tr("Enter a whole number of minutes.")));
    booking.duration = duration.isDouble() ? int(std::clamp(duration.toDouble(), -1.0, 100000.0))
                                           : AppointmentRules::DefaultDuration;
    booking.notes = data.value(QStringLiteral("notes")).toString();
    booking.meetingLink = data.value(QStringLiteral("meetingLink")).toString().trimmed();
    booking.override = data.value(QStringLiteral("override")).toBool();
    const Result<QJsonObject> booked = AppointmentService::bookIn(tx,
                                                                  context.caller(),
                                                                  booking,
                                                                  context.remote());
    if (!booked.ok())
        return rejected(mutationId, ApiError::fromError(booked.error()));
    return applied(mutationId, booked.value().value(SyncProtocol::Key::Version).toInteger());
}

QJsonObject SyncPush::applyReminderUpdate(ApiContext &context, WriteTransaction &tx, const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    if (!context.caller().isAdmin())
        return rejected(mutationId, ApiError::forbidden(tr("Only an admin may try a reminder again.")));
    const QJsonObject fields = mutation.value(SyncProtocol::Key::Fields).toObject();
    const QJsonObject status = fields.value(QStringLiteral("status")).toObject();
    if (fields.size() != 1 || status.value(SyncProtocol::Key::New).toString() != QLatin1String("pending"))
        return rejected(mutationId,
                        ApiError::badRequest(tr("A reminder can only be sent again (status to pending).")));
    const Result<QJsonObject> retried = ReminderLedger::retry(tx, mutation.value(SyncProtocol::Key::Id).toString());
    if (!retried.ok())
        return rejected(mutationId, ApiError::fromError(retried.error()));
    tx.audit({0, context.caller().id, QStringLiteral("reminder.retry"), QStringLiteral("reminder"),
              mutation.value(SyncProtocol::Key::Id).toString(), context.remote(), QStringLiteral("sync")});
    return applied(mutationId, 0);
}

QJsonObject SyncPush::applyAppointmentUpdate(ApiContext &context,
                                             WriteTransaction &tx,
                                             const QJsonObject &mutation)
{
    const QString mutationId = mutation.value(SyncProtocol::Key::MutationId).toString();
    const QString id = mutation.value(SyncProtocol::Key::Id).toString();
    const auto found = AppointmentService::findVisible(tx.db(), context.caller(), id);
    if (!found.ok())
        return rejected(mutationId, ApiError::fromError(found.error()));
    if (!found.value())
        return rejected(mutationId, ApiError::notFound(tr("No such appointment.")));
    const QJsonValue fieldsValue = mutation.value(SyncProtocol::Key::Fields);
    if (!fieldsValue.isObject())
        return rejected(mutationId, ApiError::badRequest(tr("\"fields\" must be an object.")));

    const FieldMerge::Plan plan = FieldMerge::plan(found.value()->toJson(),
                                                   fieldsValue.toObject(),
                                                   AppointmentRules::editableFields());
    if (!plan.badField.isEmpty())
        return rejected(mutationId,
                        ApiError::badRequest(
                            tr("Field \"%1\" cannot be changed this way.").arg(plan.badField)));
    AppointmentService::Change change;
    // A move outside the provider's hours that the device made on purpose (a manual
    // appointment by the provider or an admin).
    change.override = mutation.value(QStringLiteral("override")).toBool();
    for (auto it = plan.apply.begin(); it != plan.apply.end(); ++it) {
        const QJsonValue mine = it.value();
        if (it.key() == QLatin1String("scheduledDate")) {
            change.start = WireTime::fromWire(mine.toString());
            if (!change.start)
                return rejected(mutationId,
                                ApiError::validationField(it.key(),
                                                          tr("The time must be an ISO-8601 UTC "
                                                             "time.")));
        } else if (it.key() == QLatin1String("duration")) {
            if (!mine.isDouble())
                return rejected(mutationId,
                                ApiError::validationField(it.key(),
                                                          tr("Enter a whole number of minutes.")));
            change.duration = int(std::clamp(mine.toDouble(), -1.0, 100000.0));
        } else if (it.key() == QLatin1String("status")) {
            change.status = AppointmentRules::statusFromString(mine.toString());
            if (!change.status)
                return rejected(mutationId,
                                ApiError::badRequest(tr("status must be scheduled, confirmed, "
                                                        "completed, cancelled or no_show.")));
        } else if (it.key() == QLatin1String("notes")) {
            change.notes = mine.toString();
        } else {
            change.meetingLink = mine.toString().trimmed();
        }
    }
    const Result<QJsonObject> updated = AppointmentService::updateIn(tx,
                                                                     context.caller(),
                                                                     id,
                                                                     change,
                                                                     std::nullopt,
                                                                     context.remote());
    if (!updated.ok()) {
        ApiError error = ApiError::fromError(updated.error());
        // The client puts its copy back as the server has it.
        if (!error.extra.contains(SyncProtocol::Key::Current))
            error.extra.insert(SyncProtocol::Key::Current, found.value()->toJson());
        return rejected(mutationId, error);
    }
    const QJsonObject result = updated.value();
    QJsonObject answer = applied(mutationId, result.value(SyncProtocol::Key::Version).toInteger());
    if (!plan.conflicts.isEmpty()) {
        answer.insert(SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Conflict);
        answer.insert(SyncProtocol::Key::Conflicts, plan.conflicts);
        answer.insert(SyncProtocol::Key::Current, result);
    }
    return answer;
}

} // namespace Crm
