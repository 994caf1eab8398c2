#include "appointmentrow.h"

#include <QSqlQuery>
#include <QStringList>

namespace Crm {

QString AppointmentRow::columns(const QString &alias)
{
    static const QStringList names{QStringLiteral("id"), QStringLiteral("userId"), QStringLiteral("leadId"),
                                   QStringLiteral("providerId"), QStringLiteral("appointmentType"),
                                   QStringLiteral("scheduledDate"), QStringLiteral("duration"),
                                   QStringLiteral("status"), QStringLiteral("notes"), QStringLiteral("meetingLink"),
                                   QStringLiteral("reminderSent"), QStringLiteral("createdAt"),
                                   QStringLiteral("updatedAt"), QStringLiteral("version")};
    if (alias.isEmpty())
        return names.join(QStringLiteral(", "));
    QStringList prefixed;
    for (const QString &name : names)
        prefixed << alias + QLatin1Char('.') + name;
    return prefixed.join(QStringLiteral(", "));
}

Appointment AppointmentRow::read(const QSqlQuery &query, int offset)
{
    Appointment appointment;
    appointment.id = query.value(offset + 0).toString();
    appointment.userId = query.value(offset + 1).toString();
    appointment.leadId = query.value(offset + 2).toString();
    appointment.providerId = query.value(offset + 3).toString();
    appointment.type = AppointmentRules::typeFromString(query.value(offset + 4).toString())
                           .value_or(AppointmentType::Consultation);
    appointment.scheduledDate = query.value(offset + 5).toLongLong();
    appointment.duration = query.value(offset + 6).toInt();
    appointment.status = AppointmentRules::statusFromString(query.value(offset + 7).toString())
                             .value_or(AppointmentStatus::Scheduled);
    appointment.notes = query.value(offset + 8).toString();
    appointment.meetingLink = query.value(offset + 9).toString();
    appointment.reminderSent = query.value(offset + 10).toLongLong() != 0;
    appointment.createdAt = query.value(offset + 11).toLongLong();
    appointment.updatedAt = query.value(offset + 12).toLongLong();
    appointment.version = query.value(offset + 13).toLongLong();
    return appointment;
}

} // namespace Crm
