#pragma once

#include <QCoreApplication>
#include <QString>

namespace Crm {

// Consent to SMS reminders, with its proof (issue 12): how a lead said yes or no, and to which
// wording. One home for the words that count as "stop" and "start" (the carriers' standard
// opt-out and opt-in keywords, any case, the whole message), the consent text and its
// version, used by the server's inbound SMS route, the contact form and the desktop.
class SmsConsent final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SmsConsent)

public:
    SmsConsent() = delete;

    // How consent was given or taken back.
    enum class Method { ContactForm, Agent, Keyword };
    static QString toString(Method method); // contact_form, agent, keyword
    static QString displayName(Method method);

    enum class Keyword { None, OptOut, OptIn };
    // STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT: opt out; START, UNSTOP,
    // YES: opt in; anything else (or a keyword inside a sentence): None.
    static Keyword classify(const QString &messageBody);

    // The wording a lead agrees to, and its version (recorded with every consent).
    static QString textVersion();
    static QString text();
};

} // namespace Crm
