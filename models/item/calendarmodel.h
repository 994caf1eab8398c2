#pragma once

#include "store/appointmentreader.h"

#include <QAbstractListModel>
#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>

#include <functional>
#include <memory>


namespace Crm {

class CacheReaderThread;

// A provider's appointments in the visible range of the calendar, as the cache holds them
// (cancelled ones too, in start order), with what the views shade behind them: the
// provider's open hours and time off over the same range. Reloaded on demand (a new week, a
// sync that changed the cache, an edit made here); the views ask it and draw the answer.
//
// A large range (by the previous read: more than LargeReadRows appointments expected, or a
// read of more than SlowReadMs with more than SlowReadMinRows) is read off the GUI thread, on
// a connection of the model's own reader thread: the hours and time off come at once, the
// rows that still fall in the new range stay, and the appointments follow (a model reset and
// loaded()). An answer for a range or provider asked for before the latest is dropped. Small
// reads (a week of a busy provider) stay synchronous.
class CalendarModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr int LargeReadRows = 600;
    static constexpr double SlowReadMs = 10;
    static constexpr int SlowReadMinRows = 300;

    enum Role {
        IdRole = Qt::UserRole + 1,
        StartRole,    // epoch ms
        EndRole,      // epoch ms
        DurationRole, // minutes
        TypeRole,     // consultation, enrollment, primary_care, follow_up
        StatusRole,   // scheduled, confirmed, completed, cancelled, no_show
        PendingRole,  // made here, not yet accepted by the server
        LeadIdRole,
        LeadNameRole,
        NotesRole,
        MeetingLinkRole,
        CanRescheduleRole, // the status machine lets it move in time
    };

    explicit CalendarModel(QSqlDatabase db, QObject *parent = nullptr);
    ~CalendarModel() override;

    // Whose calendar, and the instants it shows, [from, to). Each reloads.
    void setProviderId(const QString &providerId);
    QString providerId() const { return m_providerId; }
    void setRange(qint64 from, qint64 to);
    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }
    void reload();
    // A read off the GUI thread is under way: the rows are not yet all of the range's.
    bool isLoading() const { return m_loading; }

    // The clock behind "now" (the free slots' notice, the views' now line and today); tests
    // and screenshots pin it.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const AppointmentReader::Entry &entryAt(int row) const { return m_entries.at(row); }
    int rowOf(const QString &id) const;

    // Behind the appointments: the provider's open hours (weekly windows and date overrides,
    // as instants) and their time off, clipped to the range; the availability they come from
    // (its zone, buffer, ...), and whether the server has sent it yet.
    const QList<TimeRange> &openRanges() const { return m_open; }
    const QList<TimeRange> &timeOff() const { return m_timeOff; }
    const Availability &availability() const { return m_schedule.availability; }
    bool availabilityKnown() const { return m_schedule.availabilityKnown; }
    // The free slots of `durationMinutes` starting in [from, to) as the cache sees them
    // (SlotCalculator over the cached schedule); exceptId leaves one appointment out.
    QList<TimeRange> freeSlots(qint64 from,
                               qint64 to,
                               int durationMinutes,
                               const QString &exceptId = QString()) const;

    // "9:00–9:30 · Consultation · Ana Ruiz · to be confirmed": the block's tooltip and
    // accessible text, in the user's language.
    static QString describe(const AppointmentReader::Entry &entry);

signals:
    // The range's appointments are in (after every reload, at once or from the reader thread).
    void loaded();

private:
    struct Read
    {
        bool ok = false;
        QList<AppointmentReader::Entry> entries;
        double ms = 0;
    };
    static Read readEntries(const QSqlDatabase &db,
                            const QString &providerId,
                            qint64 from,
                            qint64 to);
    bool readsLarge(qint64 from, qint64 to) const;
    bool startReader();
    void noteRead(const Read &read, qint64 span);
    void finishRead(quint64 generation, const Read &read);

    QSqlDatabase m_db;
    QString m_providerId;
    qint64 m_from = 0;
    qint64 m_to = 0;
    QList<AppointmentReader::Entry> m_entries;
    AppointmentReader::ProviderSchedule m_schedule;
    QList<TimeRange> m_open;
    QList<TimeRange> m_timeOff;
    Clock m_clock = &QDateTime::currentMSecsSinceEpoch;

    QString m_entriesProviderId; // whose rows m_entries holds
    bool m_loading = false;
    quint64 m_generation = 0; // of the latest reload; older answers are dropped
    // The previous read: how many rows over how long a range, in how long.
    int m_lastReadRows = 0;
    qint64 m_lastReadSpan = 0;
    double m_lastReadMs = 0;
    // The reader thread, started at the first large read.
    std::unique_ptr<CacheReaderThread> m_reader;
    bool m_readerFailed = false;
};

} // namespace Crm
