#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>

namespace Crm {

// What a system entry of a lead's history means, apart from its words: a code and its params,
// as the server records them and sends them (API.md, activities), so that each client says it
// in its own language. The server keeps an English sentence in `notes` as well, for readers
// that do not know the code.
struct SystemEvent
{
    QString code; // lead_created, assigned, status_changed, field_changed, follow_up_done,
                  // follow_up_reopened, enrolled, resubmitted, appointment_booked,
                  // appointment_rescheduled, appointment_status, sms_consent
    QJsonObject params;
};

// The words of a lead history's system entries: one place that knows every code, names a
// lead's fields and shows their values, used by the server (for `notes`) and by the desktop
// (in the user's language).
class HistoryEntry final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::HistoryEntry)

public:
    static constexpr int MaxValueLength = 80; // longer values (a message) are elided

    // A user's name for an id, or an empty string when this side does not know it.
    using NameLookup = std::function<QString(const QString &userId)>;

    // The events, with the params each code carries.
    static SystemEvent leadCreated(bool viaContactForm); // {via: contact_form | by_hand}
    // {agentId, previousAgentId?, reason (AssignmentReason::code), state?}
    static SystemEvent assigned(const QString &agentId,
                                const QString &previousAgentId,
                                const QString &reasonCode,
                                const QString &state);
    // {from, to, firstContact?}: status names as on the wire.
    static SystemEvent statusChanged(const QString &from, const QString &to, bool firstContact);
    // {field, from, to}: values as on the wire (a bool for smsOptIn).
    static SystemEvent fieldChanged(const QString &field, const QJsonValue &from, const QJsonValue &to);
    static SystemEvent followUpDone(const QString &note);     // {note}
    static SystemEvent followUpReopened(const QString &note); // {note}
    // {plan, effectiveDate?}: effectiveDate as YYYY-MM-DD.
    static SystemEvent enrolled(const QString &plan, const QString &effectiveDate);
    // The same person sent again: {via, name, message?}.
    static SystemEvent resubmitted(bool viaContactForm, const QString &name, const QString &message);
    // {optedIn, method (SmsConsent::toString), version}: the lead said yes or no to SMS.
    static SystemEvent smsConsent(bool optedIn, const QString &method, const QString &version);
    // Appointments: {appointmentId, type, start} (type as on the wire, start as a wire time).
    static SystemEvent appointmentBooked(const QString &appointmentId, const QString &type, qint64 start);
    // {appointmentId, type, from, to}.
    static SystemEvent appointmentRescheduled(const QString &appointmentId,
                                              const QString &type,
                                              qint64 from,
                                              qint64 to);
    // {appointmentId, type, start, status}: confirmed, completed, cancelled or no_show.
    static SystemEvent appointmentStatus(const QString &appointmentId,
                                         const QString &type,
                                         qint64 start,
                                         const QString &status);

    // The entry in the current language, or an empty string for a code this version does not
    // know (the caller shows the entry's notes then).
    static QString text(const QString &code, const QJsonObject &params, const NameLookup &nameOf);
    static QString text(const SystemEvent &event, const NameLookup &nameOf)
    {
        return text(event.code, event.params, nameOf);
    }

    // An entry written before entries had codes: its English sentence read back into an event
    // (names stand where ids would: params agentName, previousAgentName), or nothing when the
    // sentence is not one the server wrote.
    static std::optional<SystemEvent> fromLegacyNotes(const QString &notes);

    // "Phone", "SMS reminders"... for a lead field's API name.
    static QString fieldName(const QString &field);
    // A field's value as a person reads it: "Referral", "yes", "(empty)".
    static QString fieldValue(const QString &field, const QJsonValue &value);
};

} // namespace Crm
