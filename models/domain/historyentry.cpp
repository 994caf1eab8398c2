#include "historyentry.h"

#include "leadsource.h"
#include "leadstatus.h"

namespace Crm {

QString HistoryEntry::fieldName(const QString &field)
{
    if (field == QLatin1String("firstName"))
        return tr("First name");
    if (field == QLatin1String("lastName"))
        return tr("Last name");
    if (field == QLatin1String("email"))
        return tr("E-mail");
    if (field == QLatin1String("phone"))
        return tr("Phone");
    if (field == QLatin1String("message"))
        return tr("Message");
    if (field == QLatin1String("source"))
        return tr("Source");
    if (field == QLatin1String("status"))
        return tr("Status");
    if (field == QLatin1String("state"))
        return tr("State");
    if (field == QLatin1String("smsOptIn"))
        return tr("SMS reminders");
    return field;
}

QString HistoryEntry::fieldValue(const QString &field, const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? tr("yes") : tr("no");
    const QString text = value.toString().simplified();
    if (text.isEmpty())
        return tr("(empty)");
    if (field == QLatin1String("source")) {
        if (const std::optional<LeadSource> source = LeadSourceNames::fromString(text))
            return LeadSourceNames::displayName(*source);
    }
    if (field == QLatin1String("status")) {
        if (const std::optional<LeadStatus> status = LeadStatusMachine::fromString(text))
            return LeadStatusMachine::displayName(*status);
    }
    if (text.size() > MaxValueLength)
        return text.left(MaxValueLength - 1) + QChar(0x2026);
    return text;
}

QString HistoryEntry::fieldChanged(const QString &field, const QJsonValue &from, const QJsonValue &to)
{
    return tr("%1 changed from %2 to %3.")
        .arg(fieldName(field), fieldValue(field, from), fieldValue(field, to));
}

QString HistoryEntry::followUpDone(const QString &note)
{
    const QString text = fieldValue(QString(), note);
    return note.trimmed().isEmpty() ? tr("Follow-up done.") : tr("Follow-up done: %1").arg(text);
}

QString HistoryEntry::followUpReopened(const QString &note)
{
    const QString text = fieldValue(QString(), note);
    return note.trimmed().isEmpty() ? tr("Follow-up reopened.")
                                    : tr("Follow-up reopened: %1").arg(text);
}

} // namespace Crm
