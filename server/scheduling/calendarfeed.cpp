#include "calendarfeed.h"

#include "serverlogging.h"

#include <QUrl>

#include <libical/ical.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

namespace Crm {

namespace {

struct ComponentDeleter
{
    void operator()(icalcomponent *component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

constexpr char ProductId[] = "-//Agent CRM//Agent CRM " CRM_VERSION "//EN";
constexpr char NoShowCategory[] = "No-show";

// Built once under C++'s guard for statics: libical loads its built-in zones on the first call,
// and the HTTP workers may ask for feeds at the same time.
icaltimezone *utcZone()
{
    static icaltimezone *const zone = icaltimezone_get_utc_timezone();
    return zone;
}

icaltimetype utcTime(qint64 epochMs)
{
    qint64 seconds = epochMs / 1000;
    if (epochMs % 1000 < 0)
        --seconds; // floor, not towards zero, before 1970
    return icaltime_from_timet_with_zone(time_t(seconds), 0, utcZone());
}

// TEXT may not hold control characters but a tab (RFC 5545, 3.3.11); libical escapes newlines,
// so line breaks are kept (as LF) and every other control character is dropped.
QByteArray text(const QString &value)
{
    QString clean;
    clean.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'\r') {
            if (i + 1 >= value.size() || value.at(i + 1) != u'\n')
                clean += u'\n';
        } else if (c == u'\n' || c == u'\t' || c.category() != QChar::Other_Control) {
            clean += c;
        }
    }
    return clean.toUtf8();
}

// libical writes a URI value as it is given, so a raw line break in a link would end the line
// and start a property of the link's choosing. QUrl percent-encodes what a URI may not hold;
// anything but an http(s) link with a host is left out.
std::optional<QByteArray> meetingUrl(const QString &link)
{
    const QUrl url(link.trimmed(), QUrl::TolerantMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme.compare(u"https", Qt::CaseInsensitive) != 0
            && scheme.compare(u"http", Qt::CaseInsensitive) != 0)) {
        return std::nullopt;
    }
    const QByteArray encoded = url.toEncoded();
    for (const char ch : encoded) {
        if (uchar(ch) <= 0x20 || uchar(ch) >= 0x7f)
            return std::nullopt;
    }
    return encoded;
}

icalproperty_status eventStatus(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Scheduled:
        return ICAL_STATUS_TENTATIVE;
    case AppointmentStatus::Confirmed:
    case AppointmentStatus::Completed:
    case AppointmentStatus::NoShow: // the time was held; the category says what happened
        return ICAL_STATUS_CONFIRMED;
    case AppointmentStatus::Cancelled:
        return ICAL_STATUS_CANCELLED;
    }
    return ICAL_STATUS_TENTATIVE;
}

// `leadTitle`: the event as the lead's own calendar gets it (an invitation by e-mail), with this
// title that says nothing of what the visit is about, and no pointer to our app.
icalcomponent *event(const Appointment &appointment, const QString &leadTitle = QString())
{
    icalcomponent *event = icalcomponent_new_vevent();
    const auto add = [event](icalproperty *property) {
        icalcomponent_add_property(event, property);
    };

    add(icalproperty_new_uid(text(CalendarFeed::uid(appointment)).constData()));
    constexpr qint64 MaxSequence = std::numeric_limits<int>::max();
    add(icalproperty_new_sequence(int(std::clamp(appointment.version - 1, qint64(0), MaxSequence))));
    add(icalproperty_new_dtstamp(
        utcTime(appointment.updatedAt > 0 ? appointment.updatedAt : appointment.createdAt)));
    if (appointment.createdAt > 0)
        add(icalproperty_new_created(utcTime(appointment.createdAt)));
    if (appointment.updatedAt > 0)
        add(icalproperty_new_lastmodified(utcTime(appointment.updatedAt)));
    add(icalproperty_new_dtstart(utcTime(appointment.scheduledDate)));
    add(icalproperty_new_dtend(utcTime(appointment.end())));
    if (!leadTitle.isEmpty()) {
        add(icalproperty_new_summary(text(leadTitle).constData()));
    } else {
        add(icalproperty_new_summary(text(CalendarFeed::summary(appointment.type)).constData()));
        add(icalproperty_new_description(
            text(QStringLiteral("Open it in Agent CRM: appointment %1.").arg(appointment.id)).constData()));
    }
    add(icalproperty_new_status(eventStatus(appointment.status)));
    if (appointment.status == AppointmentStatus::NoShow)
        add(icalproperty_new_categories(NoShowCategory));
    add(icalproperty_new_transp(appointment.status == AppointmentStatus::Cancelled
                                    ? ICAL_TRANSP_TRANSPARENT
                                    : ICAL_TRANSP_OPAQUE));
    if (!appointment.meetingLink.isEmpty()) {
        if (const auto url = meetingUrl(appointment.meetingLink)) {
            add(icalproperty_new_url(url->constData()));
        } else {
            qCWarning(lcServer) << "calendar feed: appointment" << loggable(appointment.id)
                                << "has a meeting link that is no http(s) URL; left out";
        }
    }
    return event;
}

ComponentPtr calendar(icalproperty_method method = ICAL_METHOD_PUBLISH)
{
    ComponentPtr calendar(icalcomponent_new_vcalendar());
    icalcomponent_add_property(calendar.get(), icalproperty_new_prodid(ProductId));
    icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_method(method));
    return calendar;
}

QByteArray serialized(icalcomponent *calendar)
{
    char *ical = icalcomponent_as_ical_string_r(calendar);
    const QByteArray result(ical);
    icalmemory_free_buffer(ical);
    return result;
}

} // namespace

QByteArray CalendarFeed::build(const QList<Appointment> &appointments, const QString &calendarName)
{
    ComponentPtr feed = calendar();
    icalproperty *name = icalproperty_new_x(text(calendarName).constData());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(feed.get(), name);
    for (const Appointment &appointment : appointments)
        icalcomponent_add_component(feed.get(), event(appointment));
    return serialized(feed.get());
}

QByteArray CalendarFeed::single(const Appointment &appointment)
{
    ComponentPtr file = calendar();
    icalcomponent_add_component(file.get(), event(appointment));
    return serialized(file.get());
}

QByteArray CalendarFeed::invitation(const Appointment &appointment,
                                    const QString &organizerEmail,
                                    const QString &attendeeEmail,
                                    bool cancel,
                                    const QString &title)
{
    Appointment shown = appointment;
    if (cancel)
        shown.status = AppointmentStatus::Cancelled;
    ComponentPtr file = calendar(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST);
    icalcomponent *entry = event(shown, title.isEmpty() ? QStringLiteral("Your appointment") : title);
    // Addresses were checked when they were stored; a line break could still not get through.
    const auto mailto = [](const QString &address) {
        return text(QStringLiteral("mailto:") + QString(address).remove(QLatin1Char('\r')).remove(QLatin1Char('\n')));
    };
    icalcomponent_add_property(entry, icalproperty_new_organizer(mailto(organizerEmail).constData()));
    icalproperty *attendee = icalproperty_new_attendee(mailto(attendeeEmail).constData());
    icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
    icalproperty_add_parameter(attendee, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
    icalcomponent_add_property(entry, attendee);
    icalcomponent_add_component(file.get(), entry);
    return serialized(file.get());
}

QString CalendarFeed::uid(const Appointment &appointment)
{
    return appointment.id + QStringLiteral("@agent-crm");
}

// Fixed English, not tr(): outside apps show it, and the server does not know their language.
QString CalendarFeed::summary(AppointmentType type)
{
    switch (type) {
    case AppointmentType::Consultation:
        return QStringLiteral("Consultation");
    case AppointmentType::Enrollment:
        return QStringLiteral("Enrollment meeting");
    case AppointmentType::PrimaryCare:
        return QStringLiteral("Appointment"); // the kind of care is a health detail
    case AppointmentType::FollowUp:
        return QStringLiteral("Follow-up meeting");
    }
    return QStringLiteral("Appointment");
}

} // namespace Crm
