#pragma once

#include "domain/lead.h"
#include "domain/result.h"
#include "domain/smsconsent.h"

#include <QJsonArray>
#include <QSqlDatabase>

namespace Crm {

class WriteTransaction;

// The proof of every SMS consent change (sms_consents): when, how (the contact form's checkbox,
// an agent told on a call, a keyword texted back), to which wording (SmsConsent::textVersion)
// and who recorded it; each change also leaves a line in the lead's history. Taking consent
// back cancels the lead's pending SMS reminders at once.
class SmsConsentLedger final
{
public:
    // Records that `lead` (already saved with smsOptIn = optedIn) said yes or no.
    static Status record(WriteTransaction &tx,
                         const Lead &lead,
                         bool optedIn,
                         SmsConsent::Method method,
                         const QString &actorId,
                         const QString &detail = QString());
    // [{id, optedIn, method, textVersion, actorId, detail, at}], newest first.
    static Result<QJsonArray> forLead(const QSqlDatabase &db, const QString &leadId);
};

} // namespace Crm
