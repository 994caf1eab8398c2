#pragma once

#include "domain/result.h"
#include "reminders/remindermessage.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Crm {

// What one delivery attempt came to: accepted by the remote (with its message id when it
// gives one), or refused with the reason; `permanent` when trying again cannot help (the
// remote refused the address for good).
struct DeliveryResult
{
    bool accepted = false;
    QString messageId;
    QString error;
    bool permanent = false;
};

// Reminder e-mail over SMTP with libcurl (API.md's command line): `--smtp smtp://host:port`
// with STARTTLS required, `smtps://host:port`, or `smtp+insecure://` for a server on loopback
// only; `--smtp-from`; the account from CRM_SMTP_USER / CRM_SMTP_PASSWORD. Each mail is
// multipart: text and HTML alternatives and the .ics invitation, with a Message-ID derived from
// the reminder. One connection is kept and reused between mails. Not thread-safe: one per
// sending thread.
class SmtpSender final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SmtpSender)

public:
    struct Settings
    {
        QString url;  // as curl takes it: smtp:// or smtps://
        bool requireTls = true;
        QString from;
        QString user;
        QString password;
    };
    // The settings from the command line's values and the environment; a clear error for a
    // URL that is not one of the three forms, an insecure one off loopback, or a bad sender.
    static Result<Settings> settings(const QString &url, const QString &from);

    explicit SmtpSender(Settings settings);
    ~SmtpSender();
    SmtpSender(const SmtpSender &) = delete;
    SmtpSender &operator=(const SmtpSender &) = delete;

    DeliveryResult send(const ReminderMessage &message);
    const Settings &configuration() const { return m_settings; }

private:
    Settings m_settings;
    struct Curl;
    std::unique_ptr<Curl> m_curl;
};

} // namespace Crm
