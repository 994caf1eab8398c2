// The calendar feed (server/scheduling/calendarfeed.h) as a subscribed calendar app reads it:
// every output is parsed back with libical, and the checks are on what that app would show.
#include "scheduling/calendarfeed.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

#include <libical/ical.h>

#include <memory>

Q_DECLARE_METATYPE(Crm::AppointmentStatus)
Q_DECLARE_METATYPE(Crm::AppointmentType)

using namespace Crm;

namespace {

struct ComponentDeleter
{
    void operator()(icalcomponent *component) const { icalcomponent_free(component); }
};
using Calendar = std::unique_ptr<icalcomponent, ComponentDeleter>;

Calendar parse(const QByteArray &ics)
{
    return Calendar(icalparser_parse_string(ics.constData()));
}

QList<icalcomponent *> events(icalcomponent *calendar)
{
    QList<icalcomponent *> found;
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        found << event;
    }
    return found;
}

icalproperty *firstProperty(icalcomponent *component, icalproperty_kind kind)
{
    return icalcomponent_get_first_property(component, kind);
}

// The property names of a component, in order ("UID", "X-WR-CALNAME", ...).
QStringList propertyNames(icalcomponent *component)
{
    QStringList names;
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
        names << QString::fromUtf8(icalproperty_get_property_name(p));
    }
    return names;
}

QString calendarName(icalcomponent *calendar)
{
    for (icalproperty *p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
        if (qstrcmp(icalproperty_get_x_name(p), "X-WR-CALNAME") == 0)
            return QString::fromUtf8(icalproperty_get_x(p));
    }
    return {};
}

QString uidOf(icalcomponent *event)
{
    return QString::fromUtf8(icalcomponent_get_uid(event));
}

int sequenceOf(icalcomponent *event)
{
    return icalproperty_get_sequence(firstProperty(event, ICAL_SEQUENCE_PROPERTY));
}

// A UTC time as epoch ms; -1 when the time is missing or not in UTC (floating, local).
qint64 utcMs(icaltimetype time)
{
    if (icaltime_is_null_time(time) || !icaltime_is_utc(time))
        return -1;
    return qint64(icaltime_as_timet(time)) * 1000;
}

QByteArray serialized(icalcomponent *component)
{
    char *ical = icalcomponent_as_ical_string_r(component);
    const QByteArray result(ical);
    icalmemory_free_buffer(ical);
    return result;
}

qint64 utc(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc())
        .toMSecsSinceEpoch();
}

const QString Notes = QStringLiteral(
    "Type 2 diabetes, on insulin; ask about the Jones family plan");

Appointment appointment(const QString &id)
{
    Appointment a;
    a.id = id;
    a.userId = QStringLiteral("user-patient-7");
    a.leadId = QStringLiteral("lead-4711");
    a.providerId = QStringLiteral("provider-12");
    a.type = AppointmentType::Consultation;
    a.scheduledDate = utc(2027, 3, 20, 15, 0);
    a.duration = 45;
    a.status = AppointmentStatus::Scheduled;
    a.notes = Notes;
    a.createdAt = utc(2027, 3, 1, 9, 12);
    a.updatedAt = a.createdAt;
    a.version = 1;
    return a;
}

} // namespace

class tst_CalendarFeed : public QObject
{
    Q_OBJECT

private slots:
    void calendarProperties();
    void oneEventPerAppointment();
    void changeKeepsUidAndRaisesSequence();
    void cancelledStaysWithHigherSequence();
    void status_data();
    void status();
    void summary_data();
    void summary();
    void timesAreUtcInstants_data();
    void timesAreUtcInstants();
    void holdsNothingPrivate();
    void meetingLink_data();
    void meetingLink();
    void calendarNameSurvivesEscaping_data();
    void calendarNameSurvivesEscaping();
    void linesAreFoldedWithCrlf();
    void singleHoldsTheSameEvent();
};

void tst_CalendarFeed::calendarProperties()
{
    const QByteArray ics = CalendarFeed::build({appointment(QStringLiteral("a-1"))},
                                               QStringLiteral("Agent CRM: Dana"));
    QVERIFY(ics.startsWith("BEGIN:VCALENDAR\r\n"));
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    QCOMPARE(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
    QCOMPARE(propertyNames(calendar.get()),
             QStringList({QStringLiteral("PRODID"),
                          QStringLiteral("VERSION"),
                          QStringLiteral("CALSCALE"),
                          QStringLiteral("METHOD"),
                          QStringLiteral("X-WR-CALNAME")}));
    QVERIFY(QByteArray(icalproperty_get_prodid(firstProperty(calendar.get(), ICAL_PRODID_PROPERTY)))
                .contains("Agent CRM"));
    QCOMPARE(icalproperty_get_version(firstProperty(calendar.get(), ICAL_VERSION_PROPERTY)), "2.0");
    QCOMPARE(icalproperty_get_calscale(firstProperty(calendar.get(), ICAL_CALSCALE_PROPERTY)),
             "GREGORIAN");
    QCOMPARE(icalproperty_get_method(firstProperty(calendar.get(), ICAL_METHOD_PROPERTY)),
             ICAL_METHOD_PUBLISH);
    QCOMPARE(calendarName(calendar.get()), QStringLiteral("Agent CRM: Dana"));
}

void tst_CalendarFeed::oneEventPerAppointment()
{
    QList<Appointment> appointments;
    for (int i = 1; i <= 3; ++i) {
        Appointment a = appointment(QStringLiteral("a-%1").arg(i));
        a.scheduledDate += i * 60 * 60 * 1000;
        appointments << a;
    }
    const Calendar calendar = parse(CalendarFeed::build(appointments, QStringLiteral("Dana")));
    QVERIFY(calendar);
    const QList<icalcomponent *> found = events(calendar.get());
    QCOMPARE(found.size(), 3);
    QCOMPARE(icalcomponent_count_components(calendar.get(), ICAL_ANY_COMPONENT), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(uidOf(found.at(i)), QStringLiteral("a-%1@agent-crm").arg(i + 1));

    // No appointments: still a calendar the app can subscribe to, with nothing in it.
    const Calendar empty = parse(CalendarFeed::build({}, QStringLiteral("Dana")));
    QVERIFY(empty);
    QCOMPARE(calendarName(empty.get()), QStringLiteral("Dana"));
    QCOMPARE(events(empty.get()).size(), 0);
}

void tst_CalendarFeed::changeKeepsUidAndRaisesSequence()
{
    const Appointment booked = appointment(QStringLiteral("a-1"));
    Appointment moved = booked;
    moved.scheduledDate = utc(2027, 3, 22, 16, 30);
    moved.status = AppointmentStatus::Confirmed;
    moved.updatedAt = utc(2027, 3, 2, 10, 0);
    moved.version = 2;

    const Calendar before = parse(CalendarFeed::build({booked}, QStringLiteral("Dana")));
    const Calendar after = parse(CalendarFeed::build({moved}, QStringLiteral("Dana")));
    QVERIFY(before && after);
    icalcomponent *old = events(before.get()).value(0);
    icalcomponent *now = events(after.get()).value(0);
    QVERIFY(old && now);

    QCOMPARE(uidOf(now), uidOf(old));
    QCOMPARE(uidOf(now), QStringLiteral("a-1@agent-crm"));
    QCOMPARE(sequenceOf(old), 0);
    QCOMPARE(sequenceOf(now), 1);
    QCOMPARE(utcMs(icalcomponent_get_dtstart(old)), booked.scheduledDate);
    QCOMPARE(utcMs(icalcomponent_get_dtstart(now)), moved.scheduledDate);
    QCOMPARE(utcMs(icalcomponent_get_dtstamp(now)), moved.updatedAt);
    QCOMPARE(utcMs(icalproperty_get_lastmodified(firstProperty(now, ICAL_LASTMODIFIED_PROPERTY))),
             moved.updatedAt);
    QCOMPARE(utcMs(icalproperty_get_created(firstProperty(now, ICAL_CREATED_PROPERTY))),
             booked.createdAt);
}

void tst_CalendarFeed::cancelledStaysWithHigherSequence()
{
    Appointment confirmed = appointment(QStringLiteral("a-1"));
    confirmed.status = AppointmentStatus::Confirmed;
    confirmed.version = 2;
    Appointment cancelled = confirmed;
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.updatedAt = utc(2027, 3, 3, 8, 0);
    cancelled.version = 3;
    const Appointment other = appointment(QStringLiteral("a-2"));

    const Calendar before = parse(CalendarFeed::build({confirmed, other}, QStringLiteral("Dana")));
    const Calendar after = parse(CalendarFeed::build({cancelled, other}, QStringLiteral("Dana")));
    QVERIFY(before && after);
    QCOMPARE(events(after.get()).size(), 2); // still in the feed, so subscribers learn of it
    icalcomponent *old = events(before.get()).value(0);
    icalcomponent *now = events(after.get()).value(0);
    QCOMPARE(uidOf(now), uidOf(old));
    QCOMPARE(icalcomponent_get_status(old), ICAL_STATUS_CONFIRMED);
    QCOMPARE(icalcomponent_get_status(now), ICAL_STATUS_CANCELLED);
    QVERIFY(sequenceOf(now) > sequenceOf(old));
    QCOMPARE(icalproperty_get_transp(firstProperty(now, ICAL_TRANSP_PROPERTY)),
             ICAL_TRANSP_TRANSPARENT);
    QCOMPARE(icalcomponent_get_status(events(after.get()).value(1)), ICAL_STATUS_TENTATIVE);
}

void tst_CalendarFeed::status_data()
{
    QTest::addColumn<AppointmentStatus>("status");
    QTest::addColumn<int>("eventStatus");  // icalproperty_status
    QTest::addColumn<int>("transparency"); // icalproperty_transp
    QTest::addColumn<QString>("category"); // empty: none

    QTest::newRow("scheduled: tentative, busy")
        << AppointmentStatus::Scheduled << int(ICAL_STATUS_TENTATIVE) << int(ICAL_TRANSP_OPAQUE)
        << QString();
    QTest::newRow("confirmed: confirmed, busy")
        << AppointmentStatus::Confirmed << int(ICAL_STATUS_CONFIRMED) << int(ICAL_TRANSP_OPAQUE)
        << QString();
    QTest::newRow("completed: confirmed, busy")
        << AppointmentStatus::Completed << int(ICAL_STATUS_CONFIRMED) << int(ICAL_TRANSP_OPAQUE)
        << QString();
    QTest::newRow("cancelled: cancelled, free")
        << AppointmentStatus::Cancelled << int(ICAL_STATUS_CANCELLED)
        << int(ICAL_TRANSP_TRANSPARENT) << QString();
    QTest::newRow("no-show: confirmed, busy, with a category")
        << AppointmentStatus::NoShow << int(ICAL_STATUS_CONFIRMED) << int(ICAL_TRANSP_OPAQUE)
        << QStringLiteral("No-show");
}

void tst_CalendarFeed::status()
{
    QFETCH(AppointmentStatus, status);
    QFETCH(int, eventStatus);
    QFETCH(int, transparency);
    QFETCH(QString, category);
    Appointment a = appointment(QStringLiteral("a-1"));
    a.status = status;
    const Calendar calendar = parse(CalendarFeed::build({a}, QStringLiteral("Dana")));
    QVERIFY(calendar);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    QCOMPARE(int(icalcomponent_get_status(event)), eventStatus);
    QCOMPARE(int(icalproperty_get_transp(firstProperty(event, ICAL_TRANSP_PROPERTY))), transparency);
    icalproperty *categories = firstProperty(event, ICAL_CATEGORIES_PROPERTY);
    QCOMPARE(categories ? QString::fromUtf8(icalproperty_get_categories(categories)) : QString(),
             category);
}

void tst_CalendarFeed::summary_data()
{
    QTest::addColumn<AppointmentType>("type");
    QTest::addColumn<QString>("summary");
    QTest::newRow("consultation") << AppointmentType::Consultation
                                  << QStringLiteral("Consultation");
    QTest::newRow("enrollment") << AppointmentType::Enrollment
                                << QStringLiteral("Enrollment meeting");
    QTest::newRow("primary care: no word about the care")
        << AppointmentType::PrimaryCare << QStringLiteral("Appointment");
    QTest::newRow("follow-up") << AppointmentType::FollowUp << QStringLiteral("Follow-up meeting");
}

void tst_CalendarFeed::summary()
{
    QFETCH(AppointmentType, type);
    QFETCH(QString, summary);
    Appointment a = appointment(QStringLiteral("a-1"));
    a.type = type;
    QCOMPARE(CalendarFeed::summary(type), summary);
    const Calendar calendar = parse(CalendarFeed::build({a}, QStringLiteral("Dana")));
    QVERIFY(calendar);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    QCOMPARE(QString::fromUtf8(icalcomponent_get_summary(event)), summary);
    QCOMPARE(QString::fromUtf8(icalcomponent_get_description(event)),
             QStringLiteral("Open it in Agent CRM: appointment a-1."));
}

void tst_CalendarFeed::timesAreUtcInstants_data()
{
    const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    QVERIFY(newYork.isValid());
    QTest::addColumn<QDateTime>("start");
    QTest::addColumn<int>("duration");       // minutes
    QTest::addColumn<QByteArray>("dtstart"); // as written
    QTest::addColumn<QByteArray>("dtend");
    QTest::addColumn<QTime>("localEnd"); // in New York

    QTest::newRow("an afternoon in UTC")
        << QDateTime(QDate(2027, 3, 20), QTime(15, 0), QTimeZone::utc()) << 45
        << QByteArray("20270320T150000Z") << QByteArray("20270320T154500Z") << QTime(11, 45);
    // 2027-03-14 02:00 EST becomes 03:00 EDT: two hours from 01:30 end at 04:30 on the wall.
    QTest::newRow("New York, across the spring change")
        << QDateTime(QDate(2027, 3, 14), QTime(1, 30), newYork) << 120
        << QByteArray("20270314T063000Z") << QByteArray("20270314T083000Z") << QTime(4, 30);
    // 2027-11-07 02:00 EDT becomes 01:00 EST: two hours from 00:30 end at (the second) 01:30.
    QTest::newRow("New York, across the autumn change")
        << QDateTime(QDate(2027, 11, 7), QTime(0, 30), newYork) << 120
        << QByteArray("20271107T043000Z") << QByteArray("20271107T063000Z") << QTime(1, 30);
}

void tst_CalendarFeed::timesAreUtcInstants()
{
    QFETCH(QDateTime, start);
    QFETCH(int, duration);
    QFETCH(QByteArray, dtstart);
    QFETCH(QByteArray, dtend);
    QFETCH(QTime, localEnd);
    Appointment a = appointment(QStringLiteral("a-1"));
    a.scheduledDate = start.toMSecsSinceEpoch(); // stored as the UTC instant
    a.duration = duration;

    const QByteArray ics = CalendarFeed::build({a}, QStringLiteral("Dana"));
    QVERIFY2(ics.contains("\r\nDTSTART:" + dtstart + "\r\n"), ics.constData());
    QVERIFY2(ics.contains("\r\nDTEND:" + dtend + "\r\n"), ics.constData());
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    QCOMPARE(utcMs(icalcomponent_get_dtstart(event)), a.scheduledDate);
    QCOMPARE(utcMs(icalcomponent_get_dtend(event)), a.end());
    QCOMPARE(utcMs(icalcomponent_get_dtend(event)) - utcMs(icalcomponent_get_dtstart(event)),
             qint64(duration) * 60 * 1000);

    // What an app set to New York shows.
    const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    const QDateTime shownStart = QDateTime::fromMSecsSinceEpoch(utcMs(icalcomponent_get_dtstart(
                                                                    event)),
                                                                newYork);
    const QDateTime shownEnd = QDateTime::fromMSecsSinceEpoch(utcMs(icalcomponent_get_dtend(event)),
                                                              newYork);
    QCOMPARE(shownStart, start);
    QCOMPARE(shownEnd.time(), localEnd);
}

void tst_CalendarFeed::holdsNothingPrivate()
{
    Appointment a = appointment(QStringLiteral("a-1"));
    a.type = AppointmentType::PrimaryCare;
    a.status = AppointmentStatus::NoShow;
    a.meetingLink = QStringLiteral("https://meet.example.com/room-9");
    const QByteArray ics = CalendarFeed::build({a}, QStringLiteral("Dana"));
    const QByteArray single = CalendarFeed::single(a);
    for (const QByteArray &text : {ics, single}) {
        for (const char *secret : {"lead-4711",
                                   "user-patient-7",
                                   "provider-12",
                                   "diabetes",
                                   "insulin",
                                   "Jones",
                                   "Primary",
                                   "care"}) {
            QVERIFY2(!text.contains(secret), secret);
        }
    }
    // Only these properties, whatever the appointment holds.
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    const QStringList names = propertyNames(event);
    const QStringList allowed{QStringLiteral("UID"),
                              QStringLiteral("SEQUENCE"),
                              QStringLiteral("DTSTAMP"),
                              QStringLiteral("CREATED"),
                              QStringLiteral("LAST-MODIFIED"),
                              QStringLiteral("DTSTART"),
                              QStringLiteral("DTEND"),
                              QStringLiteral("SUMMARY"),
                              QStringLiteral("DESCRIPTION"),
                              QStringLiteral("STATUS"),
                              QStringLiteral("CATEGORIES"),
                              QStringLiteral("TRANSP"),
                              QStringLiteral("URL")};
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()),
             QSet<QString>(allowed.cbegin(), allowed.cend()));
    QCOMPARE(names.size(), allowed.size());                                 // each once
    QCOMPARE(icalcomponent_count_components(event, ICAL_ANY_COMPONENT), 0); // no alarms
}

void tst_CalendarFeed::meetingLink_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QByteArray>("url"); // as an app reads it; empty: no URL
    QTest::addColumn<bool>("warns");

    QTest::newRow("none") << QString() << QByteArray() << false;
    QTest::newRow("plain") << QStringLiteral("https://meet.example.com/abc-defg-hij")
                           << QByteArray("https://meet.example.com/abc-defg-hij") << false;
    QTest::newRow("comma and semicolon, legal in a URI, kept")
        << QStringLiteral("https://zoom.example/j/123;pwd=a,b?x=1,2;3")
        << QByteArray("https://zoom.example/j/123;pwd=a,b?x=1,2;3") << false;
    QTest::newRow("a line break cannot start a property")
        << QStringLiteral("https://meet.example.com/x\r\nATTENDEE:mailto:eve@example.com")
        << QByteArray("https://meet.example.com/x%0D%0AATTENDEE:mailto:eve@example.com") << false;
    QTest::newRow("non-ASCII percent-encoded")
        << QStringLiteral("https://meet.example.com/sala-reunión")
        << QByteArray("https://meet.example.com/sala-reuni%C3%B3n") << false;
    QTest::newRow("not http(s): left out")
        << QStringLiteral("javascript:alert(1)") << QByteArray() << true;
}

void tst_CalendarFeed::meetingLink()
{
    QFETCH(QString, link);
    QFETCH(QByteArray, url);
    QFETCH(bool, warns);
    Appointment a = appointment(QStringLiteral("a-1"));
    a.meetingLink = link;
    if (warns)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("meeting link")));
    const QByteArray ics = CalendarFeed::build({a}, QStringLiteral("Dana"));
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    QCOMPARE(icalcomponent_count_properties(event, ICAL_ATTENDEE_PROPERTY), 0);
    icalproperty *urlProperty = firstProperty(event, ICAL_URL_PROPERTY);
    if (url.isEmpty()) {
        QVERIFY(!urlProperty);
        return;
    }
    QVERIFY(urlProperty);
    QCOMPARE(icalcomponent_count_properties(event, ICAL_URL_PROPERTY), 1);
    QCOMPARE(QByteArray(icalproperty_get_url(urlProperty)), url);
    QCOMPARE(QUrl::fromEncoded(url), QUrl(link));
}

void tst_CalendarFeed::calendarNameSurvivesEscaping_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("shown");

    const QString plain = QStringLiteral("Dana's calendar, work; main \\ office");
    QTest::newRow("comma, semicolon, backslash") << plain << plain;
    QTest::newRow("line break") << QStringLiteral("Dana\nX-INJECTED:1")
                                << QStringLiteral("Dana\nX-INJECTED:1");
    QTest::newRow("CRLF read as one line break")
        << QStringLiteral("Dana\r\nWork") << QStringLiteral("Dana\nWork");
    QTest::newRow("other control characters dropped")
        << QStringLiteral("Da\u0007na\u0000") << QStringLiteral("Dana");
    QTest::newRow("non-ASCII") << QStringLiteral("Agenda de Dana Núñez, São Paulo; 日本")
                               << QStringLiteral("Agenda de Dana Núñez, São Paulo; 日本");
}

void tst_CalendarFeed::calendarNameSurvivesEscaping()
{
    QFETCH(QString, name);
    QFETCH(QString, shown);
    const QByteArray ics = CalendarFeed::build({appointment(QStringLiteral("a-1"))}, name);
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    QCOMPARE(calendarName(calendar.get()), shown);
    QCOMPARE(propertyNames(calendar.get()).size(), 5); // nothing injected
    QCOMPARE(events(calendar.get()).size(), 1);
}

void tst_CalendarFeed::linesAreFoldedWithCrlf()
{
    Appointment a = appointment(QStringLiteral("a-1"));
    a.meetingLink = QStringLiteral("https://meet.example.com/") + QString(200, u'x')
                    + QStringLiteral("?pwd=") + QString(60, u'y');
    const QString name = QString(40, u'é') + QStringLiteral(", ") + QString(40, u'日');
    const QByteArray ics = CalendarFeed::build({a}, name);
    QVERIFY(ics.endsWith("END:VCALENDAR\r\n"));
    const QList<QByteArray> lines = ics.chopped(1).split('\n');
    for (const QByteArray &line : lines) {
        QVERIFY2(line.endsWith('\r') && line.count('\r') == 1, line.constData());
        QVERIFY2(line.size() - 1 <= 75, line.constData()); // octets (RFC 5545, 3.1)
        QVERIFY2(QString::fromUtf8(line).toUtf8() == line, "a character split by folding");
    }
    const Calendar calendar = parse(ics);
    QVERIFY(calendar);
    QCOMPARE(calendarName(calendar.get()), name);
    icalcomponent *event = events(calendar.get()).value(0);
    QVERIFY(event);
    QCOMPARE(QString::fromUtf8(icalproperty_get_url(firstProperty(event, ICAL_URL_PROPERTY))),
             a.meetingLink);
}

void tst_CalendarFeed::singleHoldsTheSameEvent()
{
    Appointment a = appointment(QStringLiteral("a-1"));
    a.status = AppointmentStatus::Confirmed;
    a.version = 4;
    a.meetingLink = QStringLiteral("https://meet.example.com/room-9");
    const Calendar file = parse(CalendarFeed::single(a));
    const Calendar feed = parse(
        CalendarFeed::build({appointment(QStringLiteral("a-0")), a}, QStringLiteral("Dana")));
    QVERIFY(file && feed);
    QCOMPARE(propertyNames(file.get()),
             QStringList({QStringLiteral("PRODID"),
                          QStringLiteral("VERSION"),
                          QStringLiteral("CALSCALE"),
                          QStringLiteral("METHOD")}));
    QCOMPARE(icalproperty_get_method(firstProperty(file.get(), ICAL_METHOD_PROPERTY)),
             ICAL_METHOD_PUBLISH);
    QCOMPARE(events(file.get()).size(), 1);
    icalcomponent *event = events(file.get()).value(0);
    QCOMPARE(uidOf(event), CalendarFeed::uid(a));
    QCOMPARE(sequenceOf(event), 3);
    QCOMPARE(serialized(event), serialized(events(feed.get()).value(1)));
}

QTEST_GUILESS_MAIN(tst_CalendarFeed)
#include "tst_calendarfeed.moc"
