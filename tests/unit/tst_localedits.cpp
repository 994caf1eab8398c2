// LocalEdits' appointment edits over a real encrypted cache (filled through the pull path):
// what a booking, a move, a status change and a notes edit made on this device check first
// (the same rules as the server, from the same code: AppointmentRules and SlotCalculator over
// the cached availability and appointments), and what they write to the cache and queue for
// the server, in one go.
#include "cachefixture.h"
#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "outbox.h"
#include "store/appointmentreader.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-0000000000b1");
const QString BookedId = QStringLiteral("00000000-0000-4000-8000-0000000000a1"); // 10:00-10:30
const QString CancelledId = QStringLiteral(
    "00000000-0000-4000-8000-0000000000a2"); // 15:00, cancelled
const QString CompletedId = QStringLiteral("00000000-0000-4000-8000-0000000000a3"); // last week
const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z
const qint64 Minute = 60 * 1000;
const qint64 Hour = 60 * Minute;

QString codeOf(const LocalEdits::AppointmentEdit &edit)
{
    if (std::holds_alternative<Appointment>(edit))
        return QString();
    if (std::holds_alternative<ValidationErrors>(edit))
        return QStringLiteral("validation_failed");
    return std::get<Error>(edit).code;
}

} // namespace

class tst_LocalEdits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bookingIsCheckedAgainstTheCache_data();
    void bookingIsCheckedAgainstTheCache();
    void aBookingIsPendingAndQueuedAsTheServerReadsIt();
    void unknownHoursAreLeftToTheServer();
    void rescheduling();
    void statusMovesFollowTheStatusMachine_data();
    void statusMovesFollowTheStatusMachine();
    void notesAndMeetingLink();
    void bulkAssignmentIsAllOrNone();

private:
    QJsonObject lastMutation() const;

    CacheFixture m_cache;
};

void tst_LocalEdits::init()
{
    QVERIFY(m_cache.open());
    m_cache.edits().setClock([] { return Monday; });
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), CacheFixture::lead(LeadId)));
    // Monday to Friday 09:00-17:00 UTC, 15 minutes' buffer, an hour's notice; time off
    // 13:00-14:00; one appointment at 10:00, a cancelled one at 15:00.
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"),
                                                       QStringLiteral("UTC"),
                                                       15)));
    QVERIFY(m_cache.receive(QStringLiteral("time_off"),
                            {{QStringLiteral("id"), QStringLiteral("t1")},
                             {QStringLiteral("providerId"), QStringLiteral("u-ana")},
                             {QStringLiteral("start"), CacheFixture::time(Monday + 13 * Hour)},
                             {QStringLiteral("end"), CacheFixture::time(Monday + 14 * Hour)},
                             {QStringLiteral("reason"), QStringLiteral("Dentist")}}));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(BookedId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      1,
                                                      LeadId)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(CancelledId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 15 * Hour,
                                                      30,
                                                      QStringLiteral("cancelled"),
                                                      2)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(CompletedId,
                                                      QStringLiteral("u-ana"),
                                                      Monday - 5 * 24 * Hour,
                                                      30,
                                                      QStringLiteral("completed"),
                                                      2)));
}

void tst_LocalEdits::cleanup()
{
    m_cache.close();
}

QJsonObject tst_LocalEdits::lastMutation() const
{
    const QJsonArray pending = Outbox(m_cache.db()).pendingMutations(100);
    return pending.isEmpty() ? QJsonObject() : pending.last().toObject();
}

void tst_LocalEdits::bookingIsCheckedAgainstTheCache_data()
{
    QTest::addColumn<int>("startMinute"); // minutes after Monday 00:00 UTC
    QTest::addColumn<int>("duration");
    QTest::addColumn<bool>("override");
    QTest::addColumn<QString>("meetingLink");
    QTest::addColumn<QString>("code");        // empty: booked (pending)
    QTest::addColumn<QString>("conflicting"); // the clash the user is shown, "HH:mm-HH:mm"

    const QString link = QStringLiteral("https://meet.example.com/ana");
    // clang-format off
    //                                                             start     length  override  link                    refused with                     clash
    QTest::newRow("a free slot")                                << 11 * 60  << 30  << false << link              << ""                            << "";
    QTest::newRow("on top of the 10:00 appointment")            << 10 * 60 + 15 << 30 << false << link           << "slot_taken"                  << "10:00-10:30";
    QTest::newRow("inside its 15-minute buffer")                << 10 * 60 + 40 << 30 << false << link           << "slot_taken"                  << "10:00-10:30";
    QTest::newRow("just clear of the buffer")                   << 10 * 60 + 45 << 30 << false << link           << ""                            << "";
    QTest::newRow("60 minutes over a 30-minute appointment")    << 9 * 60 + 30 << 60 << false << link            << "slot_taken"                  << "10:00-10:30";
    QTest::newRow("where a cancelled appointment was")          << 15 * 60  << 30  << false << link              << ""                            << "";
    QTest::newRow("after hours")                                << 18 * 60  << 30  << false << link              << "outside_availability"        << "";
    QTest::newRow("after hours, overridden")                    << 18 * 60  << 30  << true  << link              << ""                            << "";
    QTest::newRow("overridden, but still on top of another")    << 10 * 60  << 30  << true  << link              << "slot_taken"                  << "10:00-10:30";
    QTest::newRow("in time off")                                << 13 * 60 + 15 << 30 << false << link           << "outside_availability"        << "";
    QTest::newRow("on Saturday")                                << 5 * 24 * 60 + 10 * 60 << 30 << false << link << "outside_availability"        << "";
    QTest::newRow("without an hour's notice")                   << 30       << 30  << true  << link              << ""                            << "";
    QTest::newRow("too short")                                  << 11 * 60  << 3   << false << link              << "validation_failed"           << "";
    QTest::newRow("not a web address")                          << 11 * 60  << 30  << false << "meet me"         << "validation_failed"           << "";
    // clang-format on
}

void tst_LocalEdits::bookingIsCheckedAgainstTheCache()
{
    QFETCH(int, startMinute);
    QFETCH(int, duration);
    QFETCH(bool, override);
    QFETCH(QString, meetingLink);
    QFETCH(QString, code);
    QFETCH(QString, conflicting);

    LocalEdits::Booking booking;
    booking.leadId = LeadId;
    booking.start = Monday + startMinute * Minute;
    booking.duration = duration;
    booking.meetingLink = meetingLink;
    booking.override = override;
    const LocalEdits::AppointmentEdit booked = m_cache.edits().bookAppointment(booking);
    QCOMPARE(codeOf(booked), code);
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), code.isEmpty() ? 1 : 0);
    if (code == QLatin1String("slot_taken") || code == QLatin1String("outside_availability")) {
        const Error &error = std::get<Error>(booked);
        // The nearest free times of the same length, as the server would offer them.
        const QJsonArray suggestions = error.details.value(SyncProtocol::Key::Suggestions).toArray();
        QCOMPARE(suggestions.size(), 3);
        for (const QJsonValue &slot : suggestions) {
            const qint64 start = WireTime::fromWire(slot[QStringLiteral("start")].toString()).value();
            const qint64 end = WireTime::fromWire(slot[QStringLiteral("end")].toString()).value();
            QCOMPARE(end - start, duration * Minute);
            QVERIFY(start >= Monday + 9 * Hour); // not before the hours and the notice
        }
        const QJsonObject clash = error.details.value(SyncProtocol::Key::Conflicting).toObject();
        const QString shown
            = clash.isEmpty()
                  ? QString()
                  : QDateTime::fromMSecsSinceEpoch(WireTime::fromWire(
                                                       clash[QStringLiteral("start")].toString())
                                                       .value(),
                                                   QTimeZone::utc())
                            .toString(QStringLiteral("HH:mm"))
                        + QLatin1Char('-')
                        + QDateTime::fromMSecsSinceEpoch(WireTime::fromWire(
                                                             clash[QStringLiteral("end")].toString())
                                                             .value(),
                                                         QTimeZone::utc())
                              .toString(QStringLiteral("HH:mm"));
        QCOMPARE(shown, conflicting);
    }
}

void tst_LocalEdits::aBookingIsPendingAndQueuedAsTheServerReadsIt()
{
    LocalEdits::Booking booking;
    booking.leadId = LeadId;
    booking.type = AppointmentType::Enrollment;
    booking.start = Monday + 11 * Hour;
    booking.duration = 45;
    booking.notes = QStringLiteral("Bring the plan comparison");
    const LocalEdits::AppointmentEdit booked = m_cache.edits().bookAppointment(booking);
    QVERIFY(std::holds_alternative<Appointment>(booked));
    const Appointment &appointment = std::get<Appointment>(booked);
    QCOMPARE(appointment.providerId, QStringLiteral("u-ana")); // mine unless said otherwise
    QCOMPARE(appointment.status, AppointmentStatus::Scheduled);

    // In the calendar at once, pending, with the lead's name.
    const auto entries = AppointmentReader(m_cache.db())
                             .inRange(QStringLiteral("u-ana"),
                                      Monday + 11 * Hour,
                                      Monday + 12 * Hour);
    QVERIFY(entries.ok());
    QCOMPARE(entries.value().size(), 1);
    QVERIFY(entries.value().at(0).pending);
    QCOMPARE(entries.value().at(0).leadName, QStringLiteral("Ana Ruiz"));
    QCOMPARE(entries.value().at(0).appointment.version, qint64(0));
    QCOMPARE(entries.value().at(0).appointment.duration, 45);

    // Queued as API.md's booking: the server mints nothing, the id is the device's.
    const QJsonObject mutation = lastMutation();
    QCOMPARE(mutation[QStringLiteral("entity")].toString(), QStringLiteral("appointment"));
    QCOMPARE(mutation[QStringLiteral("op")].toString(), QStringLiteral("create"));
    QCOMPARE(mutation[QStringLiteral("id")].toString(), appointment.id);
    QCOMPARE(mutation[QStringLiteral("baseVersion")].toInt(), 0);
    const QJsonObject data = mutation[QStringLiteral("data")].toObject();
    QStringList keys = data.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("appointmentType"),
                          QStringLiteral("duration"),
                          QStringLiteral("leadId"),
                          QStringLiteral("meetingLink"),
                          QStringLiteral("notes"),
                          QStringLiteral("providerId"),
                          QStringLiteral("scheduledDate")}));
    QCOMPARE(data[QStringLiteral("appointmentType")].toString(), QStringLiteral("enrollment"));
    QCOMPARE(data[QStringLiteral("scheduledDate")].toString(),
             QStringLiteral("2026-01-05T11:00:00Z"));
    QCOMPARE(data[QStringLiteral("duration")].toInt(), 45);

    // The slot is now taken here too.
    QCOMPARE(codeOf(m_cache.edits().bookAppointment(booking)), QStringLiteral("slot_taken"));
}

void tst_LocalEdits::unknownHoursAreLeftToTheServer()
{
    // Ben's hours never reached this cache (an admin's view of a new provider): only what is
    // known is checked, the time his appointments hold.
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ben"), QStringLiteral("Ben"))));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(QStringLiteral("b1"),
                                                      QStringLiteral("u-ben"),
                                                      Monday + 10 * Hour)));
    LocalEdits::Booking booking;
    booking.providerId = QStringLiteral("u-ben");
    booking.start = Monday + 5 * 24 * Hour + 3 * Hour; // Saturday 03:00
    QVERIFY(std::holds_alternative<Appointment>(m_cache.edits().bookAppointment(booking)));
    booking.start = Monday + 10 * Hour;
    QCOMPARE(codeOf(m_cache.edits().bookAppointment(booking)), QStringLiteral("slot_taken"));
    const auto schedule = AppointmentReader(m_cache.db())
                              .schedule(QStringLiteral("u-ben"), Monday, Monday + 24 * Hour);
    QVERIFY(schedule.ok());
    QVERIFY(!schedule.value().availabilityKnown);
    // His zone's defaults, for showing slots meanwhile.
    QCOMPARE(schedule.value().availability.timeZone, QStringLiteral("America/Los_Angeles"));
}

void tst_LocalEdits::rescheduling()
{
    LocalEdits &edits = m_cache.edits();
    // A quarter later, over its own old time: only the others count.
    const LocalEdits::AppointmentEdit moved = edits.rescheduleAppointment(BookedId,
                                                                          Monday + 10 * Hour
                                                                              + 15 * Minute);
    QVERIFY(std::holds_alternative<Appointment>(moved));
    QJsonObject mutation = lastMutation();
    QCOMPARE(mutation[QStringLiteral("op")].toString(), QStringLiteral("update"));
    QCOMPARE(mutation[QStringLiteral("baseVersion")].toInt(), 1);
    QCOMPARE(mutation[QStringLiteral("fields")].toObject(),
             (QJsonObject{
                 {QStringLiteral("scheduledDate"),
                  QJsonObject{{QStringLiteral("old"), QStringLiteral("2026-01-05T10:00:00Z")},
                              {QStringLiteral("new"), QStringLiteral("2026-01-05T10:15:00Z")}}}}));
    auto entry = AppointmentReader(m_cache.db()).find(BookedId);
    QVERIFY(entry.ok() && entry.value());
    QVERIFY(entry.value()->pending);
    QCOMPARE(entry.value()->appointment.scheduledDate, Monday + 10 * Hour + 15 * Minute);

    // Longer, into time off: refused at once, nothing queued.
    QCOMPARE(codeOf(edits.rescheduleAppointment(BookedId, Monday + 12 * Hour + 30 * Minute, 60)),
             QStringLiteral("outside_availability"));
    // Length alone.
    QVERIFY(std::holds_alternative<Appointment>(
        edits.rescheduleAppointment(BookedId, Monday + 10 * Hour + 15 * Minute, 60)));
    QCOMPARE(lastMutation()[QStringLiteral("fields")].toObject().keys(),
             QStringList{QStringLiteral("duration")});
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 2);
    // The same time again: nothing to send.
    QVERIFY(std::holds_alternative<Appointment>(
        edits.rescheduleAppointment(BookedId, Monday + 10 * Hour + 15 * Minute, 60)));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 2);
    // Cancelled and completed appointments stay where they are; unknown ones are not found.
    QCOMPARE(codeOf(edits.rescheduleAppointment(CancelledId, Monday + 16 * Hour)),
             QStringLiteral("invalid_transition"));
    QCOMPARE(codeOf(edits.rescheduleAppointment(CompletedId, Monday + 16 * Hour)),
             QStringLiteral("invalid_transition"));
    QCOMPARE(codeOf(edits.rescheduleAppointment(QStringLiteral("nope"), Monday + 16 * Hour)),
             QStringLiteral("not_found"));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 2);
}

void tst_LocalEdits::statusMovesFollowTheStatusMachine_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("queued");
    QTest::addColumn<qint64>("at"); // the clock, from Monday 00:00; the appointment is at 10:00

    // clang-format off
    QTest::newRow("scheduled -> confirmed")     << BookedId    << "confirmed" << ""                   << 1 << 0LL;
    QTest::newRow("no-show once it started")    << BookedId    << "no_show"   << ""                   << 1 << 10 * Hour + 5 * 60000;
    QTest::newRow("no-show before it starts")   << BookedId    << "no_show"   << "invalid_transition" << 0 << 9 * Hour;
    QTest::newRow("completed before it starts") << BookedId    << "completed" << "invalid_transition" << 0 << 0LL;
    QTest::newRow("scheduled -> cancelled")     << BookedId    << "cancelled" << ""                   << 1 << 0LL;
    QTest::newRow("scheduled -> scheduled")     << BookedId    << "scheduled" << ""                   << 0 << 0LL;
    QTest::newRow("cancelled is final")         << CancelledId << "scheduled" << "invalid_transition" << 0 << 0LL;
    QTest::newRow("completed is final")         << CompletedId << "no_show"   << "invalid_transition" << 0 << 0LL;
    // clang-format on
}

void tst_LocalEdits::statusMovesFollowTheStatusMachine()
{
    QFETCH(QString, id);
    QFETCH(QString, to);
    QFETCH(QString, code);
    QFETCH(int, queued);
    QFETCH(qint64, at);
    m_cache.edits().setClock([at] { return Monday + at; });

    const AppointmentStatus status = AppointmentRules::statusFromString(to).value();
    QCOMPARE(codeOf(m_cache.edits().setAppointmentStatus(id, status)), code);
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), queued);
    if (queued) {
        QCOMPARE(lastMutation()[QStringLiteral("fields")].toObject(),
                 (QJsonObject{{QStringLiteral("status"),
                               QJsonObject{{QStringLiteral("old"), QStringLiteral("scheduled")},
                                           {QStringLiteral("new"), to}}}}));
        QCOMPARE(AppointmentReader(m_cache.db()).find(id).value()->appointment.status, status);
    }
}

void tst_LocalEdits::notesAndMeetingLink()
{
    LocalEdits &edits = m_cache.edits();
    QVERIFY(std::holds_alternative<Appointment>(
        edits.editAppointmentNotes(BookedId,
                                   QStringLiteral("Spanish speaker"),
                                   QStringLiteral("https://meet.example.com/x"))));
    QJsonObject fields = lastMutation()[QStringLiteral("fields")].toObject();
    QCOMPARE(fields[QStringLiteral("notes")].toObject()[QStringLiteral("new")].toString(),
             QStringLiteral("Spanish speaker"));
    QCOMPARE(fields[QStringLiteral("meetingLink")].toObject()[QStringLiteral("old")].toString(),
             QString());
    // The link kept when not given; notes over the limit refused.
    QVERIFY(std::holds_alternative<Appointment>(
        edits.editAppointmentNotes(BookedId, QStringLiteral("Spanish speaker; bring ID"))));
    QCOMPARE(lastMutation()[QStringLiteral("fields")].toObject().keys(),
             QStringList{QStringLiteral("notes")});
    QCOMPARE(codeOf(edits.editAppointmentNotes(BookedId,
                                               QString(AppointmentRules::MaxNotesLength + 1,
                                                       QLatin1Char('x')))),
             QStringLiteral("validation_failed"));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 2);
    const auto entry = AppointmentReader(m_cache.db()).find(BookedId);
    QCOMPARE(entry.value()->appointment.notes, QStringLiteral("Spanish speaker; bring ID"));
    QCOMPARE(entry.value()->appointment.meetingLink, QStringLiteral("https://meet.example.com/x"));
}

QTEST_GUILESS_MAIN(tst_LocalEdits)
void tst_LocalEdits::bulkAssignmentIsAllOrNone()
{
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ben"), QStringLiteral("Ben"))));
    for (const char *id : {"l-2", "l-3"})
        QVERIFY(m_cache.receive(QStringLiteral("lead"), CacheFixture::lead(QLatin1String(id))));
    const auto agentOf = [&](const QString &leadId) {
        QSqlQuery query(m_cache.db());
        query.prepare(QStringLiteral("SELECT assignedAgentId FROM leads WHERE id = ?"));
        query.addBindValue(leadId);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    };
    Outbox outbox(m_cache.db());
    const int queued = outbox.pendingCount();

    // One lead the cache does not hold: nothing changes, and the answer names it.
    const Result<int> refused = m_cache.edits().assignLeads({LeadId, u"l-2"_qs, u"l-gone"_qs}, u"u-ben"_qs);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().details.value(u"leadId"_qs).toString(), u"l-gone"_qs);
    QCOMPARE(agentOf(LeadId), u"u-ana"_qs);
    QCOMPARE(agentOf(u"l-2"_qs), u"u-ana"_qs);
    QCOMPARE(outbox.pendingCount(), queued);

    // All of them in one go: each lead changed and queued once.
    const Result<int> assigned = m_cache.edits().assignLeads({LeadId, u"l-2"_qs, u"l-3"_qs}, u"u-ben"_qs);
    QVERIFY(assigned.ok());
    QCOMPARE(assigned.value(), 3);
    for (const QString &id : {LeadId, u"l-2"_qs, u"l-3"_qs})
        QCOMPARE(agentOf(id), u"u-ben"_qs);
    QCOMPARE(outbox.pendingCount(), queued + 3);
    // Again: nothing left to change.
    QCOMPARE(m_cache.edits().assignLeads({LeadId}, u"u-ben"_qs).value(), 0);
    QCOMPARE(outbox.pendingCount(), queued + 3);
}

#include "tst_localedits.moc"
