#pragma once

#include "leadsource.h"
#include "leadstatus.h"
#include "result.h"
#include "validationerrors.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace Crm {

// A prospective member as the API describes it (API.md, "Leads"): a plain value shared by the
// store, the sync protocol, the server and the UI. Times are UTC epoch milliseconds.
struct Lead
{
    // Limits of the seed schema's columns.
    static constexpr int MaxNameLength = 255;
    static constexpr int MaxEmailLength = 255;
    static constexpr int MaxPhoneLength = 50;
    static constexpr int MaxMessageLength = 5000;

    QString id; // lower-case UUID; empty until minted by a client or the server
    QString firstName;
    QString lastName;
    QString email;
    QString phone; // E.164 once normalised
    QString message;
    LeadSource source = LeadSource::ContactForm;
    LeadStatus status = LeadStatus::New;
    QString assignedAgentId; // empty: unassigned (null on the wire)
    QString state;           // USPS code ("CA") or empty
    bool smsOptIn = false;
    // The language the lead reads their reminders in: one of languages() ("en", "es"), or
    // empty when they have not said (English).
    QString preferredLanguage;
    std::optional<qint64> firstContactAt; // unset until the first call, e-mail or meeting
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 0;

    // Checks the fields a person enters, as normalize() would store them (surrounding spaces
    // are not an error). Keys are the API's field names, so the result can be sent as the
    // "fields" of a 422 answer or shown beside the form's inputs.
    ValidationErrors validate() const;

    // Brings entered values to their stored form: trimmed names, trimmed lower-case e-mail,
    // E.164 phone (left trimmed as typed when it does not parse, so validate() can say so),
    // trimmed upper-case state.
    void normalize();
    // The duplicate rule of the contact form and of New lead: the same person is the same
    // e-mail address (in any case) or the same phone number (E.164). Both leads normalized.
    bool isSamePerson(const Lead &other) const;

    // The languages a lead can prefer, as ISO 639-1 codes; English first (the default).
    static const QStringList &languages();
    // preferredLanguage, or English when the lead has not said.
    QString language() const;
    // "English", "Spanish" in the user's language; the code itself when it is not one of
    // languages(); "" for "".
    static QString languageName(const QString &code);

    bool isOpen() const { return LeadStatusMachine::isOpen(status); }
    // A call, e-mail or meeting that happened at `at`: the first contact is the earliest one
    // that happened, whichever reached the server first (two devices syncing calls made
    // offline), and it moves a new lead to contacted. True when the lead changed.
    bool recordContact(qint64 at);

    // The API's JSON object, every field present; firstContactAt and an empty
    // assignedAgentId are null.
    QJsonObject toJson() const;

    // Reads an API object. Missing fields keep their defaults (a contact-form submission has
    // only a few); null is accepted for id, message, assignedAgentId, state,
    // preferredLanguage and firstContactAt. Wrong types, unknown source/status values and malformed times are
    // refused with Error{"bad_request", <message naming the field>}. Unknown keys (for
    // example "baseVersion") are ignored. Does not validate(): that is a separate 422 step.
    static Result<Lead> fromJson(const QJsonObject &json);

    // The fields a client may change (API names), in a sync mutation as in a form; the rest
    // (id, times, version, firstContactAt) are the server's.
    static const QStringList &editableFields();
};

bool operator==(const Lead &a, const Lead &b);
inline bool operator!=(const Lead &a, const Lead &b)
{
    return !(a == b);
}

} // namespace Crm
