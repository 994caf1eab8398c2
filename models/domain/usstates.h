#pragma once

#include <QString>
#include <QStringList>

namespace Crm {

// The two-letter USPS codes a lead's `state` may hold: the 50 states, the District of Columbia
// and the inhabited territories (AS, GU, MP, PR, VI), whose residents can enroll too. Used for
// validation and territory-based assignment.
class UsStates final
{
public:
    UsStates() = delete;

    // All codes, sorted alphabetically.
    static QStringList codes();
    // True for an upper-case code from codes(); "ca" is not valid (normalise first).
    static bool isValid(const QString &code);
    // English name ("California"), or an empty string for an unknown code. Place names are
    // not translated.
    static QString name(const QString &code);
    // The IANA zone most of its people live in ("America/Los_Angeles"), a default for times
    // shown to a lead of that state; empty for an unknown code. States split between zones
    // (Texas, Florida, Indiana...) get their most populous one.
    static QString timeZone(const QString &code);
};

} // namespace Crm
