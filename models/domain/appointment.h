#pragma once

#include "result.h"
#include "validationerrors.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm {

enum class AppointmentType { Consultation, Enrollment, PrimaryCare, FollowUp };
enum class AppointmentStatus { Scheduled, Confirmed, Completed, Cancelled, NoShow };

// An appointment's kinds and its status machine (API.md, appointments): one home for the moves
// the server allows, the desktop offers and the sync push checks.
class AppointmentRules final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AppointmentRules)

public:
    AppointmentRules() = delete;

    static constexpr int MinDuration = 5;       // minutes
    static constexpr int MaxDuration = 480;     // minutes
    static constexpr int DefaultDuration = 30;  // minutes
    static constexpr int MaxNotesLength = 5000;
    static constexpr int MaxMeetingLinkLength = 2000;

    static QList<AppointmentType> types();
    static QString toString(AppointmentType type); // consultation, enrollment, primary_care, follow_up
    static std::optional<AppointmentType> typeFromString(const QString &text);
    static QString displayName(AppointmentType type); // "Consultation", in the user's language
    // The length a new booking of a type starts with (minutes): what the booking form offers
    // before the agent changes it.
    static int defaultDuration(AppointmentType type);

    static QList<AppointmentStatus> statuses();
    static QString toString(AppointmentStatus status); // scheduled, confirmed, completed, cancelled, no_show
    static std::optional<AppointmentStatus> statusFromString(const QString &text);
    static QString displayName(AppointmentStatus status);

    // scheduled → confirmed | completed | no_show | cancelled; confirmed → completed | no_show |
    // cancelled; completed, no_show and cancelled are final. Staying put is a no-op, allowed.
    static bool canTransition(AppointmentStatus from, AppointmentStatus to);
    static QList<AppointmentStatus> allowedTransitions(AppointmentStatus from);
    // The moves the desktop offers for an appointment starting at `start` when it is `now`: the
    // machine's, but a meeting's outcome (completed, no-show) only once it has started, so a
    // future appointment is never marked missed by a slip of the hand. The server takes the
    // machine's word alone (a device's clock does not decide there).
    static bool canTransitionAt(AppointmentStatus from,
                                AppointmentStatus to,
                                qint64 start,
                                qint64 now);
    static bool isOutcome(AppointmentStatus status); // completed or no_show
    static bool isFinal(AppointmentStatus status);
    // Only scheduled and confirmed appointments can move in time.
    static bool canReschedule(AppointmentStatus status);
    // A cancelled appointment no longer holds its time (it never blocks a slot).
    static bool holdsTime(AppointmentStatus status);
    // Whether reminders still go out for it: scheduled or confirmed (not held, missed or
    // cancelled).
    static bool takesReminders(AppointmentStatus status) { return !isFinal(status); }

    // The fields of an appointment a device changes through the sync's {field: {old, new}}
    // (and PUT /api/appointments/:id): scheduledDate, duration, status, notes, meetingLink.
    static const QStringList &editableFields();

    // What a booking or an edit may carry: a duration of 5..480 minutes, notes and a meeting
    // link within their limits, a meeting link that is an http(s) URL.
    static ValidationErrors validate(int durationMinutes, const QString &notes, const QString &meetingLink);
};

// An appointment as the API, the change log and the cache hold it (API.md, appointments).
// Times are epoch ms inside and ISO-8601 UTC on the wire (WireTime).
struct Appointment
{
    QString id;
    QString userId;     // who the appointment is with when that is a user (a patient); may be empty
    QString leadId;     // the lead it is with; may be empty (a manual block)
    QString providerId; // whose calendar it is in
    AppointmentType type = AppointmentType::Consultation;
    qint64 scheduledDate = 0;
    int duration = AppointmentRules::DefaultDuration; // minutes
    AppointmentStatus status = AppointmentStatus::Scheduled;
    QString notes;
    QString meetingLink;
    bool reminderSent = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 1;

    qint64 end() const { return scheduledDate + qint64(duration) * 60 * 1000; }
    bool holdsTime() const { return AppointmentRules::holdsTime(status); }

    // {id, userId, leadId, providerId, appointmentType, scheduledDate, duration, status, notes,
    //  meetingLink, reminderSent, createdAt, updatedAt, version}; empty ids as null.
    QJsonObject toJson() const;
    // std::nullopt when a field is missing or of the wrong kind (a change the client cannot read).
    static std::optional<Appointment> fromJson(const QJsonObject &json);
};

} // namespace Crm
