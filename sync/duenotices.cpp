#include "duenotices.h"

#include "domain/syncprotocol.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

DueNotices::DueNotices(QSqlDatabase db)
    : m_db(db)
    , m_state(db)
    , m_notices(db)
{}

Result<int> DueNotices::raise(qint64 now, int appointmentLeadMinutes)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cache_failed"), m_db.lastError().text()};
    QString error;
    auto fail = [&]() -> Result<int> {
        m_db.rollback();
        return Error{QStringLiteral("cache_failed"), error};
    };
    int raised = 0;
    const QString me = m_state.state(QStringLiteral("userId"));
    // Follow-ups on the leads assigned to me (a reassigned lead's follow-ups move with it),
    // due by now. Follow-ups more than a week overdue are old news, not a notice.
    QSqlQuery due(m_db);
    due.setForwardOnly(true);
    due.prepare(QStringLiteral(
        "SELECT f.id, f.dueAt, f.note, l.firstName || ' ' || l.lastName FROM follow_ups f"
        " JOIN leads l ON l.id = f.leadId WHERE f.done = 0 AND f.dueAt <= ? AND f.dueAt > ?"
        " AND (l.assignedAgentId = ? OR ? = '') ORDER BY f.dueAt"));
    due.addBindValue(now);
    due.addBindValue(now - 7 * 24 * 3600 * 1000LL);
    due.addBindValue(me);
    due.addBindValue(me);
    if (!due.exec()) {
        error = due.lastError().text();
        return fail();
    }
    QList<NotificationStore::NewNotice> notices;
    while (due.next()) {
        const QString note = due.value(2).toString();
        notices.append({QStringLiteral("follow_up_due"),
                        tr("Follow-up due: %1").arg(due.value(3).toString()),
                        note.isEmpty() ? tr("A follow-up you set is due now.") : note,
                        SyncProtocol::Entity::FollowUp,
                        due.value(0).toString(),
                        QStringLiteral("follow_up_due:%1:%2")
                            .arg(due.value(0).toString())
                            .arg(due.value(1).toLongLong())});
    }
    due.finish();
    QSqlQuery soon(m_db);
    soon.setForwardOnly(true);
    soon.prepare(QStringLiteral(
        "SELECT a.id, a.scheduledDate, a.appointmentType, coalesce(l.firstName || ' ' ||"
        " l.lastName, '') FROM appointments a LEFT JOIN leads l ON l.id = a.leadId"
        " WHERE a.deletedAt IS NULL AND a.status IN ('scheduled', 'confirmed')"
        " AND a.scheduledDate > ? AND a.scheduledDate <= ? AND (a.providerId = ? OR ? = '')"
        " ORDER BY a.scheduledDate"));
    soon.addBindValue(now);
    soon.addBindValue(now + qint64(appointmentLeadMinutes) * 60 * 1000);
    // My own appointments: an admin's cache holds every provider's.
    soon.addBindValue(me);
    soon.addBindValue(me);
    if (!soon.exec()) {
        error = soon.lastError().text();
        return fail();
    }
    while (soon.next()) {
        const qint64 at = soon.value(1).toLongLong();
        const int minutes = int((at - now + 59999) / 60000);
        const QString who = soon.value(3).toString().trimmed();
        notices.append(
            {QStringLiteral("appointment_soon"),
             who.isEmpty() ? tr("Appointment soon") : tr("Appointment soon: %1").arg(who),
             tr("Starts in %n minute(s).", nullptr, minutes),
             SyncProtocol::Entity::Appointment,
             soon.value(0).toString(),
             QStringLiteral("appointment_soon:%1:%2").arg(soon.value(0).toString()).arg(at)});
    }
    soon.finish();
    for (const NotificationStore::NewNotice &notice : std::as_const(notices)) {
        const Result<bool> added = m_notices.add(notice);
        if (!added.ok()) {
            error = added.error().message;
            return fail();
        }
        raised += added.value() ? 1 : 0;
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        return fail();
    }
    return raised;
}

} // namespace Crm
