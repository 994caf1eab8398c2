#pragma once

#include "result.h"
#include "validationerrors.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

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

    static QList<AppointmentStatus> statuses();
    static QString toString(AppointmentStatus status); // scheduled, confirmed, completed, cancelled, no_show
    static std::optional<AppointmentStatus> statusFromString(const QString &text);
    static QString displayName(AppointmentStatus status);

    // scheduled → confirmed | completed | no_show | cancelled; confirmed → completed | no_show |
    // cancelled; completed, no_show and cancelled are final. Staying put is a no-op, allowed.
    static bool canTransition(AppointmentStatus from, AppointmentStatus to);
    static QList<AppointmentStatus> allowedTransitions(AppointmentStatus from);
    static bool isFinal(AppointmentStatus status);
    // Only scheduled and confirmed appointments can move in time.
    static bool canReschedule(AppointmentStatus status);
    // A cancelled appointment no longer holds its time (it never blocks a slot).
    static bool holdsTime(AppointmentStatus status);

    // What a booking or an edit may carry: a duration of 5..480 minutes, notes and a meeting
    // link within their limits, a meeting link that is an http(s) URL.
    static ValidationErrors validate(int durationMinutes, const QString &notes, const QString &meetingLink);
};

} // namespace Crm
