#include "schedulingcontroller.h"

#include "domain/syncprotocol.h"
#include "domain/wiretime.h"
#include "http/apiserver.h"
#include "http/paging.h"
#include "http/routetable.h"
#include "http/writtenanswer.h"
#include "leads/leadrepository.h"
#include "scheduling/appointmentservice.h"
#include "scheduling/availabilitycache.h"
#include "scheduling/availabilitystore.h"
#include "scheduling/calendarfeed.h"
#include "scheduling/reminderledger.h"
#include "storage/writetransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace Crm {

namespace {

struct Words
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SchedulingController)
};

constexpr int MaxRangeDays = 62;

ApiError noSuchProvider()
{
    return ApiError::notFound(Words::tr("No such provider."));
}

// The provider the path names, when the caller may see their calendar: themselves, or anyone
// for an admin (404 otherwise: another agent's calendar is out of scope).
std::variant<AvailabilityStore::Provider, ApiError> pathProvider(ApiContext &context, const QString &id)
{
    const AuthUser &user = context.caller();
    if (!user.isAdmin() && id != user.id)
        return noSuchProvider();
    auto provider = AvailabilityStore::provider(context.db, id);
    if (!provider.ok())
        return ApiError::fromError(provider.error());
    if (!provider.value())
        return noSuchProvider();
    return *provider.value();
}

// A time of the query string: 400 naming it when it is not one.
std::variant<std::optional<qint64>, ApiError> queryTime(const ApiContext &context, const QString &key)
{
    const QString text = context.queryValue(key);
    if (text.isEmpty())
        return std::optional<qint64>();
    const std::optional<qint64> at = WireTime::fromWire(text);
    if (!at)
        return ApiError::badRequestField(key, Words::tr("%1 must be an ISO-8601 UTC time such as 2026-12-01T15:00:00Z.").arg(key));
    return at;
}

QJsonArray rangesJson(const QList<TimeRange> &ranges)
{
    QJsonArray list;
    for (const TimeRange &range : ranges) {
        list.append(QJsonObject{{QStringLiteral("start"), WireTime::toWire(range.start)},
                                {QStringLiteral("end"), WireTime::toWire(range.end)}});
    }
    return list;
}

// GET /api/providers/:id/availability
ApiResponse getAvailability(ApiContext &context)
{
    const auto provider = pathProvider(context, context.pathArgs.value(0));
    if (const auto *error = std::get_if<ApiError>(&provider))
        return *error;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto availability = AvailabilityStore::load(context.db, context.pathArgs.value(0), now);
    if (!availability.ok())
        return ApiError::fromError(availability.error());
    return availability.value().toJson();
}

// PUT /api/providers/:id/availability
ApiResponse putAvailability(ApiContext &context)
{
    const QString providerId = context.pathArgs.value(0);
    const auto provider = pathProvider(context, providerId);
    if (const auto *error = std::get_if<ApiError>(&provider))
        return *error;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto current = AvailabilityStore::load(tx.db(), providerId, now);
        if (!current.ok())
            return current.error();
        const Result<Availability> wanted = Availability::fromJson(context.body.object(), current.value());
        if (!wanted.ok())
            return wanted.error();
        auto saved = AvailabilityStore::save(tx, providerId, wanted.value());
        if (!saved.ok())
            return saved.error();
        tx.audit({now, context.caller().id, QStringLiteral("availability.update"),
                  QStringLiteral("provider"), providerId, context.remote(), QString()});
        Availability answer = saved.value();
        answer.timeOff = current.value().timeOff;
        return answer.toJson();
    });
}

// POST /api/providers/:id/time-off
ApiResponse addTimeOff(ApiContext &context)
{
    const QString providerId = context.pathArgs.value(0);
    const auto provider = pathProvider(context, providerId);
    if (const auto *error = std::get_if<ApiError>(&provider))
        return *error;
    Availability::TimeOff entry;
    entry.start = *context.body.time("start");
    entry.end = *context.body.time("end");
    entry.reason = context.body.text("reason").trimmed();
    if (const ValidationErrors invalid = Availability::validateTimeOff(entry); !invalid.isEmpty())
        return ApiError::validation(invalid);
    return writtenAnswer(context, 201, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto added = AvailabilityStore::addTimeOff(tx, providerId, entry);
        if (!added.ok())
            return added.error();
        tx.audit({0, context.caller().id, QStringLiteral("time_off.create"), QStringLiteral("time_off"),
                  added.value().id, context.remote(), QStringLiteral("provider ") + providerId});
        return Availability::timeOffJson(added.value());
    });
}

// DELETE /api/providers/:id/time-off/:timeOffId
ApiResponse removeTimeOff(ApiContext &context)
{
    const QString providerId = context.pathArgs.value(0);
    const auto provider = pathProvider(context, providerId);
    if (const auto *error = std::get_if<ApiError>(&provider))
        return *error;
    const ApiResponse answer = writtenAnswer(context, 204, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto removed = AvailabilityStore::removeTimeOff(tx, providerId, context.pathArgs.value(1));
        if (!removed.ok())
            return removed.error();
        if (!removed.value())
            return Error{QStringLiteral("not_found"), Words::tr("No such time off."), {}, {}};
        tx.audit({0, context.caller().id, QStringLiteral("time_off.delete"), QStringLiteral("time_off"),
                  context.pathArgs.value(1), context.remote(), QStringLiteral("provider ") + providerId});
        return QJsonObject();
    });
    return answer.status == 204 ? ApiResponse::noContent() : answer;
}

// GET /api/appointments/availability?providerId=&from=&to=&duration=
ApiResponse freeSlots(ApiContext &context)
{
    QString providerId = context.queryValue(QStringLiteral("providerId"));
    if (providerId.isEmpty())
        providerId = context.caller().id;
    const auto provider = pathProvider(context, providerId);
    if (const auto *error = std::get_if<ApiError>(&provider))
        return *error;
    const auto from = queryTime(context, QStringLiteral("from"));
    if (const auto *error = std::get_if<ApiError>(&from))
        return *error;
    const auto to = queryTime(context, QStringLiteral("to"));
    if (const auto *error = std::get_if<ApiError>(&to))
        return *error;
    const std::optional<qint64> start = std::get<std::optional<qint64>>(from);
    const std::optional<qint64> end = std::get<std::optional<qint64>>(to);
    if (!start)
        return ApiError::validationField(QStringLiteral("from"), Words::tr("Say from when to look."));
    if (!end)
        return ApiError::validationField(QStringLiteral("to"), Words::tr("Say until when to look."));
    if (*end <= *start)
        return ApiError::validationField(QStringLiteral("to"), Words::tr("The end must come after the start."));
    if (*end - *start > MaxRangeDays * SlotCalculator::Day)
        return ApiError::validationField(QStringLiteral("to"),
                                         Words::tr("Ask for at most %1 days at a time.").arg(MaxRangeDays));
    int duration = AppointmentRules::DefaultDuration;
    const QString durationText = context.queryValue(QStringLiteral("duration"));
    if (!durationText.isEmpty()) {
        bool ok = false;
        duration = durationText.toInt(&ok);
        if (!ok)
            return ApiError::badRequestField(QStringLiteral("duration"), Words::tr("duration must be a number of minutes."));
        if (duration < AppointmentRules::MinDuration || duration > AppointmentRules::MaxDuration)
            return ApiError::validationField(QStringLiteral("duration"),
                                             Words::tr("The length must be between %1 and %2 minutes.")
                                                 .arg(AppointmentRules::MinDuration)
                                                 .arg(AppointmentRules::MaxDuration));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto inputs = context.server->availabilityCache().inputs(context.db, providerId, now);
    if (!inputs.ok())
        return ApiError::fromError(inputs.error());
    const QList<TimeRange> found = SlotCalculator::freeSlots(inputs.value()->availability,
                                                             inputs.value()->busy,
                                                             {*start, *end, duration, now});
    return QJsonObject{{QStringLiteral("providerId"), providerId},
                       {QStringLiteral("timeZone"), inputs.value()->availability.timeZone},
                       {QStringLiteral("slots"), rangesJson(found)}};
}

// POST /api/appointments
ApiResponse book(ApiContext &context)
{
    AppointmentService::Booking booking;
    booking.id = context.body.text("id");
    booking.providerId = context.body.text("providerId");
    booking.leadId = context.body.text("leadId");
    booking.userId = context.body.text("userId");
    const auto type = AppointmentRules::typeFromString(context.body.text("appointmentType"));
    if (!type)
        return ApiError::badRequestField(QStringLiteral("appointmentType"),
                          Words::tr("appointmentType must be consultation, enrollment, primary_care or follow_up."));
    booking.type = *type;
    booking.start = *context.body.time("scheduledDate");
    booking.duration = int(std::clamp<qint64>(context.body.integer("duration").value_or(AppointmentRules::DefaultDuration), -1, 100000));
    booking.notes = context.body.text("notes");
    booking.meetingLink = context.body.text("meetingLink").trimmed();
    booking.override = context.body.boolean("override").value_or(false);
    return writtenAnswer(context, 201, [&](WriteTransaction &tx) {
        return AppointmentService::bookIn(tx, context.caller(), booking, context.remote());
    });
}

// PUT /api/appointments/:id
ApiResponse update(ApiContext &context)
{
    AppointmentService::Change change;
    change.start = context.body.time("scheduledDate");
    if (const auto duration = context.body.integer("duration"))
        change.duration = int(std::clamp<qint64>(*duration, -1, 100000));
    if (const auto status = context.body.string("status")) {
        change.status = AppointmentRules::statusFromString(*status);
        if (!change.status)
            return ApiError::badRequestField(QStringLiteral("status"),
                              Words::tr("status must be scheduled, confirmed, completed, cancelled or no_show."));
    }
    if (context.body.has("notes"))
        change.notes = context.body.text("notes");
    if (context.body.has("meetingLink"))
        change.meetingLink = context.body.text("meetingLink").trimmed();
    change.override = context.body.boolean("override").value_or(false);
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) {
        return AppointmentService::updateIn(tx, context.caller(), context.pathArgs.value(0), change,
                                            context.body.integer("baseVersion"), context.remote());
    });
}

} // namespace

std::variant<Appointment, ApiError> SchedulingController::visibleAppointment(ApiContext &context, const QString &action)
{
    const QString id = context.pathArgs.value(0);
    auto found = AppointmentService::findVisible(context.db, context.caller(), id);
    if (!found.ok())
        return ApiError::fromError(found.error());
    context.server->auditRead(context, action, QStringLiteral("appointment"), id,
                              found.value() ? QString() : QStringLiteral("not found"));
    if (!found.value())
        return ApiError::notFound(Words::tr("No such appointment."));
    return *found.value();
}

namespace {

// GET /api/appointments/:id
ApiResponse get(ApiContext &context)
{
    const auto found = SchedulingController::visibleAppointment(context, QStringLiteral("appointment.read"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    return std::get<Appointment>(found).toJson();
}

// GET /api/agent/appointments?from=&to=&status=&providerId=
ApiResponse list(ApiContext &context)
{
    auto paging = Paging::fromQuery(context.query);
    if (auto *error = std::get_if<ApiError>(&paging))
        return *error;
    const Paging &page = std::get<Paging>(paging);
    const AuthUser &user = context.caller();
    QString filter = QStringLiteral("deletedAt IS NULL");
    QVariantList bindings;
    const QString providerId = context.queryValue(QStringLiteral("providerId"));
    if (!providerId.isEmpty() && providerId != user.id && !user.isAdmin())
        return ApiError::forbidden(Words::tr("Only an admin may list another provider's appointments."));
    // The caller's own calendar; an admin names another provider's with providerId.
    filter += QStringLiteral(" AND providerId = ?");
    bindings << (providerId.isEmpty() ? user.id : providerId);
    for (const auto &[key, condition] : {std::pair{QStringLiteral("from"), QStringLiteral(" AND scheduledDate >= ?")},
                                         std::pair{QStringLiteral("to"), QStringLiteral(" AND scheduledDate < ?")}}) {
        const auto at = queryTime(context, key);
        if (const auto *error = std::get_if<ApiError>(&at))
            return *error;
        if (const std::optional<qint64> value = std::get<std::optional<qint64>>(at)) {
            filter += condition;
            bindings << *value;
        }
    }
    const QString status = context.queryValue(QStringLiteral("status"));
    if (!status.isEmpty()) {
        if (!AppointmentRules::statusFromString(status))
            return ApiError::badRequestField(QStringLiteral("status"),
                              Words::tr("status must be scheduled, confirmed, completed, cancelled or no_show."));
        filter += QStringLiteral(" AND status = ?");
        bindings << status;
    }

    QSqlQuery count(context.db);
    count.prepare(QStringLiteral("SELECT count(*) FROM appointments WHERE ") + filter);
    for (const QVariant &value : std::as_const(bindings))
        count.addBindValue(value);
    if (!count.exec() || !count.next())
        return ApiError::internal(count.lastError().text());
    const qint64 total = count.value(0).toLongLong();

    QSqlQuery query(context.db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id FROM appointments WHERE ") + filter
                  + page.keysetCondition(QStringLiteral("scheduledDate"), false)
                  + QStringLiteral(" ORDER BY scheduledDate, id LIMIT %1").arg(page.limit + 1));
    for (const QVariant &value : bindings + page.keysetBindings(true))
        query.addBindValue(value);
    if (!query.exec())
        return ApiError::internal(query.lastError().text());
    QStringList ids;
    bool more = false;
    while (query.next()) {
        if (ids.size() == page.limit) {
            more = true;
            break;
        }
        ids << query.value(0).toString();
    }
    QJsonArray items;
    qint64 lastStart = 0;
    for (const QString &id : std::as_const(ids)) {
        auto found = AppointmentService::findVisible(context.db, user, id);
        if (!found.ok())
            return ApiError::fromError(found.error());
        if (found.value()) {
            items.append(found.value()->toJson());
            lastStart = found.value()->scheduledDate;
        }
    }
    context.server->auditRead(context, QStringLiteral("appointment.list"), QStringLiteral("appointment"),
                              QString(), ids.join(QLatin1Char(',')));
    return Paging::answer(items, more, lastStart, ids.isEmpty() ? QString() : ids.last(), total);
}

// GET /api/appointments/:id/ics
ApiResponse oneIcs(ApiContext &context)
{
    const auto found = SchedulingController::visibleAppointment(context, QStringLiteral("appointment.export"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    ApiResponse answer = ApiResponse::raw(CalendarFeed::single(std::get<Appointment>(found)),
                                          QByteArrayLiteral("text/calendar; charset=utf-8"));
    answer.headers.append({QByteArrayLiteral("Content-Disposition"),
                           QByteArrayLiteral("attachment; filename=\"appointment.ics\"")});
    return answer;
}

// GET /api/agent/calendar.ics?token=: public, because calendar apps subscribe with a URL and
// send no header; the feed token (POST /api/agent/calendar-token) says whose it is. The last
// 90 days and everything ahead, cancellations included (marked, so subscribers drop them).
ApiResponse feed(ApiContext &context)
{
    auto owner = AvailabilityStore::feedOwner(context.db, context.queryValue(QStringLiteral("token")));
    if (!owner.ok())
        return ApiError::fromError(owner.error());
    if (!owner.value())
        return ApiError::unauthorized(Words::tr("This calendar link is not valid (any more); copy the "
                                                "current one from Agent CRM."));
    const QString userId = *owner.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto appointments = AppointmentService::ofProvider(context.db, userId, now - 90 * SlotCalculator::Day,
                                                       std::numeric_limits<qint64>::max() / 2);
    if (!appointments.ok())
        return ApiError::fromError(appointments.error());
    QStringList ids;
    for (const Appointment &appointment : appointments.value())
        ids << appointment.id;
    context.user = AuthUser{userId, {}, {}, {}, {}};
    context.server->auditRead(context, QStringLiteral("calendar.feed"), QStringLiteral("appointment"),
                              QString(), QStringLiteral("%1 appointments").arg(ids.size()));
    return ApiResponse::raw(CalendarFeed::build(appointments.value(), QStringLiteral("Agent CRM")),
                            QByteArrayLiteral("text/calendar; charset=utf-8"));
}

// POST /api/agent/calendar-token
ApiResponse rotateFeedToken(ApiContext &context)
{
    return writtenAnswer(context, 200, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto token = AvailabilityStore::rotateFeedToken(tx, context.caller().id);
        if (!token.ok())
            return token.error();
        tx.audit({0, context.caller().id, QStringLiteral("calendar_token.rotate"), QStringLiteral("user"),
                  context.caller().id, context.remote(), QString()});
        return QJsonObject{{QStringLiteral("token"), token.value()}};
    });
}

} // namespace

void SchedulingController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;

    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/providers/<arg>/availability"), Access::User),
               &getAvailability);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/providers/<arg>/availability"), Access::User)
                   .field(QStringLiteral("timeZone"), Type::String)
                   .field(QStringLiteral("bufferMinutes"), Type::Integer)
                   .field(QStringLiteral("minNoticeMinutes"), Type::Integer)
                   .field(QStringLiteral("maxDaysAhead"), Type::Integer)
                   .field(QStringLiteral("weekly"), Type::Array)
                   .field(QStringLiteral("overrides"), Type::Array)
                   .field(QStringLiteral("timeOff"), Type::Array, BodyField::Nullable),
               &putAvailability);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/providers/<arg>/time-off"), Access::User)
                   .field(QStringLiteral("start"), Type::Time, BodyField::Required)
                   .field(QStringLiteral("end"), Type::Time, BodyField::Required)
                   .field(QStringLiteral("reason"), Type::String, BodyField::Nullable),
               &addTimeOff);
    routes.add(RouteSpec(Method::Delete, QStringLiteral("/api/providers/<arg>/time-off/<arg>"), Access::User),
               &removeTimeOff);
    // Before /api/appointments/<arg>, which would take "availability" for an id.
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/appointments/availability"), Access::User)
                   .query({QStringLiteral("providerId"), QStringLiteral("from"), QStringLiteral("to"),
                           QStringLiteral("duration")}),
               &freeSlots);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/appointments"), Access::User)
                   .field(QStringLiteral("id"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("providerId"), Type::String, BodyField::Required)
                   .field(QStringLiteral("leadId"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("userId"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("appointmentType"), Type::String, BodyField::Required)
                   .field(QStringLiteral("scheduledDate"), Type::Time, BodyField::Required)
                   .field(QStringLiteral("duration"), Type::Integer)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("meetingLink"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("override"), Type::Boolean),
               &book);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/appointments"), Access::User)
                   .query({QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("status"),
                           QStringLiteral("providerId"), QStringLiteral("limit"), QStringLiteral("cursor")}),
               &list);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/appointments/<arg>/ics"), Access::User), &oneIcs);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/appointments/<arg>"), Access::User), &get);
    routes.add(RouteSpec(Method::Put, QStringLiteral("/api/appointments/<arg>"), Access::User)
                   .field(QStringLiteral("scheduledDate"), Type::Time)
                   .field(QStringLiteral("duration"), Type::Integer)
                   .field(QStringLiteral("status"), Type::String)
                   .field(QStringLiteral("notes"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("meetingLink"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("baseVersion"), Type::Integer)
                   .field(QStringLiteral("override"), Type::Boolean),
               &update);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/agent/calendar-token"), Access::User),
               &rotateFeedToken);
    routes.add(RouteSpec(Method::Get, QStringLiteral("/api/agent/calendar.ics"), Access::Public)
                   .query({QStringLiteral("token")}),
               &feed);
}

} // namespace Crm
