#include "remindercontroller.h"

#include "domain/reminderplan.h"
#include "domain/wiretime.h"
#include "http/apiserver.h"
#include "http/paging.h"
#include "http/routetable.h"
#include "http/writtenanswer.h"
#include "leads/leadrepository.h"
#include "scheduling/appointmentservice.h"
#include "scheduling/reminderledger.h"
#include "scheduling/schedulingcontroller.h"
#include "storage/writetransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace Crm {

namespace {

struct Words
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ReminderController)
};

ApiError badChannel()
{
    return ApiError::badRequestField(QStringLiteral("channel"), Words::tr("channel must be email or sms."));
}

// Why an appointment takes no more reminders (held, missed, cancelled, or already started).
std::optional<Error> refusesReminders(const Appointment &appointment)
{
    if (!AppointmentRules::takesReminders(appointment.status)
        || !ReminderPlan::stillTimely(appointment.scheduledDate, QDateTime::currentMSecsSinceEpoch()))
        return Error{QStringLiteral("invalid_transition"),
                     Words::tr("This appointment has started, is over or is cancelled; it takes no more reminders."),
                     {},
                     {}};
    return std::nullopt;
}

// A write on the appointment the path names, when the caller may see it.
ApiResponse writtenOnAppointment(ApiContext &context,
                                 int status,
                                 const std::function<Result<QJsonObject>(WriteTransaction &, const Appointment &,
                                                                         const std::optional<Lead> &)> &write)
{
    return writtenAnswer(context, status, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto found = AppointmentService::findVisible(tx.db(), context.caller(), context.pathArgs.value(0));
        if (!found.ok())
            return found.error();
        if (!found.value())
            return Error{QStringLiteral("not_found"), Words::tr("No such appointment."), {}, {}};
        const Appointment &appointment = *found.value();
        const std::optional<Lead> lead = appointment.leadId.isEmpty()
                                             ? std::nullopt
                                             : LeadRepository::find(tx.db(), appointment.leadId);
        return write(tx, appointment, lead);
    });
}

// GET /api/appointments/:id/reminders
ApiResponse list(ApiContext &context)
{
    const auto found = SchedulingController::visibleAppointment(context, QStringLiteral("reminder.list"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    auto rows = ReminderLedger::list(context.db, std::get<Appointment>(found).id);
    if (!rows.ok())
        return ApiError::fromError(rows.error());
    return ApiResponse::raw(QJsonDocument(rows.value()).toJson(QJsonDocument::Compact),
                            QByteArrayLiteral("application/json"));
}

// POST /api/appointments/:id/remind {channel}: one due now (API.md).
ApiResponse remindNow(ApiContext &context)
{
    const auto channel = ReminderLedger::channelFromString(context.body.text("channel"));
    if (!channel)
        return badChannel();
    return writtenOnAppointment(context, 202, [&](WriteTransaction &tx, const Appointment &appointment,
                                                  const std::optional<Lead> &lead) -> Result<QJsonObject> {
        if (const std::optional<Error> refused = refusesReminders(appointment))
            return *refused;
        tx.audit({0, context.caller().id, QStringLiteral("reminder.create"), QStringLiteral("appointment"),
                  appointment.id, context.remote(), ReminderLedger::channelName(*channel)});
        return ReminderLedger::add(tx, appointment, lead, *channel, QDateTime::currentMSecsSinceEpoch(),
                                   ReminderLedger::Origin::Now);
    });
}

// POST /api/appointments/:id/reminders {channel, scheduledFor}: one more, at a time of the
// agent's choosing (before the appointment).
ApiResponse add(ApiContext &context)
{
    const auto channel = ReminderLedger::channelFromString(context.body.text("channel"));
    if (!channel)
        return badChannel();
    const qint64 due = *context.body.time("scheduledFor");
    return writtenOnAppointment(context, 201, [&](WriteTransaction &tx, const Appointment &appointment,
                                                  const std::optional<Lead> &lead) -> Result<QJsonObject> {
        if (const std::optional<Error> refused = refusesReminders(appointment))
            return *refused;
        if (due >= appointment.scheduledDate)
            return ValidationErrors::single(QStringLiteral("scheduledFor"),
                                            Words::tr("A reminder goes before the appointment starts."));
        tx.audit({0, context.caller().id, QStringLiteral("reminder.create"), QStringLiteral("appointment"),
                  appointment.id, context.remote(), ReminderLedger::channelName(*channel)});
        return ReminderLedger::add(tx, appointment, lead, *channel, due, ReminderLedger::Origin::Added);
    });
}

// DELETE /api/appointments/:id/reminders/:reminderId
ApiResponse remove(ApiContext &context)
{
    const ApiResponse answer = writtenOnAppointment(
        context, 204, [&](WriteTransaction &tx, const Appointment &appointment, const std::optional<Lead> &) -> Result<QJsonObject> {
            auto removed = ReminderLedger::remove(tx, appointment, context.pathArgs.value(1));
            if (!removed.ok())
                return removed.error();
            if (!removed.value())
                return Error{QStringLiteral("not_found"), Words::tr("No such reminder."), {}, {}};
            tx.audit({0, context.caller().id, QStringLiteral("reminder.delete"), QStringLiteral("reminder"),
                      context.pathArgs.value(1), context.remote(), QString()});
            return QJsonObject();
        });
    return answer.status == 204 ? ApiResponse::noContent() : answer;
}

QJsonObject schedulesJson(const QSqlDatabase &db, Error *error)
{
    QJsonObject schedules;
    for (const AppointmentType type : AppointmentRules::types()) {
        auto schedule = ReminderLedger::schedule(db, type);
        if (!schedule.ok()) {
            *error = schedule.error();
            return {};
        }
        QJsonArray minutes;
        for (const int value : schedule.value())
            minutes.append(value);
        schedules.insert(AppointmentRules::toString(type), minutes);
    }
    return {{QStringLiteral("schedules"), schedules}};
}

// GET /api/admin/reminder-schedules -> {schedules: {consultation: [1440, 120], ...}} (minutes before)
ApiResponse schedules(ApiContext &context)
{
    Error error;
    const QJsonObject answer = schedulesJson(context.db, &error);
    if (!error.code.isEmpty())
        return ApiError::fromError(error);
    return answer;
}

// PUT /api/admin/reminder-schedules {schedules: {type: [minutes before, ...]}}: the types sent.
ApiResponse setSchedules(ApiContext &context)
{
    const QJsonObject given = context.body.object().value(QStringLiteral("schedules")).toObject();
    QList<QPair<AppointmentType, ReminderPlan::Schedule>> wanted;
    ValidationErrors errors;
    for (auto it = given.begin(); it != given.end(); ++it) {
        const auto type = AppointmentRules::typeFromString(it.key());
        if (!type) {
            return ApiError::badRequestField(it.key(), Words::tr("Unknown appointment type \"%1\".").arg(it.key()));
        }
        ReminderPlan::Schedule schedule;
        const QJsonArray minutes = it.value().toArray();
        bool numbers = it.value().isArray();
        for (const QJsonValue &value : minutes) {
            numbers = numbers && value.isDouble() && value.toDouble() == double(value.toInt());
            schedule.append(value.toInt());
        }
        if (!numbers) {
            return ApiError::badRequestField(it.key(), Words::tr("Each schedule is a list of minutes before the start."));
        }
        const ValidationErrors problems = ReminderPlan::validate(schedule, it.key());
        for (const QString &field : problems.fields())
            errors.add(field, problems.message(field));
        std::sort(schedule.begin(), schedule.end(), std::greater<int>());
        wanted.append({*type, schedule});
    }
    if (!errors.isEmpty())
        return ApiError::validation(errors);
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        for (const auto &[type, schedule] : std::as_const(wanted)) {
            if (const Status saved = ReminderLedger::setSchedule(tx, type, schedule); !saved.ok())
                return saved.error();
        }
        tx.audit({0, context.caller().id, QStringLiteral("reminder_schedule.update"), QString(), QString(),
                  context.remote(), QStringList(given.keys()).join(QLatin1Char(','))});
        Error error;
        const QJsonObject answer = schedulesJson(tx.db(), &error);
        if (!error.code.isEmpty())
            return error;
        return answer;
    });
}

// GET /api/admin/reminders?status=&channel=&from=&to=&limit=&cursor=: the whole ledger, newest
// due first (list shape).
ApiResponse ledger(ApiContext &context)
{
    auto paging = Paging::fromQuery(context.query);
    if (auto *error = std::get_if<ApiError>(&paging))
        return *error;
    const Paging &page = std::get<Paging>(paging);
    ReminderLedger::Filter filter;
    filter.status = context.queryValue(QStringLiteral("status"));
    static const QStringList statuses{QStringLiteral("pending"), QStringLiteral("sending"), QStringLiteral("sent"),
                                      QStringLiteral("failed"), QStringLiteral("cancelled")};
    if (!filter.status.isEmpty() && !statuses.contains(filter.status)) {
        return ApiError::badRequestField(QStringLiteral("status"),
                                         Words::tr("status must be pending, sending, sent, failed or cancelled."));
    }
    filter.channel = context.queryValue(QStringLiteral("channel"));
    if (!filter.channel.isEmpty() && !ReminderLedger::channelFromString(filter.channel))
        return badChannel();
    for (const auto &[key, target] : {std::pair{QStringLiteral("from"), &filter.from},
                                      std::pair{QStringLiteral("to"), &filter.to}}) {
        const QString text = context.queryValue(key);
        if (text.isEmpty())
            continue;
        *target = WireTime::fromWire(text);
        if (!*target) {
            return ApiError::badRequestField(
                key, Words::tr("%1 must be an ISO-8601 UTC time such as 2026-12-01T15:00:00Z.").arg(key));
        }
    }
    auto found = ReminderLedger::search(context.db, filter, page.keysetCondition(QStringLiteral("scheduledFor"), true),
                                        page.keysetBindings(true), page.limit);
    if (!found.ok())
        return ApiError::fromError(found.error());
    QStringList ids;
    for (const QJsonValue &item : found.value().items)
        ids << item[QStringLiteral("id")].toString();
    context.server->auditRead(context, QStringLiteral("reminder.ledger"), QStringLiteral("reminder"), QString(),
                              ids.join(QLatin1Char(',')));
    return Paging::answer(found.value().items, found.value().more, found.value().lastDue, found.value().lastId,
                          found.value().total);
}

// POST /api/admin/reminders/:id/retry
ApiResponse retry(ApiContext &context)
{
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        tx.audit({0, context.caller().id, QStringLiteral("reminder.retry"), QStringLiteral("reminder"),
                  context.pathArgs.value(0), context.remote(), QString()});
        return ReminderLedger::retry(tx, context.pathArgs.value(0));
    });
}

} // namespace

void ReminderController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/appointments/<arg>/reminders"), Access::User), &list);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/appointments/<arg>/reminders"), Access::User)
                   .field(QStringLiteral("channel"), Type::String, BodyField::Required)
                   .field(QStringLiteral("scheduledFor"), Type::Time, BodyField::Required),
               &add);
    routes.add(RouteSpec(Method::Delete, QStringLiteral("/api/appointments/<arg>/reminders/<arg>"), Access::User),
               &remove);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/appointments/<arg>/remind"), Access::User)
                   .field(QStringLiteral("channel"), Type::String, BodyField::Required),
               &remindNow);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/reminders"), Access::Admin)
                   .query({QStringLiteral("status"), QStringLiteral("channel"), QStringLiteral("from"),
                           QStringLiteral("to"), QStringLiteral("limit"), QStringLiteral("cursor")}),
               &ledger);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/admin/reminders/<arg>/retry"), Access::Admin), &retry);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/admin/reminder-schedules"), Access::Admin), &schedules);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/admin/reminder-schedules"), Access::Admin)
                   .field(QStringLiteral("schedules"), Type::Object, BodyField::Required),
               &setSchedules);
}

} // namespace Crm
