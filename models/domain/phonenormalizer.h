#pragma once

#include "result.h"

#include <QString>

namespace Crm {

// Turns what people type as a phone number into E.164 ("+14155550123"), the form leads are
// stored, compared for duplicates and texted in. Uses libphonenumber so national formats,
// international prefixes ("011 44 ...") and the numbering plans of every country are right.
class PhoneNormalizer final
{
public:
    PhoneNormalizer() = delete;

    // Parses `input` (numbers without a country code are read as `defaultRegion`, an ISO 3166
    // region such as "US") and answers the E.164 form, or Error{"invalid_phone", ...} when it
    // is not a valid number there. An extension ("ext. 5") is accepted and dropped: E.164 has
    // no room for it and the number itself still reaches the caller.
    static Result<QString> toE164(const QString &input,
                                  const QString &defaultRegion = QStringLiteral("US"));

    // How a person reads a stored number: national format inside `homeRegion`
    // ("(415) 555-0123"), international elsewhere ("+44 20 7946 0958"). Unparsable text is
    // returned as it is.
    static QString toDisplay(const QString &e164, const QString &homeRegion = QStringLiteral("US"));
};

} // namespace Crm
