#include "lead.h"

#include "wiretime.h"

#include "emailvalidator.h"
#include "phonenormalizer.h"
#include "usstates.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonValue>

#include <cmath>

namespace Crm {

namespace {

// Reads typed fields out of a JSON object and remembers the first problem, so fromJson() reads
// as a plain list of fields instead of fifteen early returns.
class FieldReader
{
public:
    enum Nullability { NotNull, Nullable };

    explicit FieldReader(const QJsonObject &json)
        : m_json(json)
    {}

    const std::optional<Error> &error() const { return m_error; }

    void readString(const QString &key, QString &out, Nullability nullability = NotNull)
    {
        const QJsonValue value = m_json.value(key);
        if (m_error || value.isUndefined())
            return;
        if (value.isNull() && nullability == Nullable)
            out.clear();
        else if (value.isString())
            out = value.toString();
        else
            fail(QCoreApplication::translate("Crm::Lead", "The field \"%1\" must be a string.")
                     .arg(key));
    }

    void readBool(const QString &key, bool &out)
    {
        const QJsonValue value = m_json.value(key);
        if (m_error || value.isUndefined())
            return;
        if (value.isBool())
            out = value.toBool();
        else
            fail(QCoreApplication::translate("Crm::Lead", "The field \"%1\" must be true or false.")
                     .arg(key));
    }

    void readCount(const QString &key, qint64 &out)
    {
        const QJsonValue value = m_json.value(key);
        if (m_error || value.isUndefined())
            return;
        const double number = value.toDouble(-1);
        // Doubles are exact up to 2^53; anything beyond is not a version we ever handed out.
        if (!value.isDouble() || number < 0 || number > 9007199254740992.0
            || std::trunc(number) != number) {
            fail(QCoreApplication::translate(
                     "Crm::Lead", "The field \"%1\" must be a whole number of at least 0.")
                     .arg(key));
            return;
        }
        out = value.toInteger();
    }

    void readTime(const QString &key, qint64 &out)
    {
        std::optional<qint64> time;
        readTime(key, time, NotNull);
        if (time)
            out = *time;
    }

    void readTime(const QString &key, std::optional<qint64> &out, Nullability nullability)
    {
        const QJsonValue value = m_json.value(key);
        if (m_error || value.isUndefined())
            return;
        if (value.isNull() && nullability == Nullable) {
            out.reset();
            return;
        }
        const std::optional<qint64> time = value.isString() ? WireTime::fromWire(value.toString())
                                                            : std::nullopt;
        if (time)
            out = time;
        else
            fail(QCoreApplication::translate(
                     "Crm::Lead",
                     "The field \"%1\" must be an ISO-8601 time with a time zone, such as "
                     "2026-12-01T15:00:00Z.")
                     .arg(key));
    }

    template<typename Enum>
    void readEnum(const QString &key, Enum &out, std::optional<Enum> (*parse)(const QString &))
    {
        const QJsonValue value = m_json.value(key);
        if (m_error || value.isUndefined())
            return;
        if (!value.isString()) {
            fail(QCoreApplication::translate("Crm::Lead", "The field \"%1\" must be a string.")
                     .arg(key));
            return;
        }
        const std::optional<Enum> parsed = parse(value.toString());
        if (parsed)
            out = *parsed;
        else
            fail(QCoreApplication::translate("Crm::Lead",
                                             "The field \"%1\" has an unknown value \"%2\".")
                     .arg(key, value.toString()));
    }

private:
    void fail(const QString &message) { m_error = Error{QStringLiteral("bad_request"), message}; }

    const QJsonObject &m_json;
    std::optional<Error> m_error;
};

} // namespace

ValidationErrors Lead::validate() const
{
    ValidationErrors errors;

    const QString first = firstName.trimmed();
    if (first.isEmpty())
        errors.add(QStringLiteral("firstName"),
                   QCoreApplication::translate("Crm::Lead", "Enter a first name."));
    else if (first.size() > MaxNameLength)
        errors.add(QStringLiteral("firstName"),
                   QCoreApplication::translate("Crm::Lead",
                                               "The first name can be at most %1 characters.")
                       .arg(MaxNameLength));

    const QString last = lastName.trimmed();
    if (last.isEmpty())
        errors.add(QStringLiteral("lastName"),
                   QCoreApplication::translate("Crm::Lead", "Enter a last name."));
    else if (last.size() > MaxNameLength)
        errors.add(QStringLiteral("lastName"),
                   QCoreApplication::translate("Crm::Lead",
                                               "The last name can be at most %1 characters.")
                       .arg(MaxNameLength));

    const QString mail = EmailValidator::normalized(email);
    if (mail.isEmpty())
        errors.add(QStringLiteral("email"),
                   QCoreApplication::translate("Crm::Lead", "Enter an e-mail address."));
    else if (mail.size() > MaxEmailLength)
        errors.add(QStringLiteral("email"),
                   QCoreApplication::translate("Crm::Lead",
                                               "The e-mail address can be at most %1 characters.")
                       .arg(MaxEmailLength));
    else if (!EmailValidator::isValid(mail))
        errors.add(QStringLiteral("email"),
                   QCoreApplication::translate("Crm::Lead", "Enter a valid e-mail address."));

    const QString phoneNumber = phone.trimmed();
    if (phoneNumber.isEmpty())
        errors.add(QStringLiteral("phone"),
                   QCoreApplication::translate("Crm::Lead", "Enter a phone number."));
    else if (phoneNumber.size() > MaxPhoneLength)
        errors.add(QStringLiteral("phone"),
                   QCoreApplication::translate("Crm::Lead",
                                               "The phone number can be at most %1 characters.")
                       .arg(MaxPhoneLength));
    else if (!PhoneNormalizer::toE164(phoneNumber))
        errors.add(QStringLiteral("phone"),
                   QCoreApplication::translate("Crm::Lead", "Enter a valid phone number."));

    if (message.size() > MaxMessageLength)
        errors.add(QStringLiteral("message"),
                   QCoreApplication::translate("Crm::Lead",
                                               "The message can be at most %1 characters.")
                       .arg(MaxMessageLength));

    const QString stateCode = state.trimmed().toUpper();
    if (!stateCode.isEmpty() && !UsStates::isValid(stateCode))
        errors.add(QStringLiteral("state"),
                   QCoreApplication::translate(
                       "Crm::Lead",
                       "Enter a two-letter US state code, such as CA, or leave the state empty."));

    const QString language = preferredLanguage.trimmed().toLower();
    if (!language.isEmpty() && !languages().contains(language))
        errors.add(QStringLiteral("preferredLanguage"),
                   QCoreApplication::translate("Crm::Lead",
                                               "Choose English (en) or Spanish (es), or leave the "
                                               "language empty."));

    return errors;
}

const QStringList &Lead::languages()
{
    static const QStringList codes{QStringLiteral("en"), QStringLiteral("es")};
    return codes;
}

QString Lead::language() const
{
    return preferredLanguage.isEmpty() ? languages().constFirst() : preferredLanguage;
}

QString Lead::languageName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QCoreApplication::translate("Crm::Lead", "English");
    if (code == QLatin1String("es"))
        return QCoreApplication::translate("Crm::Lead", "Spanish");
    return code;
}

void Lead::normalize()
{
    firstName = firstName.trimmed();
    lastName = lastName.trimmed();
    email = EmailValidator::normalized(email);
    phone = phone.trimmed();
    if (const Result<QString> e164 = PhoneNormalizer::toE164(phone))
        phone = e164.value();
    state = state.trimmed().toUpper();
    preferredLanguage = preferredLanguage.trimmed().toLower();
}

QJsonObject Lead::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("firstName"), firstName},
        {QStringLiteral("lastName"), lastName},
        {QStringLiteral("email"), email},
        {QStringLiteral("phone"), phone},
        {QStringLiteral("message"), message},
        {QStringLiteral("source"), LeadSourceNames::toString(source)},
        {QStringLiteral("status"), LeadStatusMachine::toString(status)},
        {QStringLiteral("assignedAgentId"),
         assignedAgentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(assignedAgentId)},
        {QStringLiteral("state"), state},
        {QStringLiteral("smsOptIn"), smsOptIn},
        {QStringLiteral("preferredLanguage"),
         preferredLanguage.isEmpty() ? QJsonValue(QJsonValue::Null)
                                     : QJsonValue(preferredLanguage)},
        {QStringLiteral("firstContactAt"),
         firstContactAt ? QJsonValue(WireTime::toWire(*firstContactAt))
                        : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("createdAt"), WireTime::toWire(createdAt)},
        {QStringLiteral("updatedAt"), WireTime::toWire(updatedAt)},
        {QStringLiteral("version"), version},
    };
}

Result<Lead> Lead::fromJson(const QJsonObject &json)
{
    Lead lead;
    FieldReader reader(json);
    reader.readString(QStringLiteral("id"), lead.id, FieldReader::Nullable);
    reader.readString(QStringLiteral("firstName"), lead.firstName);
    reader.readString(QStringLiteral("lastName"), lead.lastName);
    reader.readString(QStringLiteral("email"), lead.email);
    reader.readString(QStringLiteral("phone"), lead.phone);
    reader.readString(QStringLiteral("message"), lead.message, FieldReader::Nullable);
    reader.readEnum(QStringLiteral("source"), lead.source, &LeadSourceNames::fromString);
    reader.readEnum(QStringLiteral("status"), lead.status, &LeadStatusMachine::fromString);
    reader.readString(QStringLiteral("assignedAgentId"),
                      lead.assignedAgentId,
                      FieldReader::Nullable);
    reader.readString(QStringLiteral("state"), lead.state, FieldReader::Nullable);
    reader.readBool(QStringLiteral("smsOptIn"), lead.smsOptIn);
    reader.readString(QStringLiteral("preferredLanguage"),
                      lead.preferredLanguage,
                      FieldReader::Nullable);
    reader.readTime(QStringLiteral("firstContactAt"), lead.firstContactAt, FieldReader::Nullable);
    reader.readTime(QStringLiteral("createdAt"), lead.createdAt);
    reader.readTime(QStringLiteral("updatedAt"), lead.updatedAt);
    reader.readCount(QStringLiteral("version"), lead.version);
    if (reader.error())
        return *reader.error();
    return lead;
}

bool operator==(const Lead &a, const Lead &b)
{
    return a.id == b.id && a.firstName == b.firstName && a.lastName == b.lastName
           && a.email == b.email && a.phone == b.phone && a.message == b.message
           && a.source == b.source && a.status == b.status && a.assignedAgentId == b.assignedAgentId
           && a.state == b.state && a.smsOptIn == b.smsOptIn
           && a.preferredLanguage == b.preferredLanguage && a.firstContactAt == b.firstContactAt
           && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt && a.version == b.version;
}

const QStringList &Lead::editableFields()
{
    static const QStringList fields{QStringLiteral("firstName"),
                                    QStringLiteral("lastName"),
                                    QStringLiteral("email"),
                                    QStringLiteral("phone"),
                                    QStringLiteral("message"),
                                    QStringLiteral("source"),
                                    QStringLiteral("status"),
                                    QStringLiteral("state"),
                                    QStringLiteral("smsOptIn"),
                                    QStringLiteral("preferredLanguage"),
                                    QStringLiteral("assignedAgentId")};
    return fields;
}

bool Lead::recordContact(qint64 at)
{
    if (firstContactAt && *firstContactAt <= at)
        return false;
    firstContactAt = at;
    if (status == LeadStatus::New)
        status = LeadStatus::Contacted;
    return true;
}

bool Lead::isSamePerson(const Lead &other) const
{
    return (!email.isEmpty() && email.compare(other.email, Qt::CaseInsensitive) == 0)
           || (!phone.isEmpty() && phone == other.phone);
}

} // namespace Crm
