#include "emailvalidator.h"

#include <QStringView>
#include <QUrl>

namespace Crm {

namespace {

bool isAsciiLetterOrDigit(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
           || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
           || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// RFC 5322 "atext" plus the dot, whose placement is checked separately.
bool isLocalPartChar(QChar c)
{
    static const QLatin1String specials("!#$%&'*+-/=?^_`{|}~.");
    return isAsciiLetterOrDigit(c) || specials.contains(c);
}

bool isValidLocalPart(QStringView local)
{
    if (local.isEmpty() || local.size() > EmailValidator::MaxLocalPartLength)
        return false;
    if (local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.'))
        || local.contains(QLatin1String("..")))
        return false;
    for (QChar c : local) {
        if (!isLocalPartChar(c))
            return false;
    }
    return true;
}

// A host name label: letters, digits and hyphens, 1..63 characters, no hyphen at either end.
bool isValidLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63)
        return false;
    if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
        return false;
    for (QChar c : label) {
        if (!isAsciiLetterOrDigit(c) && c != QLatin1Char('-'))
            return false;
    }
    return true;
}

bool isAscii(QStringView text)
{
    for (QChar c : text) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

bool isValidDomain(const QString &domain)
{
    if (domain.isEmpty())
        return false;
    QString ascii = domain;
    if (!isAscii(domain)) {
        // Internationalised domain: validate the punycode form mail servers see. toAce() also
        // refuses malformed Unicode labels by returning an empty result.
        ascii = QString::fromLatin1(QUrl::toAce(domain));
        if (ascii.isEmpty())
            return false;
    }
    if (ascii.size() > 253)
        return false;
    const QList<QStringView> labels = QStringView(ascii).split(QLatin1Char('.'));
    // A bare host ("localhost") is not a deliverable address for a lead.
    if (labels.size() < 2)
        return false;
    for (QStringView label : labels) {
        if (!isValidLabel(label))
            return false;
    }
    // An all-digit top-level label means an IP address, not a domain.
    const QStringView tld = labels.constLast();
    for (QChar c : tld) {
        if (!c.isDigit())
            return true;
    }
    return false;
}

} // namespace

bool EmailValidator::isValid(const QString &address)
{
    if (address.isEmpty() || address.size() > MaxAddressLength)
        return false;
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    if (at < 0 || address.indexOf(QLatin1Char('@'), at + 1) >= 0)
        return false;
    return isValidLocalPart(QStringView(address).left(at)) && isValidDomain(address.mid(at + 1));
}

QString EmailValidator::normalized(const QString &address)
{
    return address.trimmed().toLower();
}

} // namespace Crm
