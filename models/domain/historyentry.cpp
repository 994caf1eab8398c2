#include "historyentry.h"

#include "lead.h"

#include "appointment.h"
#include "assignmentreason.h"
#include "displaytime.h"
#include "leadsource.h"
#include "leadstatus.h"
#include "phonenormalizer.h"
#include "smsconsent.h"
#include "wiretime.h"

#include <QRegularExpression>

namespace Crm {

namespace {

const QLatin1String ContactForm("contact_form");
const QLatin1String ByHand("by_hand");

QString str(const QJsonObject &params, const char *key)
{
    return params.value(QLatin1String(key)).toString();
}

QString statusName(const QString &wire)
{
    if (const std::optional<LeadStatus> status = LeadStatusMachine::fromString(wire))
        return LeadStatusMachine::displayName(*status);
    return wire;
}

// An agent named in params: by id (the name this side knows), else by the name an old entry
// wrote, else as "an agent".
QString agentName(const QJsonObject &params,
                  const char *idKey,
                  const char *nameKey,
                  const HistoryEntry::NameLookup &nameOf)
{
    const QString id = str(params, idKey);
    if (!id.isEmpty() && nameOf) {
        if (const QString name = nameOf(id); !name.isEmpty())
            return name;
    }
    if (const QString name = str(params, nameKey); !name.isEmpty())
        return name;
    return HistoryEntry::tr("an agent");
}

QString assignedText(const QJsonObject &params, const HistoryEntry::NameLookup &nameOf)
{
    const QString agent = agentName(params, "agentId", "agentName", nameOf);
    const std::optional<AssignmentReason> reason
        = AssignmentReason::fromCode(str(params, "reason"), str(params, "state"));
    const bool reassigned = params.contains(QLatin1String("previousAgentId"))
                            || params.contains(QLatin1String("previousAgentName"));
    if (reassigned) {
        const QString previous = agentName(params, "previousAgentId", "previousAgentName", nameOf);
        return reason ? HistoryEntry::tr("Reassigned from %1 to %2 (%3).")
                            .arg(previous, agent, reason->displayText())
                      : HistoryEntry::tr("Reassigned from %1 to %2.").arg(previous, agent);
    }
    return reason ? HistoryEntry::tr("Assigned to %1 (%2).").arg(agent, reason->displayText())
                  : HistoryEntry::tr("Assigned to %1.").arg(agent);
}

QString appointmentTypeName(const QJsonObject &params)
{
    if (const auto type = AppointmentRules::typeFromString(str(params, "type")))
        return AppointmentRules::displayName(*type);
    return HistoryEntry::tr("Appointment");
}

QString when(const QJsonObject &params, const char *key)
{
    const std::optional<qint64> at = WireTime::fromWire(str(params, key));
    return at ? DisplayTime::dateTime(*at) : str(params, key);
}

QString appointmentText(const QString &code, const QJsonObject &params)
{
    const QString type = appointmentTypeName(params);
    if (code == QLatin1String("appointment_booked"))
        return HistoryEntry::tr("%1 booked for %2.").arg(type, when(params, "start"));
    if (code == QLatin1String("appointment_rescheduled"))
        return HistoryEntry::tr("%1 moved from %2 to %3.").arg(type, when(params, "from"), when(params, "to"));
    const QString status = str(params, "status");
    if (status == QLatin1String("confirmed"))
        return HistoryEntry::tr("%1 on %2 confirmed.").arg(type, when(params, "start"));
    if (status == QLatin1String("completed"))
        return HistoryEntry::tr("%1 on %2 held.").arg(type, when(params, "start"));
    if (status == QLatin1String("cancelled"))
        return HistoryEntry::tr("%1 on %2 cancelled.").arg(type, when(params, "start"));
    if (status == QLatin1String("no_show"))
        return HistoryEntry::tr("Did not come to the %1 on %2 (no-show).")
            .arg(type.toLower(), when(params, "start"));
    return {};
}

QString enrolledText(const QJsonObject &params)
{
    const QString plan = str(params, "plan");
    const QDate date = QDate::fromString(str(params, "effectiveDate"), Qt::ISODate);
    const QString effective = date.isValid() ? DisplayTime::date(date)
                                             : str(params, "effectiveDate");
    if (!plan.isEmpty() && !effective.isEmpty())
        return HistoryEntry::tr("Converted to enrollment: %1, effective %2.").arg(plan, effective);
    if (!plan.isEmpty())
        return HistoryEntry::tr("Converted to enrollment: %1.").arg(plan);
    if (!effective.isEmpty())
        return HistoryEntry::tr("Converted to enrollment, effective %1.").arg(effective);
    return HistoryEntry::tr("Converted to enrollment.");
}

QString resubmittedText(const QJsonObject &params)
{
    const QString name = str(params, "name");
    QString text = str(params, "via") == ContactForm
                       ? HistoryEntry::tr("Contact form submission (unverified: anyone can send "
                                          "the form with this e-mail or phone), signed \"%1\".")
                             .arg(name)
                       : HistoryEntry::tr("Entered again by hand as \"%1\".").arg(name);
    if (const QString message = str(params, "message"); !message.isEmpty())
        text += QLatin1Char('\n') + message;
    return text;
}

// An English display name read back into its wire name ("Contact form" → contact_form).
QString wireName(const QString &displayName)
{
    return displayName.toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

// A value as an old entry wrote it, back into what the wire carries.
QJsonValue legacyValue(const QString &field, const QString &text)
{
    if (text == QLatin1String("(empty)"))
        return QString();
    if (field == QLatin1String("smsOptIn"))
        return QJsonValue(text == QLatin1String("yes"));
    if (field == QLatin1String("source") && LeadSourceNames::fromString(wireName(text)))
        return wireName(text);
    return text;
}

} // namespace

SystemEvent HistoryEntry::leadCreated(bool viaContactForm)
{
    return {QStringLiteral("lead_created"),
            {{QStringLiteral("via"), viaContactForm ? ContactForm : ByHand}}};
}

SystemEvent HistoryEntry::assigned(const QString &agentId,
                                   const QString &previousAgentId,
                                   const QString &reasonCode,
                                   const QString &state)
{
    QJsonObject params{{QStringLiteral("agentId"), agentId},
                       {QStringLiteral("reason"), reasonCode}};
    if (!previousAgentId.isEmpty())
        params.insert(QStringLiteral("previousAgentId"), previousAgentId);
    if (!state.isEmpty())
        params.insert(QStringLiteral("state"), state);
    return {QStringLiteral("assigned"), params};
}

SystemEvent HistoryEntry::statusChanged(const QString &from, const QString &to, bool firstContact)
{
    QJsonObject params{{QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
    if (firstContact)
        params.insert(QStringLiteral("firstContact"), true);
    return {QStringLiteral("status_changed"), params};
}

SystemEvent HistoryEntry::fieldChanged(const QString &field, const QJsonValue &from, const QJsonValue &to)
{
    return {QStringLiteral("field_changed"),
            {{QStringLiteral("field"), field}, {QStringLiteral("from"), from}, {QStringLiteral("to"), to}}};
}

SystemEvent HistoryEntry::followUpDone(const QString &note)
{
    return {QStringLiteral("follow_up_done"), {{QStringLiteral("note"), note}}};
}

SystemEvent HistoryEntry::followUpReopened(const QString &note)
{
    return {QStringLiteral("follow_up_reopened"), {{QStringLiteral("note"), note}}};
}

SystemEvent HistoryEntry::enrolled(const QString &plan, const QString &effectiveDate)
{
    QJsonObject params{{QStringLiteral("plan"), plan}};
    if (!effectiveDate.isEmpty())
        params.insert(QStringLiteral("effectiveDate"), effectiveDate);
    return {QStringLiteral("enrolled"), params};
}

SystemEvent HistoryEntry::resubmitted(bool viaContactForm, const QString &name, const QString &message)
{
    QJsonObject params{{QStringLiteral("via"), viaContactForm ? ContactForm : ByHand},
                       {QStringLiteral("name"), name}};
    if (!message.isEmpty())
        params.insert(QStringLiteral("message"), message);
    return {QStringLiteral("resubmitted"), params};
}

SystemEvent HistoryEntry::smsConsent(bool optedIn, const QString &method, const QString &version)
{
    return {QStringLiteral("sms_consent"),
            {{QStringLiteral("optedIn"), optedIn},
             {QStringLiteral("method"), method},
             {QStringLiteral("version"), version}}};
}

SystemEvent HistoryEntry::appointmentBooked(const QString &appointmentId, const QString &type, qint64 start)
{
    return {QStringLiteral("appointment_booked"),
            {{QStringLiteral("appointmentId"), appointmentId},
             {QStringLiteral("type"), type},
             {QStringLiteral("start"), WireTime::toWire(start)}}};
}

SystemEvent HistoryEntry::appointmentRescheduled(const QString &appointmentId,
                                                 const QString &type,
                                                 qint64 from,
                                                 qint64 to)
{
    return {QStringLiteral("appointment_rescheduled"),
            {{QStringLiteral("appointmentId"), appointmentId},
             {QStringLiteral("type"), type},
             {QStringLiteral("from"), WireTime::toWire(from)},
             {QStringLiteral("to"), WireTime::toWire(to)}}};
}

SystemEvent HistoryEntry::appointmentStatus(const QString &appointmentId,
                                            const QString &type,
                                            qint64 start,
                                            const QString &status)
{
    return {QStringLiteral("appointment_status"),
            {{QStringLiteral("appointmentId"), appointmentId},
             {QStringLiteral("type"), type},
             {QStringLiteral("start"), WireTime::toWire(start)},
             {QStringLiteral("status"), status}}};
}

QString HistoryEntry::text(const QString &code, const QJsonObject &params, const NameLookup &nameOf)
{
    if (code.startsWith(QLatin1String("appointment_")))
        return appointmentText(code, params);
    if (code == QLatin1String("sms_consent")) {
        QString how = str(params, "method");
        for (const SmsConsent::Method method : {SmsConsent::Method::ContactForm, SmsConsent::Method::Agent,
                                                SmsConsent::Method::Keyword}) {
            if (how == SmsConsent::toString(method))
                how = SmsConsent::displayName(method);
        }
        return params.value(QLatin1String("optedIn")).toBool()
                   ? tr("Agreed to SMS reminders (%1; wording %2).").arg(how, str(params, "version"))
                   : tr("Stopped SMS reminders (%1).").arg(how);
    }
    if (code == QLatin1String("lead_created"))
        return str(params, "via") == ContactForm ? tr("Received from the website contact form.")
                                                 : tr("Entered by hand.");
    if (code == QLatin1String("assigned"))
        return assignedText(params, nameOf);
    if (code == QLatin1String("status_changed")) {
        const QString from = statusName(str(params, "from"));
        const QString to = statusName(str(params, "to"));
        return params.value(QLatin1String("firstContact")).toBool()
                   ? tr("Status changed from %1 to %2 (first contact).").arg(from, to)
                   : tr("Status changed from %1 to %2.").arg(from, to);
    }
    if (code == QLatin1String("field_changed")) {
        const QString field = str(params, "field");
        return tr("%1 changed from %2 to %3.")
            .arg(fieldName(field),
                 fieldValue(field, params.value(QLatin1String("from"))),
                 fieldValue(field, params.value(QLatin1String("to"))));
    }
    if (code == QLatin1String("follow_up_done") || code == QLatin1String("follow_up_reopened")) {
        const QString note = str(params, "note");
        const bool done = code == QLatin1String("follow_up_done");
        if (note.trimmed().isEmpty())
            return done ? tr("Follow-up done.") : tr("Follow-up reopened.");
        const QString shown = fieldValue(QString(), note);
        return done ? tr("Follow-up done: %1").arg(shown) : tr("Follow-up reopened: %1").arg(shown);
    }
    if (code == QLatin1String("enrolled"))
        return enrolledText(params);
    if (code == QLatin1String("resubmitted"))
        return resubmittedText(params);
    return {};
}

std::optional<SystemEvent> HistoryEntry::fromLegacyNotes(const QString &notes)
{
    // The sentences as the server wrote them in English before entries carried codes.
    if (notes == QLatin1String("Received from the website contact form."))
        return leadCreated(true);
    if (notes == QLatin1String("Entered by hand."))
        return leadCreated(false);

    const auto legacyReason = [](const QString &text) -> std::optional<AssignmentReason> {
        if (text == QLatin1String("entered by the agent"))
            return AssignmentReason{AssignmentReason::Kind::EnteredByAgent, {}};
        return AssignmentReason::fromWire(text);
    };
    static const QRegularExpression assignedRe(QStringLiteral("^Assigned to (.+?) \\((.+)\\)\\.$"));
    if (const auto m = assignedRe.match(notes); m.hasMatch()) {
        if (const auto reason = legacyReason(m.captured(2))) {
            SystemEvent event = assigned(QString(), QString(), reason->code(), reason->state);
            event.params.remove(QStringLiteral("agentId"));
            event.params.insert(QStringLiteral("agentName"), m.captured(1));
            return event;
        }
    }
    static const QRegularExpression reassignedRe(
        QStringLiteral("^Reassigned from (.+?) to (.+?) \\((.+)\\)\\.$"));
    if (const auto m = reassignedRe.match(notes); m.hasMatch()) {
        if (const auto reason = legacyReason(m.captured(3))) {
            SystemEvent event = assigned(QString(), QString(), reason->code(), reason->state);
            event.params.remove(QStringLiteral("agentId"));
            event.params.insert(QStringLiteral("previousAgentName"), m.captured(1));
            event.params.insert(QStringLiteral("agentName"), m.captured(2));
            return event;
        }
    }
    static const QRegularExpression statusRe(
        QStringLiteral("^Status changed from (\\w+) to (\\w+)( \\(first contact\\))?\\.$"));
    if (const auto m = statusRe.match(notes); m.hasMatch()) {
        const QString from = wireName(m.captured(1));
        const QString to = wireName(m.captured(2));
        if (LeadStatusMachine::fromString(from) && LeadStatusMachine::fromString(to))
            return statusChanged(from, to, m.capturedLength(3) > 0);
    }
    static const QRegularExpression fieldRe(
        QStringLiteral("^(First name|Last name|E-mail|Phone|Message|Source|State|SMS reminders)"
                       " changed from (.*) to (.*)\\.$"),
        QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = fieldRe.match(notes); m.hasMatch()) {
        static const QHash<QString, QString> fields{{QStringLiteral("First name"), QStringLiteral("firstName")},
                                                    {QStringLiteral("Last name"), QStringLiteral("lastName")},
                                                    {QStringLiteral("E-mail"), QStringLiteral("email")},
                                                    {QStringLiteral("Phone"), QStringLiteral("phone")},
                                                    {QStringLiteral("Message"), QStringLiteral("message")},
                                                    {QStringLiteral("Source"), QStringLiteral("source")},
                                                    {QStringLiteral("State"), QStringLiteral("state")},
                                                    {QStringLiteral("SMS reminders"), QStringLiteral("smsOptIn")}};
        const QString field = fields.value(m.captured(1));
        return fieldChanged(field, legacyValue(field, m.captured(2)), legacyValue(field, m.captured(3)));
    }
    if (notes == QLatin1String("Follow-up done."))
        return followUpDone(QString());
    if (notes == QLatin1String("Follow-up reopened."))
        return followUpReopened(QString());
    if (notes.startsWith(QLatin1String("Follow-up done: ")))
        return followUpDone(notes.mid(16));
    if (notes.startsWith(QLatin1String("Follow-up reopened: ")))
        return followUpReopened(notes.mid(20));
    static const QRegularExpression enrolledRe(QStringLiteral(
        "^Converted to enrollment(?:: (.+?))?(?:,? effective (\\d{4}-\\d{2}-\\d{2}))?\\.$"));
    if (const auto m = enrolledRe.match(notes); m.hasMatch())
        return enrolled(m.captured(1), m.captured(2));
    static const QRegularExpression formRe(QStringLiteral(
        "^Contact form submission \\(unverified: anyone can send the form with this e-mail or"
        " phone\\), signed \"(.*)\"\\.(?:\\n(.*))?$"),
                                           QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = formRe.match(notes); m.hasMatch())
        return resubmitted(true, m.captured(1), m.captured(2));
    static const QRegularExpression byHandRe(
        QStringLiteral("^Entered again by hand as \"(.*)\"\\.(?:\\n(.*))?$"),
        QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = byHandRe.match(notes); m.hasMatch())
        return resubmitted(false, m.captured(1), m.captured(2));
    return std::nullopt;
}

QString HistoryEntry::fieldName(const QString &field)
{
    if (field == QLatin1String("firstName"))
        return tr("First name");
    if (field == QLatin1String("lastName"))
        return tr("Last name");
    if (field == QLatin1String("email"))
        return tr("E-mail");
    if (field == QLatin1String("phone"))
        return tr("Phone");
    if (field == QLatin1String("message"))
        return tr("Message");
    if (field == QLatin1String("source"))
        return tr("Source");
    if (field == QLatin1String("status"))
        return tr("Status");
    if (field == QLatin1String("state"))
        return tr("State");
    if (field == QLatin1String("smsOptIn"))
        return tr("SMS reminders");
    if (field == QLatin1String("preferredLanguage"))
        return tr("Language");
    return field;
}

QString HistoryEntry::fieldValue(const QString &field, const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? tr("yes") : tr("no");
    const QString text = value.toString().simplified();
    if (text.isEmpty())
        return tr("(empty)");
    if (field == QLatin1String("source")) {
        if (const std::optional<LeadSource> source = LeadSourceNames::fromString(text))
            return LeadSourceNames::displayName(*source);
    }
    if (field == QLatin1String("status")) {
        if (const std::optional<LeadStatus> status = LeadStatusMachine::fromString(text))
            return LeadStatusMachine::displayName(*status);
    }
    if (field == QLatin1String("phone") && text.startsWith(QLatin1Char('+')))
        return PhoneNormalizer::toDisplay(text);
    if (field == QLatin1String("preferredLanguage"))
        return Lead::languageName(text);
    if (text.size() > MaxValueLength)
        return text.left(MaxValueLength - 1) + QChar(0x2026);
    return text;
}

} // namespace Crm
