#pragma once

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

namespace Crm {

// The words of a lead history's system entries (a field edited, a follow-up done): one place
// that names a lead's fields and shows their values, so every entry reads the same.
class HistoryEntry final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::HistoryEntry)

public:
    static constexpr int MaxValueLength = 80; // longer values (a message) are elided

    // "Phone", "SMS reminders"... for a lead field's API name.
    static QString fieldName(const QString &field);
    // A field's value as a person reads it: "Referral", "yes", "(empty)".
    static QString fieldValue(const QString &field, const QJsonValue &value);
    // "Phone changed from +14155550123 to +14155550199."
    static QString fieldChanged(const QString &field, const QJsonValue &from, const QJsonValue &to);
    // "Follow-up done: Call back about the plan."
    static QString followUpDone(const QString &note);
    static QString followUpReopened(const QString &note);
};

} // namespace Crm
