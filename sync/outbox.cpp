#include "outbox.h"

#include "domain/displaytime.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "store/appointmentreader.h"
#include "synclogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

Outbox::Outbox(QSqlDatabase db)
    : m_db(db)
    , m_conflicts(db)
    , m_notices(db)
{}

QJsonArray Outbox::pendingMutations(int limit) const
{
    QJsonArray mutations;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT payload FROM outbox ORDER BY seq LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec())
        return mutations;
    while (query.next())
        mutations.append(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
    return mutations;
}

int Outbox::pendingCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM outbox")) && query.next())
        return query.value(0).toInt();
    return 0;
}

bool Outbox::notify(const NotificationStore::NewNotice &notice, QString *error)
{
    const Result<bool> added = m_notices.add(notice);
    if (!added.ok())
        *error = added.error().message;
    return added.ok();
}

namespace {

QJsonObject wireRange(qint64 start, qint64 end)
{
    return {{QStringLiteral("start"), WireTime::toWire(start)},
            {QStringLiteral("end"), WireTime::toWire(end)}};
}

// "9:30, 10:00 or 11:15": the suggested start times, as the user reads them.
QString suggestedStarts(const QJsonArray &suggestions)
{
    QStringList starts;
    for (const QJsonValue &value : suggestions) {
        const std::optional<qint64> start = WireTime::fromWire(
            value.toObject().value(QStringLiteral("start")).toString());
        if (start)
            starts << DisplayTime::dateTime(*start);
    }
    return QLocale().createSeparatedList(starts);
}

} // namespace

bool Outbox::takeBackAppointment(const QString &mutationId,
                                 const QString &op,
                                 const QJsonObject &payload,
                                 const QJsonObject &result,
                                 PullApplier &records,
                                 qint64 now,
                                 QString *error)
{
    const QString id = payload.value(SyncProtocol::Key::Id).toString();
    const QString reason = result.value(SyncProtocol::Key::Reason).toString();
    const QString message = result.value(QStringLiteral("message")).toString();
    const auto cached = AppointmentReader(m_db).find(id);
    if (!cached.ok()) {
        *error = cached.error().message;
        return false;
    }
    const std::optional<AppointmentReader::Entry> &entry = cached.value();

    // The time the user wanted: the booking's, or the change's new values over the cached ones.
    qint64 start = entry ? entry->appointment.scheduledDate : 0;
    int duration = entry ? entry->appointment.duration : AppointmentRules::DefaultDuration;
    QString providerId = entry ? entry->appointment.providerId : QString();
    QString leadId = entry ? entry->appointment.leadId : QString();
    const bool create = op == SyncProtocol::MutationOp::Create;
    if (create) {
        const QJsonObject data = payload.value(SyncProtocol::Key::Data).toObject();
        start = WireTime::fromWire(data.value(QStringLiteral("scheduledDate")).toString())
                    .value_or(start);
        duration = data.value(QStringLiteral("duration")).toInt(duration);
        providerId = data.value(QStringLiteral("providerId")).toString();
        leadId = data.value(QStringLiteral("leadId")).toString();
    } else {
        const QJsonObject fields = payload.value(SyncProtocol::Key::Fields).toObject();
        const QJsonObject newStart = fields.value(QStringLiteral("scheduledDate")).toObject();
        const QJsonObject newDuration = fields.value(QStringLiteral("duration")).toObject();
        if (!newStart.isEmpty())
            start = WireTime::fromWire(newStart.value(SyncProtocol::Key::New).toString())
                        .value_or(start);
        if (!newDuration.isEmpty())
            duration = newDuration.value(SyncProtocol::Key::New).toInt(duration);
    }
    QJsonObject details{{QStringLiteral("wanted"),
                         wireRange(start, start + qint64(duration) * 60 * 1000)},
                        {QStringLiteral("providerId"), providerId},
                        {SyncProtocol::Key::Reason, reason}};
    if (!leadId.isEmpty())
        details.insert(QStringLiteral("leadId"), leadId);
    if (create) {
        // What a booking at another time needs besides the time (LocalEdits::rebookRefused).
        const QJsonObject data = payload.value(SyncProtocol::Key::Data).toObject();
        for (const char *key : {"appointmentType", "notes", "meetingLink", "userId"}) {
            const QString name = QLatin1String(key);
            if (!data.value(name).toString().isEmpty())
                details.insert(name, data.value(name));
        }
    }
    const QJsonArray suggestions = result.value(SyncProtocol::Key::Suggestions).toArray();
    if (result.value(SyncProtocol::Key::Conflicting).isObject())
        details.insert(SyncProtocol::Key::Conflicting, result.value(SyncProtocol::Key::Conflicting));
    if (!suggestions.isEmpty())
        details.insert(SyncProtocol::Key::Suggestions, suggestions);
    const Status recorded = m_conflicts.addRejection(mutationId,
                                                     SyncProtocol::Entity::Appointment,
                                                     id,
                                                     reason + QStringLiteral(": ") + message,
                                                     now,
                                                     details);
    if (!recorded.ok()) {
        *error = recorded.error().message;
        return false;
    }

    // Taken back: a refused booking goes (its later changes cannot apply either); a refused
    // change returns to the server's copy when the answer has one, else to the values before
    // it; changes still waiting stay on top.
    if (create) {
        QSqlQuery drop(m_db);
        drop.prepare(QStringLiteral("DELETE FROM outbox WHERE entity = ? AND entityId = ?"));
        drop.addBindValue(SyncProtocol::Entity::Appointment);
        drop.addBindValue(id);
        if (!drop.exec()) {
            *error = drop.lastError().text();
            return false;
        }
        if (!records.remove(SyncProtocol::Entity::Appointment, id, error))
            return false;
    } else {
        const QJsonObject current = result.value(SyncProtocol::Key::Current).toObject();
        const bool restored
            = current.isEmpty()
                  ? records.setFields(SyncProtocol::Entity::Appointment,
                                      id,
                                      payload.value(SyncProtocol::Key::Fields).toObject(),
                                      SyncProtocol::Key::Old,
                                      error)
                  : records.upsert(SyncProtocol::Entity::Appointment, current, error);
        if (!restored || !records.rebase(SyncProtocol::Entity::Appointment, id, error)
            || !records.scheduling().settle(id, 0, error))
            return false;
    }

    const QString who = entry ? entry->leadName : QString();
    QString title;
    if (create)
        title = who.isEmpty() ? tr("Booking not accepted")
                              : tr("Booking not accepted: %1").arg(who);
    else
        title = who.isEmpty() ? tr("Appointment change not accepted")
                              : tr("Appointment change not accepted: %1").arg(who);
    QString body;
    const QString when = DisplayTime::dateTime(start);
    if (reason == SyncProtocol::ErrorCode::SlotTaken) {
        body = suggestions.isEmpty()
                   ? tr("%1 was taken by another appointment meanwhile.").arg(when)
                   : tr("%1 was taken by another appointment meanwhile. Free nearby: %2.")
                         .arg(when, suggestedStarts(suggestions));
    } else if (reason == SyncProtocol::ErrorCode::OutsideAvailability) {
        body = tr("%1 is outside the provider's available hours.").arg(when);
    } else {
        body = message;
    }
    return notify({QStringLiteral("rejected"),
                   title,
                   body,
                   SyncProtocol::Entity::Appointment,
                   id,
                   QString()},
                  error);
}

Result<Outbox::PushOutcome> Outbox::applyPushResults(const QJsonArray &results, PullApplier &records)
{
    PushOutcome outcome;
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Result<PushOutcome> {
        m_db.rollback();
        qCWarning(lcSync) << "Applying push results failed:" << error;
        return Error{QStringLiteral("cache_failed"), error};
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QJsonValue &value : results) {
        const QJsonObject result = value.toObject();
        const QString mutationId = result.value(SyncProtocol::Key::MutationId).toString();
        const QString status = result.value(SyncProtocol::Key::Status).toString();
        QSqlQuery find(m_db);
        find.prepare(QStringLiteral(
            "SELECT entity, entityId, op, payload FROM outbox WHERE mutationId = ?"));
        find.addBindValue(mutationId);
        if (!find.exec()) {
            error = find.lastError().text();
            return fail();
        }
        if (!find.next())
            continue; // already handled (a retried push answered twice)
        const QString entity = find.value(0).toString();
        const QString entityId = find.value(1).toString();
        const QString op = find.value(2).toString();
        const QString payloadText = find.value(3).toString();
        find.finish();
        QSqlQuery remove(m_db);
        remove.prepare(QStringLiteral("DELETE FROM outbox WHERE mutationId = ?"));
        remove.addBindValue(mutationId);
        if (!remove.exec()) {
            error = remove.lastError().text();
            return fail();
        }
        const bool appointment = entity == SyncProtocol::Entity::Appointment;
        if (status == SyncProtocol::ResultStatus::Applied) {
            ++outcome.applied;
            // No longer pending once nothing else of it waits; the version the server gave it
            // tells the next pull that this change was mine.
            if (appointment
                && !records.scheduling().settle(entityId,
                                                result.value(SyncProtocol::Key::Version).toInteger(),
                                                &error))
                return fail();
            continue;
        }
        if (status == SyncProtocol::ResultStatus::Conflict) {
            ++outcome.conflicts;
            const QJsonObject fields = result.value(SyncProtocol::Key::Conflicts).toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                const QJsonObject both = it.value().toObject();
                const Status added = m_conflicts.addConflict(mutationId,
                                                             entity,
                                                             entityId,
                                                             it.key(),
                                                             both.value(SyncProtocol::Key::Mine),
                                                             both.value(SyncProtocol::Key::Theirs),
                                                             now);
                if (!added.ok()) {
                    error = added.error().message;
                    return fail();
                }
            }
            const QJsonObject current = result.value(SyncProtocol::Key::Current).toObject();
            if (!current.isEmpty()
                && (!records.upsert(entity, current, &error)
                    || !records.rebase(entity, entityId, &error)))
                return fail();
            if (appointment && !records.scheduling().settle(entityId, 0, &error))
                return fail();
            if (!notify({QStringLiteral("conflict"),
                         tr("Edit conflict"),
                         tr("Someone else changed %n field(s) you edited; choose which "
                            "values to keep.",
                            nullptr,
                            int(fields.size())),
                         entity,
                         entityId,
                         QString()},
                        &error))
                return fail();
            continue;
        }
        // Rejected: record why, and take the local change back.
        ++outcome.rejected;
        if (appointment) {
            if (!takeBackAppointment(mutationId,
                                     op,
                                     QJsonDocument::fromJson(payloadText.toUtf8()).object(),
                                     result,
                                     records,
                                     now,
                                     &error))
                return fail();
            continue;
        }
        const QString reason = result.value(SyncProtocol::Key::Reason).toString();
        const QString message = result.value(QStringLiteral("message")).toString();
        const Status recorded = m_conflicts.addRejection(mutationId,
                                                         entity,
                                                         entityId,
                                                         reason + QStringLiteral(": ") + message,
                                                         now);
        if (!recorded.ok()) {
            error = recorded.error().message;
            return fail();
        }
        const QJsonObject payload = QJsonDocument::fromJson(payloadText.toUtf8()).object();
        if (op == SyncProtocol::MutationOp::Create) {
            if (!records.remove(entity, entityId, &error))
                return fail();
            // A refused conversion: the lead's status as it was here, then the server's.
            if (entity == SyncProtocol::Entity::Enrollment) {
                const QString leadId = payload.value(SyncProtocol::Key::Data)
                                           .toObject()
                                           .value(QStringLiteral("leadId"))
                                           .toString();
                const QString previous = payload.value(QStringLiteral("local"))
                                             .toObject()
                                             .value(QStringLiteral("previousStatus"))
                                             .toString();
                if (!previous.isEmpty()) {
                    QSqlQuery restore(m_db);
                    restore.prepare(QStringLiteral(
                        "UPDATE leads SET status = ? WHERE id = ? AND status = 'enrolled'"));
                    restore.addBindValue(previous);
                    restore.addBindValue(leadId);
                    if (!restore.exec()) {
                        error = restore.lastError().text();
                        return fail();
                    }
                }
                outcome.leadsToRefetch << leadId;
            }
        } else if (entity == SyncProtocol::Entity::Lead) {
            outcome.leadsToRefetch << entityId;
        } else if (!records.setFields(entity,
                                      entityId,
                                      payload.value(SyncProtocol::Key::Fields).toObject(),
                                      SyncProtocol::Key::Old,
                                      &error)
                   || !records.rebase(entity, entityId, &error)) {
            // The server changed nothing: the values before this edit (and any later pending
            // edits on top) are what it has.
            return fail();
        }
        if (!notify({QStringLiteral("rejected"),
                     tr("Change not accepted"),
                     message,
                     entity,
                     entityId,
                     QString()},
                    &error))
            return fail();
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return outcome;
}

} // namespace Crm
