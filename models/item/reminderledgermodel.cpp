#include "reminderledgermodel.h"

#include "domain/displaytime.h"

#include <QBrush>
#include <QColor>

namespace Crm {

ReminderLedgerModel::ReminderLedgerModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_reader(std::move(db))
{}

void ReminderLedgerModel::setFilter(const ReminderLedgerReader::Filter &filter)
{
    m_filter = filter;
    reload();
}

void ReminderLedgerModel::reload()
{
    beginResetModel();
    m_rows = m_reader.rows(m_filter);
    endResetModel();
}

QMap<QString, int> ReminderLedgerModel::totals() const
{
    return m_reader.totals(m_filter);
}

QString ReminderLedgerModel::stateName(const QString &status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("sending"))
        return tr("Sending");
    if (status == QLatin1String("sent"))
        return tr("Sent");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    return status;
}

QString ReminderLedgerModel::channelName(const QString &channel)
{
    return channel == QLatin1String("sms") ? tr("SMS") : tr("E-mail");
}

QString ReminderLedgerModel::stateText(const ReminderLedgerReader::Row &row)
{
    if (row.status == QLatin1String("sent") && row.deliveredAt > 0)
        return tr("Delivered");
    if (row.status == QLatin1String("sent") && row.attempts > 1)
        return tr("Sent after retry");
    return stateName(row.status);
}

QString ReminderLedgerModel::channelText(const ReminderLedgerReader::Row &row)
{
    return row.cancellationNotice ? tr("%1 (cancellation notice)").arg(channelName(row.channel))
                                  : channelName(row.channel);
}

int ReminderLedgerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReminderLedgerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReminderLedgerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ReminderLedgerReader::Row &row = m_rows.at(index.row());
    if (role == IdRole)
        return row.id;
    if (role == StatusRole)
        return row.status;
    if (role == AppointmentIdRole)
        return row.appointmentId;
    if (role == Qt::ForegroundRole && index.column() == State && row.status == QLatin1String("failed"))
        return QBrush(QColor(0xc5, 0x22, 0x1f));
    if (role == Qt::ToolTipRole && !row.lastError.isEmpty())
        return row.lastError;
    if (role == Qt::ToolTipRole && index.column() == State && row.deliveredAt > 0)
        return tr("Delivered %1").arg(DisplayTime::dateTime(row.deliveredAt));
    if (role == Qt::TextAlignmentRole && index.column() == Attempts)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Due:
        return DisplayTime::dateTime(row.scheduledFor);
    case Appointment:
        return DisplayTime::dateTime(row.appointmentStart);
    case Lead:
        return row.leadName;
    case Provider:
        return row.providerName;
    case Channel:
        return channelText(row);
    case State:
        return stateText(row);
    case Attempts:
        return row.attempts;
    case LastError:
        return row.lastError;
    }
    return {};
}

QVariant ReminderLedgerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Due:
        return tr("Due");
    case Appointment:
        return tr("Appointment");
    case Lead:
        return tr("Lead");
    case Provider:
        return tr("Provider");
    case Channel:
        return tr("Channel");
    case State:
        return tr("State");
    case Attempts:
        return tr("Attempts");
    case LastError:
        return tr("Last error");
    }
    return {};
}

} // namespace Crm
