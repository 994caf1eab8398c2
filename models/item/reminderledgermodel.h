#pragma once

#include "store/reminderledgerreader.h"

#include <QAbstractTableModel>

namespace Crm {

// The reminder ledger as a table (ReminderLedger window): due time, appointment time, lead,
// provider, channel, state, attempts and the last error, in the user's language. reload()
// reads the cache again with the current filter.
class ReminderLedgerModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Due, Appointment, Lead, Provider, Channel, State, Attempts, LastError, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, AppointmentIdRole };

    explicit ReminderLedgerModel(QSqlDatabase db, QObject *parent = nullptr);

    void setFilter(const ReminderLedgerReader::Filter &filter);
    const ReminderLedgerReader::Filter &filter() const { return m_filter; }
    void reload();

    const QList<ReminderLedgerReader::Row> &rows() const { return m_rows; }
    QMap<QString, int> totals() const;

    static QString stateName(const QString &status);
    static QString channelName(const QString &channel);
    // What a row's state column says: its state, "Delivered" once the carrier confirmed an
    // SMS, "Sent after retry" when an earlier attempt may have gone out too.
    static QString stateText(const ReminderLedgerReader::Row &row);
    // Its channel, marked when it is the notice of a cancellation rather than a reminder.
    static QString channelText(const ReminderLedgerReader::Row &row);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ReminderLedgerReader m_reader;
    ReminderLedgerReader::Filter m_filter;
    QList<ReminderLedgerReader::Row> m_rows;
};

} // namespace Crm
