#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Crm {

// How a lead reached us. ContactForm is the default (the public website form).
enum class LeadSource { ContactForm, Website, Referral, Phone, Event, Other };

// Maps lead sources to their wire names (API.md) and to names for people.
class LeadSourceNames final
{
public:
    LeadSourceNames() = delete;

    // All sources in display order.
    static QList<LeadSource> all();

    // The wire name: "contact_form", "website", "referral", "phone", "event", "other".
    static QString toString(LeadSource source);
    // Exact wire names only; std::nullopt for anything else so callers can answer 400.
    static std::optional<LeadSource> fromString(const QString &text);

    // Translated name for people, e.g. "Contact form".
    static QString displayName(LeadSource source);
};

} // namespace Crm
