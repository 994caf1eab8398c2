#pragma once

#include "domain/activity.h"

#include <QAbstractListModel>
#include <QSqlDatabase>

namespace Crm {

// A lead's history from the cache, newest first by when it happened: calls, e-mails, meetings,
// notes and the system's entries (assignment, status changes). Pending entries (not yet on the
// server) say so.
class ActivityListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        TypeRole = Qt::UserRole + 1,
        NotesRole,
        CreatedAtRole,
        AuthorRole,
        PendingRole,
        OccurredAtRole, // when it happened: the history's order and the time shown
    };

    explicit ActivityListModel(QSqlDatabase db, QObject *parent = nullptr);

    void setLeadId(const QString &leadId);
    QString leadId() const { return m_leadId; }
    void reload();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QString typeName(const QString &type);

private:
    struct Row
    {
        Activity activity;
        QString author;
        bool pending = false;
    };

    QSqlDatabase m_db;
    QString m_leadId;
    QList<Row> m_rows;
};

} // namespace Crm
