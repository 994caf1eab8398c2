#include "calendarmodel.h"

#include "domain/displaytime.h"
#include "store/cachereaderthread.h"
#include "store/logging.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>

namespace Crm {

CalendarModel::CalendarModel(QSqlDatabase db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(std::move(db))
{}

// A read under way ends first (m_reader's destructor); its answer, queued to this model, goes
// with it.
CalendarModel::~CalendarModel() = default;

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

CalendarModel::Read CalendarModel::readEntries(const QSqlDatabase &db,
                                               const QString &providerId,
                                               qint64 from,
                                               qint64 to)
{
    QElapsedTimer timer;
    timer.start();
    Read read;
    // A failed read leaves the range empty (the reader has logged why).
    Result<QList<AppointmentReader::Entry>> entries = AppointmentReader(db).inRange(providerId,
                                                                                    from,
                                                                                    to);
    read.ok = entries.ok();
    if (read.ok)
        read.entries = std::move(entries).value();
    read.ms = double(timer.nsecsElapsed()) / 1e6;
    return read;
}

bool CalendarModel::readsLarge(qint64 from, qint64 to) const
{
    if (m_lastReadSpan <= 0 || m_readerFailed)
        return false;
    const double scale = double(to - from) / double(m_lastReadSpan);
    const double rows = m_lastReadRows * scale;
    return rows > LargeReadRows || (rows > SlowReadMinRows && m_lastReadMs * scale > SlowReadMs);
}

void CalendarModel::noteRead(const Read &read, qint64 span)
{
    if (!read.ok || span <= 0)
        return;
    m_lastReadRows = int(read.entries.size());
    m_lastReadSpan = span;
    m_lastReadMs = read.ms;
}

bool CalendarModel::startReader()
{
    if (!m_reader && !m_readerFailed) {
        m_reader = CacheReaderThread::start(m_db, QStringLiteral("crm-calendar-reader"));
        m_readerFailed = !m_reader; // not a cache this process opened: read here
    }
    return bool(m_reader);
}

void CalendarModel::reload()
{
    const quint64 generation = ++m_generation;
    if (m_reader)
        m_reader->supersede(generation);
    const bool any = !m_providerId.isEmpty() && m_to > m_from;

    // The hours and time off behind the appointments: one small read, here.
    AppointmentReader::ProviderSchedule schedule;
    QList<TimeRange> open;
    QList<TimeRange> timeOff;
    if (any) {
        Result<AppointmentReader::ProviderSchedule> read = AppointmentReader(m_db).hours(
            m_providerId);
        if (read.ok()) {
            schedule = std::move(read).value();
            // openRanges gives whole windows of every date the range meets: clip them.
            const QList<TimeRange> windows = SlotCalculator::openRanges(schedule.availability,
                                                                        m_from,
                                                                        m_to);
            for (const TimeRange &range : windows) {
                if (range.start < m_to && range.end > m_from)
                    open.append({std::max(range.start, m_from), std::min(range.end, m_to)});
            }
            for (const Availability::TimeOff &off : std::as_const(schedule.availability.timeOff)) {
                if (off.start < m_to && off.end > m_from)
                    timeOff.append({std::max(off.start, m_from), std::min(off.end, m_to)});
            }
        }
    }

    const bool offThread = any && readsLarge(m_from, m_to) && startReader();
    Read read;
    if (any && !offThread) {
        read = readEntries(m_db, m_providerId, m_from, m_to);
        noteRead(read, m_to - m_from);
    }

    beginResetModel();
    m_schedule = std::move(schedule);
    m_open = std::move(open);
    m_timeOff = std::move(timeOff);
    if (offThread) {
        // Until the answer: the rows already here that still meet the range.
        if (m_entriesProviderId != m_providerId) {
            m_entries.clear();
        } else {
            m_entries.removeIf([this](const AppointmentReader::Entry &entry) {
                return entry.appointment.scheduledDate >= m_to || entry.appointment.end() <= m_from;
            });
        }
    } else {
        m_entries = std::move(read.entries);
        m_entriesProviderId = m_providerId;
    }
    m_loading = offThread;
    endResetModel();

    if (!offThread) {
        emit loaded();
        return;
    }
    const QString providerId = m_providerId;
    const qint64 from = m_from;
    const qint64 to = m_to;
    m_reader->post<Read>(
        generation,
        this,
        [providerId, from, to](const QSqlDatabase &db) {
            Read answer;
            if (db.isOpen())
                answer = readEntries(db, providerId, from, to);
            else
                answer.ms = -1; // no connection there: read on the GUI thread
            return answer;
        },
        [this, generation](const Read &answer) { finishRead(generation, answer); });
}

void CalendarModel::finishRead(quint64 generation, const Read &read)
{
    if (generation != m_generation)
        return; // stale: the user has moved on
    if (read.ms < 0) {
        m_readerFailed = true;
        reload();
        return;
    }
    noteRead(read, m_to - m_from);
    beginResetModel();
    m_entries = read.entries;
    m_entriesProviderId = m_providerId;
    m_loading = false;
    endResetModel();
    emit loaded();
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
