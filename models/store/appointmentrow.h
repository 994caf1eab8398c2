#pragma once

#include "domain/appointment.h"

#include <QString>

QT_FORWARD_DECLARE_CLASS(QSqlQuery)

namespace Crm {

// An appointments row as both databases hold it (the server's table and the cache's share these
// columns, in this order): the column list and the reading of a row into an Appointment, in one
// place for the server's AppointmentService and the cache's AppointmentReader.
class AppointmentRow final
{
public:
    AppointmentRow() = delete;

    static constexpr int ColumnCount = 14;
    // "id, userId, leadId, providerId, appointmentType, scheduledDate, duration, status, notes,
    // meetingLink, reminderSent, createdAt, updatedAt, version", each prefixed with `alias.`
    // when one is given.
    static QString columns(const QString &alias = QString());
    // The row's columns from `offset` on, in columns()' order; NULL text reads as "".
    static Appointment read(const QSqlQuery &query, int offset = 0);
};

} // namespace Crm
