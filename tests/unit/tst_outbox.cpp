// Outbox over a real encrypted cache (filled through the pull path, edited through LocalEdits):
// what the server's answer to a push does to the outbox, the conflict inbox, the notices and the
// rows the user sees, for each kind of edit and each result. Appointments: a booking or a
// move the server refused is taken back and kept in the inbox with the clashing slot and the
// server's suggestions.
#include "cachefixture.h"
#include "conflictinbox.h"
#include "domain/leadstatus.h"
#include "domain/syncprotocol.h"
#include "outbox.h"
#include "pullapplier.h"
#include "store/appointmentreader.h"
#include "store/conflictreader.h"
#include "store/notificationstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Crm;
using CrmTest::CacheFixture;

namespace {

const QString LeadId = QStringLiteral("00000000-0000-4000-8000-00000000000a");
const QString FollowUpId = QStringLiteral("00000000-0000-4000-8000-00000000000f");
const QString AppointmentId = QStringLiteral("00000000-0000-4000-8000-0000000000a1");
const qint64 Monday = 1'767'571'200'000; // 2026-01-05T00:00:00Z
const qint64 Hour = 3600 * 1000;

QJsonObject serverLead(const QString &firstName, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), LeadId},
            {QStringLiteral("firstName"), firstName},
            {QStringLiteral("lastName"), QStringLiteral("Ruiz")},
            {QStringLiteral("email"), QStringLiteral("ana.ruiz@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550101")},
            {QStringLiteral("message"), QStringLiteral("Interested in a silver plan.")},
            {QStringLiteral("source"), QStringLiteral("contact_form")},
            {QStringLiteral("status"), QStringLiteral("qualified")},
            {QStringLiteral("assignedAgentId"), QStringLiteral("u-ana")},
            {QStringLiteral("state"), QStringLiteral("CA")},
            {QStringLiteral("smsOptIn"), false},
            {QStringLiteral("firstContactAt"), QJsonValue()},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

QJsonObject serverFollowUp(bool done, qint64 version)
{
    const QString created = CacheFixture::time(1000);
    return {{QStringLiteral("id"), FollowUpId},
            {QStringLiteral("leadId"), LeadId},
            {QStringLiteral("agentId"), QStringLiteral("u-ana")},
            {QStringLiteral("dueAt"),
             CacheFixture::time(QDateTime::currentMSecsSinceEpoch() + 24 * 3600 * 1000LL)},
            {QStringLiteral("note"), QStringLiteral("Call back about the silver plan")},
            {QStringLiteral("done"), done},
            {QStringLiteral("completedAt"), QJsonValue()},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("version"), version}};
}

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pushResultsAsTheUserSeesThem_data();
    void pushResultsAsTheUserSeesThem();
    void aResultAnsweredTwiceCountsOnce();
    void pendingMutationsInTheOrderMade();
    void appointmentAnswersAsTheUserSeesThem_data();
    void appointmentAnswersAsTheUserSeesThem();
    void keepMineOnAnAppointmentConflictSendsItAgain();
    void aRefusedBookingIsBookedAgainAtAnotherTime();
    void aRefusedMoveIsMadeAgainAtAnotherTime();

private:
    // An appointment as the user sees it: "HH:mm length status vN[ pending][ notes]", or "gone".
    QString seenAppointment(const QString &id) const;
    // Makes one edit of the given kind through LocalEdits; false when it was refused.
    bool edit(const QString &kind);
    // What the user sees of the record the edit of that kind touched.
    QString seen(const QString &kind) const;
    int count(const QString &sql) const;
    QStringList noticeKinds() const;

    CacheFixture m_cache;
};

void tst_Outbox::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.receive(QStringLiteral("user"),
                            CacheFixture::user(QStringLiteral("u-ana"), QStringLiteral("Ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("lead"), serverLead(QStringLiteral("Ana"), 1)));
    QVERIFY(m_cache.receive(QStringLiteral("follow_up"), serverFollowUp(false, 1)));
}

void tst_Outbox::cleanup()
{
    m_cache.close();
}

bool tst_Outbox::edit(const QString &kind)
{
    LocalEdits &edits = m_cache.edits();
    if (kind == QLatin1String("lead")) {
        return std::holds_alternative<Lead>(
            edits.updateLead(LeadId, {{QStringLiteral("firstName"), QStringLiteral("Anna")}}));
    }
    if (kind == QLatin1String("followUp")) {
        LocalEdits::FollowUpChange done;
        done.done = true;
        return edits.updateFollowUp(FollowUpId, done).ok();
    }
    if (kind == QLatin1String("activity"))
        return edits.addActivity(LeadId, QStringLiteral("call"), QStringLiteral("Left a message"))
            .ok();
    if (kind == QLatin1String("conversion")) {
        return std::holds_alternative<QString>(
            edits.convertToEnrollment(LeadId, QStringLiteral("Silver"), QDate(), QString()));
    }
    return false;
}

QString tst_Outbox::seen(const QString &kind) const
{
    if (kind == QLatin1String("lead"))
        return LocalEdits::readLead(m_cache.db(), LeadId).value().firstName;
    if (kind == QLatin1String("followUp"))
        return count(QStringLiteral("SELECT done FROM follow_ups")) ? QStringLiteral("done")
                                                                    : QStringLiteral("open");
    if (kind == QLatin1String("activity"))
        return QStringLiteral("%1 activities")
            .arg(count(QStringLiteral("SELECT count(*) FROM lead_activities")));
    // The lead's status, and how many enrollments the cache holds.
    return QStringLiteral("%1, %2")
        .arg(LeadStatusMachine::toString(LocalEdits::readLead(m_cache.db(), LeadId).value().status))
        .arg(count(QStringLiteral("SELECT count(*) FROM enrollments")));
}

int tst_Outbox::count(const QString &sql) const
{
    QSqlQuery query(m_cache.db());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

QStringList tst_Outbox::noticeKinds() const
{
    QStringList kinds;
    for (const NotificationStore::Notice &notice :
         NotificationStore(m_cache.db()).newest(100).value_or(QList<NotificationStore::Notice>()))
        kinds << notice.kind;
    return kinds;
}

void tst_Outbox::pushResultsAsTheUserSeesThem_data()
{
    QTest::addColumn<QString>("kind");       // the local edit
    QTest::addColumn<QString>("status");     // the server's result
    QTest::addColumn<QJsonObject>("answer"); // the rest of the result
    QTest::addColumn<QString>("seenBefore");
    QTest::addColumn<QString>("seenAfter");
    QTest::addColumn<QStringList>("inbox"); // open conflict inbox: kind/field
    QTest::addColumn<QStringList>("notices");
    QTest::addColumn<bool>("refetchLead");

    const QJsonObject none;
    const QJsonObject
        leadConflict{{QStringLiteral("conflicts"),
                      QJsonObject{
                          {QStringLiteral("firstName"),
                           QJsonObject{{QStringLiteral("mine"), QStringLiteral("Anna")},
                                       {QStringLiteral("theirs"), QStringLiteral("Annie")}}}}},
                     {QStringLiteral("current"), serverLead(QStringLiteral("Annie"), 2)}};
    const QJsonObject followUpConflict{{QStringLiteral("conflicts"),
                                        QJsonObject{
                                            {QStringLiteral("done"),
                                             QJsonObject{{QStringLiteral("mine"), true},
                                                         {QStringLiteral("theirs"), false}}}}},
                                       {QStringLiteral("current"), serverFollowUp(false, 2)}};
    const QJsonObject refused{{QStringLiteral("reason"), QStringLiteral("forbidden")},
                              {QStringLiteral("message"), QStringLiteral("Not your lead.")}};
    const QStringList nothing;
    const QStringList rejectedRow{QStringLiteral("rejected/")};
    const QStringList rejectedNotice{QStringLiteral("rejected")};
    const QStringList conflictNotice{QStringLiteral("conflict")};
    const QStringList leadField{QStringLiteral("conflict/firstName")};
    const QStringList doneField{QStringLiteral("conflict/done")};

    // A table to read row by row, so laid out by hand.
    // clang-format off
    //             kind          status       answer            seen before         seen after          inbox        notices         refetch lead
    QTest::newRow("lead edit applied")
        << "lead"       << "applied"  << none             << "Anna"           << "Anna"           << nothing     << nothing        << false;
    QTest::newRow("lead edit in conflict: theirs shown, both kept")
        << "lead"       << "conflict" << leadConflict     << "Anna"           << "Annie"          << leadField   << conflictNotice << false;
    QTest::newRow("lead edit rejected: the server's copy is fetched")
        << "lead"       << "rejected" << refused          << "Anna"           << "Anna"           << rejectedRow << rejectedNotice << true;
    QTest::newRow("follow-up completed, applied")
        << "followUp"   << "applied"  << none             << "done"           << "done"           << nothing     << nothing        << false;
    QTest::newRow("follow-up completed, in conflict: theirs shown")
        << "followUp"   << "conflict" << followUpConflict << "done"           << "open"           << doneField   << conflictNotice << false;
    QTest::newRow("follow-up completed, rejected: open again")
        << "followUp"   << "rejected" << refused          << "done"           << "open"           << rejectedRow << rejectedNotice << false;
    QTest::newRow("activity applied")
        << "activity"   << "applied"  << none             << "1 activities"   << "1 activities"   << nothing     << nothing        << false;
    QTest::newRow("activity rejected: gone")
        << "activity"   << "rejected" << refused          << "1 activities"   << "0 activities"   << rejectedRow << rejectedNotice << false;
    QTest::newRow("conversion applied")
        << "conversion" << "applied"  << none             << "enrolled, 1"    << "enrolled, 1"    << nothing     << nothing        << false;
    QTest::newRow("conversion rejected: the lead as it was, then the server's")
        << "conversion" << "rejected" << refused          << "enrolled, 1"    << "qualified, 0"   << rejectedRow << rejectedNotice << true;
    // clang-format on
}

void tst_Outbox::pushResultsAsTheUserSeesThem()
{
    QFETCH(QString, kind);
    QFETCH(QString, status);
    QFETCH(QJsonObject, answer);
    QFETCH(QString, seenBefore);
    QFETCH(QString, seenAfter);
    QFETCH(QStringList, inbox);
    QFETCH(QStringList, notices);
    QFETCH(bool, refetchLead);

    QVERIFY(edit(kind));
    Outbox outbox(m_cache.db());
    QCOMPARE(outbox.pendingCount(), 1);
    QCOMPARE(seen(kind), seenBefore);
    const QJsonArray pending = outbox.pendingMutations(10);
    QCOMPARE(pending.size(), 1);

    QJsonObject result = answer;
    result.insert(SyncProtocol::Key::MutationId,
                  pending.at(0).toObject().value(SyncProtocol::Key::MutationId));
    result.insert(SyncProtocol::Key::Status, status);
    PullApplier records(m_cache.db());
    const Result<Outbox::PushOutcome> outcome = outbox.applyPushResults({result}, records);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().message));

    QCOMPARE(outcome.value().applied, status == QLatin1String("applied") ? 1 : 0);
    QCOMPARE(outcome.value().conflicts, status == QLatin1String("conflict") ? 1 : 0);
    QCOMPARE(outcome.value().rejected, status == QLatin1String("rejected") ? 1 : 0);
    QCOMPARE(outcome.value().leadsToRefetch, refetchLead ? QStringList{LeadId} : QStringList());
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(seen(kind), seenAfter);

    QStringList open;
    for (const ConflictReader::OpenConflict &conflict : ConflictReader(m_cache.db()).open()) {
        open << conflict.kind + QLatin1Char('/') + conflict.field;
        if (conflict.kind == QLatin1String("rejected"))
            QCOMPARE(conflict.reason, QStringLiteral("forbidden: Not your lead."));
        else
            QVERIFY(!conflict.mine.isEmpty() && conflict.mine != conflict.theirs);
    }
    QCOMPARE(open, inbox);
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), inbox.size());
    QCOMPARE(noticeKinds(), notices);
}

void tst_Outbox::aResultAnsweredTwiceCountsOnce()
{
    QVERIFY(edit(QStringLiteral("lead")));
    Outbox outbox(m_cache.db());
    const QJsonObject result{{SyncProtocol::Key::MutationId,
                              outbox.pendingMutations(1).at(0).toObject().value(
                                  SyncProtocol::Key::MutationId)},
                             {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Rejected},
                             {SyncProtocol::Key::Reason, QStringLiteral("forbidden")}};
    PullApplier records(m_cache.db());
    QCOMPARE(outbox.applyPushResults({result}, records).value().rejected, 1);
    // A retried push: the server answers the same mutation again.
    const Result<Outbox::PushOutcome> again = outbox.applyPushResults({result}, records);
    QVERIFY(again.ok());
    QCOMPARE(again.value().rejected, 0);
    QCOMPARE(again.value().leadsToRefetch, QStringList());
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 1);
    QCOMPARE(noticeKinds(), QStringList{QStringLiteral("rejected")});
}

void tst_Outbox::pendingMutationsInTheOrderMade()
{
    QVERIFY(edit(QStringLiteral("lead")));
    QVERIFY(edit(QStringLiteral("activity")));
    QVERIFY(edit(QStringLiteral("followUp")));
    const Outbox outbox(m_cache.db());
    QCOMPARE(outbox.pendingCount(), 3);
    const QJsonArray first = outbox.pendingMutations(2);
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("lead"));
    QCOMPARE(first.at(1).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("activity"));
    QCOMPARE(outbox.pendingMutations(10).at(2).toObject().value(SyncProtocol::Key::Entity).toString(),
             QStringLiteral("follow_up"));
}

QString tst_Outbox::seenAppointment(const QString &id) const
{
    const auto entry = AppointmentReader(m_cache.db()).find(id);
    if (!entry.ok() || !entry.value())
        return QStringLiteral("gone");
    const Appointment &appointment = entry.value()->appointment;
    QString seen = QStringLiteral("%1 %2 %3 v%4")
                       .arg(QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate,
                                                           QTimeZone::utc())
                                .toString(QStringLiteral("HH:mm")))
                       .arg(appointment.duration)
                       .arg(AppointmentRules::toString(appointment.status))
                       .arg(appointment.version);
    if (entry.value()->pending)
        seen += QStringLiteral(" pending");
    if (!appointment.notes.isEmpty())
        seen += QLatin1Char(' ') + appointment.notes;
    return seen;
}

void tst_Outbox::appointmentAnswersAsTheUserSeesThem_data()
{
    QTest::addColumn<QString>("edit"); // book (11:00), move (to 10:30), cancel, notes
    QTest::addColumn<QString>("status");
    QTest::addColumn<QJsonObject>("answer");
    QTest::addColumn<QString>("seenBefore");
    QTest::addColumn<QString>("seenAfter");
    QTest::addColumn<QString>("inbox");  // kind/reason code or kind/field; empty: none
    QTest::addColumn<QString>("notice"); // its title; empty: none

    auto range = [](qint64 start, qint64 end) {
        return QJsonObject{{QStringLiteral("start"), CacheFixture::time(start)},
                           {QStringLiteral("end"), CacheFixture::time(end)}};
    };
    const QJsonObject none;
    const QJsonObject applied1{{QStringLiteral("version"), 1}};
    const QJsonObject applied2{{QStringLiteral("version"), 2}};
    const QJsonObject
        slotTaken{{QStringLiteral("reason"), QStringLiteral("slot_taken")},
                  {QStringLiteral("message"), QStringLiteral("This time is taken.")},
                  {QStringLiteral("conflicting"),
                   QJsonObject{{QStringLiteral("id"),
                                QStringLiteral("00000000-0000-4000-8000-0000000000a9")},
                               {QStringLiteral("start"), CacheFixture::time(Monday + 11 * Hour)},
                               {QStringLiteral("end"), CacheFixture::time(Monday + 12 * Hour)}}},
                  {QStringLiteral("suggestions"),
                   QJsonArray{range(Monday + 12 * Hour, Monday + 12 * Hour + Hour / 2),
                              range(Monday + 14 * Hour, Monday + 14 * Hour + Hour / 2)}}};
    const QJsonObject outside{{QStringLiteral("reason"), QStringLiteral("outside_availability")},
                              {QStringLiteral("message"), QStringLiteral("Outside the hours.")}};
    QJsonObject takenWithCopy = slotTaken;
    QJsonObject serverCopy = CacheFixture::appointment(AppointmentId,
                                                       QStringLiteral("u-ana"),
                                                       Monday + 10 * Hour,
                                                       30,
                                                       QStringLiteral("scheduled"),
                                                       3,
                                                       LeadId);
    serverCopy.insert(QStringLiteral("notes"), QStringLiteral("Theirs"));
    takenWithCopy.insert(QStringLiteral("current"), serverCopy);
    const QJsonObject notAllowed{{QStringLiteral("reason"), QStringLiteral("invalid_transition")},
                                 {QStringLiteral("message"),
                                  QStringLiteral("A completed appointment cannot be cancelled.")},
                                 {QStringLiteral("current"),
                                  CacheFixture::appointment(AppointmentId,
                                                            QStringLiteral("u-ana"),
                                                            Monday + 10 * Hour,
                                                            30,
                                                            QStringLiteral("completed"),
                                                            2,
                                                            LeadId)}};
    const QJsonObject notesConflict{{QStringLiteral("version"), 3},
                                    {QStringLiteral("conflicts"),
                                     QJsonObject{{QStringLiteral("notes"),
                                                  QJsonObject{{QStringLiteral("mine"),
                                                               QStringLiteral("Mine")},
                                                              {QStringLiteral("theirs"),
                                                               QStringLiteral("Theirs")}}}}},
                                    {QStringLiteral("current"), serverCopy}};

    // clang-format off
    //             edit      status       answer           seen before                        seen after                       inbox                           notice
    QTest::newRow("booking applied: no longer pending")
        << "book"   << "applied"  << applied1      << "11:00 30 scheduled v0 pending" << "11:00 30 scheduled v1"       << ""                             << "";
    QTest::newRow("booking refused, slot taken meanwhile: gone, clash and suggestions kept")
        << "book"   << "rejected" << slotTaken     << "11:00 30 scheduled v0 pending" << "gone"                        << "rejected/slot_taken"          << "Booking not accepted: Ana Ruiz";
    QTest::newRow("booking refused, outside availability: gone")
        << "book"   << "rejected" << outside       << "11:00 30 scheduled v0 pending" << "gone"                        << "rejected/outside_availability" << "Booking not accepted: Ana Ruiz";
    QTest::newRow("move applied")
        << "move"   << "applied"  << applied2      << "10:30 30 scheduled v1 pending" << "10:30 30 scheduled v2"       << ""                             << "";
    QTest::newRow("move refused with the server's copy: that copy")
        << "move"   << "rejected" << takenWithCopy << "10:30 30 scheduled v1 pending" << "10:00 30 scheduled v3 Theirs" << "rejected/slot_taken"         << "Appointment change not accepted: Ana Ruiz";
    QTest::newRow("move refused without a copy: back where it was")
        << "move"   << "rejected" << slotTaken     << "10:30 30 scheduled v1 pending" << "10:00 30 scheduled v1"       << "rejected/slot_taken"          << "Appointment change not accepted: Ana Ruiz";
    QTest::newRow("cancellation refused: the server's status")
        << "cancel" << "rejected" << notAllowed    << "10:00 30 cancelled v1 pending" << "10:00 30 completed v2"       << "rejected/invalid_transition"  << "Appointment change not accepted: Ana Ruiz";
    QTest::newRow("notes in conflict: theirs shown, both kept")
        << "notes"  << "conflict" << notesConflict << "10:00 30 scheduled v1 pending Mine" << "10:00 30 scheduled v3 Theirs" << "conflict/notes"         << "Edit conflict";
    // clang-format on
}

void tst_Outbox::appointmentAnswersAsTheUserSeesThem()
{
    QFETCH(QString, edit);
    QFETCH(QString, status);
    QFETCH(QJsonObject, answer);
    QFETCH(QString, seenBefore);
    QFETCH(QString, seenAfter);
    QFETCH(QString, inbox);
    QFETCH(QString, notice);

    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      1,
                                                      LeadId)));
    LocalEdits &edits = m_cache.edits();
    edits.setClock([] { return Monday; });
    LocalEdits::AppointmentEdit made = Error{};
    if (edit == QLatin1String("book")) {
        LocalEdits::Booking booking;
        booking.leadId = LeadId;
        booking.start = Monday + 11 * Hour;
        made = edits.bookAppointment(booking);
    } else if (edit == QLatin1String("move")) {
        made = edits.rescheduleAppointment(AppointmentId, Monday + 10 * Hour + Hour / 2);
    } else if (edit == QLatin1String("cancel")) {
        made = edits.setAppointmentStatus(AppointmentId, AppointmentStatus::Cancelled);
    } else {
        made = edits.editAppointmentNotes(AppointmentId, QStringLiteral("Mine"));
    }
    QVERIFY(std::holds_alternative<Appointment>(made));
    const QString id = std::get<Appointment>(made).id;
    QCOMPARE(seenAppointment(id), seenBefore);

    Outbox outbox(m_cache.db());
    QJsonObject result = answer;
    result.insert(SyncProtocol::Key::MutationId,
                  outbox.pendingMutations(1).at(0).toObject().value(SyncProtocol::Key::MutationId));
    result.insert(SyncProtocol::Key::Status, status);
    PullApplier records(m_cache.db());
    const Result<Outbox::PushOutcome> outcome = outbox.applyPushResults({result}, records);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().message));
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(seenAppointment(id), seenAfter);

    const QList<ConflictReader::OpenConflict> open = ConflictReader(m_cache.db()).open();
    QCOMPARE(open.size(), inbox.isEmpty() ? 0 : 1);
    if (!inbox.isEmpty()) {
        const ConflictReader::OpenConflict &entry = open.at(0);
        const QString code = entry.kind == QLatin1String("rejected")
                                 ? entry.reason.section(QLatin1Char(':'), 0, 0)
                                 : entry.field;
        QCOMPARE(entry.kind + QLatin1Char('/') + code, inbox);
        QCOMPARE(entry.entity, QStringLiteral("appointment"));
        QCOMPARE(entry.recordName, QStringLiteral("Ana Ruiz")); // the lead, even when gone
        if (entry.kind == QLatin1String("rejected")) {
            // What the user wanted, and for a taken slot what clashed and what is free.
            const QJsonObject wanted = entry.details.value(QStringLiteral("wanted")).toObject();
            QCOMPARE(wanted[QStringLiteral("start")].toString(),
                     edit == QLatin1String("book")   ? QStringLiteral("2026-01-05T11:00:00Z")
                     : edit == QLatin1String("move") ? QStringLiteral("2026-01-05T10:30:00Z")
                                                     : QStringLiteral("2026-01-05T10:00:00Z"));
            QCOMPARE(entry.details.value(QStringLiteral("providerId")).toString(),
                     QStringLiteral("u-ana"));
            const bool taken = code == QLatin1String("slot_taken");
            QCOMPARE(entry.details.value(QStringLiteral("conflicting")).toObject(),
                     taken ? answer.value(QStringLiteral("conflicting")).toObject() : QJsonObject());
            QCOMPARE(entry.details.value(QStringLiteral("suggestions")).toArray(),
                     taken ? answer.value(QStringLiteral("suggestions")).toArray() : QJsonArray());
        }
    }
    const QList<NotificationStore::Notice> notices
        = NotificationStore(m_cache.db()).newest(10).value_or(QList<NotificationStore::Notice>());
    QCOMPARE(notices.size(), notice.isEmpty() ? 0 : 1);
    if (!notice.isEmpty()) {
        QCOMPARE(notices.at(0).title, notice);
        QCOMPARE(notices.at(0).entityId, id);
        if (inbox == QLatin1String("rejected/slot_taken"))
            QVERIFY2(notices.at(0).body.contains(QStringLiteral("Free nearby")),
                     qPrintable(notices.at(0).body));
    }
}

void tst_Outbox::keepMineOnAnAppointmentConflictSendsItAgain()
{
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      1,
                                                      LeadId)));
    LocalEdits &edits = m_cache.edits();
    QVERIFY(std::holds_alternative<Appointment>(
        edits.editAppointmentNotes(AppointmentId, QStringLiteral("Mine"))));
    Outbox outbox(m_cache.db());
    QJsonObject theirs = CacheFixture::appointment(AppointmentId,
                                                   QStringLiteral("u-ana"),
                                                   Monday + 10 * Hour,
                                                   30,
                                                   QStringLiteral("scheduled"),
                                                   2,
                                                   LeadId);
    theirs.insert(QStringLiteral("notes"), QStringLiteral("Theirs"));
    const QJsonObject
        result{{SyncProtocol::Key::MutationId,
                outbox.pendingMutations(1).at(0).toObject().value(SyncProtocol::Key::MutationId)},
               {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Conflict},
               {SyncProtocol::Key::Version, 2},
               {SyncProtocol::Key::Conflicts,
                QJsonObject{{QStringLiteral("notes"),
                             QJsonObject{{QStringLiteral("mine"), QStringLiteral("Mine")},
                                         {QStringLiteral("theirs"), QStringLiteral("Theirs")}}}}},
               {SyncProtocol::Key::Current, theirs}};
    PullApplier records(m_cache.db());
    QVERIFY(outbox.applyPushResults({result}, records).ok());
    QCOMPARE(seenAppointment(AppointmentId), QStringLiteral("10:00 30 scheduled v2 Theirs"));
    const QList<ConflictReader::OpenConflict> open = ConflictReader(m_cache.db()).open();
    QCOMPARE(open.size(), 1);
    // Keep mine: my notes go out again, this time over theirs.
    QVERIFY(edits.resolveConflict(open.at(0).id, true).ok());
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 0);
    QCOMPARE(seenAppointment(AppointmentId), QStringLiteral("10:00 30 scheduled v2 pending Mine"));
    const QJsonObject again = outbox.pendingMutations(1).at(0).toObject();
    QCOMPARE(again.value(SyncProtocol::Key::BaseVersion).toInt(), 2);
    QCOMPARE(again.value(SyncProtocol::Key::Fields).toObject(),
             (QJsonObject{{QStringLiteral("notes"),
                           QJsonObject{{QStringLiteral("old"), QStringLiteral("Theirs")},
                                       {QStringLiteral("new"), QStringLiteral("Mine")}}}}));
}

void tst_Outbox::aRefusedBookingIsBookedAgainAtAnotherTime()
{
    // A booking the server refused (slot taken) is kept whole in the inbox: booked again at a
    // suggested time it is the same appointment (type, lead, length, notes, link), pending and
    // queued, and the refusal is settled. A time the cache knows is taken is refused at once.
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    LocalEdits &edits = m_cache.edits();
    edits.setClock([] { return Monday; });
    LocalEdits::Booking booking;
    booking.leadId = LeadId;
    booking.type = AppointmentType::Enrollment;
    booking.start = Monday + 11 * Hour;
    booking.duration = 45;
    booking.notes = QStringLiteral("Bring the plan comparison");
    booking.meetingLink = QStringLiteral("https://meet.example/ana");
    const LocalEdits::AppointmentEdit made = edits.bookAppointment(booking);
    QVERIFY(std::holds_alternative<Appointment>(made));
    const QString refusedId = std::get<Appointment>(made).id;
    Outbox outbox(m_cache.db());
    const QJsonObject
        result{{SyncProtocol::Key::MutationId,
                outbox.pendingMutations(1).at(0).toObject().value(SyncProtocol::Key::MutationId)},
               {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Rejected},
               {SyncProtocol::Key::Reason, SyncProtocol::ErrorCode::SlotTaken},
               {QStringLiteral("message"), QStringLiteral("This time is taken.")},
               {SyncProtocol::Key::Suggestions,
                QJsonArray{
                    QJsonObject{{QStringLiteral("start"), CacheFixture::time(Monday + 13 * Hour)},
                                {QStringLiteral("end"),
                                 CacheFixture::time(Monday + 13 * Hour + 45 * 60 * 1000)}}}}};
    PullApplier records(m_cache.db());
    QVERIFY(outbox.applyPushResults({result}, records).ok());
    QCOMPARE(seenAppointment(refusedId), QStringLiteral("gone"));
    // Meanwhile the cache learns of an appointment at 15:00.
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 15 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      1,
                                                      LeadId)));
    const QList<ConflictReader::OpenConflict> open = ConflictReader(m_cache.db()).open();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).details.value(QStringLiteral("appointmentType")).toString(),
             QStringLiteral("enrollment"));
    QCOMPARE(open.at(0).details.value(SyncProtocol::Key::Reason).toString(),
             QStringLiteral("slot_taken"));

    const LocalEdits::AppointmentEdit clash = edits.rebookRefused(open.at(0).id, Monday + 15 * Hour);
    QVERIFY(std::holds_alternative<Error>(clash));
    QCOMPARE(std::get<Error>(clash).code, QStringLiteral("slot_taken"));
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 1);

    const LocalEdits::AppointmentEdit again = edits.rebookRefused(open.at(0).id, Monday + 13 * Hour);
    QVERIFY(std::holds_alternative<Appointment>(again));
    const Appointment &booked = std::get<Appointment>(again);
    QVERIFY(booked.id != refusedId);
    QCOMPARE(seenAppointment(booked.id),
             QStringLiteral("13:00 45 scheduled v0 pending Bring the plan comparison"));
    QCOMPARE(booked.type, AppointmentType::Enrollment);
    QCOMPARE(booked.leadId, LeadId);
    QCOMPARE(booked.meetingLink, QStringLiteral("https://meet.example/ana"));
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 0);
    const QJsonObject queued = outbox.pendingMutations(1).at(0).toObject();
    QCOMPARE(queued.value(SyncProtocol::Key::Op).toString(), QStringLiteral("create"));
    QCOMPARE(queued.value(SyncProtocol::Key::Data)
                 .toObject()
                 .value(QStringLiteral("scheduledDate"))
                 .toString(),
             CacheFixture::time(Monday + 13 * Hour));
    // Settled: it cannot be booked twice from the same refusal.
    QVERIFY(std::holds_alternative<Error>(edits.rebookRefused(open.at(0).id, Monday + 14 * Hour)));
}

void tst_Outbox::aRefusedMoveIsMadeAgainAtAnotherTime()
{
    // A refused move leaves the appointment where the server has it; made again at another
    // time it moves there (pending), and the refusal is settled.
    QVERIFY(m_cache.receive(QStringLiteral("availability"),
                            CacheFixture::availability(QStringLiteral("u-ana"))));
    QVERIFY(m_cache.receive(QStringLiteral("appointment"),
                            CacheFixture::appointment(AppointmentId,
                                                      QStringLiteral("u-ana"),
                                                      Monday + 10 * Hour,
                                                      30,
                                                      QStringLiteral("scheduled"),
                                                      1,
                                                      LeadId)));
    LocalEdits &edits = m_cache.edits();
    edits.setClock([] { return Monday; });
    QVERIFY(std::holds_alternative<Appointment>(
        edits.rescheduleAppointment(AppointmentId, Monday + 11 * Hour)));
    Outbox outbox(m_cache.db());
    const QJsonObject result{{SyncProtocol::Key::MutationId,
                              outbox.pendingMutations(1).at(0).toObject().value(
                                  SyncProtocol::Key::MutationId)},
                             {SyncProtocol::Key::Status, SyncProtocol::ResultStatus::Rejected},
                             {SyncProtocol::Key::Reason, SyncProtocol::ErrorCode::SlotTaken},
                             {QStringLiteral("message"), QStringLiteral("This time is taken.")}};
    PullApplier records(m_cache.db());
    QVERIFY(outbox.applyPushResults({result}, records).ok());
    QCOMPARE(seenAppointment(AppointmentId), QStringLiteral("10:00 30 scheduled v1"));
    const QList<ConflictReader::OpenConflict> open = ConflictReader(m_cache.db()).open();
    QCOMPARE(open.size(), 1);
    QVERIFY(std::holds_alternative<Appointment>(
        edits.rebookRefused(open.at(0).id, Monday + 14 * Hour)));
    QCOMPARE(seenAppointment(AppointmentId), QStringLiteral("14:00 30 scheduled v1 pending"));
    QCOMPARE(ConflictInbox(m_cache.db()).openCount(), 0);
}

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
