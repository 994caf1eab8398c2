#include "auditlog.h"

#include "storage/serverdatabase.h"
#include "serverlogging.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>

namespace Crm {

namespace {

const QString Genesis(64, QLatin1Char('0'));

} // namespace

QString AuditLog::chainHash(const QByteArray &key,
                            const QString &previous,
                            qint64 seq,
                            const Entry &entry)
{
    // Unit separators keep "ab"+"c" and "a"+"bc" apart.
    const QChar separator(0x1f);
    const QByteArray text = QStringList{previous,
                                        QString::number(seq),
                                        QString::number(entry.at),
                                        entry.userId,
                                        entry.action,
                                        entry.entity,
                                        entry.entityId,
                                        entry.remoteAddress,
                                        entry.detail}
                                .join(separator)
                                .toUtf8();
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac,
                           reinterpret_cast<const unsigned char *>(text.constData()),
                           quint64(text.size()),
                           reinterpret_cast<const unsigned char *>(key.constData()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toHex());
}

Status AuditLog::appendInTransaction(QSqlDatabase &db,
                                     const QByteArray &key,
                                     const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return {};
    if (key.size() != crypto_auth_hmacsha256_KEYBYTES)
        return Error{QStringLiteral("audit_failed"), tr("The audit key is not loaded.")};
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
        const QString hash = chainHash(key, previous, seq, entry);
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

Result<AuditLog::Verification> AuditLog::verify(QSqlDatabase &db,
                                                const QByteArray &key,
                                                const QString &expectedHead)
{
    Verification result;
    if (key.size() != crypto_auth_hmacsha256_KEYBYTES)
        return Error{QStringLiteral("audit_failed"), tr("The audit key is not loaded.")};
    qint64 expectedSeq = 0;
    QString expectedHash;
    if (!expectedHead.isEmpty()) {
        bool ok = false;
        expectedSeq = expectedHead.section(QLatin1Char(':'), 0, 0).toLongLong(&ok);
        expectedHash = expectedHead.section(QLatin1Char(':'), 1).toLower();
        if (!ok || expectedSeq < 1 || expectedHash.size() != 64)
            return Error{QStringLiteral("bad_head"),
                         tr("--expect-head wants SEQ:HASH as audit verify printed it.")};
    }
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
    qint64 nextSeq = 1;
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
        if (seq != nextSeq) {
            broken(nextSeq, tr("Entry %1 is missing.").arg(nextSeq));
            return result;
        }
        if (storedPrevious != previous) {
            broken(seq, tr("Entry %1 does not follow entry %2.").arg(seq).arg(seq - 1));
            return result;
        }
        if (chainHash(key, previous, seq, entry) != storedHash) {
            broken(seq, tr("Entry %1 was altered.").arg(seq));
            return result;
        }
        if (seq == expectedSeq && storedHash != expectedHash) {
            broken(seq, tr("Entry %1 is not the head recorded earlier.").arg(seq));
            return result;
        }
        previous = storedHash;
        ++nextSeq;
    }
    result.headSeq = nextSeq - 1;
    result.headHash = previous;
    if (nextSeq - 1 != head) {
        broken(nextSeq,
               tr("The log ends at entry %1 but %2 entries were written.")
                   .arg(nextSeq - 1)
                   .arg(head));
        return result;
    }
    if (expectedSeq > result.headSeq) {
        broken(result.headSeq + 1,
               tr("The log ends at entry %1, before the head recorded earlier (entry %2): its "
                  "tail was cut.")
                   .arg(result.headSeq)
                   .arg(expectedSeq));
    }
    return result;
}

} // namespace Crm
