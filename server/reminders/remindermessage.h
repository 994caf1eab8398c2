#pragma once

#include "domain/appointment.h"
#include "domain/lead.h"

#include <QByteArray>
#include <QString>

namespace Crm {

// What one reminder says, by e-mail or by SMS, composed from the appointment and its lead and
// nothing else (minimum necessary): the time in the recipient's zone, the meeting link, whom
// to contact to cancel or move it, and for e-mail an invitation the recipient's calendar
// understands; in the lead's preferred language (MessageCatalog). Never what the visit is about: every type is "your appointment", and notes
// never leave. Transport-free; SmtpSender and SmsSender deliver it.
struct ReminderMessage
{
    QString reminderId;
    QString to;        // an e-mail address, or an E.164 number
    QString subject;   // e-mail
    QString text;      // e-mail's text part
    QString html;      // e-mail's HTML part
    QByteArray ics;    // e-mail's attachment (METHOD:REQUEST, or CANCEL for a cancellation)
    bool cancellation = false;
    QString smsBody;   // at most 160 GSM-7 characters

    // "<reminder id>@agent-crm": the same on every attempt, so a mail sent twice (a worker
    // killed between the server's acceptance and the ledger) is one message to mail clients.
    QString messageId() const;

    // The zone the lead reads times in: their state's (UsStates::timeZone), else `fallback`
    // (the provider's).
    static QString zoneFor(const Lead &lead, const QString &fallback);

    // `contact`: whom to reach to cancel or move it (the provider's e-mail address or phone).
    static ReminderMessage compose(const QString &reminderId,
                                   const Appointment &appointment,
                                   const Lead &lead,
                                   const QString &zoneId,
                                   const QString &from,
                                   const QString &contact);

    // Whether every character is in the GSM 03.38 basic set (one SMS of 160 characters holds it).
    static bool isGsm7(const QString &text);
    // `text` with every character outside that set replaced by its letter without the accent
    // ("á" → "a"), or "?" when it has none.
    static QString toGsm7(const QString &text);
};

} // namespace Crm
