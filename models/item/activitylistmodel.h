#pragma once

#include "domain/activity.h"

#include <QAbstractListModel>
#include <QSqlDatabase>

namespace Crm {

// A lead's history from the cache, newest first by when it happened: calls, e-mails, meetings,
// notes and the system's entries (assignment, status changes), these in the user's language
// from their code (HistoryEntry). Pending entries (not yet on the server) say so.
class ActivityListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        TypeRole = Qt::UserRole + 1,
        NotesRole, // the entry's text as shown: a system entry in the user's language
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
    // What an entry says in the user's language: a system entry from its code (or, written
    // before codes, from its English notes); anything else as written.
    QString text(const Activity &activity) const;

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
    QHash<QString, QString> m_userNames; // id → name, for the people a system entry names
};

} // namespace Crm
