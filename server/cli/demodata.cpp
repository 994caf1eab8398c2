#include "demodata.h"
#include <cmath>

#include "assignment/assignmentservice.h"
#include "leads/followupservice.h"
#include "leads/leadhistory.h"
#include "leads/leadrepository.h"
#include "scheduling/appointmentservice.h"
#include "scheduling/availabilitystore.h"
#include "storage/serverdatabase.h"
#include "auth/userservice.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QTime>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QUuid>

namespace Crm {

namespace {

struct DemoAgent
{
    const char *email;
    const char *name;
    const char *territories;
    const char *timeZone;
    int weight;
};

const DemoAgent Agents[] = {
    {"ana@demo.agentcrm.test", "Ana Morales", "CA,NV,AZ", "America/Los_Angeles", 1},
    {"ben@demo.agentcrm.test", "Ben Okafor", "TX,OK,LA", "America/Chicago", 1},
    {"carla@demo.agentcrm.test", "Carla Jensen", "FL,GA,SC", "America/New_York", 1},
    {"dev@demo.agentcrm.test", "Dev Patel", "NY,NJ,PA", "America/New_York", 2},
};

const char *const FirstNames[] = {"Maria",   "James",    "Linda", "Robert",    "Patricia",
                                  "Michael", "Jennifer", "David", "Elizabeth", "William",
                                  "Susan",   "Carlos",   "Aisha", "Wei",       "Fatima",
                                  "Hiroshi", "Olga",     "Tomás", "Nia",       "Priya",
                                  "Samuel",  "Grace",    "Mateo", "Chloe",     "Omar"};
const char *const LastNames[] = {"Garcia",    "Smith",  "Johnson", "Williams",  "Brown",
                                 "Jones",     "Miller", "Davis",   "Rodriguez", "Martinez",
                                 "Hernandez", "Lopez",  "Nguyen",  "Kim",       "Chen",
                                 "Singh",     "Okafor", "Novak",   "Rossi",     "Cohen",
                                 "Dubois",    "Silva",  "Haddad",  "Kowalski",  "Ito"};
const char *const States[] = {"CA", "TX", "FL", "NY", "NV", "GA", "AZ", "PA", "NJ", "OH", "WA", "IL"};
const char *const AreaCodes[] = {"415",
                                 "213",
                                 "512",
                                 "713",
                                 "305",
                                 "407",
                                 "212",
                                 "718",
                                 "702",
                                 "404",
                                 "602",
                                 "215",
                                 "201",
                                 "614",
                                 "206",
                                 "312"};
const char *const Messages[] = {"I'd like to know which plans cover my family doctor.",
                                "My employer coverage ends next month. What are my options?",
                                "Can someone call me about Medicare Advantage plans?",
                                "Looking for a plan with dental and vision.",
                                "Do you have plans with low deductibles for a family of four?",
                                "",
                                "Please call after 5pm.",
                                "I just moved to the area and need new coverage."};
const char *const CallNotes[] = {"Left a voicemail.",
                                 "Discussed plan options; sending brochure.",
                                 "Interested in the Silver plan; wants to compare prices.",
                                 "Asked about prescription coverage.",
                                 "Scheduled a follow-up call with spouse present."};

const char *const FollowUpNotes[] = {"Call back about the dental rider.",
                                     "Send the plan comparison sheet.",
                                     "Check whether the doctor is in network.",
                                     "Confirm the effective date with the spouse.",
                                     "Follow up on the signed application.",
                                     "Ask about the prescriptions they take."};

// An agent's calendar as a week of real work would leave it: hours with a lunch break, an
// afternoon off for training next week, and appointments with their leads from three working
// days ago to four ahead; the past ones held, one missed and one cancelled.
Status fillCalendar(WriteTransaction &tx,
                    const QString &agentId,
                    const QString &timeZone,
                    const QList<Lead> &leads,
                    QRandomGenerator &random)
{
    Availability hours;
    hours.timeZone = timeZone;
    hours.bufferMinutes = 10;
    for (int day = 1; day <= 5; ++day) {
        hours.weekly.append({QString(), day, {QTime(9, 0), QTime(12, 0)}, true});
        hours.weekly.append({QString(), day, {QTime(13, 0), QTime(17, 0)}, true});
    }
    if (auto saved = AvailabilityStore::save(tx, agentId, hours); !saved.ok())
        return saved.error();

    const QTimeZone zone(timeZone.toUtf8());
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    QDate trainingDay = today.addDays(7);
    while (trainingDay.dayOfWeek() != Qt::Wednesday)
        trainingDay = trainingDay.addDays(1);
    Availability::TimeOff training;
    training.start = QDateTime(trainingDay, QTime(13, 0), zone).toMSecsSinceEpoch();
    training.end = QDateTime(trainingDay, QTime(17, 0), zone).toMSecsSinceEpoch();
    training.reason = DemoData::tr("Plan training");
    if (auto added = AvailabilityStore::addTimeOff(tx, agentId, training); !added.ok())
        return added.error();

    const AuthUser agent{agentId, {}, {}, QStringLiteral("agent"), {}};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QTime times[] = {QTime(9, 30), QTime(11, 0), QTime(14, 0), QTime(15, 30)};
    const AppointmentType types[] = {AppointmentType::Consultation, AppointmentType::Consultation,
                                     AppointmentType::Enrollment, AppointmentType::FollowUp};
    int booked = 0;
    struct Made
    {
        QString id;
        qint64 start = 0;
        qint64 end = 0;
    };
    QList<Made> week;
    for (int offset = -4; offset <= 6 && booked < leads.size(); ++offset) {
        const QDate date = today.addDays(offset);
        if (date.dayOfWeek() > 5)
            continue;
        for (const QTime &time : times) {
            if (booked >= leads.size() || random.bounded(3) == 0)
                continue;
            const Lead &lead = leads.at(booked++);
            AppointmentService::Booking booking;
            booking.providerId = agentId;
            booking.leadId = lead.id;
            booking.type = types[random.bounded(int(std::size(types)))];
            booking.start = QDateTime(date, time, zone).toMSecsSinceEpoch();
            booking.duration = booking.type == AppointmentType::Enrollment ? 60 : 30;
            booking.meetingLink = random.bounded(2) ? QStringLiteral("https://meet.example.com/%1")
                                                          .arg(lead.id.left(8))
                                                    : QString();
            booking.override = true; // the past, and a demo week filled in one go
            auto made = AppointmentService::bookIn(tx, agent, booking, QStringLiteral("demo-data"));
            if (!made.ok()) {
                if (made.error().code == QLatin1String("slot_taken"))
                    continue;
                return made.error();
            }
            week.append({made.value().value(QStringLiteral("id")).toString(), booking.start,
                          booking.start + qint64(booking.duration) * 60000});
        }
    }
    // What became of them: the first past one missed, the other past ones held; one upcoming
    // one (a day or more ahead when there is one) cancelled; some upcoming ones confirmed.
    qsizetype cancelAt = -1;
    for (qsizetype i = 0; i < week.size(); ++i) {
        if (week.at(i).start > now && (cancelAt < 0 || week.at(cancelAt).start < now + 24 * 3600 * 1000))
            cancelAt = i;
    }
    bool missed = false;
    for (qsizetype i = 0; i < week.size(); ++i) {
        AppointmentService::Change change;
        if (week.at(i).end < now) {
            change.status = missed ? AppointmentStatus::Completed : AppointmentStatus::NoShow;
            if (missed)
                change.notes = DemoData::tr("Went through the plan options; sending the forms.");
            missed = true;
        } else if (i == cancelAt) {
            change.status = AppointmentStatus::Cancelled;
        } else if (random.bounded(2)) {
            change.status = AppointmentStatus::Confirmed;
        }
        if (change.status) {
            auto updated = AppointmentService::updateIn(tx, agent, week.at(i).id, change, std::nullopt,
                                                        QStringLiteral("demo-data"));
            if (!updated.ok())
                return updated.error();
        }
    }
    return {};
}

} // namespace

bool DemoData::fill(ServerDatabase &database,
                    const Options &options,
                    QTextStream &out,
                    QTextStream &err)
{
    Result<QSqlDatabase> db = database.connection();
    if (!db.ok()) {
        err << db.error().message << Qt::endl;
        return false;
    }
    if (UserService::findByEmail(db.value(), adminEmail())) {
        out << tr("Demo data is already there.") << Qt::endl;
    } else {
        WriteTransaction tx(database, db.value());
        if (!tx.begin().ok()) {
            err << tr("Cannot start a transaction.") << Qt::endl;
            return false;
        }
        auto admin = UserService::create(tx,
                                         {adminEmail(),
                                          QStringLiteral("Dana Admin"),
                                          QStringLiteral("admin"),
                                          adminPassword(),
                                          1,
                                          QStringLiteral("America/Chicago"),
                                          {}});
        if (!admin.ok()) {
            err << admin.error().message << Qt::endl;
            return false;
        }
        QStringList agentIds;
        for (const DemoAgent &agent : Agents) {
            auto created = UserService::create(tx,
                                               {QString::fromUtf8(agent.email),
                                                QString::fromUtf8(agent.name),
                                                QStringLiteral("agent"),
                                                agentPassword(),
                                                agent.weight,
                                                QString::fromUtf8(agent.timeZone),
                                                QString::fromUtf8(agent.territories)
                                                    .split(QLatin1Char(','))});
            if (!created.ok()) {
                err << created.error().message << Qt::endl;
                return false;
            }
            agentIds << created.value().id;
        }
        const QString adminId = admin.value().id;

        // Deterministic: the same demo every time, spread over the last 60 days.
        QRandomGenerator random(20261124);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 day = 24 * 3600 * 1000;
        const LeadSource sources[] = {LeadSource::ContactForm,
                                      LeadSource::ContactForm,
                                      LeadSource::Website,
                                      LeadSource::Referral,
                                      LeadSource::Phone,
                                      LeadSource::Event,
                                      LeadSource::Other};
        QHash<QString, QList<Lead>> openLeads; // by agent: whom the calendars are booked with
        QString onlyAgent;
        if (!options.onlyAgentEmail.isEmpty()) {
            const auto agent = UserService::findByEmail(tx.db(), options.onlyAgentEmail);
            if (!agent) {
                err << tr("No demo agent %1.").arg(options.onlyAgentEmail) << Qt::endl;
                return false;
            }
            onlyAgent = agent->id;
        }
        for (int i = 0; i < options.leads; ++i) {
            // Commit in batches, as live traffic would: a client's pull pages follow
            // transactions, and one giant transaction would be one giant page.
            if (i > 0 && i % 500 == 0) {
                const Status committed = tx.commit();
                if (!committed.ok() || !tx.begin().ok()) {
                    err << tr("Cannot write the demo data.") << Qt::endl;
                    return false;
                }
            }
            Lead lead;
            lead.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            lead.firstName = QString::fromUtf8(
                FirstNames[random.bounded(int(std::size(FirstNames)))]);
            lead.lastName = QString::fromUtf8(LastNames[random.bounded(int(std::size(LastNames)))]);
            lead.email = QStringLiteral("%1.%2.%3@example.com")
                             .arg(lead.firstName.toLower(), lead.lastName.toLower())
                             .arg(i);
            // Concatenated, not arg(): "%1555" would read as placeholder %15.
            lead.phone = QStringLiteral("+1")
                         + QString::fromUtf8(AreaCodes[random.bounded(int(std::size(AreaCodes)))])
                         + QStringLiteral("555") + QString::number(1000 + i % 9000);
            lead.message = QString::fromUtf8(Messages[random.bounded(int(std::size(Messages)))]);
            lead.source = sources[random.bounded(int(std::size(sources)))];
            lead.state = QString::fromUtf8(States[random.bounded(int(std::size(States)))]);
            lead.smsOptIn = random.bounded(3) == 0;
            // One lead in five reads Spanish, one in three has said English, the rest nothing
            // (from the index, so the rest of the data is as before).
            lead.preferredLanguage = i % 5 == 2 ? QStringLiteral("es")
                                     : i % 3 == 0 ? QStringLiteral("en")
                                                  : QString();
            // Newer leads are more frequent: a busy funnel, with a handful from today.
            const double age = std::pow(random.generateDouble(), 1.8) * 60.0;
            lead.createdAt = now - qint64(age * double(day)) - random.bounded(3600 * 1000);
            lead.updatedAt = lead.createdAt;
            lead.version = 1;
            if (const Status inserted = LeadRepository::insert(tx, lead); !inserted.ok()) {
                err << inserted.error().message << Qt::endl;
                return false;
            }
            // The first entry tells how the lead came, as the server writes it: the public
            // form for website leads, by hand (an agent, on a call or at an event) otherwise.
            const SystemEvent came = HistoryEntry::leadCreated(
                lead.source == LeadSource::ContactForm || lead.source == LeadSource::Website);
            Activity origin;
            origin.activityType = QStringLiteral("system");
            origin.code = came.code;
            origin.params = came.params;
            origin.notes = LeadHistory::describe(tx.db(), came);
            origin.createdAt = lead.createdAt;
            LeadHistory::add(tx, lead, origin);

            // Most leads are assigned by the rotation; a few wait in the queue.
            if (!onlyAgent.isEmpty() || i % 17 != 0) {
                auto pick = onlyAgent.isEmpty()
                                ? AssignmentService::pick(tx,
                                                          lead,
                                                          AssignmentService::Mode::Territory)
                                : AssignmentService::Pick{onlyAgent,
                                                          {AssignmentReason::Kind::Manual, {}}};
                auto assigned = AssignmentService::assign(tx,
                                                          lead,
                                                          pick->agentId,
                                                          pick->reason,
                                                          adminId);
                if (!assigned.ok()) {
                    err << assigned.error().message << Qt::endl;
                    return false;
                }
                lead = assigned.value();
            }
            if (lead.assignedAgentId.isEmpty()) {
                LeadRepository::publish(tx, lead);
                continue;
            }
            // A funnel: the older the lead, the further along it tends to be.
            const int roll = random.bounded(100);
            const bool fresh = age < 1.0;
            LeadStatus status = LeadStatus::New;
            if (!fresh) {
                if (roll < 15)
                    status = LeadStatus::New;
                else if (roll < 45)
                    status = LeadStatus::Contacted;
                else if (roll < 70)
                    status = LeadStatus::Qualified;
                else if (roll < 88)
                    status = LeadStatus::Enrolled;
                else
                    status = LeadStatus::Closed;
            }
            if (status != LeadStatus::New) {
                const qint64 contactDelay = qint64(std::pow(random.generateDouble(), 3.0) * 48.0
                                                   * 3600 * 1000)
                                            + 5 * 60 * 1000;
                const qint64 contactAt = qMin(now, lead.createdAt + contactDelay);
                Activity call;
                call.agentId = lead.assignedAgentId;
                call.activityType = random.bounded(4) == 0 ? QStringLiteral("email")
                                                           : QStringLiteral("call");
                call.notes = QString::fromUtf8(CallNotes[random.bounded(int(std::size(CallNotes)))]);
                call.createdAt = contactAt;
                LeadHistory::add(tx, lead, call);
                lead.firstContactAt = contactAt;
                if (random.bounded(2) == 0) {
                    Activity note;
                    note.agentId = lead.assignedAgentId;
                    note.activityType = QStringLiteral("note");
                    note.notes = tr("Prefers to be contacted by e-mail in the mornings.");
                    note.createdAt = qMin(now, contactAt + day / 3);
                    LeadHistory::add(tx, lead, note);
                }
                lead.status = status;
                const Result<Lead> saved
                    = LeadRepository::save(tx, lead, qMin(now, contactAt + day / 2));
                if (!saved.ok()) {
                    err << saved.error().message << Qt::endl;
                    return false;
                }
                lead = saved.value();
            }
            // Leads still being worked have a follow-up: a few overdue, some today, most in
            // the coming days. (Not in a benchmark fill: its row counts are fixed.)
            const bool open = status == LeadStatus::Contacted || status == LeadStatus::Qualified;
            if (open)
                openLeads[lead.assignedAgentId].append(lead);
            if (onlyAgent.isEmpty() && open && random.bounded(10) < 6) {
                const qint64 due = now + qint64((random.generateDouble() * 7.0 - 1.5) * day);
                // On the quarter hour, in working hours, as a person would set it.
                QDateTime when = QDateTime::fromMSecsSinceEpoch(due);
                when.setTime(QTime(9 + random.bounded(8), 15 * random.bounded(4)));
                const AuthUser agent{lead.assignedAgentId, {}, {}, QStringLiteral("agent"), {}};
                auto created = FollowUpService::createIn(
                    tx,
                    agent,
                    lead,
                    QString(),
                    when.toMSecsSinceEpoch(),
                    QString::fromUtf8(FollowUpNotes[random.bounded(int(std::size(FollowUpNotes)))]),
                    QStringLiteral("demo-data"));
                if (!created.ok()) {
                    err << created.error().message << Qt::endl;
                    return false;
                }
            }
        }
        if (onlyAgent.isEmpty()) {
            for (qsizetype a = 0; a < agentIds.size(); ++a) {
                if (const Status planned = fillCalendar(tx, agentIds.at(a),
                                                        QString::fromUtf8(Agents[a].timeZone),
                                                        openLeads.value(agentIds.at(a)), random);
                    !planned.ok()) {
                    err << planned.error().message << Qt::endl;
                    return false;
                }
            }
        }
        tx.audit({0,
                  QString(),
                  QStringLiteral("demo.fill"),
                  QString(),
                  QString(),
                  QStringLiteral("command line"),
                  QString::number(options.leads)});
        const Status committed = tx.commit();
        if (!committed.ok()) {
            err << committed.error().message << Qt::endl;
            return false;
        }
        out << tr("Created %1 demo leads.").arg(options.leads) << Qt::endl;
    }
    out << tr("Demo accounts:") << Qt::endl;
    out << QStringLiteral("  admin  %1  password %2").arg(adminEmail(), adminPassword())
        << Qt::endl;
    for (const DemoAgent &agent : Agents) {
        out << QStringLiteral("  agent  %1  password %2")
                   .arg(QString::fromUtf8(agent.email), agentPassword())
            << Qt::endl;
    }
    return true;
}

} // namespace Crm
