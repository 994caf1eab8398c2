#pragma once

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Crm {

// The reminders in the cache as the admins' ledger lists them (admins pull every provider's):
// each with its appointment's time, lead and provider, filtered by state, channel and due
// date; the totals per state; and the same rows as CSV. A failed query is logged and reads as
// nothing.
class ReminderLedgerReader final
{
public:
    explicit ReminderLedgerReader(QSqlDatabase db);

    struct Filter
    {
        QString appointmentId; // empty: any
        QString status;  // empty: any
        QString channel; // email, sms; empty: any
        qint64 from = 0; // due from (epoch ms), 0: any
        qint64 to = 0;   // due before, 0: any
    };
    struct Row
    {
        QString id;
        QString appointmentId;
        QString channel;
        QString status;
        qint64 scheduledFor = 0;
        qint64 sentAt = 0;      // 0: not sent
        qint64 deliveredAt = 0; // an SMS the carrier confirmed; 0: not (yet) confirmed
        bool cancellationNotice = false; // the notice of a cancellation, not a reminder
        int attempts = 0;
        QString lastError;
        qint64 appointmentStart = 0;
        QString leadName;
        QString providerName;
    };
    static constexpr int RowLimit = 5000;

    // Newest due first.
    QList<Row> rows(const Filter &filter) const;
    // One appointment's reminders, in due order.
    QList<Row> ofAppointment(const QString &appointmentId) const;
    // How many of each state match the filter's channel and dates (its state aside).
    QMap<QString, int> totals(const Filter &filter) const;

    // RFC 4180: a header line, then one line per row; times as ISO-8601 UTC.
    static QByteArray csv(const QList<Row> &rows);

private:
    QSqlDatabase m_db;
};

} // namespace Crm
