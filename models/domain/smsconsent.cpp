#include "smsconsent.h"

#include <QStringList>

namespace Crm {

QString SmsConsent::toString(Method method)
{
    switch (method) {
    case Method::ContactForm:
        return QStringLiteral("contact_form");
    case Method::Agent:
        return QStringLiteral("agent");
    case Method::Keyword:
        return QStringLiteral("keyword");
    }
    return {};
}

QString SmsConsent::displayName(Method method)
{
    switch (method) {
    case Method::ContactForm:
        return tr("the contact form's checkbox");
    case Method::Agent:
        return tr("told an agent");
    case Method::Keyword:
        return tr("a text message");
    }
    return {};
}

SmsConsent::Keyword SmsConsent::classify(const QString &messageBody)
{
    static const QStringList optOut{QStringLiteral("STOP"), QStringLiteral("STOPALL"),
                                    QStringLiteral("UNSUBSCRIBE"), QStringLiteral("CANCEL"),
                                    QStringLiteral("END"), QStringLiteral("QUIT"),
                                    QStringLiteral("REVOKE"), QStringLiteral("OPTOUT")};
    static const QStringList optIn{QStringLiteral("START"), QStringLiteral("UNSTOP"), QStringLiteral("YES")};
    QString word = messageBody.trimmed().toUpper();
    while (!word.isEmpty() && (word.endsWith(QLatin1Char('.')) || word.endsWith(QLatin1Char('!'))))
        word.chop(1);
    if (optOut.contains(word))
        return Keyword::OptOut;
    if (optIn.contains(word))
        return Keyword::OptIn;
    return Keyword::None;
}

QString SmsConsent::textVersion()
{
    return QStringLiteral("sms-reminders-2026-12");
}

QString SmsConsent::text()
{
    // The wording of textVersion(); a change of words is a new version.
    return QStringLiteral("I agree to receive appointment reminders by text message from Agent CRM. "
                          "Message and data rates may apply. Reply STOP to opt out, START to opt in again.");
}

} // namespace Crm
