// PullApplier over a real encrypted cache (CacheFixture pulls through it; edits go through
// LocalEdits): pending edits survive a newer server copy, a revoked lead takes the pending
// edits of the lead along, and a lead that becomes mine raises one "new lead" notice, not
// during the first download. Scheduling: appointments, availability, time off and reminders
// are applied idempotently; an appointment of mine booked, moved or cancelled by someone else
// is news, my own changes coming back are not.
#include "cachefixture.h"
#include "outbox.h"
#include "pullapplier.h"
#include "item/reminderledgermodel.h"
#include "store/appointmentreader.h"
#include "store/reminderledgerreader.h"
#include "store/notificationstore.h"
#include "syncstate.h"

#include <QSqlQuery>

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-0000000000b1");

QJsonObject serverLead(const QString &agentId, const QString &phone, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), LeadId},
            {QStringLiteral("firstName"), QStringLiteral("Ana")},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), QStringLiteral("ana.ruiz@example.com")},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("contacted")},
            {QStringLiteral("assignedAgentId"), agentId},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

const QString AppointmentId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");
const QString TimeOffId = QStringLiteral("00000000-0000-4000-8000-0000000000c1");
const QString ReminderId = QStringLiteral("00000000-0000-4000-8000-0000000000d1");
const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z
const qint64 Hour = 3600 * 1000;

QJsonObject timeOff(qint64 start, qint64 end)
{
    return {{QStringLiteral("id"), TimeOffId},
            {QStringLiteral("providerId"), QStringLiteral("u-ana")},
            {QStringLiteral("start"), CacheFixture::time(start)},
            {QStringLiteral("end"), CacheFixture::time(end)},
            {QStringLiteral("reason"), QStringLiteral("Dentist")}};
}

QJsonObject reminder(const QString &status)
{
    return {{QStringLiteral("id"), ReminderId},
            {QStringLiteral("appointmentId"), AppointmentId},
            {QStringLiteral("reminderType"), QStringLiteral("email")},
            {QStringLiteral("scheduledFor"), CacheFixture::time(Monday + 8 * Hour)},
            {QStringLiteral("sentAt"), QJsonValue()},
            {QStringLiteral("status"), status},
            {QStringLiteral("attempts"), status == QLatin1String("pending") ? 0 : 1},
            {QStringLiteral("lastError"), QJsonValue()}};
}

QJsonObject change(const QString &entity, const QString &id, const QString &op, qint64 seq)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("id"), id},
            {QStringLiteral("op"), op}};
}

} // namespace

class tst_PullApplier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aPendingEditStaysOnTopOfANewerServerCopy();
    void aRevokedLeadTakesItsPendingEditsAlong();
    void aLeadThatBecomesMineIsNews_data();
    void aLeadThatBecomesMineIsNews();
    void schedulingRecordsAppliedIdempotently();
    void aPendingAppointmentEditStaysOnTop();
    void aReminderOfAnAppointmentOutOfScopeIsDropped();
    void aSnapshotKeepsTheBookingsNotSentYet();
    void myAppointmentChangedElsewhereIsNews_data();
    void myAppointmentChangedElsewhereIsNews();
    void myOwnBookingComingBackIsNotNews();
    void aFailedReminderIsNewsOncePerFailure();
    void theLedgerShowsDeliveryAndCancellationNotices();

private:
    int notices() const;
    int count(const QString &sql) const;
    QStringList noticeTitles() const;

    CacheFixture m_cache;
};

void tst_PullApplier::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ben"), QStringLiteral("Ben"))));
}

void tst_PullApplier::cleanup()
{
    m_cache.close();
}

int tst_PullApplier::notices() const
{
    return int(NotificationStore(m_cache.db())
                   .newest(100)
                   .value_or(QList<NotificationStore::Notice>())
                   .size());
}

void tst_PullApplier::aPendingEditStaysOnTopOfANewerServerCopy()
{
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    QVERIFY(std::holds_alternative<Lead>(
        m_cache.edits().updateLead(LeadId,
                                   {{QStringLiteral("firstName"), QStringLiteral("Anna")}})));
    // Someone else changed the phone meanwhile: both show, mine still waiting to be sent.
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550199"), 2)));
    const std::optional<Lead> lead = LocalEdits::readLead(m_cache.db(), LeadId);
    QVERIFY(lead);
    QCOMPARE(lead->firstName, QStringLiteral("Anna"));
    QCOMPARE(lead->phone, QStringLiteral("+14155550199"));
    QCOMPARE(lead->version, qint64(2));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
}

void tst_PullApplier::aRevokedLeadTakesItsPendingEditsAlong()
{
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    QVERIFY(std::holds_alternative<Lead>(
        m_cache.edits().updateLead(LeadId,
                                   {{QStringLiteral("firstName"), QStringLiteral("Anna")}})));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
    const QJsonObject revoke{{QStringLiteral("seq"), 100},
                             {QStringLiteral("entity"), QStringLiteral("lead")},
                             {QStringLiteral("id"), LeadId},
                             {QStringLiteral("op"), QStringLiteral("revoke")}};
    QVERIFY(PullApplier(m_cache.db()).applyPage({revoke}, 100).ok());
    QVERIFY(!LocalEdits::readLead(m_cache.db(), LeadId));
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 0);
    QCOMPARE(SyncState(m_cache.db()).cursor(), qint64(100));
}

void tst_PullApplier::aLeadThatBecomesMineIsNews_data()
{
    QTest::addColumn<bool>("firstSyncDone");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<int>("notices");

    QTest::newRow("mine, after the first download") << true << "u-ana" << 1;
    QTest::newRow("mine, during the first download") << false << "u-ana" << 0;
    QTest::newRow("someone else's") << true << "u-ben" << 0;
}

void tst_PullApplier::aLeadThatBecomesMineIsNews()
{
    QFETCH(bool, firstSyncDone);
    QFETCH(QString, agent);
    QFETCH(int, notices);

    if (firstSyncDone)
        QVERIFY(SyncState(m_cache.db())
                    .setState(QStringLiteral("lastSync"), QStringLiteral("2026-01-01T00:00:00Z"))
                    .ok());
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(agent, QStringLiteral("+14155550101"), 1)));
    // A later version of the same lead is not news again.
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(agent, QStringLiteral("+14155550199"), 2)));
    QCOMPARE(this->notices(), notices);
}

int tst_PullApplier::count(const QString &sql) const
{
    QSqlQuery query(m_cache.db());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

QStringList tst_PullApplier::noticeTitles() const
{
    QStringList titles;
    for (const NotificationStore::Notice &notice :
         NotificationStore(m_cache.db()).newest(100).value_or(QList<NotificationStore::Notice>()))
        titles << notice.title;
    return titles;
}

void tst_PullApplier::schedulingRecordsAppliedIdempotently()
{
    // Each record twice (a page applied again after a crash), the second time changed.
    for (int round = 0; round < 2; ++round) {
        QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                                CacheFixture::appointment(AppointmentId,
                                                          QStringLiteral("u-ana"),
                                                          Monday + (10 + round) * Hour,
                                                          30,
                                                          QStringLiteral("scheduled"),
                                                          1 + round)));
        QVERIFY(m_cache.receive(QStringLiteral("availability"),
                                CacheFixture::availability(QStringLiteral("u-ana"),
                                                           QStringLiteral("UTC"),
                                                           round * 15)));
        QVERIFY(m_cache.receive(QStringLiteral("time_off"),
                                timeOff(Monday + 13 * Hour, Monday + (14 + round) * Hour)));
        QVERIFY(m_cache.receive(QStringLiteral("reminder"),
                                reminder(round == 0 ? QStringLiteral("sending")
                                                    : QStringLiteral("cancelled"))));
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointments")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM provider_availability")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM time_off")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_reminders")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_reminders"
                                  " WHERE status = 'cancelled' AND attempts = 1")),
             1);
    // What the calendar reads: the second versions.
    const AppointmentReader reader(m_cache.db());
    const auto entries = reader.inRange(QStringLiteral("u-ana"), Monday, Monday + 24 * Hour);
    QVERIFY(entries.ok());
    QCOMPARE(entries.value().size(), 1);
    QCOMPARE(entries.value().at(0).appointment.scheduledDate, Monday + 11 * Hour);
    QCOMPARE(entries.value().at(0).appointment.version, qint64(2));
    QVERIFY(!entries.value().at(0).pending);
    const auto schedule = reader.schedule(QStringLiteral("u-ana"), Monday, Monday + 24 * Hour);
    QVERIFY(schedule.ok());
    QVERIFY(schedule.value().availabilityKnown);
    QCOMPARE(schedule.value().availability.bufferMinutes, 15);
    QCOMPARE(schedule.value().availability.timeOff.size(), 1);
    QCOMPARE(schedule.value().availability.timeOff.at(0).end, Monday + 15 * Hour);
    QCOMPARE(schedule.value().busy,
             (QList<TimeRange>{{Monday + 11 * Hour, Monday + 11 * Hour + 30 * 60 * 1000}}));

    // Removed time off is gone; a deleted appointment takes its reminders along; a revoked
    // availability (the provider left my scope) too.
    QVERIFY(m_cache.receiveDeletion(QStringLiteral("time_off"), TimeOffId));
    QVERIFY(m_cache.receiveDeletion(QStringLiteral("appointment"), AppointmentId));
    QVERIFY(PullApplier(m_cache.db())
                .applyPage({change(QStringLiteral("availability"),
                                   QStringLiteral("u-ana"),
                                   QStringLiteral("revoke"),
                                   500)},
                           500)
                .ok());
    for (const char *table :
         {"appointments", "appointment_reminders", "time_off", "provider_availability"})
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), 0);
    // Deleting again is no error.
    QVERIFY(m_cache.receiveDeletion(QStringLiteral("time_off"), TimeOffId));
}

void tst_PullApplier::aPendingAppointmentEditStaysOnTop()
{
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour)));
    QVERIFY(std::holds_alternative<Appointment>(
        m_cache.edits().editAppointmentNotes(AppointmentId, QStringLiteral("Bring the ID card"))));
    // Someone else made it 45 minutes meanwhile: both show, my notes still waiting.
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      45,
                                                      QStringLiteral("scheduled"),
                                                      2)));
    const auto entry = AppointmentReader(m_cache.db()).find(AppointmentId);
    QVERIFY(entry.ok() && entry.value());
    QCOMPARE(entry.value()->appointment.notes, QStringLiteral("Bring the ID card"));
    QCOMPARE(entry.value()->appointment.duration, 45);
    QCOMPARE(entry.value()->appointment.version, qint64(2));
    QVERIFY(entry.value()->pending);
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
}

void tst_PullApplier::aReminderOfAnAppointmentOutOfScopeIsDropped()
{
    // The page still applies (and the cursor moves); the orphan is not kept.
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), reminder(QStringLiteral("pending"))));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointment_reminders")), 0);
    QVERIFY(SyncState(m_cache.db()).cursor() > 0);
}

void tst_PullApplier::aSnapshotKeepsTheBookingsNotSentYet()
{
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour)));
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("time_off"),
                            timeOff(Monday + 13 * Hour, Monday + 14 * Hour)));
    m_cache.edits().setClock([] { return Monday; });
    LocalEdits::Booking booking;
    booking.start = Monday + 11 * Hour;
    const auto booked = m_cache.edits().bookAppointment(booking);
    QVERIFY(std::holds_alternative<Appointment>(booked));
    QVERIFY(PullApplier(m_cache.db()).resetForSnapshot().ok());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointments")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM appointments WHERE id = '%1'")
                       .arg(std::get<Appointment>(booked).id)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM time_off")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM provider_availability")), 0);
    QCOMPARE(Outbox(m_cache.db()).pendingCount(), 1);
}

void tst_PullApplier::myAppointmentChangedElsewhereIsNews_data()
{
    QTest::addColumn<bool>("firstSyncDone");
    QTest::addColumn<QJsonObject>("before"); // what the cache held; empty: nothing
    QTest::addColumn<QJsonObject>("after");  // the pulled change
    QTest::addColumn<QStringList>("titles");

    const QString ana = QStringLiteral("u-ana");
    const QString ben = QStringLiteral("u-ben");
    const QString scheduled = QStringLiteral("scheduled");
    const QJsonObject none;
    const QJsonObject at10 = CacheFixture::appointment(AppointmentId,
                                                       ana,
                                                       Monday + 10 * Hour,
                                                       30,
                                                       scheduled,
                                                       1,
                                                       LeadId);
    const QJsonObject at11 = CacheFixture::appointment(AppointmentId,
                                                       ana,
                                                       Monday + 11 * Hour,
                                                       30,
                                                       scheduled,
                                                       2,
                                                       LeadId);
    const QJsonObject longer = CacheFixture::appointment(AppointmentId,
                                                         ana,
                                                         Monday + 10 * Hour,
                                                         60,
                                                         scheduled,
                                                         2,
                                                         LeadId);
    const QJsonObject cancelled = CacheFixture::appointment(AppointmentId,
                                                            ana,
                                                            Monday + 10 * Hour,
                                                            30,
                                                            QStringLiteral("cancelled"),
                                                            2,
                                                            LeadId);
    const QJsonObject confirmed = CacheFixture::appointment(AppointmentId,
                                                            ana,
                                                            Monday + 10 * Hour,
                                                            30,
                                                            QStringLiteral("confirmed"),
                                                            2,
                                                            LeadId);
    QJsonObject noted = at10;
    noted.insert(QStringLiteral("notes"), QStringLiteral("Bring the ID card"));
    noted.insert(QStringLiteral("version"), 2);
    const QJsonObject bens = CacheFixture::appointment(AppointmentId,
                                                       ben,
                                                       Monday + 10 * Hour,
                                                       30,
                                                       scheduled,
                                                       1,
                                                       LeadId);
    const QJsonObject cancelledNew = CacheFixture::appointment(AppointmentId,
                                                               ana,
                                                               Monday + 10 * Hour,
                                                               30,
                                                               QStringLiteral("cancelled"),
                                                               2,
                                                               LeadId);

    const QStringList nothing;
    // clang-format off
    //                                                        first sync done  before     after          notices
    QTest::newRow("booked for me by an admin")               << true  << none      << at10         << QStringList{u"Appointment booked: Ana Ruiz"_qs};
    QTest::newRow("moved by my other device")                << true  << at10      << at11         << QStringList{u"Appointment moved: Ana Ruiz"_qs};
    QTest::newRow("made longer")                             << true  << at10      << longer       << QStringList{u"Appointment moved: Ana Ruiz"_qs};
    QTest::newRow("cancelled by an admin")                   << true  << at10      << cancelled    << QStringList{u"Appointment cancelled: Ana Ruiz"_qs};
    QTest::newRow("confirmed: nothing to interrupt for")     << true  << at10      << confirmed    << nothing;
    QTest::newRow("notes: nothing to interrupt for")         << true  << at10      << noted        << nothing;
    QTest::newRow("the version I already have")              << true  << at11      << at11         << nothing;
    QTest::newRow("booked and cancelled before I saw it")    << true  << none      << cancelledNew << nothing;
    QTest::newRow("during the first download")               << false << none      << at10         << nothing;
    QTest::newRow("someone else's calendar (I am an admin)") << true  << none      << bens         << nothing;
    // clang-format on
}

void tst_PullApplier::myAppointmentChangedElsewhereIsNews()
{
    QFETCH(bool, firstSyncDone);
    QFETCH(QJsonObject, before);
    QFETCH(QJsonObject, after);
    QFETCH(QStringList, titles);

    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    if (!before.isEmpty())
        QVERIFY(m_cache.receive(QStringLiteral("appointment"), before));
    if (firstSyncDone)
        QVERIFY(SyncState(m_cache.db())
                    .setState(QStringLiteral("lastSync"), QStringLiteral("2026-01-01T00:00:00Z"))
                    .ok());
    QVERIFY(m_cache.receive(QStringLiteral("appointment"), after));
    QCOMPARE(noticeTitles(), titles);
    // The same page again (applied twice after a crash) is not news twice.
    QVERIFY(m_cache.receive(QStringLiteral("appointment"), after));
    QCOMPARE(noticeTitles(), titles);
}

void tst_PullApplier::aFailedReminderIsNewsOncePerFailure()
{
    QVERIFY(m_cache.receive(QStringLiteral("lead"),
                            serverLead(QStringLiteral("u-ana"), QStringLiteral("+14155550101"), 1)));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId, QStringLiteral("u-ana"), Monday + 10 * Hour)));
    // During the first download an old failure is history, not news.
    QJsonObject failed = reminder(QStringLiteral("failed"));
    failed.insert(QStringLiteral("lastError"), QStringLiteral("SMTP 550: No such mailbox here"));
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), failed));
    QCOMPARE(notices(), 0);
    QVERIFY(SyncState(m_cache.db())
                .setState(QStringLiteral("lastSync"), QStringLiteral("2026-01-01T00:00:00Z"))
                .ok());
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), reminder(QStringLiteral("sending"))));
    QCOMPARE(notices(), 0); // on its way: nothing to say
    failed.insert(QStringLiteral("version"), 3);
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), failed));
    QCOMPARE(notices(), 1);
    const QStringList titles = noticeTitles();
    QVERIFY2(titles.value(0).startsWith(u"E-mail reminder not delivered"_qs), qPrintable(titles.join(u'|')));
    const auto newest = NotificationStore(m_cache.db()).newest(1).value_or(QList<NotificationStore::Notice>());
    QVERIFY(newest.value(0).body.contains(u"550"_qs));
    QCOMPARE(newest.value(0).entityId, AppointmentId); // opens the appointment
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), failed)); // the same change again
    QCOMPARE(notices(), 1);
}

void tst_PullApplier::myOwnBookingComingBackIsNotNews()
{
    QVERIFY(SyncState(m_cache.db())
                .setState(QStringLiteral("lastSync"), QStringLiteral("2026-01-01T00:00:00Z"))
                .ok());
    m_cache.edits().setClock([] { return Monday; });
    LocalEdits::Booking booking;
    booking.start = Monday + 10 * Hour;
    const auto booked = m_cache.edits().bookAppointment(booking);
    QVERIFY(std::holds_alternative<Appointment>(booked));
    const QString id = std::get<Appointment>(booked).id;
    // Pulled while still pending (the push's answer was lost): mine, not news.
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(id, QStringLiteral("u-ana"), booking.start)));
    QCOMPARE(noticeTitles(), QStringList());
    // Moved here and accepted (the answer's version stored); the pull brings that version.
    QVERIFY(std::holds_alternative<Appointment>(
        m_cache.edits().rescheduleAppointment(id, Monday + 12 * Hour)));
    Outbox outbox(m_cache.db());
    const QJsonArray pending = outbox.pendingMutations(10);
    QCOMPARE(pending.size(), 2); // the booking (still unanswered) and the move
    QJsonArray results;
    for (int i = 0; i < pending.size(); ++i)
        results.append(
            QJsonObject{{QStringLiteral("mutationId"), pending.at(i)[QStringLiteral("mutationId")]},
                        {QStringLiteral("status"), QStringLiteral("applied")},
                        {QStringLiteral("version"), i + 1}});
    PullApplier records(m_cache.db());
    QVERIFY(outbox.applyPushResults(results, records).ok());
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(id,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 12 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      2)));
    QCOMPARE(noticeTitles(), QStringList());
    // Then an admin moves it: that is news.
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(id,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 14 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      3)));
    QCOMPARE(noticeTitles(), QStringList{QStringLiteral("Appointment moved")});
}

QTEST_GUILESS_MAIN(tst_PullApplier)
void tst_PullApplier::theLedgerShowsDeliveryAndCancellationNotices()
{
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      30,
                                                      QStringLiteral("cancelled"),
                                                      2)));
    // An SMS the carrier confirmed, an e-mail sent on its second attempt, and the notice of
    // the cancellation that followed it; a row from a server that sends no purpose yet.
    QJsonObject sms = reminder(QStringLiteral("sent"));
    sms[u"reminderType"_qs] = u"sms"_qs;
    sms[u"sentAt"_qs] = CacheFixture::time(Monday + 8 * Hour);
    sms[u"deliveredAt"_qs] = CacheFixture::time(Monday + 8 * Hour + 4000);
    sms[u"purpose"_qs] = u"reminder"_qs;
    QJsonObject retried = reminder(QStringLiteral("sent"));
    retried[u"id"_qs] = u"r-retried"_qs;
    retried[u"attempts"_qs] = 2;
    retried[u"scheduledFor"_qs] = CacheFixture::time(Monday + 8 * Hour + 1);
    retried.remove(u"purpose"_qs);
    QJsonObject notice = reminder(QStringLiteral("pending"));
    notice[u"id"_qs] = u"r-notice"_qs;
    notice[u"scheduledFor"_qs] = CacheFixture::time(Monday + 9 * Hour);
    notice[u"purpose"_qs] = u"cancellation"_qs;
    for (const QJsonObject &row : {sms, retried, notice})
        QVERIFY(m_cache.receive(QStringLiteral("reminder"), row));
    QJsonObject unknown = notice;
    unknown[u"id"_qs] = u"r-unknown"_qs;
    unknown[u"purpose"_qs] = u"advert"_qs;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reminder"_qs));
    QVERIFY(m_cache.receive(QStringLiteral("reminder"), unknown)); // skipped, not stored

    const QList<ReminderLedgerReader::Row> rows
        = ReminderLedgerReader(m_cache.db()).ofAppointment(AppointmentId);
    QCOMPARE(rows.size(), 3);
    QStringList shown;
    for (const ReminderLedgerReader::Row &row : rows)
        shown << ReminderLedgerModel::channelText(row) + u": "_qs + ReminderLedgerModel::stateText(row);
    QCOMPARE(shown,
             QStringList({u"SMS: Delivered"_qs,
                          u"E-mail: Sent after retry"_qs,
                          u"E-mail (cancellation notice): Pending"_qs}));
    QCOMPARE(rows.first().deliveredAt, Monday + 8 * Hour + 4000);
    const QByteArray csv = ReminderLedgerReader::csv(rows);
    QVERIFY2(csv.contains(",reminder\r\n") && csv.contains(",cancellation\r\n"), csv.constData());
}

#include "tst_pullapplier.moc"
