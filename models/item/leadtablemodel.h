#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QVector>

#include <memory>

namespace Crm {

class CacheReaderThread;

// "My leads": a table over the cache that stays quick at 100,000+ leads. Filtering, search
// (FTS4) and sorting happen in SQL; the model keeps only the ordered row ids and fetches the
// rows themselves in blocks as the view scrolls to them.
class LeadTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Status,
        Source,
        Phone,
        Email,
        Age,
        NextFollowUp,
        LastActivity,
        Owner, // the assigned agent's name ("Unassigned"); shown to admins
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        SortRole,     // the raw value behind a column
        StatusRole,   // "new", "contacted", ...
        AttentionRole // true for leads waiting too long for a first contact
    };
    enum class View { All, NewToday, FollowUpsDue, NotContacted24h, Unassigned };

    struct Filter
    {
        QString search;
        QSet<QString> statuses; // empty: all
        QSet<QString> sources;  // empty: all
        View view = View::All;
    };

    explicit LeadTableModel(QSqlDatabase db, QObject *parent = nullptr);
    ~LeadTableModel() override; // a background read under way ends first

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    // Re-reads the cache (after the user's own edit), keeping the filter and sort.
    void reload();
    // The same on a reader thread (after a sync: the order and total of 100,000 leads take
    // about 100 ms). The rows shown stay until the answer lands; then the model resets and
    // says `reloaded`. Without a reader thread (a connection this process did not open as a
    // cache), it reloads here and says `reloaded` at once.
    void reloadInBackground();
    void setNow(qint64 epochMs) { m_now = epochMs; } // tests pin the clock

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    // Every lead in the cache, whatever the filter (for "N of M leads"); read on reload.
    int totalCount() const { return m_total; }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString idAt(int row) const;
    int rowOf(const QString &id) const;
    static QString ageText(qint64 ms);

signals:
    void reloaded(); // a background reload has landed

private:
    struct Row
    {
        QString id;
        QString name;
        QString status;
        QString source;
        QString phone;
        QString email;
        qint64 createdAt = 0;
        qint64 firstContactAt = 0;
        qint64 nextFollowUp = 0;
        qint64 lastActivity = 0;
        QString owner; // empty: unassigned
    };
    static constexpr int BlockSize = 200;

    // The list's order (and, when recounted, the total), read on either thread.
    struct ListRead
    {
        bool ok = false;
        QVector<qint64> rowIds;
        int total = -1; // not recounted
    };
    static ListRead readList(const QSqlDatabase &db,
                             const Filter &filter,
                             int sortColumn,
                             Qt::SortOrder sortOrder,
                             qint64 now,
                             bool recount);
    void apply(const ListRead &read);

    int m_total = 0;
    // Runs the list query for the filter and sort, here; `recount` also re-reads the total.
    void query(bool recount);
    const Row *rowAt(int row) const;
    void fetchBlock(int block) const;
    qint64 now() const;

    QSqlDatabase m_db;
    Filter m_filter;
    int m_sortColumn = Age;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder; // youngest first
    QVector<qint64> m_rowIds;
    mutable QHash<int, QVector<Row>> m_blocks;
    qint64 m_now = 0;
    // The reader thread for background reloads, started at the first one.
    std::unique_ptr<CacheReaderThread> m_reader;
    bool m_readerFailed = false;
    quint64 m_generation = 0; // of the latest read; older answers are dropped
};

} // namespace Crm
