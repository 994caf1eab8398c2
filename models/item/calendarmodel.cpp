#include "calendarmodel.h"

#include "domain/displaytime.h"
#include "store/logging.h"

#include <QDateTime>

#include <algorithm>

namespace Crm {

CalendarModel::CalendarModel(QSqlDatabase db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(std::move(db))
{}

void CalendarModel::setProviderId(const QString &providerId)
{
    m_providerId = providerId;
    reload();
}

void CalendarModel::setRange(qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(from, to);
    reload();
}

void CalendarModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_open.clear();
    m_timeOff.clear();
    m_schedule = {};
    if (!m_providerId.isEmpty() && m_to > m_from) {
        const AppointmentReader reader(m_db);
        // A failed read leaves the range empty (the reader has logged why).
        Result<QList<AppointmentReader::Entry>> entries = reader.inRange(m_providerId, m_from, m_to);
        if (entries.ok())
            m_entries = std::move(entries).value();
        Result<AppointmentReader::ProviderSchedule> schedule = reader.schedule(m_providerId,
                                                                               m_from,
                                                                               m_to);
        if (schedule.ok()) {
            m_schedule = std::move(schedule).value();
            // openRanges gives whole windows of every date the range meets: clip them.
            const QList<TimeRange> open = SlotCalculator::openRanges(m_schedule.availability,
                                                                     m_from,
                                                                     m_to);
            for (const TimeRange &range : open) {
                if (range.start < m_to && range.end > m_from)
                    m_open.append({std::max(range.start, m_from), std::min(range.end, m_to)});
            }
            for (const Availability::TimeOff &off : std::as_const(m_schedule.availability.timeOff)) {
                if (off.start < m_to && off.end > m_from)
                    m_timeOff.append({std::max(off.start, m_from), std::min(off.end, m_to)});
            }
        }
    }
    endResetModel();
}

int CalendarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant CalendarModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppointmentReader::Entry &entry = m_entries.at(index.row());
    const Appointment &appointment = entry.appointment;
    switch (role) {
    case Qt::DisplayRole:
        return entry.leadName.isEmpty() ? AppointmentRules::displayName(appointment.type)
                                        : entry.leadName;
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return describe(entry);
    case IdRole:
        return appointment.id;
    case StartRole:
        return appointment.scheduledDate;
    case EndRole:
        return appointment.end();
    case DurationRole:
        return appointment.duration;
    case TypeRole:
        return AppointmentRules::toString(appointment.type);
    case StatusRole:
        return AppointmentRules::toString(appointment.status);
    case PendingRole:
        return entry.pending;
    case LeadIdRole:
        return appointment.leadId;
    case LeadNameRole:
        return entry.leadName;
    case NotesRole:
        return appointment.notes;
    case MeetingLinkRole:
        return appointment.meetingLink;
    case CanRescheduleRole:
        return AppointmentRules::canReschedule(appointment.status);
    default:
        return {};
    }
}

QHash<int, QByteArray> CalendarModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(StartRole, "start");
    names.insert(EndRole, "end");
    names.insert(DurationRole, "duration");
    names.insert(TypeRole, "type");
    names.insert(StatusRole, "status");
    names.insert(PendingRole, "pending");
    names.insert(LeadIdRole, "leadId");
    names.insert(LeadNameRole, "leadName");
    names.insert(NotesRole, "notes");
    names.insert(MeetingLinkRole, "meetingLink");
    names.insert(CanRescheduleRole, "canReschedule");
    return names;
}

int CalendarModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).appointment.id == id)
            return row;
    }
    return -1;
}

QList<TimeRange> CalendarModel::freeSlots(qint64 from,
                                          qint64 to,
                                          int durationMinutes,
                                          const QString &exceptId) const
{
    if (m_providerId.isEmpty())
        return {};
    const Result<AppointmentReader::ProviderSchedule> schedule
        = AppointmentReader(m_db).schedule(m_providerId, from, to, exceptId);
    if (!schedule.ok())
        return {};
    SlotCalculator::Query query;
    query.from = from;
    query.to = to;
    query.durationMinutes = durationMinutes;
    query.now = now();
    return SlotCalculator::freeSlots(schedule.value().availability, schedule.value().busy, query);
}

QString CalendarModel::describe(const AppointmentReader::Entry &entry)
{
    const Appointment &appointment = entry.appointment;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(appointment.end());
    QStringList parts;
    parts << tr("%1, %2–%3")
                 .arg(DisplayTime::date(start.date()),
                      DisplayTime::time(start.time()),
                      DisplayTime::time(end.time()));
    parts << AppointmentRules::displayName(appointment.type);
    if (!entry.leadName.isEmpty())
        parts << entry.leadName;
    parts << AppointmentRules::displayName(appointment.status);
    if (entry.pending)
        parts << tr("to be confirmed");
    QString text = parts.join(QStringLiteral(" · "));
    if (!appointment.notes.isEmpty())
        text += QLatin1Char('\n') + appointment.notes;
    return text;
}

} // namespace Crm
