#include "activitylistmodel.h"

#include "store/logging.h"

#include "domain/displaytime.h"
#include "domain/historyentry.h"

#include <QDateTime>
#include <QJsonDocument>
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
    m_userNames.clear();
    if (!m_leadId.isEmpty()) {
        QSqlQuery users(m_db);
        users.setForwardOnly(true);
        if (!users.exec(QStringLiteral("SELECT id, name FROM users")))
            qCWarning(lcStore) << "User names query failed:" << users.lastError().text();
        while (users.next())
            m_userNames.insert(users.value(0).toString(), users.value(1).toString());

        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral(
            "SELECT a.id, a.leadId, a.agentId, a.activityType, a.notes, a.createdAt, u.name,"
            " EXISTS (SELECT 1 FROM outbox o WHERE o.entityId = a.id),"
            " coalesce(a.occurredAt, a.createdAt) AS happened, a.code, a.params"
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
            row.activity.code = query.value(9).toString();
            if (!row.activity.code.isEmpty())
                row.activity.params
                    = QJsonDocument::fromJson(query.value(10).toString().toUtf8()).object();
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

QString ActivityListModel::text(const Activity &activity) const
{
    std::optional<SystemEvent> event;
    if (!activity.code.isEmpty())
        event = SystemEvent{activity.code, activity.params};
    else if (activity.activityType == QLatin1String("system")
             || activity.activityType == QLatin1String("note"))
        event = HistoryEntry::fromLegacyNotes(activity.notes);
    if (event) {
        const QString words = HistoryEntry::text(*event, [this](const QString &id) {
            return m_userNames.value(id);
        });
        if (!words.isEmpty())
            return words;
    }
    return activity.notes;
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
        const QString body = text(row.activity);
        return body.isEmpty() ? header : header + QLatin1Char('\n') + body;
    }
    case TypeRole:
        return row.activity.activityType;
    case NotesRole:
        return text(row.activity);
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
