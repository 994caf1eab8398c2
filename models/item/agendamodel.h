#pragma once

#include "store/appointmentreader.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSqlDatabase>

#include <functional>

namespace Crm {

// The signed-in provider's agenda for the lead dashboard's "Today" panel: what is still to
// come today and tomorrow (at most RowLimit), plus today's meetings that are over but still
// wait for their outcome, with the time until each starts ("in 25 min", "now", "started 5 min
// ago"). A handful of rows, read from the cache on demand; reload() each minute keeps the
// times true and keeps the rows (and the selection) when the same appointments remain.
class AgendaModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Lead, Type, Status, Until, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StartRole, // epoch ms: the raw value behind Time (and the order)
        EndRole,   // epoch ms
        LeadIdRole,
        StatusRole,      // scheduled, confirmed, completed, no_show
        PendingRole,     // changed here, not yet accepted by the server
        StartTimeRole,   // "9:30": the start alone, in the user's language
        DayRole,         // "" for today, "Tomorrow", or the date further off
        UnderwayRole,    // started and not over
        CanCompleteRole, // the status machine offers "completed" now
        CanNoShowRole,   // ... and "no-show"
    };

    static constexpr int RowLimit = 10;

    explicit AgendaModel(QSqlDatabase db, QObject *parent = nullptr);

    // Whose agenda (the signed-in user's); reloads.
    void setProviderId(const QString &providerId);
    QString providerId() const { return m_providerId; }
    // Reads the rows again at now(). When the same appointments remain, in the same order,
    // the rows stay and only their data changes (a view keeps its selection).
    void reload();

    // The clock behind "now"; tests and screenshots pin it.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    // The instants the agenda covers: [now, the end of tomorrow), and today's outcomes from
    // the start of today; in the user's zone.
    qint64 todayStart() const;
    qint64 horizon() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const AppointmentReader::Entry &entryAt(int row) const { return m_entries.at(row); }
    int rowOf(const QString &id) const;
    // Whether the status machine offers the move for the row's appointment at now().
    bool canMove(int row, AppointmentStatus to) const;
    // How many rows start today (the rest are tomorrow's).
    int todayCount() const;

    // "in 25 min", "in 1 h 5 min", "now", "started 5 min ago", "ended 10 min ago": the time
    // until an appointment of [start, end) starts, at `now`, in the user's language (to the
    // nearest minute).
    static QString timeUntil(qint64 start, qint64 end, qint64 now);
    // "25 min", "1 h", "1 h 5 min".
    static QString minutesText(qint64 minutes);

private:
    QString dayText(qint64 start) const;

    QSqlDatabase m_db;
    QString m_providerId;
    QList<AppointmentReader::Entry> m_entries;
    qint64 m_readAt = 0; // now() at the last reload: what the rows' texts say
    Clock m_clock = &QDateTime::currentMSecsSinceEpoch;
};

} // namespace Crm
