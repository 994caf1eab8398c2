#include "remindermessage.h"

#include "domain/usstates.h"
#include "scheduling/calendarfeed.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QTimeZone>

namespace Crm {

namespace {

// The recipients are US leads: English, US formats, whatever the server's own locale.
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

const QString OptOutLine = QStringLiteral(" Reply STOP to opt out.");

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
    ReminderMessage message;
    message.reminderId = reminderId;
    message.cancellation = appointment.status == AppointmentStatus::Cancelled;
    const QTimeZone zone(zoneId.toUtf8());
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(appointment.scheduledDate, zone);
    const QString zoneName = shortZoneName(zone, local);
    const QString day = English.toString(local.date(), QStringLiteral("dddd, MMMM d"));
    const QString time = English.toString(local.time(), QStringLiteral("h:mm AP"));
    const QString when = QStringLiteral("%1 at %2 %3").arg(day, time, zoneName);
    const QString greeting = lead.firstName.isEmpty() ? QStringLiteral("Hello,")
                                                      : QStringLiteral("Hello %1,").arg(lead.firstName);

    if (message.cancellation) {
        message.subject = QStringLiteral("Cancelled: your appointment on %1").arg(day);
    } else {
        message.subject = QStringLiteral("Reminder: your appointment on %1 at %2").arg(day, time);
    }
    QStringList lines{greeting, QString()};
    if (message.cancellation)
        lines << QStringLiteral("Your appointment on %1 has been cancelled.").arg(when);
    else
        lines << QStringLiteral("This is a reminder of your appointment on %1 (%2 minutes).")
                     .arg(when)
                     .arg(appointment.duration);
    if (!message.cancellation && !appointment.meetingLink.isEmpty())
        lines << QString() << QStringLiteral("Join the meeting: %1").arg(appointment.meetingLink);
    if (!contact.isEmpty()) {
        lines << QString()
              << (message.cancellation
                      ? QStringLiteral("To book a new time, reply to this e-mail or contact %1.").arg(contact)
                      : QStringLiteral("To cancel or move it, reply to this e-mail or contact %1.").arg(contact));
    }
    lines << QString() << QStringLiteral("Agent CRM");
    message.text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');

    QString html = QStringLiteral("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">");
    html += QStringLiteral("<p>%1</p>").arg(escaped(greeting));
    if (message.cancellation)
        html += QStringLiteral("<p>Your appointment on <strong>%1</strong> has been cancelled.</p>").arg(escaped(when));
    else
        html += QStringLiteral("<p>This is a reminder of your appointment on <strong>%1</strong> (%2 minutes).</p>")
                    .arg(escaped(when))
                    .arg(appointment.duration);
    if (!message.cancellation && !appointment.meetingLink.isEmpty())
        html += QStringLiteral("<p><a href=\"%1\">Join the meeting</a></p>").arg(escaped(appointment.meetingLink));
    if (!contact.isEmpty())
        html += QStringLiteral("<p>%1</p>")
                    .arg(escaped(message.cancellation
                                     ? QStringLiteral("To book a new time, reply to this e-mail or contact %1.").arg(contact)
                                     : QStringLiteral("To cancel or move it, reply to this e-mail or contact %1.").arg(contact)));
    html += QStringLiteral("<p>Agent CRM</p></body></html>");
    message.html = html;
    message.to = lead.email;
    message.ics = CalendarFeed::invitation(appointment, from, lead.email, message.cancellation);

    // One SMS: the time and how to reach someone; the link only when it fits.
    const QString shortWhen = QStringLiteral("%1 %2 %3")
                                  .arg(English.toString(local.date(), QStringLiteral("ddd MMM d")), time, zoneName);
    QString sms = message.cancellation
                      ? QStringLiteral("Your appointment on %1 is cancelled.").arg(shortWhen)
                      : QStringLiteral("Reminder: your appointment is on %1.").arg(shortWhen);
    if (!message.cancellation && !appointment.meetingLink.isEmpty()
        && sms.size() + 1 + appointment.meetingLink.size() <= 160 - OptOutLine.size() && isGsm7(appointment.meetingLink))
        sms += QLatin1Char(' ') + appointment.meetingLink;
    message.smsBody = sms.left(160 - OptOutLine.size()) + OptOutLine; // the way out always fits
    return message;
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
