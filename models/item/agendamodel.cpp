#include "agendamodel.h"

#include "domain/displaytime.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Crm {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;

qint64 roundedMinutes(qint64 ms)
{
    return std::llround(double(ms) / double(MinuteMs));
}

} // namespace

AgendaModel::AgendaModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(std::move(db))
{}

void AgendaModel::setProviderId(const QString &providerId)
{
    m_providerId = providerId;
    reload();
}

qint64 AgendaModel::todayStart() const
{
    return QDateTime::fromMSecsSinceEpoch(now()).date().startOfDay().toMSecsSinceEpoch();
}

qint64 AgendaModel::horizon() const
{
    return QDateTime::fromMSecsSinceEpoch(now()).date().addDays(2).startOfDay().toMSecsSinceEpoch();
}

void AgendaModel::reload()
{
    QList<AppointmentReader::Entry> entries;
    const qint64 at = now();
    if (!m_providerId.isEmpty()) {
        // A failed read shows no rows (the reader has logged why).
        Result<QList<AppointmentReader::Entry>> read
            = AppointmentReader(m_db).upcoming(m_providerId, at, horizon(), RowLimit, todayStart());
        if (read.ok())
            entries = std::move(read).value();
    }
    bool sameRows = entries.size() == m_entries.size();
    for (qsizetype row = 0; sameRows && row < entries.size(); ++row)
        sameRows = entries.at(row).appointment.id == m_entries.at(row).appointment.id;
    if (sameRows) {
        m_entries = std::move(entries);
        m_readAt = at;
        if (!m_entries.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = std::move(entries);
    m_readAt = at;
    endResetModel();
}

int AgendaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AgendaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AgendaModel::dayText(qint64 start) const
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(start).date();
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_readAt).date();
    if (day == today)
        return {};
    if (day == today.addDays(1))
        return tr("Tomorrow");
    return DisplayTime::date(day);
}

QVariant AgendaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppointmentReader::Entry &entry = m_entries.at(index.row());
    const Appointment &appointment = entry.appointment;
    const QString startTime = DisplayTime::time(
        QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate).time());
    const QString day = dayText(appointment.scheduledDate);
    const QString lead = entry.leadName.isEmpty() ? tr("No lead") : entry.leadName;
    const QString status = entry.pending
                               ? tr("%1, to be confirmed")
                                     .arg(AppointmentRules::displayName(appointment.status))
                               : AppointmentRules::displayName(appointment.status);
    const QString until = timeUntil(appointment.scheduledDate, appointment.end(), m_readAt);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return day.isEmpty() ? startTime : tr("%1 %2", "day, then time").arg(day, startTime);
        case Lead:
            return lead;
        case Type:
            return AppointmentRules::displayName(appointment.type);
        case Status:
            return status;
        case Until:
            return until;
        default:
            return {};
        }
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        const QString end = DisplayTime::time(
            QDateTime::fromMSecsSinceEpoch(appointment.end()).time());
        const QString when = day.isEmpty() ? tr("%1–%2").arg(startTime, end)
                                           : tr("%1, %2–%3").arg(day, startTime, end);
        return QStringList{when, lead, AppointmentRules::displayName(appointment.type), status, until}
            .join(QStringLiteral(" · "));
    }
    case IdRole:
        return appointment.id;
    case StartRole:
        return appointment.scheduledDate;
    case EndRole:
        return appointment.end();
    case LeadIdRole:
        return appointment.leadId;
    case StatusRole:
        return AppointmentRules::toString(appointment.status);
    case PendingRole:
        return entry.pending;
    case StartTimeRole:
        return startTime;
    case DayRole:
        return day;
    case UnderwayRole:
        return appointment.scheduledDate <= m_readAt && m_readAt < appointment.end();
    case CanCompleteRole:
        return canMove(index.row(), AppointmentStatus::Completed);
    case CanNoShowRole:
        return canMove(index.row(), AppointmentStatus::NoShow);
    default:
        return {};
    }
}

QVariant AgendaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Lead:
        return tr("Lead");
    case Type:
        return tr("Type");
    case Status:
        return tr("Status");
    case Until:
        return tr("Starts");
    default:
        return {};
    }
}

int AgendaModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).appointment.id == id)
            return row;
    }
    return -1;
}

bool AgendaModel::canMove(int row, AppointmentStatus to) const
{
    if (row < 0 || row >= m_entries.size())
        return false;
    const Appointment &appointment = m_entries.at(row).appointment;
    return appointment.status != to
           && AppointmentRules::canTransitionAt(appointment.status,
                                                to,
                                                appointment.scheduledDate,
                                                now());
}

int AgendaModel::todayCount() const
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_readAt).date();
    int count = 0;
    for (const AppointmentReader::Entry &entry : m_entries) {
        if (QDateTime::fromMSecsSinceEpoch(entry.appointment.scheduledDate).date() == today)
            ++count;
    }
    return count;
}

QString AgendaModel::minutesText(qint64 minutes)
{
    const QLocale locale;
    if (minutes < 60)
        return tr("%1 min").arg(locale.toString(minutes));
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    return rest == 0 ? tr("%1 h").arg(locale.toString(hours))
                     : tr("%1 h %2 min").arg(locale.toString(hours), locale.toString(rest));
}

QString AgendaModel::timeUntil(qint64 start, qint64 end, qint64 now)
{
    if (end <= now)
        return tr("ended %1 ago").arg(minutesText(std::max<qint64>(1, roundedMinutes(now - end))));
    const qint64 minutes = roundedMinutes(start - now);
    if (minutes == 0)
        return tr("now");
    if (minutes > 0)
        return tr("in %1").arg(minutesText(minutes));
    return tr("started %1 ago").arg(minutesText(-minutes));
}

} // namespace Crm
