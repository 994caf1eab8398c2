#include "localedits.h"
#include "synclogging.h"

#include "domain/enrollment.h"
#include "domain/fieldmerge.h"
#include "domain/followup.h"

#include "domain/ids.h"

#include "domain/activity.h"
#include "domain/displaytime.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "schedulingrecords.h"
#include "store/appointmentreader.h"
#include "store/leadrow.h"
#include "store/sharedtables.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

// A new mutation of this device: a fresh mutationId; the caller adds "fields" or "data".
QJsonObject newMutation(const QString &entity,
                        const QString &id,
                        const QString &op,
                        qint64 baseVersion)
{
    return {{SyncProtocol::Key::MutationId, Ids::create()},
            {SyncProtocol::Key::Entity, entity},
            {SyncProtocol::Key::Id, id},
            {SyncProtocol::Key::Op, op},
            {SyncProtocol::Key::BaseVersion, baseVersion}};
}

// Empty text is stored as NULL (the cache's CHECKs and the server read it so).
QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

Status execOrError(QSqlQuery &query)
{
    if (!query.exec())
        return Error{QStringLiteral("cache_failed"), query.lastError().text()};
    return {};
}

Error notInCache()
{
    return {QStringLiteral("not_found"), LocalEdits::tr("This lead is not in your cache.")};
}

QVariant columnValue(const QString &field, const QJsonValue &value)
{
    if (value.isNull()
        || (value.isString() && value.toString().isEmpty()
            && (field == QLatin1String("state") || field == QLatin1String("message")
                || field == QLatin1String("assignedAgentId"))))
        return QVariant();
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    return value.toVariant();
}

} // namespace

LocalEdits::LocalEdits(QSqlDatabase db, QString userId)
    : m_db(std::move(db))
    , m_userId(std::move(userId))
{}

std::optional<Lead> LocalEdits::readLead(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT %1 FROM leads WHERE id = ?").arg(SharedTables::leads().selectList()));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return LeadRow::read(query);
}

Status LocalEdits::queue(const QJsonObject &mutation)
{
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO outbox (mutationId, entity, entityId, op, baseVersion, payload, createdAt)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(mutation.value(QStringLiteral("mutationId")).toString());
    insert.addBindValue(mutation.value(QStringLiteral("entity")).toString());
    insert.addBindValue(mutation.value(QStringLiteral("id")).toString());
    insert.addBindValue(mutation.value(QStringLiteral("op")).toString());
    insert.addBindValue(mutation.value(QStringLiteral("baseVersion")).toInteger());
    insert.addBindValue(QString::fromUtf8(QJsonDocument(mutation).toJson(QJsonDocument::Compact)));
    insert.addBindValue(now());
    if (!insert.exec())
        return Error{QStringLiteral("cache_failed"), insert.lastError().text()};
    return {};
}

std::variant<Lead, ValidationErrors, Error> LocalEdits::updateLead(const QString &leadId,
                                                                   const QJsonObject &changes)
{
    const std::optional<Lead> current = readLead(m_db, leadId);
    if (!current)
        return notInCache();
    QJsonObject merged = current->toJson();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!Lead::editableFields().contains(it.key()))
            return Error{QStringLiteral("bad_request"),
                         tr("\"%1\" cannot be edited.").arg(it.key())};
        merged.insert(it.key(), it.value());
    }
    Result<Lead> parsed = Lead::fromJson(merged);
    if (!parsed.ok())
        return parsed.error();
    Lead changed = parsed.value();
    changed.normalize();
    const ValidationErrors errors = changed.validate();
    if (!errors.isEmpty())
        return errors;
    if (changed.status != current->status && LeadStatusMachine::needsConversion(changed.status))
        return Error{QStringLiteral("conversion_required"),
                     tr("A lead becomes enrolled through Convert to enrollment, which records "
                        "the plan.")};
    if (!LeadStatusMachine::canTransition(current->status, changed.status)) {
        return Error{QStringLiteral("invalid_transition"),
                     tr("A lead cannot move from %1 to %2.")
                         .arg(LeadStatusMachine::displayName(current->status),
                              LeadStatusMachine::displayName(changed.status))};
    }
    const QJsonObject before = current->toJson();
    const QJsonObject after = changed.toJson();
    QJsonObject fields;
    for (const QString &field : Lead::editableFields()) {
        if (before.value(field) != after.value(field))
            fields.insert(field, FieldMerge::change(before.value(field), after.value(field)));
    }
    if (fields.isEmpty())
        return *current;

    QJsonObject mutation = newMutation(QStringLiteral("lead"),
                                       leadId,
                                       QStringLiteral("update"),
                                       current->version);
    mutation.insert(QStringLiteral("fields"), fields);
    const Status status = writeAndQueue(
        [&]() -> Status {
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                QSqlQuery update(m_db);
                update.prepare(QStringLiteral("UPDATE leads SET %1 = ? WHERE id = ?").arg(it.key()));
                update.addBindValue(
                    columnValue(it.key(), it.value().toObject().value(QStringLiteral("new"))));
                update.addBindValue(leadId);
                if (Status done = execOrError(update); !done.ok())
                    return done;
            }
            return {};
        },
        mutation);
    if (!status.ok())
        return status.error();
    return readLead(m_db, leadId).value_or(changed);
}

Result<int> LocalEdits::assignLeads(const QStringList &leadIds, const QString &agentId)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    m_inBatch = true;
    int changed = 0;
    std::optional<Error> failure;
    for (const QString &leadId : leadIds) {
        const std::optional<Lead> before = readLead(m_db, leadId);
        auto result = updateLead(leadId, QJsonObject{{QStringLiteral("assignedAgentId"), agentId}});
        if (auto *error = std::get_if<Error>(&result))
            failure = *error;
        else if (auto *errors = std::get_if<ValidationErrors>(&result))
            failure = Error{QStringLiteral("validation_failed"), errors->summary()};
        if (failure) {
            failure->details.insert(QStringLiteral("leadId"), leadId);
            break;
        }
        if (before && before->assignedAgentId != agentId)
            ++changed;
    }
    m_inBatch = false;
    if (!failure && !m_db.commit())
        failure = Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    if (failure) {
        m_db.rollback();
        return *failure;
    }
    return changed;
}

Result<QString> LocalEdits::addActivity(const QString &leadId,
                                        const QString &type,
                                        const QString &notes)
{
    if (!Activity::isAgentType(type))
        return Error{QStringLiteral("bad_request"), tr("Unknown activity type \"%1\".").arg(type)};
    Activity activity;
    activity.activityType = type;
    activity.notes = notes;
    if (const ValidationErrors errors = activity.validate(); !errors.isEmpty())
        return Error{QStringLiteral("validation_failed"), errors.summary()};
    if (!readLead(m_db, leadId))
        return notInCache();
    const QString id = Ids::create();
    // When it happened, by this device's clock: offline for hours, the call keeps its time
    // (the server keeps it within bounds). The server sets createdAt when it records it.
    const qint64 occurredAt = now();
    QJsonObject mutation = newMutation(QStringLiteral("activity"), id, QStringLiteral("create"), 0);
    mutation.insert(QStringLiteral("data"),
                    QJsonObject{{QStringLiteral("leadId"), leadId},
                                {QStringLiteral("activityType"), type},
                                {QStringLiteral("notes"), notes},
                                {QStringLiteral("occurredAt"), WireTime::toWire(occurredAt)}});
    const Status status = writeAndQueue(
        [&]() -> Status {
            QSqlQuery insert(m_db);
            insert.prepare(QStringLiteral("INSERT INTO lead_activities (id, leadId, agentId,"
                                          " activityType, notes, occurredAt, createdAt)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)"));
            insert.addBindValue(id);
            insert.addBindValue(leadId);
            insert.addBindValue(m_userId);
            insert.addBindValue(type);
            insert.addBindValue(notes);
            insert.addBindValue(occurredAt);
            insert.addBindValue(occurredAt);
            return execOrError(insert);
        },
        mutation);
    if (!status.ok())
        return status.error();
    return id;
}

Status LocalEdits::retryReminder(const QString &reminderId)
{
    QSqlQuery find(m_db);
    find.prepare(QStringLiteral("SELECT status FROM appointment_reminders WHERE id = ?"));
    find.addBindValue(reminderId);
    if (!find.exec())
        return Error{QStringLiteral("cache_failed"), find.lastError().text(), {}, {}};
    if (!find.next())
        return Error{QStringLiteral("not_found"), tr("This reminder is not in your cache."), {}, {}};
    if (find.value(0).toString() != QLatin1String("failed"))
        return Error{QStringLiteral("invalid_transition"), tr("Only a failed reminder can be sent again."), {}, {}};
    find.finish();
    QJsonObject mutation = newMutation(SyncProtocol::Entity::Reminder, reminderId, SyncProtocol::MutationOp::Update, 0);
    mutation.insert(SyncProtocol::Key::Fields,
                    QJsonObject{{QStringLiteral("status"),
                                 QJsonObject{{SyncProtocol::Key::Old, QStringLiteral("failed")},
                                             {SyncProtocol::Key::New, QStringLiteral("pending")}}}});
    return writeAndQueue(
        [&]() -> Status {
            QSqlQuery update(m_db);
            update.prepare(QStringLiteral("UPDATE appointment_reminders SET status = 'pending', attempts = 0"
                                          " WHERE id = ?"));
            update.addBindValue(reminderId);
            return execOrError(update);
        },
        mutation);
}

std::optional<Lead> LocalEdits::findSamePerson(Lead lead) const
{
    lead.normalize();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM leads WHERE lower(email) = lower(?) OR phone = ?"
                                 " ORDER BY createdAt LIMIT 20"));
    query.addBindValue(lead.email);
    query.addBindValue(lead.phone);
    if (!query.exec()) {
        qCWarning(lcSync) << "Duplicate lookup failed:" << query.lastError().text();
        return std::nullopt;
    }
    while (query.next()) {
        std::optional<Lead> existing = readLead(m_db, query.value(0).toString());
        if (existing && existing->id != lead.id && existing->isSamePerson(lead))
            return existing;
    }
    return std::nullopt;
}

std::variant<Lead, ValidationErrors, Error> LocalEdits::createLead(Lead lead)
{
    lead.normalize();
    const ValidationErrors errors = lead.validate();
    if (!errors.isEmpty())
        return errors;
    if (lead.id.isEmpty())
        lead.id = Ids::create();
    lead.status = LeadStatus::New;
    lead.assignedAgentId = m_userId;
    lead.createdAt = lead.updatedAt = now();
    lead.version = 0;
    QJsonObject data = lead.toJson();
    for (const char *serverOwned :
         {"id", "status", "assignedAgentId", "firstContactAt", "createdAt", "updatedAt", "version"})
        data.remove(QLatin1String(serverOwned));
    QJsonObject mutation = newMutation(SyncProtocol::Entity::Lead,
                                       lead.id,
                                       SyncProtocol::MutationOp::Create,
                                       0);
    mutation.insert(QStringLiteral("data"), data);
    const Status status = writeAndQueue(
        [&]() -> Status {
            QSqlQuery insert(m_db);
            insert.prepare(QStringLiteral(
                "INSERT INTO leads (id, firstName, lastName, email, phone, message, source,"
                " status, assignedAgentId, state, smsOptIn, createdAt, updatedAt, version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            insert.addBindValue(lead.id);
            insert.addBindValue(lead.firstName);
            insert.addBindValue(lead.lastName);
            insert.addBindValue(lead.email);
            insert.addBindValue(lead.phone);
            insert.addBindValue(nullableText(lead.message));
            insert.addBindValue(LeadSourceNames::toString(lead.source));
            insert.addBindValue(LeadStatusMachine::toString(lead.status));
            insert.addBindValue(lead.assignedAgentId);
            insert.addBindValue(nullableText(lead.state));
            insert.addBindValue(lead.smsOptIn ? 1 : 0);
            insert.addBindValue(lead.createdAt);
            insert.addBindValue(lead.updatedAt);
            insert.addBindValue(lead.version);
            return execOrError(insert);
        },
        mutation);
    if (!status.ok())
        return status.error();
    return lead;
}

Status LocalEdits::writeAndQueue(const std::function<Status()> &write, const QJsonObject &mutation)
{
    if (m_inBatch) { // the batch commits or rolls back as a whole
        const Status written = write();
        return written.ok() ? queue(mutation) : written;
    }
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    Status status = write();
    if (status.ok())
        status = queue(mutation);
    if (status.ok() && !m_db.commit())
        status = Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    if (!status.ok())
        m_db.rollback();
    return status;
}

Result<QString> LocalEdits::addFollowUp(const QString &leadId, qint64 dueAt, const QString &note)
{
    if (const ValidationErrors errors = FollowUp::validateNew(note); !errors.isEmpty())
        return Error{QStringLiteral("validation_failed"), errors.summary()};
    const std::optional<Lead> lead = readLead(m_db, leadId);
    if (!lead)
        return notInCache();
    const QString id = Ids::create();
    const qint64 now = this->now();
    QJsonObject mutation = newMutation(SyncProtocol::Entity::FollowUp,
                                       id,
                                       SyncProtocol::MutationOp::Create,
                                       0);
    mutation.insert(QStringLiteral("data"),
                    QJsonObject{{QStringLiteral("leadId"), leadId},
                                {QStringLiteral("dueAt"), WireTime::toWire(dueAt)},
                                {QStringLiteral("note"), note}});
    const Status status = writeAndQueue(
        [&]() -> Status {
            QSqlQuery insert(m_db);
            insert.prepare(QStringLiteral(
                "INSERT INTO follow_ups (id, leadId, agentId, dueAt, note, done, completedAt,"
                " createdAt, updatedAt, version) VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, 0)"));
            insert.addBindValue(id);
            insert.addBindValue(leadId);
            insert.addBindValue(lead->assignedAgentId.isEmpty() ? m_userId : lead->assignedAgentId);
            insert.addBindValue(dueAt);
            insert.addBindValue(nullableText(note));
            insert.addBindValue(now);
            insert.addBindValue(now);
            return execOrError(insert);
        },
        mutation);
    if (!status.ok())
        return status.error();
    return id;
}

Status LocalEdits::updateFollowUp(const QString &followUpId, const FollowUpChange &change)
{
    if (change.note) {
        if (const ValidationErrors errors = FollowUp::validateNoteChange(*change.note);
            !errors.isEmpty())
            return Error{QStringLiteral("validation_failed"), errors.summary()};
    }
    QSqlQuery find(m_db);
    find.prepare(QStringLiteral(
        "SELECT dueAt, coalesce(note, ''), done, version FROM follow_ups WHERE id = ?"));
    find.addBindValue(followUpId);
    if (!find.exec() || !find.next())
        return Error{QStringLiteral("not_found"), tr("This follow-up is not in your cache.")};
    const qint64 dueAt = find.value(0).toLongLong();
    const QString note = find.value(1).toString();
    const bool done = find.value(2).toLongLong() != 0;
    const qint64 version = find.value(3).toLongLong();
    find.finish();

    QJsonObject fields;
    if (change.dueAt && *change.dueAt != dueAt)
        fields.insert(QStringLiteral("dueAt"),
                      FieldMerge::change(WireTime::toWire(dueAt), WireTime::toWire(*change.dueAt)));
    if (change.note && *change.note != note)
        fields.insert(QStringLiteral("note"), FieldMerge::change(note, *change.note));
    if (change.done && *change.done != done)
        fields.insert(QStringLiteral("done"), FieldMerge::change(done, *change.done));
    if (fields.isEmpty())
        return {};
    const qint64 now = this->now();
    QJsonObject mutation = newMutation(QStringLiteral("follow_up"),
                                       followUpId,
                                       QStringLiteral("update"),
                                       version);
    mutation.insert(QStringLiteral("fields"), fields);
    return writeAndQueue(
        [&]() -> Status {
            const bool newDone = change.done.value_or(done);
            const QString newNote = change.note.value_or(note);
            QSqlQuery update(m_db);
            update.prepare(QStringLiteral(
                "UPDATE follow_ups SET dueAt = ?, note = ?, done = ?, completedAt = CASE WHEN ?"
                " THEN coalesce(completedAt, ?) ELSE NULL END, updatedAt = ? WHERE id = ?"));
            update.addBindValue(change.dueAt.value_or(dueAt));
            update.addBindValue(nullableText(newNote));
            update.addBindValue(newDone ? 1 : 0);
            update.addBindValue(newDone ? 1 : 0);
            update.addBindValue(now);
            update.addBindValue(now);
            update.addBindValue(followUpId);
            return execOrError(update);
        },
        mutation);
}

std::variant<QString, ValidationErrors, Error> LocalEdits::convertToEnrollment(
    const QString &leadId, const QString &plan, const QDate &effectiveDate, const QString &notes)
{
    const std::optional<Lead> lead = readLead(m_db, leadId);
    if (!lead)
        return notInCache();
    const QString date = effectiveDate.isValid() ? effectiveDate.toString(Qt::ISODate) : QString();
    const Enrollment entered = Enrollment{plan, date, notes}.normalized();
    if (ValidationErrors errors = entered.validate(); !errors.isEmpty())
        return errors;
    const QString &trimmedPlan = entered.plan;
    if (lead->status == LeadStatus::Enrolled
        || !LeadStatusMachine::canTransition(lead->status, LeadStatus::Enrolled))
        return Error{QStringLiteral("invalid_transition"),
                     lead->status == LeadStatus::Enrolled
                         ? tr("This lead is already enrolled.")
                         : tr("A lead cannot move from %1 to %2.")
                               .arg(LeadStatusMachine::displayName(lead->status),
                                    LeadStatusMachine::displayName(LeadStatus::Enrolled))};
    const QString id = Ids::create();
    QJsonObject data{{QStringLiteral("leadId"), leadId},
                     {QStringLiteral("plan"), trimmedPlan},
                     {QStringLiteral("notes"), notes}};
    // Kept with the mutation (the server ignores it): a refusal puts the lead back as it was
    // here, even when the server's copy cannot be fetched at that moment.
    const QJsonObject local{
        {QStringLiteral("previousStatus"), LeadStatusMachine::toString(lead->status)}};
    if (!date.isEmpty())
        data.insert(QStringLiteral("effectiveDate"), date);
    QJsonObject mutation = newMutation(SyncProtocol::Entity::Enrollment,
                                       id,
                                       SyncProtocol::MutationOp::Create,
                                       0);
    mutation.insert(QStringLiteral("data"), data);
    mutation.insert(QStringLiteral("local"), local);
    const Status status = writeAndQueue(
        [&]() -> Status {
            QSqlQuery insert(m_db);
            insert.prepare(QStringLiteral(
                "INSERT INTO enrollments (id, leadId, agentId, plan, effectiveDate, notes,"
                " createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)"));
            insert.addBindValue(id);
            insert.addBindValue(leadId);
            insert.addBindValue(lead->assignedAgentId.isEmpty() ? m_userId : lead->assignedAgentId);
            insert.addBindValue(nullableText(trimmedPlan));
            insert.addBindValue(nullableText(date));
            insert.addBindValue(nullableText(notes));
            insert.addBindValue(now());
            if (Status inserted = execOrError(insert); !inserted.ok())
                return inserted;
            QSqlQuery status(m_db);
            status.prepare(QStringLiteral("UPDATE leads SET status = 'enrolled' WHERE id = ?"));
            status.addBindValue(leadId);
            return execOrError(status);
        },
        mutation);
    if (!status.ok())
        return status.error();
    return id;
}

namespace {

QJsonObject wireRange(const TimeRange &range)
{
    return {{QStringLiteral("start"), WireTime::toWire(range.start)},
            {QStringLiteral("end"), WireTime::toWire(range.end)}};
}

} // namespace

Result<Appointment> LocalEdits::cachedAppointment(const QString &id) const
{
    const auto found = AppointmentReader(m_db).find(id);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error{QStringLiteral("not_found"), tr("This appointment is not in your cache.")};
    return found.value()->appointment;
}

std::optional<Error> LocalEdits::checkSlot(const QString &providerId,
                                           const TimeRange &wanted,
                                           const QString &exceptId,
                                           bool override) const
{
    const AppointmentReader reader(m_db);
    const auto around = reader.schedule(providerId, wanted.start, wanted.end, exceptId);
    if (!around.ok())
        return around.error();
    const qint64 now = this->now();
    const AppointmentReader::ProviderSchedule &schedule = around.value();
    const std::optional<TimeRange> clash
        = SlotCalculator::clash(schedule.busy, wanted, schedule.availability.bufferMinutes);
    // Outside the hours only when they are known here: the defaults are a guess.
    const bool outside = !override && schedule.availabilityKnown
                         && !SlotCalculator::isAvailable(schedule.availability, wanted, now);
    if (!clash && !outside)
        return std::nullopt;

    // The nearest free times, as the server would offer them (it looks up to the horizon).
    const qint64 reach = qint64(schedule.availability.maxDaysAhead + 1) * SlotCalculator::Day;
    const auto wide = reader.schedule(providerId,
                                      wanted.start - reach,
                                      wanted.start + reach,
                                      exceptId);
    if (!wide.ok())
        return wide.error();
    QJsonArray suggestions;
    for (const TimeRange &slot :
         SlotCalculator::suggestions(wide.value().availability, wide.value().busy, wanted, now))
        suggestions.append(wireRange(slot));
    if (clash) {
        return Error{QString(SyncProtocol::ErrorCode::SlotTaken),
                     tr("This time overlaps another appointment (%1 to %2).")
                         .arg(DisplayTime::dateTime(clash->start),
                              DisplayTime::time(QDateTime::fromMSecsSinceEpoch(clash->end).time())),
                     {},
                     {{SyncProtocol::Key::Conflicting, wireRange(*clash)},
                      {SyncProtocol::Key::Suggestions, suggestions}}};
    }
    return Error{QString(SyncProtocol::ErrorCode::OutsideAvailability),
                 tr("This time is outside the provider's available hours."),
                 {},
                 {{SyncProtocol::Key::Suggestions, suggestions}}};
}

LocalEdits::AppointmentEdit LocalEdits::bookAppointment(const Booking &booking)
{
    if (ValidationErrors errors = AppointmentRules::validate(booking.duration,
                                                             booking.notes,
                                                             booking.meetingLink);
        !errors.isEmpty())
        return errors;
    if (!booking.leadId.isEmpty() && !readLead(m_db, booking.leadId))
        return notInCache();
    Appointment appointment;
    appointment.id = Ids::create();
    appointment.providerId = booking.providerId.isEmpty() ? m_userId : booking.providerId;
    appointment.leadId = booking.leadId;
    appointment.userId = booking.userId;
    appointment.type = booking.type;
    appointment.scheduledDate = booking.start;
    appointment.duration = booking.duration;
    appointment.status = AppointmentStatus::Scheduled;
    appointment.notes = booking.notes;
    appointment.meetingLink = booking.meetingLink;
    appointment.createdAt = appointment.updatedAt = now();
    appointment.version = 0; // not on the server yet
    if (const std::optional<Error> refused = checkSlot(appointment.providerId,
                                                       {appointment.scheduledDate,
                                                        appointment.end()},
                                                       QString(),
                                                       booking.override))
        return *refused;

    QJsonObject data{{QStringLiteral("providerId"), appointment.providerId},
                     {QStringLiteral("appointmentType"),
                      AppointmentRules::toString(appointment.type)},
                     {QStringLiteral("scheduledDate"), WireTime::toWire(appointment.scheduledDate)},
                     {QStringLiteral("duration"), appointment.duration},
                     {QStringLiteral("notes"), appointment.notes},
                     {QStringLiteral("meetingLink"), appointment.meetingLink}};
    if (!appointment.leadId.isEmpty())
        data.insert(QStringLiteral("leadId"), appointment.leadId);
    if (!appointment.userId.isEmpty())
        data.insert(QStringLiteral("userId"), appointment.userId);
    if (booking.override)
        data.insert(QStringLiteral("override"), true);
    QJsonObject mutation = newMutation(SyncProtocol::Entity::Appointment,
                                       appointment.id,
                                       SyncProtocol::MutationOp::Create,
                                       0);
    mutation.insert(SyncProtocol::Key::Data, data);
    const Status status = writePendingAndQueue(appointment, mutation);
    if (!status.ok())
        return status.error();
    return appointment;
}

Status LocalEdits::writePendingAndQueue(const Appointment &appointment, const QJsonObject &mutation)
{
    return writeAndQueue(
        [&]() -> Status {
            QString error;
            if (!SchedulingRecords(m_db).writeAppointment(appointment, true, &error))
                return Error{QStringLiteral("cache_failed"), error};
            return {};
        },
        mutation);
}

LocalEdits::AppointmentEdit LocalEdits::updateAppointment(const Appointment &current,
                                                          const Appointment &changed,
                                                          const QJsonObject &fields,
                                                          bool override)
{
    if (fields.isEmpty())
        return current;
    QJsonObject mutation = newMutation(SyncProtocol::Entity::Appointment,
                                       current.id,
                                       SyncProtocol::MutationOp::Update,
                                       current.version);
    mutation.insert(SyncProtocol::Key::Fields, fields);
    if (override)
        mutation.insert(QStringLiteral("override"), true); // a move outside the hours, on purpose
    Appointment written = changed;
    written.updatedAt = now();
    const Status status = writePendingAndQueue(written, mutation);
    if (!status.ok())
        return status.error();
    return written;
}

LocalEdits::AppointmentEdit LocalEdits::rescheduleAppointment(const QString &id,
                                                              qint64 start,
                                                              std::optional<int> duration,
                                                              bool override)
{
    const Result<Appointment> current = cachedAppointment(id);
    if (!current.ok())
        return current.error();
    const Appointment &before = current.value();
    if (!AppointmentRules::canReschedule(before.status))
        return Error{QString(SyncProtocol::ErrorCode::InvalidTransition),
                     tr("Only scheduled or confirmed appointments can be moved; this one is "
                        "%1.")
                         .arg(AppointmentRules::displayName(before.status))};
    Appointment after = before;
    after.scheduledDate = start;
    after.duration = duration.value_or(before.duration);
    if (ValidationErrors errors = AppointmentRules::validate(after.duration,
                                                             after.notes,
                                                             after.meetingLink);
        !errors.isEmpty())
        return errors;
    QJsonObject fields;
    if (after.scheduledDate != before.scheduledDate)
        fields.insert(QStringLiteral("scheduledDate"),
                      FieldMerge::change(WireTime::toWire(before.scheduledDate),
                                         WireTime::toWire(after.scheduledDate)));
    if (after.duration != before.duration)
        fields.insert(QStringLiteral("duration"),
                      FieldMerge::change(before.duration, after.duration));
    if (fields.isEmpty())
        return before;
    if (const std::optional<Error> refused = checkSlot(before.providerId,
                                                       {after.scheduledDate, after.end()},
                                                       id,
                                                       override))
        return *refused;
    return updateAppointment(before, after, fields, override);
}

LocalEdits::AppointmentEdit LocalEdits::setAppointmentStatus(const QString &id,
                                                             AppointmentStatus status)
{
    const Result<Appointment> current = cachedAppointment(id);
    if (!current.ok())
        return current.error();
    const Appointment &before = current.value();
    // The machine's moves, and a meeting's outcome only once it has started (this device's
    // clock: the server takes the machine's word alone).
    if (AppointmentRules::canTransition(before.status, status)
        && !AppointmentRules::canTransitionAt(before.status, status, before.scheduledDate, now()))
        return Error{QString(SyncProtocol::ErrorCode::InvalidTransition),
                     tr("%1 is recorded once the appointment has started.")
                         .arg(AppointmentRules::displayName(status))};
    if (!AppointmentRules::canTransition(before.status, status))
        return Error{QString(SyncProtocol::ErrorCode::InvalidTransition),
                     tr("An appointment cannot move from %1 to %2.")
                         .arg(AppointmentRules::displayName(before.status),
                              AppointmentRules::displayName(status))};
    if (status == before.status)
        return before;
    Appointment after = before;
    after.status = status;
    return updateAppointment(before,
                             after,
                             {{QStringLiteral("status"),
                               FieldMerge::change(AppointmentRules::toString(before.status),
                                                  AppointmentRules::toString(after.status))}});
}

LocalEdits::AppointmentEdit LocalEdits::editAppointmentNotes(
    const QString &id, const QString &notes, const std::optional<QString> &meetingLink)
{
    const Result<Appointment> current = cachedAppointment(id);
    if (!current.ok())
        return current.error();
    const Appointment &before = current.value();
    Appointment after = before;
    after.notes = notes;
    after.meetingLink = meetingLink.value_or(before.meetingLink).trimmed();
    if (ValidationErrors errors = AppointmentRules::validate(after.duration,
                                                             after.notes,
                                                             after.meetingLink);
        !errors.isEmpty())
        return errors;
    QJsonObject fields;
    if (after.notes != before.notes)
        fields.insert(QStringLiteral("notes"), FieldMerge::change(before.notes, after.notes));
    if (after.meetingLink != before.meetingLink)
        fields.insert(QStringLiteral("meetingLink"),
                      FieldMerge::change(before.meetingLink, after.meetingLink));
    return updateAppointment(before, after, fields);
}

Status LocalEdits::resolveConflict(const QString &conflictId, bool keepMine)
{
    QSqlQuery find(m_db);
    find.prepare(QStringLiteral("SELECT kind, entity, entityId, field, mine, theirs FROM conflicts"
                                " WHERE id = ? AND resolvedAt IS NULL"));
    find.addBindValue(conflictId);
    if (!find.exec() || !find.next())
        return Error{QStringLiteral("not_found"), tr("This conflict is already resolved.")};
    const QString kind = find.value(0).toString();
    const QString entity = find.value(1).toString();
    const QString entityId = find.value(2).toString();
    const QString field = find.value(3).toString();
    const QJsonValue mine = QJsonDocument::fromJson(find.value(4).toString().toUtf8()).array().at(0);
    find.finish();

    if (keepMine && kind == QLatin1String("conflict") && entity == SyncProtocol::Entity::Lead) {
        // My value again, this time over theirs (the cache holds theirs now).
        auto result = updateLead(entityId, QJsonObject{{field, mine}});
        if (auto *error = std::get_if<Error>(&result))
            return *error;
        if (auto *errors = std::get_if<ValidationErrors>(&result))
            return Error{QStringLiteral("validation_failed"), errors->summary()};
    } else if (keepMine && kind == QLatin1String("conflict")
               && entity == SyncProtocol::Entity::FollowUp) {
        FollowUpChange change;
        if (field == QLatin1String("dueAt")) {
            change.dueAt = WireTime::fromWire(mine.toString());
            if (!change.dueAt)
                return Error{QStringLiteral("bad_request"), tr("The stored time is unreadable.")};
        } else if (field == QLatin1String("note")) {
            change.note = mine.toString();
        } else if (field == QLatin1String("done")) {
            change.done = mine.toBool();
        }
        if (const Status updated = updateFollowUp(entityId, change); !updated.ok())
            return updated;
    } else if (keepMine && kind == QLatin1String("conflict")
               && entity == SyncProtocol::Entity::Appointment) {
        // My value again, through the same checks as when I first made the change.
        AppointmentEdit again = Error{QStringLiteral("bad_request"),
                                      tr("The stored value is unreadable.")};
        if (field == QLatin1String("scheduledDate")) {
            if (const std::optional<qint64> start = WireTime::fromWire(mine.toString()))
                again = rescheduleAppointment(entityId, *start);
        } else if (field == QLatin1String("duration")) {
            const Result<Appointment> current = cachedAppointment(entityId);
            if (!current.ok())
                return current.error();
            again = rescheduleAppointment(entityId, current.value().scheduledDate, mine.toInt());
        } else if (field == QLatin1String("status")) {
            if (const auto status = AppointmentRules::statusFromString(mine.toString()))
                again = setAppointmentStatus(entityId, *status);
        } else if (field == QLatin1String("notes")) {
            again = editAppointmentNotes(entityId, mine.toString());
        } else if (field == QLatin1String("meetingLink")) {
            const Result<Appointment> current = cachedAppointment(entityId);
            if (!current.ok())
                return current.error();
            again = editAppointmentNotes(entityId, current.value().notes, mine.toString());
        }
        if (auto *error = std::get_if<Error>(&again))
            return *error;
        if (auto *errors = std::get_if<ValidationErrors>(&again))
            return Error{QStringLiteral("validation_failed"), errors->summary()};
    }
    return markResolved(conflictId, keepMine ? QStringLiteral("mine") : QStringLiteral("theirs"));
}

Status LocalEdits::markResolved(const QString &conflictId, const QString &resolution)
{
    QSqlQuery resolve(m_db);
    resolve.prepare(
        QStringLiteral("UPDATE conflicts SET resolvedAt = ?, resolution = ? WHERE id = ?"));
    resolve.addBindValue(now());
    resolve.addBindValue(resolution);
    resolve.addBindValue(conflictId);
    if (!resolve.exec())
        return Error{QStringLiteral("cache_failed"), resolve.lastError().text()};
    return {};
}

LocalEdits::AppointmentEdit LocalEdits::rebookRefused(const QString &conflictId, qint64 start)
{
    QSqlQuery find(m_db);
    find.prepare(QStringLiteral("SELECT entityId, coalesce(details, '') FROM conflicts WHERE id = ?"
                                " AND resolvedAt IS NULL AND kind = 'rejected' AND entity = ?"));
    find.addBindValue(conflictId);
    find.addBindValue(SyncProtocol::Entity::Appointment);
    if (!find.exec() || !find.next())
        return Error{QStringLiteral("not_found"), tr("This refusal is already settled.")};
    const QString appointmentId = find.value(0).toString();
    const QJsonObject details = QJsonDocument::fromJson(find.value(1).toString().toUtf8()).object();
    find.finish();

    // The booking (or move) and the refusal settled together, or neither: a refusal left open
    // beside a queued booking would be booked twice on the next click.
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    m_inBatch = true;
    AppointmentEdit made = Error{QStringLiteral("not_found"),
                                 tr("This refusal is already settled.")};
    if (cachedAppointment(appointmentId).ok()) {
        // A refused move: the appointment is still there, at the server's time.
        made = rescheduleAppointment(appointmentId, start);
    } else {
        const QJsonObject wanted = details.value(QStringLiteral("wanted")).toObject();
        const std::optional<qint64> from = WireTime::fromWire(
            wanted.value(QStringLiteral("start")).toString());
        const std::optional<qint64> to = WireTime::fromWire(
            wanted.value(QStringLiteral("end")).toString());
        Booking booking;
        booking.providerId = details.value(QStringLiteral("providerId")).toString();
        booking.leadId = details.value(QStringLiteral("leadId")).toString();
        booking.userId = details.value(QStringLiteral("userId")).toString();
        booking.type = AppointmentRules::typeFromString(
                           details.value(QStringLiteral("appointmentType")).toString())
                           .value_or(AppointmentType::Consultation);
        booking.start = start;
        if (from && to && *to > *from)
            booking.duration = int((*to - *from) / (60 * 1000));
        booking.notes = details.value(QStringLiteral("notes")).toString();
        booking.meetingLink = details.value(QStringLiteral("meetingLink")).toString();
        made = bookAppointment(booking);
    }
    if (std::holds_alternative<Appointment>(made)) {
        if (const Status settled = markResolved(conflictId, QStringLiteral("rebooked"));
            !settled.ok())
            made = settled.error();
    }
    m_inBatch = false;
    if (std::holds_alternative<Appointment>(made) && !m_db.commit())
        made = Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    if (!std::holds_alternative<Appointment>(made))
        m_db.rollback();
    return made;
}

} // namespace Crm
