#pragma once

#include "domain/appointment.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Crm {

// Appointments as iCalendar (RFC 5545, text/calendar) for calendar apps outside Agent CRM: the
// provider's subscribed feed (GET /api/agent/calendar.ics) and one appointment's file
// (GET /api/appointments/:id/ics), built with libical. Transport-free: the caller finds the
// appointments, checks who asks and answers.
// An outside app gets the minimum: when, how long, a neutral title, the status and the meeting
// link. Never the lead, the patient, the notes or what the visit is about (primary care shows
// as "Appointment"); the description only points back to Agent CRM.
// Each appointment keeps one UID for life and its SEQUENCE rises with every change (version - 1),
// so a subscribed calendar updates the event in place; a cancelled one stays in the feed with
// STATUS:CANCELLED, which makes those apps drop it. Times are UTC instants.
class CalendarFeed final
{
public:
    CalendarFeed() = delete;

    // The feed: PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME
    // `calendarName`, then one VEVENT per appointment in the given order.
    static QByteArray build(const QList<Appointment> &appointments, const QString &calendarName);
    // One appointment as a calendar of its own: the same VEVENT as in the feed, METHOD:PUBLISH.
    static QByteArray single(const Appointment &appointment);

    // The invitation a reminder e-mail carries (RFC 5546): METHOD:REQUEST, or METHOD:CANCEL
    // with STATUS:CANCELLED when `cancel`, with ORGANIZER and ATTENDEE as mailto: addresses,
    // so the recipient's calendar adds, updates or removes the event by its UID. `title` is
    // the event's title in the lead's language ("Your appointment" when empty).
    static QByteArray invitation(const Appointment &appointment,
                                 const QString &organizerEmail,
                                 const QString &attendeeEmail,
                                 bool cancel,
                                 const QString &title = QString());

    // "<appointment id>@agent-crm", the same for every version of the appointment.
    static QString uid(const Appointment &appointment);
    // The event's title: "Consultation", "Enrollment meeting", "Appointment", "Follow-up meeting".
    static QString summary(AppointmentType type);
};

} // namespace Crm
