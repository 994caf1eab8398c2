// What a reminder says (server/reminders/remindermessage.h), in each language a lead can
// prefer: the subject and the sentences a lead reads, and the SMS that must stay one GSM-7
// message of at most 160 characters whatever the language's accents.
#include "reminders/remindermessage.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Crm;

namespace {

// Saturday 5 December 2026, 10:30 in California.
Appointment saturdayMorning()
{
    Appointment appointment;
    appointment.id = QStringLiteral("a-1");
    appointment.leadId = QStringLiteral("l-1");
    appointment.providerId = QStringLiteral("p-1");
    appointment.scheduledDate
        = QDateTime(QDate(2026, 12, 5), QTime(10, 30), QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch();
    appointment.duration = 45;
    appointment.notes = QStringLiteral("Insulin dose review");
    appointment.meetingLink = QStringLiteral("https://meet.example.com/r/7");
    return appointment;
}

Lead lead(const QString &language)
{
    Lead lead;
    lead.id = QStringLiteral("l-1");
    lead.firstName = QStringLiteral("Ana");
    lead.lastName = QStringLiteral("Quintero");
    lead.email = QStringLiteral("ana@example.com");
    lead.state = QStringLiteral("CA");
    lead.preferredLanguage = language;
    return lead;
}

} // namespace

class tst_ReminderMessage : public QObject
{
    Q_OBJECT

private slots:
    void writesInTheLeadsLanguage_data();
    void writesInTheLeadsLanguage();
    void cancellationInTheLeadsLanguage_data();
    void cancellationInTheLeadsLanguage();
    void foldsToGsm7_data();
    void foldsToGsm7();
};

void tst_ReminderMessage::writesInTheLeadsLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("sentences");
    QTest::addColumn<QString>("smsStart");
    QTest::addColumn<QString>("smsEnd");
    QTest::addColumn<QString>("invitationTitle");

    const QStringList english{u"Hello Ana,"_qs,
                              u"This is a reminder of your appointment on Saturday, December 5 at 10:30 AM PST (45 minutes)."_qs,
                              u"Join the meeting: https://meet.example.com/r/7"_qs,
                              u"To cancel or move it, reply to this e-mail or contact agent@example.com."_qs};
    QTest::newRow("not said: English")
        << QString() << u"Reminder: your appointment on Saturday, December 5 at 10:30 AM"_qs << english
        << u"Reminder: your appointment is on Sat Dec 5 10:30 AM PST."_qs << u" Reply STOP to opt out."_qs
        << u"Your appointment"_qs;
    QTest::newRow("English") << u"en"_qs << u"Reminder: your appointment on Saturday, December 5 at 10:30 AM"_qs
                             << english << u"Reminder: your appointment is on Sat Dec 5 10:30 AM PST."_qs
                             << u" Reply STOP to opt out."_qs << u"Your appointment"_qs;
    QTest::newRow("Spanish") << u"es"_qs << u"Recordatorio: su cita del sábado 5 de diciembre, 10:30 a."_qs
                             << QStringList{u"Hola, Ana:"_qs,
                                            u"Le recordamos su cita del sábado 5 de diciembre, 10:30"_qs,
                                            u"PST (45 minutos)."_qs,
                                            u"Unirse a la reunión: https://meet.example.com/r/7"_qs,
                                            u"Para cancelarla o cambiarla de hora, responda a este correo o comuníquese con agent@example.com."_qs}
                             << u"Recordatorio: su cita es el sab 5 dic 10:30 a. m. PST."_qs << u" Responda STOP para darse de baja."_qs
                             << u"Su cita"_qs;
}

void tst_ReminderMessage::writesInTheLeadsLanguage()
{
    QFETCH(QString, language);
    const ReminderMessage message = ReminderMessage::compose(u"r-1"_qs,
                                                             saturdayMorning(),
                                                             lead(language),
                                                             u"America/Los_Angeles"_qs,
                                                             u"reminders@example.com"_qs,
                                                             u"agent@example.com"_qs);
    QFETCH(QString, subject);
    QVERIFY2(message.subject.startsWith(subject), qPrintable(message.subject));
    QFETCH(QStringList, sentences);
    for (const QString &sentence : std::as_const(sentences)) {
        QVERIFY2(message.text.contains(sentence), qPrintable(message.text));
        // The HTML part says the same (the time in bold).
        const QString plain = QString(message.html).remove(u"<strong>"_qs).remove(u"</strong>"_qs);
        QVERIFY2(plain.contains(sentence.section(u": https"_qs, 0, 0).toHtmlEscaped()), qPrintable(message.html));
    }
    QVERIFY(!message.text.contains(u"Insulin"_qs));
    QFETCH(QString, invitationTitle);
    QVERIFY2(message.ics.contains("SUMMARY:" + invitationTitle.toUtf8()), message.ics.constData());

    QFETCH(QString, smsStart);
    QFETCH(QString, smsEnd);
    QVERIFY2(message.smsBody.startsWith(smsStart), qPrintable(message.smsBody));
    QVERIFY2(message.smsBody.endsWith(smsEnd), qPrintable(message.smsBody));
    QVERIFY2(message.smsBody.size() <= 160, qPrintable(message.smsBody));
    QVERIFY2(ReminderMessage::isGsm7(message.smsBody), qPrintable(message.smsBody));
    QVERIFY2(!message.smsBody.contains(QLatin1Char('?')), qPrintable(message.smsBody));
}

void tst_ReminderMessage::cancellationInTheLeadsLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<QString>("sms");
    QTest::newRow("English") << u"en"_qs << u"Cancelled: your appointment on Saturday, December 5"_qs
                             << u"Your appointment on Saturday, December 5 at 10:30 AM PST has been cancelled."_qs
                             << u"Your appointment on Sat Dec 5 10:30 AM PST is cancelled."_qs;
    QTest::newRow("Spanish") << u"es"_qs << u"Cancelada: su cita del sábado 5 de diciembre"_qs
                             << u"ha sido cancelada."_qs << u"Su cita del sab"_qs;
}

void tst_ReminderMessage::cancellationInTheLeadsLanguage()
{
    QFETCH(QString, language);
    Appointment appointment = saturdayMorning();
    appointment.status = AppointmentStatus::Cancelled;
    const ReminderMessage message = ReminderMessage::compose(u"r-2"_qs,
                                                             appointment,
                                                             lead(language),
                                                             u"America/Los_Angeles"_qs,
                                                             u"reminders@example.com"_qs,
                                                             QString());
    QFETCH(QString, subject);
    QFETCH(QString, sentence);
    QFETCH(QString, sms);
    QCOMPARE(message.subject, subject);
    QVERIFY2(message.text.contains(sentence), qPrintable(message.text));
    QVERIFY2(message.smsBody.startsWith(sms), qPrintable(message.smsBody));
    QVERIFY(message.cancellation);
    QVERIFY(message.ics.contains("METHOD:CANCEL"));
}

void tst_ReminderMessage::foldsToGsm7_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("plain") << u"Reminder at 10:30 AM"_qs << u"Reminder at 10:30 AM"_qs;
    QTest::newRow("in the set") << u"miércoles, Ñandú, ¿qué?"_qs << u"miércoles, Ñandu, ¿qué?"_qs;
    QTest::newRow("accents dropped") << u"sábado, día, ración, último, Álvaro"_qs
                                     << u"sabado, dia, racion, ultimo, Alvaro"_qs;
    QTest::newRow("spaces") << u"10:30\u00a0a.\u202fm."_qs << u"10:30 a. m."_qs;
    QTest::newRow("no letter underneath") << u"10 € · 日"_qs << u"10 ? ? ?"_qs;
}

void tst_ReminderMessage::foldsToGsm7()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(ReminderMessage::toGsm7(text), folded);
    QVERIFY(ReminderMessage::isGsm7(ReminderMessage::toGsm7(text)));
}

QTEST_GUILESS_MAIN(tst_ReminderMessage)
#include "tst_remindermessage.moc"
