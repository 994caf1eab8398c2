#pragma once

#include "auth/authuser.h"
#include "domain/appointment.h"
#include "domain/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Crm {

class WriteTransaction;

// Booking, rescheduling and the status moves of appointments (API.md, appointments), decided
// here for REST (SchedulingController) and the sync push alike. Every write runs inside the
// caller's WriteTransaction, after the provider's row is locked (SELECT ... FOR UPDATE on
// PostgreSQL; SQLite's single writer), so the overlap check and the insert cannot be split by
// another booking of the same provider on any instance. Errors (Error::code):
// - validation_failed (fields), not_found, forbidden;
// - slot_taken, with details {conflicting: {id, start, end}, suggestions: [{start, end}]};
// - outside_availability; invalid_transition; version_conflict (details {current}).
// Each write answers the appointment as stored (Appointment::toJson()), logs the change
// (entity "appointment", audience: the provider), its reminders (entity "reminder"), the
// lead's history entry, and an audit entry.
class AppointmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AppointmentService)

public:
    struct Booking
    {
        QString id; // empty: the server mints one; a retried id answers the first result
        QString providerId;
        QString leadId;
        QString userId;
        AppointmentType type = AppointmentType::Consultation;
        qint64 start = 0;
        int duration = AppointmentRules::DefaultDuration;
        QString notes;
        QString meetingLink;
        bool override = false; // outside availability, by the provider or an admin
    };
    static Result<QJsonObject> bookIn(WriteTransaction &tx,
                                      const AuthUser &user,
                                      const Booking &booking,
                                      const QString &remote);

    struct Change
    {
        std::optional<qint64> start;
        std::optional<int> duration;
        std::optional<AppointmentStatus> status;
        std::optional<QString> notes;
        std::optional<QString> meetingLink;
        bool override = false;
    };
    static Result<QJsonObject> updateIn(WriteTransaction &tx,
                                        const AuthUser &user,
                                        const QString &id,
                                        const Change &change,
                                        std::optional<qint64> baseVersion,
                                        const QString &remote);

    // A reminder of it went out (reminderSent in the API): a new version, logged for sync.
    static Status markReminderSent(WriteTransaction &tx, const QString &id);

    // A provider's appointments (cancelled ones too) starting in [from, to), by start.
    static Result<QList<Appointment>> ofProvider(const QSqlDatabase &db, const QString &providerId, qint64 from, qint64 to);

    // The appointment, whoever asks (the reminder worker; no caller to check).
    static Result<std::optional<Appointment>> find(const QSqlDatabase &db, const QString &id);
    // Several at once, by id, in one statement (one read of the database): the ones that exist.
    static Result<QHash<QString, Appointment>> findAll(const QSqlDatabase &db,
                                                       const QStringList &ids);

    // The appointment when the caller may see it: its provider, or an admin.
    static Result<std::optional<Appointment>> findVisible(const QSqlDatabase &db,
                                                          const AuthUser &user,
                                                          const QString &id);
};

} // namespace Crm
