#include "reminderledgerreader.h"

#include "domain/wiretime.h"
#include "store/logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <algorithm>

namespace Crm {

namespace {

// The WHERE conditions of a filter (its state only when `withStatus`), and their values.
QString conditions(const ReminderLedgerReader::Filter &filter, bool withStatus, QVariantList *values)
{
    QStringList parts{QStringLiteral("1 = 1")};
    if (!filter.appointmentId.isEmpty()) {
        parts << QStringLiteral("r.appointmentId = ?");
        *values << filter.appointmentId;
    }
    if (withStatus && !filter.status.isEmpty()) {
        parts << QStringLiteral("r.status = ?");
        *values << filter.status;
    }
    if (!filter.channel.isEmpty()) {
        parts << QStringLiteral("r.reminderType = ?");
        *values << filter.channel;
    }
    if (filter.from > 0) {
        parts << QStringLiteral("r.scheduledFor >= ?");
        *values << filter.from;
    }
    if (filter.to > 0) {
        parts << QStringLiteral("r.scheduledFor < ?");
        *values << filter.to;
    }
    return parts.join(QStringLiteral(" AND "));
}

QByteArray csvField(const QString &text)
{
    QString field = text;
    if (field.contains(QLatin1Char('"')) || field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('\n'))
        || field.contains(QLatin1Char('\r'))) {
        field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        field = QLatin1Char('"') + field + QLatin1Char('"');
    }
    return field.toUtf8();
}

} // namespace

ReminderLedgerReader::ReminderLedgerReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<ReminderLedgerReader::Row> ReminderLedgerReader::rows(const Filter &filter) const
{
    QVariantList values;
    const QString where = conditions(filter, true, &values);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
                      "SELECT r.id, r.appointmentId, r.reminderType, r.status, r.scheduledFor, r.sentAt,"
                      " r.attempts, r.lastError, a.scheduledDate,"
                      " COALESCE(l.firstName || ' ' || l.lastName, ''), COALESCE(u.name, ''),"
                      " r.deliveredAt, r.purpose"
                      " FROM appointment_reminders r JOIN appointments a ON a.id = r.appointmentId"
                      " LEFT JOIN leads l ON l.id = a.leadId LEFT JOIN users u ON u.id = a.providerId"
                      " WHERE %1 ORDER BY r.scheduledFor DESC, r.id LIMIT %2")
                      .arg(where)
                      .arg(RowLimit));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    QList<Row> result;
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading the reminder ledger failed:" << query.lastError().text();
        return result;
    }
    while (query.next()) {
        Row row;
        row.id = query.value(0).toString();
        row.appointmentId = query.value(1).toString();
        row.channel = query.value(2).toString();
        row.status = query.value(3).toString();
        row.scheduledFor = query.value(4).toLongLong();
        row.sentAt = query.value(5).toLongLong();
        row.attempts = query.value(6).toInt();
        row.lastError = query.value(7).toString();
        row.appointmentStart = query.value(8).toLongLong();
        row.leadName = query.value(9).toString();
        row.providerName = query.value(10).toString();
        row.deliveredAt = query.value(11).toLongLong();
        row.cancellationNotice = query.value(12).toString() == QLatin1String("cancellation");
        result.append(row);
    }
    return result;
}

QList<ReminderLedgerReader::Row> ReminderLedgerReader::ofAppointment(const QString &appointmentId) const
{
    Filter filter;
    filter.appointmentId = appointmentId;
    QList<Row> found = rows(filter);
    std::reverse(found.begin(), found.end());
    return found;
}

QMap<QString, int> ReminderLedgerReader::totals(const Filter &filter) const
{
    QVariantList values;
    const QString where = conditions(filter, false, &values);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT r.status, count(*) FROM appointment_reminders r WHERE %1"
                                 " GROUP BY r.status")
                      .arg(where));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    QMap<QString, int> result;
    if (!query.exec()) {
        qCWarning(lcStore) << "Counting the reminder ledger failed:" << query.lastError().text();
        return result;
    }
    while (query.next())
        result.insert(query.value(0).toString(), query.value(1).toInt());
    return result;
}

QByteArray ReminderLedgerReader::csv(const QList<Row> &rows)
{
    QByteArray text = "id,appointmentId,channel,status,scheduledFor,sentAt,attempts,lastError,"
                      "appointmentStart,lead,provider,deliveredAt,purpose\r\n";
    for (const Row &row : rows) {
        const QStringList fields{row.id,
                                 row.appointmentId,
                                 row.channel,
                                 row.status,
                                 WireTime::toWire(row.scheduledFor),
                                 row.sentAt > 0 ? WireTime::toWire(row.sentAt) : QString(),
                                 QString::number(row.attempts),
                                 row.lastError,
                                 WireTime::toWire(row.appointmentStart),
                                 row.leadName,
                                 row.providerName,
                                 row.deliveredAt > 0 ? WireTime::toWire(row.deliveredAt) : QString(),
                                 row.cancellationNotice ? QStringLiteral("cancellation")
                                                        : QStringLiteral("reminder")};
        QByteArrayList line;
        for (const QString &field : fields)
            line << csvField(field);
        text += line.join(',') + "\r\n";
    }
    return text;
}

} // namespace Crm
