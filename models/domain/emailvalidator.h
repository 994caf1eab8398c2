#pragma once

#include <QString>

namespace Crm {

// A practical e-mail address check for lead forms: catches typos (spaces, a missing or doubled
// @, no dot in the domain, stray dots and hyphens) without trying to accept every address
// RFC 5322 allows. Quoted local parts, comments and IP-literal domains are refused; nobody
// types them into a contact form. The local part must be ASCII because reminders go out over
// plain SMTP; the domain may be internationalised (checked in its punycode form).
class EmailValidator final
{
public:
    EmailValidator() = delete;

    // Longest local part (RFC 5321) and longest address usable in an SMTP path.
    static constexpr int MaxLocalPartLength = 64;
    static constexpr int MaxAddressLength = 254;

    // Checks `address` exactly as given: surrounding spaces make it invalid.
    static bool isValid(const QString &address);

    // Trimmed and lower-cased, the form stored and compared for duplicate detection. Lowering
    // the local part is strictly not RFC-conformant, but no mail provider in practice treats
    // two addresses differing in case as different people.
    static QString normalized(const QString &address);
};

} // namespace Crm
