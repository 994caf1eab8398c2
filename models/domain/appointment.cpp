#include "appointment.h"

#include "wiretime.h"

#include <QJsonValue>
#include <QUrl>

namespace Crm {

QList<AppointmentType> AppointmentRules::types()
{
    return {AppointmentType::Consultation,
            AppointmentType::Enrollment,
            AppointmentType::PrimaryCare,
            AppointmentType::FollowUp};
}

QString AppointmentRules::toString(AppointmentType type)
{
    switch (type) {
    case AppointmentType::Consultation:
        return QStringLiteral("consultation");
    case AppointmentType::Enrollment:
        return QStringLiteral("enrollment");
    case AppointmentType::PrimaryCare:
        return QStringLiteral("primary_care");
    case AppointmentType::FollowUp:
        return QStringLiteral("follow_up");
    }
    return {};
}

std::optional<AppointmentType> AppointmentRules::typeFromString(const QString &text)
{
    for (AppointmentType type : types()) {
        if (toString(type) == text)
            return type;
    }
    return std::nullopt;
}

QString AppointmentRules::displayName(AppointmentType type)
{
    switch (type) {
    case AppointmentType::Consultation:
        return tr("Consultation");
    case AppointmentType::Enrollment:
        return tr("Enrollment");
    case AppointmentType::PrimaryCare:
        return tr("Primary care");
    case AppointmentType::FollowUp:
        return tr("Follow-up visit");
    }
    return {};
}

int AppointmentRules::defaultDuration(AppointmentType type)
{
    switch (type) {
    case AppointmentType::Consultation:
        return 30;
    case AppointmentType::Enrollment:
        return 45;
    case AppointmentType::PrimaryCare:
        return 30;
    case AppointmentType::FollowUp:
        return 15;
    }
    return DefaultDuration;
}

QList<AppointmentStatus> AppointmentRules::statuses()
{
    return {AppointmentStatus::Scheduled,
            AppointmentStatus::Confirmed,
            AppointmentStatus::Completed,
            AppointmentStatus::Cancelled,
            AppointmentStatus::NoShow};
}

QString AppointmentRules::toString(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Scheduled:
        return QStringLiteral("scheduled");
    case AppointmentStatus::Confirmed:
        return QStringLiteral("confirmed");
    case AppointmentStatus::Completed:
        return QStringLiteral("completed");
    case AppointmentStatus::Cancelled:
        return QStringLiteral("cancelled");
    case AppointmentStatus::NoShow:
        return QStringLiteral("no_show");
    }
    return {};
}

std::optional<AppointmentStatus> AppointmentRules::statusFromString(const QString &text)
{
    for (AppointmentStatus status : statuses()) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

QString AppointmentRules::displayName(AppointmentStatus status)
{
    switch (status) {
    case AppointmentStatus::Scheduled:
        return tr("Scheduled");
    case AppointmentStatus::Confirmed:
        return tr("Confirmed");
    case AppointmentStatus::Completed:
        return tr("Completed");
    case AppointmentStatus::Cancelled:
        return tr("Cancelled");
    case AppointmentStatus::NoShow:
        return tr("No-show");
    }
    return {};
}

bool AppointmentRules::isFinal(AppointmentStatus status)
{
    return status == AppointmentStatus::Completed || status == AppointmentStatus::Cancelled
           || status == AppointmentStatus::NoShow;
}

bool AppointmentRules::canTransition(AppointmentStatus from, AppointmentStatus to)
{
    if (from == to)
        return true;
    if (isFinal(from))
        return false;
    if (to == AppointmentStatus::Scheduled)
        return false; // a confirmation is not taken back
    // scheduled → confirmed and anything final; confirmed → anything final.
    return to != AppointmentStatus::Confirmed || from == AppointmentStatus::Scheduled;
}

QList<AppointmentStatus> AppointmentRules::allowedTransitions(AppointmentStatus from)
{
    QList<AppointmentStatus> result;
    for (AppointmentStatus to : statuses()) {
        if (to != from && canTransition(from, to))
            result.append(to);
    }
    return result;
}

bool AppointmentRules::isOutcome(AppointmentStatus status)
{
    return status == AppointmentStatus::Completed || status == AppointmentStatus::NoShow;
}

bool AppointmentRules::canTransitionAt(AppointmentStatus from,
                                       AppointmentStatus to,
                                       qint64 start,
                                       qint64 now)
{
    if (!canTransition(from, to))
        return false;
    return from == to || !isOutcome(to) || now >= start;
}

bool AppointmentRules::canReschedule(AppointmentStatus status)
{
    return status == AppointmentStatus::Scheduled || status == AppointmentStatus::Confirmed;
}

bool AppointmentRules::holdsTime(AppointmentStatus status)
{
    return status != AppointmentStatus::Cancelled;
}

const QStringList &AppointmentRules::editableFields()
{
    static const QStringList fields{QStringLiteral("scheduledDate"),
                                    QStringLiteral("duration"),
                                    QStringLiteral("status"),
                                    QStringLiteral("notes"),
                                    QStringLiteral("meetingLink")};
    return fields;
}

ValidationErrors AppointmentRules::validate(int durationMinutes,
                                            const QString &notes,
                                            const QString &meetingLink)
{
    ValidationErrors errors;
    if (durationMinutes < MinDuration || durationMinutes > MaxDuration)
        errors.add(QStringLiteral("duration"),
                   tr("The length must be between %1 and %2 minutes.").arg(MinDuration).arg(MaxDuration));
    if (notes.size() > MaxNotesLength)
        errors.add(QStringLiteral("notes"),
                   tr("Notes can be at most %1 characters.").arg(MaxNotesLength));
    if (!meetingLink.isEmpty()) {
        const QUrl url(meetingLink, QUrl::StrictMode);
        const bool web = url.isValid() && !url.host().isEmpty()
                         && (url.scheme() == QLatin1String("https")
                             || url.scheme() == QLatin1String("http"));
        if (meetingLink.size() > MaxMeetingLinkLength || !web)
            errors.add(QStringLiteral("meetingLink"),
                       tr("Enter the meeting's web address (https://…)."));
    }
    return errors;
}

namespace {

QJsonValue idOrNull(const QString &id)
{
    return id.isEmpty() ? QJsonValue() : QJsonValue(id);
}

} // namespace

QJsonObject Appointment::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("userId"), idOrNull(userId)},
            {QStringLiteral("leadId"), idOrNull(leadId)},
            {QStringLiteral("providerId"), providerId},
            {QStringLiteral("appointmentType"), AppointmentRules::toString(type)},
            {QStringLiteral("scheduledDate"), WireTime::toWire(scheduledDate)},
            {QStringLiteral("duration"), duration},
            {QStringLiteral("status"), AppointmentRules::toString(status)},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("meetingLink"), meetingLink},
            {QStringLiteral("reminderSent"), reminderSent},
            {QStringLiteral("createdAt"), WireTime::toWire(createdAt)},
            {QStringLiteral("updatedAt"), WireTime::toWire(updatedAt)},
            {QStringLiteral("version"), version}};
}

std::optional<Appointment> Appointment::fromJson(const QJsonObject &json)
{
    Appointment appointment;
    appointment.id = json.value(QStringLiteral("id")).toString();
    appointment.userId = json.value(QStringLiteral("userId")).toString();
    appointment.leadId = json.value(QStringLiteral("leadId")).toString();
    appointment.providerId = json.value(QStringLiteral("providerId")).toString();
    const auto type = AppointmentRules::typeFromString(
        json.value(QStringLiteral("appointmentType")).toString());
    const auto status = AppointmentRules::statusFromString(
        json.value(QStringLiteral("status")).toString());
    const auto start = WireTime::fromWire(json.value(QStringLiteral("scheduledDate")).toString());
    if (appointment.id.isEmpty() || appointment.providerId.isEmpty() || !type || !status || !start)
        return std::nullopt;
    appointment.type = *type;
    appointment.status = *status;
    appointment.scheduledDate = *start;
    appointment.duration = json.value(QStringLiteral("duration")).toInt(AppointmentRules::DefaultDuration);
    appointment.notes = json.value(QStringLiteral("notes")).toString();
    appointment.meetingLink = json.value(QStringLiteral("meetingLink")).toString();
    appointment.reminderSent = json.value(QStringLiteral("reminderSent")).toBool();
    appointment.createdAt = WireTime::fromWire(json.value(QStringLiteral("createdAt")).toString()).value_or(0);
    appointment.updatedAt = WireTime::fromWire(json.value(QStringLiteral("updatedAt")).toString()).value_or(0);
    appointment.version = json.value(QStringLiteral("version")).toInteger(1);
    return appointment;
}

} // namespace Crm
