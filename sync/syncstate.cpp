#include "syncstate.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

SyncState::SyncState(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString SyncState::state(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

Status SyncState::setState(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec())
        return Error{QStringLiteral("cache_failed"), query.lastError().text()};
    return {};
}

} // namespace Crm
