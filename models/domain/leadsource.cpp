#include "leadsource.h"

#include <QCoreApplication>

namespace Crm {

QList<LeadSource> LeadSourceNames::all()
{
    return {LeadSource::ContactForm,
            LeadSource::Website,
            LeadSource::Referral,
            LeadSource::Phone,
            LeadSource::Event,
            LeadSource::Other};
}

QString LeadSourceNames::toString(LeadSource source)
{
    switch (source) {
    case LeadSource::ContactForm:
        return QStringLiteral("contact_form");
    case LeadSource::Website:
        return QStringLiteral("website");
    case LeadSource::Referral:
        return QStringLiteral("referral");
    case LeadSource::Phone:
        return QStringLiteral("phone");
    case LeadSource::Event:
        return QStringLiteral("event");
    case LeadSource::Other:
        return QStringLiteral("other");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<LeadSource> LeadSourceNames::fromString(const QString &text)
{
    const QList<LeadSource> sources = all();
    for (LeadSource source : sources) {
        if (toString(source) == text)
            return source;
    }
    return std::nullopt;
}

QString LeadSourceNames::displayName(LeadSource source)
{
    switch (source) {
    case LeadSource::ContactForm:
        return QCoreApplication::translate("Crm::LeadSource", "Contact form");
    case LeadSource::Website:
        return QCoreApplication::translate("Crm::LeadSource", "Website");
    case LeadSource::Referral:
        return QCoreApplication::translate("Crm::LeadSource", "Referral");
    case LeadSource::Phone:
        return QCoreApplication::translate("Crm::LeadSource", "Phone");
    case LeadSource::Event:
        return QCoreApplication::translate("Crm::LeadSource", "Event");
    case LeadSource::Other:
        return QCoreApplication::translate("Crm::LeadSource", "Other");
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace Crm
