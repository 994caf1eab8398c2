#pragma once

namespace Crm {

class RouteTable;

// The scheduling routes (API.md, appointments): a provider's availability and time off, the
// free slots, booking and changing appointments, their reminders, and the calendar feeds.
// The HTTP half only: AppointmentService, AvailabilityStore and ReminderLedger decide.
class SchedulingController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
