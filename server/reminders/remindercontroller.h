#pragma once

namespace Crm {

class RouteTable;

// The reminder routes: an appointment's reminders (list, add one at a time or now, take a
// pending one out) and the admin's schedules per appointment type. The HTTP half only:
// ReminderLedger decides.
class ReminderController final
{
public:
    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
