#include "phonenormalizer.h"

#include <QCoreApplication>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace Crm {

namespace {

Error invalidPhone()
{
    return Error{QStringLiteral("invalid_phone"),
                 QCoreApplication::translate("Crm::PhoneNormalizer", "Enter a valid phone number.")};
}

} // namespace

Result<QString> PhoneNormalizer::toE164(const QString &input, const QString &defaultRegion)
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;

    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return invalidPhone();

    // GetInstance() is a thread-safe singleton and Parse()/Format() are const, so this may run
    // on the server's worker threads concurrently.
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const PhoneNumberUtil::ErrorType error = util->Parse(trimmed.toStdString(),
                                                         defaultRegion.toUpper().toStdString(),
                                                         &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR || !util->IsValidNumber(number))
        return invalidPhone();

    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

QString PhoneNormalizer::toDisplay(const QString &e164, const QString &homeRegion)
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (e164.isEmpty()
        || util->Parse(e164.toStdString(), homeRegion.toUpper().toStdString(), &number)
               != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    std::string formatted;
    util->Format(number,
                 region == homeRegion.toUpper().toStdString() ? PhoneNumberUtil::NATIONAL
                                                              : PhoneNumberUtil::INTERNATIONAL,
                 &formatted);
    return QString::fromStdString(formatted);
}

} // namespace Crm
