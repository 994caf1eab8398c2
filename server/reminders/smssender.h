#pragma once

#include "domain/result.h"
#include "reminders/remindermessage.h"
#include "reminders/smtpsender.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Crm {

// Reminder SMS through Twilio's Messages API (POST {base}/2010-04-01/Accounts/{AccountSid}/
// Messages.json, HTTP basic auth with the account SID and auth token, form fields To, From,
// Body and StatusCallback), with libcurl. `--sms-base-url` (default https://api.twilio.com),
// `--sms-from` (E.164); TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the environment; the
// status callback goes to CRM_PUBLIC_URL + /api/twilio/status when that is set (Twilio must
// be able to reach it). One per sending thread.
class SmsSender final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SmsSender)

public:
    struct Settings
    {
        QString baseUrl = QStringLiteral("https://api.twilio.com");
        QString accountSid;
        QString authToken;
        QString from;
        QString statusCallback;
    };
    // From the command line's values and the environment; a clear error when something is
    // missing or malformed.
    static Result<Settings> settings(const QString &baseUrl, const QString &from);

    explicit SmsSender(Settings settings);
    ~SmsSender();
    SmsSender(const SmsSender &) = delete;
    SmsSender &operator=(const SmsSender &) = delete;

    // Sends message.smsBody to message.to. The remote's id is Twilio's message SID.
    DeliveryResult send(const ReminderMessage &message);

private:
    Settings m_settings;
    struct Curl;
    std::unique_ptr<Curl> m_curl;
};

} // namespace Crm
