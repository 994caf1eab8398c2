#pragma once

#include "domain/appointment.h"
#include "http/apierror.h"

#include <variant>

namespace Crm {

class RouteTable;
struct ApiContext;

// The scheduling routes (API.md, appointments): a provider's availability and time off, the
// free slots, booking and changing appointments, their reminders, and the calendar feeds.
// The HTTP half only: AppointmentService, AvailabilityStore and ReminderLedger decide.
class SchedulingController final
{
public:
    static void registerRoutes(RouteTable &routes);

    // The appointment the path names (its first argument) when the caller may see it, the read
    // audited as `action`; 404 (audited too) outside the caller's scope.
    static std::variant<Appointment, ApiError> visibleAppointment(ApiContext &context, const QString &action);
};

} // namespace Crm
