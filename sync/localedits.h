#pragma once

#include "domain/appointment.h"
#include "domain/lead.h"
#include "domain/result.h"
#include "domain/slotcalculator.h"
#include "domain/validationerrors.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QVariantMap>

#include <functional>
#include <optional>
#include <variant>

namespace Crm {

// Changes made on this device: each writes the cache row and its outbox mutation in one local
// transaction, so an edit is either both shown and queued for the server, or neither. The same
// rules as the server apply first (validation, the status machine), so the user hears about a
// mistake at once rather than from a rejection later.
class LocalEdits final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LocalEdits)

public:
    LocalEdits(QSqlDatabase db, QString userId);

    // The device's clock, for when things happened (a call's occurredAt, a queued change's
    // time). Tests set a fixed one; the product uses the system's.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Changes fields of a lead (API names: firstName, status, ...). Returns the validation
    // errors by field, or an Error for anything else (unknown lead, invalid transition).
    std::variant<Lead, ValidationErrors, Error> updateLead(const QString &leadId,
                                                           const QJsonObject &changes);
    Result<QString> addActivity(const QString &leadId, const QString &type, const QString &notes);
    std::variant<Lead, ValidationErrors, Error> createLead(Lead lead);
    // An admin's bulk assignment: every lead to `agentId` in one transaction, all or none (an
    // Error naming the first lead that cannot be, in `details.leadId`). Returns how many
    // changed (a lead already with that agent queues nothing).
    Result<int> assignLeads(const QStringList &leadIds, const QString &agentId);

    // Follow-up reminders on a lead: set one, and change it (complete, snooze to a new time,
    // edit the note). Times are epoch milliseconds.
    struct FollowUpChange
    {
        std::optional<qint64> dueAt;
        std::optional<QString> note;
        std::optional<bool> done;
    };
    Result<QString> addFollowUp(const QString &leadId, qint64 dueAt, const QString &note);
    Status updateFollowUp(const QString &followUpId, const FollowUpChange &change);

    // Converts a lead into an enrollment: the enrollment row, the lead shown as enrolled, and
    // one mutation the server applies as a whole (or refuses, and the lead comes back).
    // effectiveDate is a date or null. Returns the enrollment's id.
    std::variant<QString, ValidationErrors, Error> convertToEnrollment(const QString &leadId,
                                                                       const QString &plan,
                                                                       const QDate &effectiveDate,
                                                                       const QString &notes);

    // Appointments (API.md, appointments). The server decides every booking and every move;
    // what the cache already knows is checked first (the duration and text limits, the status
    // machine, the provider's cached availability and the time their other appointments hold,
    // through SlotCalculator), so a clash the device can see is refused at once: an Error
    // slot_taken with details {conflicting: {start, end}, suggestions: [{start, end}]}, or
    // outside_availability (unless override) with suggestions. What passes is written to the
    // cache as pending and queued; the server's answer settles it (Outbox).
    struct Booking
    {
        QString providerId; // whose calendar; empty: mine
        QString leadId;     // may be empty (a manual block)
        QString userId;     // a patient, when the appointment is with a user; may be empty
        AppointmentType type = AppointmentType::Consultation;
        qint64 start = 0; // epoch ms
        int duration = AppointmentRules::DefaultDuration;
        QString notes;
        QString meetingLink;
        bool override = false; // outside availability (the provider or an admin)
    };
    using AppointmentEdit = std::variant<Appointment, ValidationErrors, Error>;
    AppointmentEdit bookAppointment(const Booking &booking);
    // A new start (and length, when given); only scheduled and confirmed appointments move.
    AppointmentEdit rescheduleAppointment(const QString &id,
                                          qint64 start,
                                          std::optional<int> duration = std::nullopt,
                                          bool override = false);
    // A status move the status machine allows (confirm, complete, no-show, cancel).
    AppointmentEdit setAppointmentStatus(const QString &id, AppointmentStatus status);
    // The notes, and the meeting link when given.
    AppointmentEdit editAppointmentNotes(const QString &id,
                                         const QString &notes,
                                         const std::optional<QString> &meetingLink = std::nullopt);

    // A refused booking or move (a "rejected" appointment conflict) made again at `start`, one
    // of the suggested free times or another: a refused booking is booked anew as it was (type,
    // lead, length, notes, link), a refused move moves the appointment there. The same checks
    // as any booking or move apply; when it passes, the refusal is settled ("rebooked").
    AppointmentEdit rebookRefused(const QString &conflictId, qint64 start);

    // An admin sends a failed reminder again: pending here at once, and the server is asked
    // (a push; the server's answer and the next pull decide). Only a failed one.
    Status retryReminder(const QString &reminderId);

    // Resolves a conflict: keep mine (queue my value again, over theirs) or keep theirs
    // (accept the server's value that is already in the cache).
    Status resolveConflict(const QString &conflictId, bool keepMine);

    static std::optional<Lead> readLead(const QSqlDatabase &db, const QString &id);
    // A lead in the cache that is the same person as `lead` (Lead::isSamePerson), whatever its
    // status (an enrolled member too): New lead warns before making a second one.
    std::optional<Lead> findSamePerson(Lead lead) const;

private:
    Status queue(const QJsonObject &mutation);
    // The appointment written to the cache as pending, with its mutation, in one transaction.
    Status writePendingAndQueue(const Appointment &appointment, const QJsonObject &mutation);
    // The cached appointment, or not_found.
    Result<Appointment> cachedAppointment(const QString &id) const;
    // The local check of a time for an appointment of `providerId` (see Booking).
    std::optional<Error> checkSlot(const QString &providerId,
                                   const TimeRange &wanted,
                                   const QString &exceptId,
                                   bool override) const;
    // Queues an update of an appointment's fields ({field: {old, new}}; override: a move
    // outside the hours on purpose) and writes `changed`.
    AppointmentEdit updateAppointment(const Appointment &current,
                                      const Appointment &changed,
                                      const QJsonObject &fields,
                                      bool override = false);
    Status markResolved(const QString &conflictId, const QString &resolution);
    // Runs `write` and queues `mutation` in one transaction.
    Status writeAndQueue(const std::function<Status()> &write, const QJsonObject &mutation);

    qint64 now() const { return m_clock(); }

    QSqlDatabase m_db;
    QString m_userId;
    Clock m_clock = &QDateTime::currentMSecsSinceEpoch;
    bool m_inBatch = false; // inside assignLeads' transaction: writeAndQueue opens none
};

} // namespace Crm
