#include "auditlog.h"

#include "serverdatabase.h"
#include "serverlogging.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

const QString Genesis(64, QLatin1Char('0'));

} // namespace

QString AuditLog::chainHash(const QString &previous, qint64 seq, const Entry &entry)
{
    // Unit separators keep "ab"+"c" and "a"+"bc" apart.
    const QChar separator(0x1f);
    const QString text = QStringList{previous,
                                     QString::number(seq),
                                     QString::number(entry.at),
                                     entry.userId,
                                     entry.action,
                                     entry.entity,
                                     entry.entityId,
                                     entry.remoteAddress,
                                     entry.detail}
                             .join(separator);
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Status AuditLog::appendInTransaction(QSqlDatabase &db, const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return {};
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'audit'"))
        || !query.next()) {
        return Error{QStringLiteral("audit_failed"), query.lastError().text()};
    }
    qint64 seq = query.value(0).toLongLong();
    QString previous = Genesis;
    if (seq > 0) {
        if (!query.exec(QStringLiteral("SELECT hash FROM audit_log WHERE seq = %1").arg(seq))
            || !query.next()) {
            return Error{QStringLiteral("audit_failed"),
                         tr("The audit log's last entry %1 is missing.").arg(seq)};
        }
        previous = query.value(0).toString();
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO audit_log (seq, at, userId, action, entity, entityId, remoteAddress, detail,"
        " prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const Entry &entry : entries) {
        ++seq;
        const QString hash = chainHash(previous, seq, entry);
        insert.addBindValue(seq);
        insert.addBindValue(entry.at);
        insert.addBindValue(entry.userId);
        insert.addBindValue(entry.action);
        insert.addBindValue(entry.entity);
        insert.addBindValue(entry.entityId);
        insert.addBindValue(entry.remoteAddress);
        insert.addBindValue(entry.detail);
        insert.addBindValue(previous);
        insert.addBindValue(hash);
        if (!insert.exec())
            return Error{QStringLiteral("audit_failed"), insert.lastError().text()};
        previous = hash;
    }
    if (!query.exec(QStringLiteral("UPDATE counters SET value = %1 WHERE name = 'audit'").arg(seq)))
        return Error{QStringLiteral("audit_failed"), query.lastError().text()};
    return {};
}

Result<AuditLog::Verification> AuditLog::verify(QSqlDatabase &db)
{
    Verification result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'audit'"))
        || !query.next()) {
        return Error{QStringLiteral("audit_failed"), query.lastError().text()};
    }
    const qint64 head = query.value(0).toLongLong();
    if (!query.exec(QStringLiteral(
            "SELECT seq, at, userId, action, entity, entityId, remoteAddress, detail, prevHash,"
            " hash FROM audit_log ORDER BY seq"))) {
        return Error{QStringLiteral("audit_failed"), query.lastError().text()};
    }
    QString previous = Genesis;
    qint64 expectedSeq = 1;
    auto broken = [&](qint64 seq, const QString &problem) {
        result.intact = false;
        result.firstBadSeq = seq;
        result.problem = problem;
    };
    while (query.next()) {
        const qint64 seq = query.value(0).toLongLong();
        Entry entry;
        entry.at = query.value(1).toLongLong();
        entry.userId = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.entity = query.value(4).toString();
        entry.entityId = query.value(5).toString();
        entry.remoteAddress = query.value(6).toString();
        entry.detail = query.value(7).toString();
        const QString storedPrevious = query.value(8).toString();
        const QString storedHash = query.value(9).toString();
        ++result.entries;
        if (seq != expectedSeq) {
            broken(expectedSeq, tr("Entry %1 is missing.").arg(expectedSeq));
            return result;
        }
        if (storedPrevious != previous) {
            broken(seq, tr("Entry %1 does not follow entry %2.").arg(seq).arg(seq - 1));
            return result;
        }
        if (chainHash(previous, seq, entry) != storedHash) {
            broken(seq, tr("Entry %1 was altered.").arg(seq));
            return result;
        }
        previous = storedHash;
        ++expectedSeq;
    }
    if (expectedSeq - 1 != head) {
        broken(expectedSeq,
               tr("The log ends at entry %1 but %2 entries were written.")
                   .arg(expectedSeq - 1)
                   .arg(head));
    }
    return result;
}

void AuditLog::record(Entry entry)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append(std::move(entry));
}

qsizetype AuditLog::pending() const
{
    QMutexLocker lock(&m_mutex);
    return m_queue.size();
}

Status AuditLog::flush(ServerDatabase &database)
{
    QList<Entry> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_queue);
    }
    if (batch.isEmpty())
        return {};
    Result<QSqlDatabase> db = database.connection();
    Status status = db.ok() ? database.beginWrite(db.value()) : Status(db.error());
    if (status.ok()) {
        status = appendInTransaction(db.value(), batch);
        if (status.ok() && !db.value().commit())
            status = Error{QStringLiteral("audit_failed"), db.value().lastError().text()};
        if (!status.ok())
            db.value().rollback();
        database.endWrite();
    }
    if (!status.ok()) {
        // Put the entries back in front, so a later flush writes them in order.
        qCWarning(lcServer) << "Audit flush failed, will retry:" << status.error().message;
        QMutexLocker lock(&m_mutex);
        batch.append(m_queue);
        m_queue.swap(batch);
    }
    return status;
}

} // namespace Crm
