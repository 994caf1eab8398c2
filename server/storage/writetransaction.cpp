#include "writetransaction.h"

#include "storage/serverdatabase.h"
#include "serverlogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

WriteTransaction::WriteTransaction(ServerDatabase &database, QSqlDatabase db)
    : m_database(database)
    , m_db(std::move(db))
{}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

Status WriteTransaction::begin()
{
    const Status status = m_database.beginWrite(m_db);
    m_active = status.ok();
    return status;
}

Status WriteTransaction::logChange(const QString &entity,
                                   const QString &id,
                                   const QString &op,
                                   qint64 version,
                                   const QString &audience,
                                   const QJsonObject &data)
{
    QSqlQuery query(m_db);
    if (m_firstSeq == 0) {
        if (!query.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'seq'"))
            || !query.next()) {
            return Error{QStringLiteral("changelog_failed"), query.lastError().text()};
        }
        m_firstSeq = query.value(0).toLongLong() + 1;
        m_nextSeq = m_firstSeq;
    }
    query.prepare(QStringLiteral(
        "INSERT INTO change_log (seq, txId, entity, entityId, op, version, audience, data, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(m_nextSeq);
    query.addBindValue(m_firstSeq);
    query.addBindValue(entity);
    query.addBindValue(id);
    query.addBindValue(op);
    query.addBindValue(version);
    query.addBindValue(audience);
    query.addBindValue(data.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                      : QVariant(QString::fromUtf8(
                                          QJsonDocument(data).toJson(QJsonDocument::Compact))));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return Error{QStringLiteral("changelog_failed"), query.lastError().text()};
    ++m_nextSeq;
    m_audiences.insert(audience);
    return {};
}

void WriteTransaction::audit(AuditLog::Entry entry)
{
    if (entry.at == 0)
        entry.at = QDateTime::currentMSecsSinceEpoch();
    m_audit.append(std::move(entry));
}

Status WriteTransaction::commit()
{
    if (!m_active)
        return Error{QStringLiteral("not_active"), QStringLiteral("no transaction")};
    Status status = AuditLog::appendInTransaction(m_db, m_database.auditKey(), m_audit);
    if (status.ok() && m_firstSeq > 0) {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("UPDATE counters SET value = %1 WHERE name = 'seq'")
                            .arg(m_nextSeq - 1)))
            status = Error{QStringLiteral("changelog_failed"), query.lastError().text()};
    }
    if (status.ok() && !m_db.commit())
        status = Error{QStringLiteral("commit_failed"), m_db.lastError().text()};
    if (!status.ok()) {
        qCWarning(lcServer) << "Commit failed:" << status.error().message;
        rollback();
        return status;
    }
    m_active = false;
    m_database.endWrite();
    if (m_firstSeq > 0)
        m_database.notifyCommitted(m_nextSeq - 1, m_audiences);
    // Ready for the next begin(): a new transaction gets its own seq range and audit entries.
    m_audiences.clear();
    m_firstSeq = 0;
    m_nextSeq = 0;
    m_audit.clear();
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (!m_db.rollback())
        qCWarning(lcServer) << "Rollback failed:" << m_db.lastError().text();
    m_database.endWrite();
    m_firstSeq = 0;
    m_nextSeq = 0;
    m_audiences.clear();
    m_audit.clear(); // what was rolled back did not happen
}

} // namespace Crm
