#include "remindermessage.h"

#include "domain/usstates.h"
#include "messagecatalog.h"
#include "scheduling/calendarfeed.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QTimeZone>

namespace Crm {

namespace {

// Zone abbreviations ("PST") are what US leads read, in English and in Spanish alike.
const QLocale English(QLocale::English, QLocale::UnitedStates);

// "PST": ICU looks the name up in its whole zone list on every call, most of the cost of a
// message; a zone at one offset always has the same short name.
QString shortZoneName(const QTimeZone &zone, const QDateTime &local)
{
    static QMutex mutex;
    static QHash<QPair<QByteArray, int>, QString> names;
    const QPair<QByteArray, int> key{zone.id(), local.offsetFromUtc()};
    QMutexLocker locker(&mutex);
    auto found = names.constFind(key);
    if (found == names.constEnd())
        found = names.insert(key, zone.displayName(local, QTimeZone::ShortName, English));
    return *found;
}

const char *const Context = "Crm::ReminderMessage";

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString ReminderMessage::messageId() const
{
    return QStringLiteral("<%1@agent-crm>").arg(reminderId);
}

QString ReminderMessage::zoneFor(const Lead &lead, const QString &fallback)
{
    const QString zone = UsStates::timeZone(lead.state);
    if (!zone.isEmpty())
        return zone;
    return QTimeZone(fallback.toUtf8()).isValid() ? fallback : QStringLiteral("UTC");
}

ReminderMessage ReminderMessage::compose(const QString &reminderId,
                                         const Appointment &appointment,
                                         const Lead &lead,
                                         const QString &zoneId,
                                         const QString &from,
                                         const QString &contact)
{
    const QString language = lead.language();
    const auto say = [&language](const char *source, int n = -1) {
        return MessageCatalog::text(language, Context, source, n);
    };
    const QLocale locale = MessageCatalog::locale(language);

    ReminderMessage message;
    message.reminderId = reminderId;
    message.cancellation = appointment.status == AppointmentStatus::Cancelled;
    const QTimeZone zone(zoneId.toUtf8());
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate, zone);
    const QString zoneName = shortZoneName(zone, local);
    //: A date format (QDate::toString): "Monday, December 7"
    const QString day = locale.toString(local.date(), say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "dddd, MMMM d")));
    //: A time format (QTime::toString): "10:30 AM"
    const QString time = locale.toString(local.time(), say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "h:mm AP")));
    //: "Monday, December 7 at 10:30 AM PST": the day, the time, the zone
    const QString when = say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "%1 at %2 %3")).arg(day, time, zoneName);
    const QString greeting = lead.firstName.isEmpty()
                                 ? say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Hello,"))
                                 : say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Hello %1,")).arg(lead.firstName);

    message.subject = message.cancellation
                          ? say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Cancelled: your appointment on %1")).arg(day)
                          : say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Reminder: your appointment on %1 at %2"))
                                .arg(day, time);
    // Each sentence once, for the text part and (escaped, the time in bold) for the HTML part.
    const QString about = message.cancellation
                              ? say(QT_TRANSLATE_NOOP("Crm::ReminderMessage",
                                                      "Your appointment on %1 has been cancelled."))
                              : say(QT_TRANSLATE_N_NOOP("Crm::ReminderMessage",
                                                        "This is a reminder of your appointment on %1 (%n minutes)."),
                                    appointment.duration);
    const bool link = !message.cancellation && !appointment.meetingLink.isEmpty();
    const QString join = say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Join the meeting"));
    const QString reach = contact.isEmpty()
                              ? QString()
                              : (message.cancellation
                                     ? say(QT_TRANSLATE_NOOP("Crm::ReminderMessage",
                                                             "To book a new time, reply to this e-mail or contact %1."))
                                     : say(QT_TRANSLATE_NOOP("Crm::ReminderMessage",
                                                             "To cancel or move it, reply to this e-mail or contact %1.")));

    QStringList lines{greeting, QString(), about.arg(when)};
    if (link)
        lines << QString() << QStringLiteral("%1: %2").arg(join, appointment.meetingLink);
    if (!reach.isEmpty())
        lines << QString() << reach.arg(contact);
    lines << QString() << QStringLiteral("Agent CRM");
    message.text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');

    QString html = QStringLiteral("<!DOCTYPE html><html lang=\"%1\"><body style=\"font-family: sans-serif\">")
                       .arg(language);
    html += QStringLiteral("<p>%1</p>").arg(escaped(greeting));
    html += QStringLiteral("<p>%1</p>").arg(escaped(about).arg(QStringLiteral("<strong>%1</strong>").arg(escaped(when))));
    if (link)
        html += QStringLiteral("<p><a href=\"%1\">%2</a></p>").arg(escaped(appointment.meetingLink), escaped(join));
    if (!reach.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(escaped(reach.arg(contact)));
    html += QStringLiteral("<p>Agent CRM</p></body></html>");
    message.html = html;
    message.to = lead.email;
    message.ics = CalendarFeed::invitation(appointment,
                                           from,
                                           lead.email,
                                           message.cancellation,
                                           say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Your appointment")));

    // One SMS: the time and how to reach someone; the link only when it fits. Letters outside
    // the GSM-7 set ("sábado") lose their accent, so the message stays one SMS of 160.
    //: A short date format (QDate::toString) for text messages: "Mon Dec 7"
    const QString shortDay = locale.toString(local.date(), say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "ddd MMM d")));
    const QString shortWhen = QStringLiteral("%1 %2 %3").arg(shortDay, time, zoneName);
    const QString optOut = QLatin1Char(' ')
                           + toGsm7(say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Reply STOP to opt out.")));
    QString sms = toGsm7(message.cancellation
                             ? say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Your appointment on %1 is cancelled."))
                                   .arg(shortWhen)
                             : say(QT_TRANSLATE_NOOP("Crm::ReminderMessage", "Reminder: your appointment is on %1."))
                                   .arg(shortWhen));
    if (link && sms.size() + 1 + appointment.meetingLink.size() <= 160 - optOut.size()
        && isGsm7(appointment.meetingLink))
        sms += QLatin1Char(' ') + appointment.meetingLink;
    message.smsBody = sms.left(160 - optOut.size()) + optOut; // the way out always fits
    return message;
}

QString ReminderMessage::toGsm7(const QString &text)
{
    QString folded;
    folded.reserve(text.size());
    for (const QChar c : text) {
        if (isGsm7(QString(c))) {
            folded += c;
            continue;
        }
        if (c.isSpace()) { // the no-break space of "10:30 a. m."
            folded += QLatin1Char(' ');
            continue;
        }
        // "á" is "a" and a combining accent; the letter alone is in the set.
        const QString decomposed = QString(c).normalized(QString::NormalizationForm_D);
        if (decomposed.size() > 1 && isGsm7(decomposed.left(1)))
            folded += decomposed.at(0);
        else
            folded += QLatin1Char('?');
    }
    return folded;
}

bool ReminderMessage::isGsm7(const QString &text)
{
    static const QString basic = QStringLiteral(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
    for (const QChar c : text) {
        if (!basic.contains(c))
            return false;
    }
    return true;
}

} // namespace Crm
