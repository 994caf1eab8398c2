#pragma once

#include "domain/appointment.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Crm {

// The cache's scheduling rows as the sync writes them: appointments (with the cache-only
// `pending` flag: changes made here that the outbox still holds), each provider's
// availability (kept whole, as Availability::toJson sends it), time off, and appointment
// reminders. Scheduling tables are the cache's own (not SharedTables), so their columns are
// written here, once, for the pull (PullApplier), the push answers (Outbox) and the edits made
// on this device (LocalEdits). Every method works inside the caller's transaction.
class SchedulingRecords final
{
public:
    explicit SchedulingRecords(QSqlDatabase db);

    // appointment, availability, time_off, reminder
    static bool handles(const QString &entity);

    // A record as the server has it (a pulled change's data, a push answer's current). An
    // appointment stays pending while the outbox holds changes to it. A record this version
    // cannot read is skipped with a warning (true), like an entity it does not know.
    bool upsert(const QString &entity, const QJsonObject &data, QString *error);
    // A deleted or revoked record; an appointment takes its reminders along.
    bool remove(const QString &entity, const QString &id, QString *error);

    // An appointment as this device shows it: a booking or an edit made here.
    bool writeAppointment(const Appointment &appointment, bool pending, QString *error);
    // Sets an appointment's editable fields to one side (`which`: old or new) of a mutation's
    // {field: {old, new}} (times in their wire form).
    bool setAppointmentFields(const QString &id,
                              const QJsonObject &fields,
                              const QString &which,
                              QString *error);
    // After the server answered a change: pending while the outbox still holds changes to the
    // appointment; the version the server gave it, when newer than the cached one.
    bool settle(const QString &id, qint64 version, QString *error);

private:
    bool upsertAppointment(const QJsonObject &data, QString *error);
    bool upsertAvailability(const QJsonObject &data, QString *error);
    bool upsertTimeOff(const QJsonObject &data, QString *error);
    bool upsertReminder(const QJsonObject &data, QString *error);
    bool hasPendingChanges(const QString &id, bool *pending, QString *error) const;

    QSqlDatabase m_db;
};

} // namespace Crm
