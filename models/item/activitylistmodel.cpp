#include "activitylistmodel.h"

#include "store/logging.h"

#include "displaytime.h"

#include <QDateTime>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

ActivityListModel::ActivityListModel(QSqlDatabase db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(std::move(db))
{}

void ActivityListModel::setLeadId(const QString &leadId)
{
    m_leadId = leadId;
    reload();
}

void ActivityListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (!m_leadId.isEmpty()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral(
            "SELECT a.id, a.leadId, a.agentId, a.activityType, a.notes, a.createdAt, u.name,"
            " EXISTS (SELECT 1 FROM outbox o WHERE o.entityId = a.id),"
            " coalesce(a.occurredAt, a.createdAt) AS happened"
            " FROM lead_activities a LEFT JOIN users u ON u.id = a.agentId"
            " WHERE a.leadId = ? ORDER BY happened DESC, a.createdAt DESC, a.rowid DESC"));
        query.addBindValue(m_leadId);
        if (!query.exec())
            qCWarning(lcStore) << "Activity query failed:" << query.lastError().text();
        while (query.next()) {
            Row row;
            row.activity.id = query.value(0).toString();
            row.activity.leadId = query.value(1).toString();
            row.activity.agentId = query.value(2).toString();
            row.activity.activityType = query.value(3).toString();
            row.activity.notes = query.value(4).toString();
            row.activity.createdAt = query.value(5).toLongLong();
            row.author = query.value(6).toString();
            row.pending = query.value(7).toLongLong() != 0;
            row.activity.occurredAt = query.value(8).toLongLong();
            m_rows.append(row);
        }
    }
    endResetModel();
}

int ActivityListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString ActivityListModel::typeName(const QString &type)
{
    if (type == QLatin1String("call"))
        return tr("Call");
    if (type == QLatin1String("email"))
        return tr("E-mail");
    if (type == QLatin1String("meeting"))
        return tr("Meeting");
    if (type == QLatin1String("note"))
        return tr("Note");
    return tr("System");
}

QVariant ActivityListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QString when = DisplayTime::dateTime(row.activity.occurredAt);
        QString header = typeName(row.activity.activityType) + QStringLiteral(" · ") + when;
        if (!row.author.isEmpty())
            header += QStringLiteral(" · ") + row.author;
        if (row.pending)
            header += QStringLiteral(" · ") + tr("not sent yet");
        return row.activity.notes.isEmpty() ? header
                                            : header + QLatin1Char('\n') + row.activity.notes;
    }
    case TypeRole:
        return row.activity.activityType;
    case NotesRole:
        return row.activity.notes;
    case CreatedAtRole:
        return row.activity.createdAt;
    case OccurredAtRole:
        return row.activity.occurredAt;
    case AuthorRole:
        return row.author;
    case PendingRole:
        return row.pending;
    }
    return {};
}

} // namespace Crm
