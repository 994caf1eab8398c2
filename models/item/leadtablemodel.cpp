#include "leadtablemodel.h"

#include "domain/leadquery.h"
#include "domain/leadsource.h"
#include "domain/leadstatus.h"
#include "domain/phonenormalizer.h"
#include "store/cachereaderthread.h"
#include "store/leadsearchindex.h"
#include "store/logging.h"

#include "domain/displaytime.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

constexpr qint64 Hour = 3600 * 1000;
constexpr qint64 Day = 24 * Hour;

QString sortExpression(int column)
{
    switch (column) {
    case LeadTableModel::Name:
        return QStringLiteral("l.lastName COLLATE NOCASE, l.firstName COLLATE NOCASE");
    case LeadTableModel::Status:
        return QStringLiteral("l.status");
    case LeadTableModel::Source:
        return QStringLiteral("l.source");
    case LeadTableModel::Phone:
        return QStringLiteral("l.phone");
    case LeadTableModel::Email:
        return QStringLiteral("l.email");
    case LeadTableModel::Age:
        return QStringLiteral("l.createdAt");
    case LeadTableModel::NextFollowUp:
        return QStringLiteral("(SELECT MIN(dueAt) FROM follow_ups f WHERE f.leadId = l.id"
                              " AND f.done = 0)");
    case LeadTableModel::LastActivity:
        return QStringLiteral("(SELECT MAX(occurredAt) FROM lead_activities a"
                              " WHERE a.leadId = l.id)");
    case LeadTableModel::Owner:
        return QStringLiteral("(SELECT name FROM users u WHERE u.id = l.assignedAgentId)"
                              " COLLATE NOCASE");
    }
    return QStringLiteral("l.createdAt");
}

} // namespace

LeadTableModel::LeadTableModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(std::move(db))
{
    reload();
}

LeadTableModel::~LeadTableModel() = default;

qint64 LeadTableModel::now() const
{
    return m_now ? m_now : QDateTime::currentMSecsSinceEpoch();
}

QString LeadTableModel::ageText(qint64 ms)
{
    if (ms < Hour)
        return tr("%n min", nullptr, int(qMax<qint64>(1, ms / 60000)));
    if (ms < Day)
        return tr("%n h", nullptr, int(ms / Hour));
    return tr("%n d", nullptr, int(ms / Day));
}

void LeadTableModel::setFilter(const Filter &filter)
{
    m_filter = filter;
    query(false); // the cache did not change: the total stands
}

void LeadTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    query(false);
}

void LeadTableModel::reload()
{
    query(true);
}

void LeadTableModel::reloadInBackground()
{
    if (!m_reader && !m_readerFailed) {
        m_reader = CacheReaderThread::start(m_db, QStringLiteral("crm-leads-reader"));
        m_readerFailed = !m_reader; // not a cache this process opened: read here
    }
    if (!m_reader) {
        reload();
        emit reloaded();
        return;
    }
    const quint64 generation = ++m_generation;
    const Filter filter = m_filter;
    const int sortColumn = m_sortColumn;
    const Qt::SortOrder sortOrder = m_sortOrder;
    const qint64 current = now();
    m_reader->post<ListRead>(
        generation,
        this,
        [filter, sortColumn, sortOrder, current](const QSqlDatabase &db) {
            ListRead read;
            if (db.isOpen())
                read = readList(db, filter, sortColumn, sortOrder, current, true);
            else
                read.ok = false; // no connection there
            return read;
        },
        [this, generation](const ListRead &read) {
            if (generation != m_generation)
                return; // a newer filter, sort or reload has answered already
            if (!read.ok) {
                m_readerFailed = true;
                m_reader.reset();
                reload();
            } else {
                apply(read);
            }
            emit reloaded();
        });
}

void LeadTableModel::query(bool recount)
{
    ++m_generation; // a background answer still on its way is now stale
    apply(readList(m_db, m_filter, m_sortColumn, m_sortOrder, now(), recount));
}

LeadTableModel::ListRead LeadTableModel::readList(const QSqlDatabase &db,
                                                  const Filter &filter,
                                                  int sortColumn,
                                                  Qt::SortOrder sortOrder,
                                                  qint64 now,
                                                  bool recount)
{
    QStringList where{QStringLiteral("l.deletedAt IS NULL")};
    QVariantList bindings;
    QString from = QStringLiteral("leads l");
    const LeadSearchIndex::Condition search = LeadSearchIndex::condition(
        LeadQuery::parse(filter.search));
    if (!search.match.isEmpty()) {
        from += QStringLiteral(" JOIN leads_fts ON leads_fts.docid = l.rowid");
        where << QStringLiteral("leads_fts MATCH ?");
        bindings << search.match;
    }
    where << search.where;
    bindings << search.bindings;
    auto inSet = [&](const QString &column, const QSet<QString> &values) {
        if (values.isEmpty())
            return;
        QStringList marks;
        for (const QString &value : values) {
            marks << QStringLiteral("?");
            bindings << value;
        }
        where << QStringLiteral("%1 IN (%2)").arg(column, marks.join(QLatin1Char(',')));
    };
    inSet(QStringLiteral("l.status"), filter.statuses);
    inSet(QStringLiteral("l.source"), filter.sources);
    const qint64 current = now;
    switch (filter.view) {
    case View::All:
        break;
    case View::NewToday: {
        const QDateTime midnight(QDateTime::fromMSecsSinceEpoch(current).date(), QTime(0, 0));
        where << QStringLiteral("l.status = 'new' AND l.createdAt >= ?");
        bindings << midnight.toMSecsSinceEpoch();
        break;
    }
    case View::FollowUpsDue:
        where << QStringLiteral("EXISTS (SELECT 1 FROM follow_ups f WHERE f.leadId = l.id"
                                " AND f.done = 0 AND f.dueAt <= ?)");
        bindings << current;
        break;
    case View::NotContacted24h:
        where << QStringLiteral("l.firstContactAt IS NULL AND l.status = 'new'"
                                " AND l.createdAt <= ?");
        bindings << current - Day;
        break;
    case View::Unassigned:
        where << QStringLiteral("l.assignedAgentId IS NULL");
        break;
    }
    // Age ascending means youngest first: order by createdAt descending.
    const bool byAge = sortColumn == Age;
    const bool ascending = (sortOrder == Qt::AscendingOrder) != byAge;
    const QString direction = ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QString order = sortExpression(sortColumn);
    order.replace(QStringLiteral(", "), direction + QStringLiteral(", "));
    ListRead read;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The tie-break runs the same way as the sort, so an index on the sort column (whose
    // entries end in the rowid) can deliver the order without sorting.
    query.prepare(QStringLiteral("SELECT l.rowid FROM %1 WHERE %2 ORDER BY %3%4, l.rowid%4")
                      .arg(from, where.join(QStringLiteral(" AND ")), order, direction));
    for (const QVariant &value : std::as_const(bindings))
        query.addBindValue(value);
    if (query.exec()) {
        while (query.next())
            read.rowIds.append(query.value(0).toLongLong());
        read.ok = true;
    } else {
        qCWarning(lcStore) << "Lead list query failed:" << query.lastError().text();
    }
    // Counted only when the cache may have changed, not on every keystroke of a search.
    if (recount) {
        QSqlQuery total(db);
        if (total.exec(QStringLiteral("SELECT count(*) FROM leads WHERE deletedAt IS NULL"))
            && total.next())
            read.total = total.value(0).toInt();
        else
            qCWarning(lcStore) << "Lead count failed:" << total.lastError().text();
    }
    return read;
}

void LeadTableModel::apply(const ListRead &read)
{
    beginResetModel();
    m_rowIds = read.rowIds;
    m_blocks.clear();
    if (read.total >= 0)
        m_total = read.total;
    endResetModel();
}

void LeadTableModel::fetchBlock(int block) const
{
    const int first = block * BlockSize;
    const int last = qMin(int(m_rowIds.size()), first + BlockSize);
    QStringList marks;
    for (int i = first; i < last; ++i)
        marks << QString::number(m_rowIds.at(i));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QVector<Row> rows(last - first);
    QHash<qint64, int> position;
    for (int i = first; i < last; ++i)
        position.insert(m_rowIds.at(i), i - first);
    if (!query.exec(
            QStringLiteral(
                "SELECT l.rowid, l.id, l.firstName || ' ' || l.lastName, l.status, l.source, "
                "l.phone,"
                " l.email, l.createdAt, l.firstContactAt,"
                " (SELECT MIN(dueAt) FROM follow_ups f WHERE f.leadId = l.id AND f.done = 0),"
                " (SELECT MAX(occurredAt) FROM lead_activities a WHERE a.leadId = l.id),"
                " (SELECT name FROM users u WHERE u.id = l.assignedAgentId)"
                " FROM leads l WHERE l.rowid IN (%1)")
                .arg(marks.join(QLatin1Char(','))))) {
        qCWarning(lcStore) << "Lead rows query failed:" << query.lastError().text();
    }
    while (query.next()) {
        Row &row = rows[position.value(query.value(0).toLongLong())];
        row.id = query.value(1).toString();
        row.name = query.value(2).toString();
        row.status = query.value(3).toString();
        row.source = query.value(4).toString();
        row.phone = query.value(5).toString();
        row.email = query.value(6).toString();
        row.createdAt = query.value(7).toLongLong();
        row.firstContactAt = query.value(8).toLongLong();
        row.nextFollowUp = query.value(9).toLongLong();
        row.lastActivity = query.value(10).toLongLong();
        row.owner = query.value(11).toString();
    }
    m_blocks.insert(block, rows);
}

const LeadTableModel::Row *LeadTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rowIds.size())
        return nullptr;
    const int block = row / BlockSize;
    if (!m_blocks.contains(block)) {
        // Keep memory flat while scrolling through a huge list.
        if (m_blocks.size() > 50)
            m_blocks.clear();
        fetchBlock(block);
    }
    return &m_blocks[block][row % BlockSize];
}

int LeadTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rowIds.size());
}

int LeadTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LeadTableModel::idAt(int row) const
{
    const Row *data = rowAt(row);
    return data ? data->id : QString();
}

int LeadTableModel::rowOf(const QString &id) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT rowid FROM leads WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return -1;
    return int(m_rowIds.indexOf(query.value(0).toLongLong()));
}

QVariant LeadTableModel::data(const QModelIndex &index, int role) const
{
    const Row *row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row)
        return {};
    const qint64 current = now();
    const bool waiting = row->status == QLatin1String("new") && row->firstContactAt == 0
                         && current - row->createdAt > Day;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return row->name;
        case Status:
            return LeadStatusMachine::displayName(
                LeadStatusMachine::fromString(row->status).value_or(LeadStatus::New));
        case Source:
            return LeadSourceNames::displayName(
                LeadSourceNames::fromString(row->source).value_or(LeadSource::Other));
        case Phone:
            return PhoneNormalizer::toDisplay(row->phone);
        case Email:
            return row->email;
        case Age:
            return ageText(current - row->createdAt);
        case NextFollowUp:
            return row->nextFollowUp
                       ? DisplayTime::dateTime(row->nextFollowUp)
                       : QString();
        case LastActivity:
            return row->lastActivity ? tr("%1 ago").arg(ageText(current - row->lastActivity))
                                     : QString();
        case Owner:
            return row->owner.isEmpty() ? tr("Unassigned") : row->owner;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name:
            return row->name;
        case Age:
            return row->createdAt;
        case NextFollowUp:
            return row->nextFollowUp;
        case LastActivity:
            return row->lastActivity;
        default:
            return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return row->id;
    case StatusRole:
        return row->status;
    case AttentionRole:
        return waiting || (row->nextFollowUp && row->nextFollowUp <= current);
    case Qt::FontRole:
        if (index.column() == Name && row->status == QLatin1String("new")) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == Status) {
            // Colours that mean something: fresh is blue, won is green, lost is grey.
            static const QHash<QString, QColor>
                colors{{QStringLiteral("new"), QColor(0x1d, 0x5f, 0xb0)},
                       {QStringLiteral("contacted"), QColor(0x00, 0x6d, 0x77)},
                       {QStringLiteral("qualified"), QColor(0x6a, 0x3d, 0x9a)},
                       {QStringLiteral("enrolled"), QColor(0x1e, 0x7b, 0x34)},
                       {QStringLiteral("closed"), QColor(0x75, 0x75, 0x75)}};
            return QBrush(colors.value(row->status, QColor(Qt::black)));
        }
        if ((index.column() == Age && waiting)
            || (index.column() == NextFollowUp && row->nextFollowUp && row->nextFollowUp <= current))
            return QBrush(QColor(0xb3, 0x26, 0x1e)); // overdue: a calm red
        break;
    case Qt::ToolTipRole:
        if (waiting)
            return tr("Not contacted for more than 24 hours");
        break;
    }
    return {};
}

QVariant LeadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Source:
        return tr("Source");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("E-mail");
    case Age:
        return tr("Age");
    case NextFollowUp:
        return tr("Next follow-up");
    case LastActivity:
        return tr("Last activity");
    case Owner:
        return tr("Owner");
    }
    return {};
}

} // namespace Crm
