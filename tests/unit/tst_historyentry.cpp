// A lead history's system entries (models/domain/historyentry.h): what each code says, in
// English and in Spanish; entries written before codes read back from their English sentence;
// the assignment reasons (models/domain/assignmentreason.h) by their three names.
#include "domain/assignmentreason.h"
#include "domain/displaytime.h"
#include "domain/historyentry.h"
#include "translations.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using namespace Crm;

namespace {

const QString Ana = QStringLiteral("0b0e7f0c-5a6e-4c0e-9d55-1f8ad2c6a001");
const QString Ben = QStringLiteral("0b0e7f0c-5a6e-4c0e-9d55-1f8ad2c6a002");

QString nameOf(const QString &id)
{
    if (id == Ana)
        return QStringLiteral("Ana Morales");
    if (id == Ben)
        return QStringLiteral("Ben Ortiz");
    return {};
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

SystemEvent named(SystemEvent event)
{
    // Tests write the ids as A and B; the events carry real ids.
    for (const char *key : {"agentId", "previousAgentId"}) {
        const QString value = event.params.value(QLatin1String(key)).toString();
        if (value == QLatin1String("A"))
            event.params.insert(QLatin1String(key), Ana);
        else if (value == QLatin1String("B"))
            event.params.insert(QLatin1String(key), Ben);
    }
    return event;
}

} // namespace

Q_DECLARE_METATYPE(Crm::SystemEvent)

class tst_HistoryEntry : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void english_data();
    void english();
    void spanish_data();
    void spanish();
    void appointmentEntriesInBothLanguages();
    void legacySentencesReadBack_data();
    void legacySentencesReadBack();
    void unknownCodeLeavesTheNotes();
    void reasonNames_data();
    void reasonNames();

private:
    void events();
};

void tst_HistoryEntry::cleanup()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_HistoryEntry::events()
{
    QTest::addColumn<SystemEvent>("event");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("spanish");

    QTest::newRow("created via the form")
        << HistoryEntry::leadCreated(true) << u"Received from the website contact form."_qs
        << u"Recibido del formulario de contacto del sitio web."_qs;
    QTest::newRow("created by hand") << HistoryEntry::leadCreated(false) << u"Entered by hand."_qs
                                     << u"Introducido a mano."_qs;
    QTest::newRow("assigned, round-robin")
        << named(HistoryEntry::assigned(u"A"_qs, {}, u"round_robin"_qs, {}))
        << u"Assigned to Ana Morales (Round-robin)."_qs << u"Asignado a Ana Morales (Rotación)."_qs;
    QTest::newRow("assigned, territory")
        << named(HistoryEntry::assigned(u"A"_qs, {}, u"territory"_qs, u"CA"_qs))
        << u"Assigned to Ana Morales (Territory CA)."_qs << u"Asignado a Ana Morales (Territorio CA)."_qs;
    QTest::newRow("assigned, no agent covers the state")
        << named(HistoryEntry::assigned(u"A"_qs, {}, u"no_territory_match"_qs, u"OH"_qs))
        << u"Assigned to Ana Morales (Round-robin: no agent covers OH)."_qs
        << u"Asignado a Ana Morales (Rotación: ningún agente cubre OH)."_qs;
    QTest::newRow("assigned, entered by the agent")
        << named(HistoryEntry::assigned(u"A"_qs, {}, u"entered_by_agent"_qs, {}))
        << u"Assigned to Ana Morales (Entered by the agent)."_qs
        << u"Asignado a Ana Morales (Introducido por el agente)."_qs;
    QTest::newRow("reassigned by an admin")
        << named(HistoryEntry::assigned(u"B"_qs, u"A"_qs, u"manual"_qs, {}))
        << u"Reassigned from Ana Morales to Ben Ortiz (Manual)."_qs
        << u"Reasignado de Ana Morales a Ben Ortiz (Manual)."_qs;
    QTest::newRow("assigned to someone this side does not know")
        << HistoryEntry::assigned(u"0b0e7f0c-5a6e-4c0e-9d55-1f8ad2c6a999"_qs, {}, u"manual"_qs, {})
        << u"Assigned to an agent (Manual)."_qs << u"Asignado a un agente (Manual)."_qs;
    QTest::newRow("status changed")
        << HistoryEntry::statusChanged(u"contacted"_qs, u"qualified"_qs, false)
        << u"Status changed from Contacted to Qualified."_qs
        << u"Estado cambiado de Contactado a Calificado."_qs;
    QTest::newRow("status changed by the first contact")
        << HistoryEntry::statusChanged(u"new"_qs, u"contacted"_qs, true)
        << u"Status changed from New to Contacted (first contact)."_qs
        << u"Estado cambiado de Nuevo a Contactado (primer contacto)."_qs;
    QTest::newRow("phone changed: national format")
        << HistoryEntry::fieldChanged(u"phone"_qs, u"+14155550123"_qs, u"+14155550199"_qs)
        << u"Phone changed from (415) 555-0123 to (415) 555-0199."_qs
        << u"Teléfono cambió de (415) 555-0123 a (415) 555-0199."_qs;
    QTest::newRow("SMS reminders switched on")
        << HistoryEntry::fieldChanged(u"smsOptIn"_qs, false, true)
        << u"SMS reminders changed from no to yes."_qs
        << u"Recordatorios por SMS cambió de no a sí."_qs;
    QTest::newRow("source changed")
        << HistoryEntry::fieldChanged(u"source"_qs, u"website"_qs, u"referral"_qs)
        << u"Source changed from Website to Referral."_qs
        << u"Origen cambió de Sitio web a Referido."_qs;
    QTest::newRow("state emptied") << HistoryEntry::fieldChanged(u"state"_qs, u"CA"_qs, u""_qs)
                                   << u"State changed from CA to (empty)."_qs
                                   << u"Estado (EE. UU.) cambió de CA a (vacío)."_qs;
    QTest::newRow("follow-up done") << HistoryEntry::followUpDone(u"Send the papers"_qs)
                                    << u"Follow-up done: Send the papers"_qs
                                    << u"Seguimiento hecho: Send the papers"_qs;
    QTest::newRow("follow-up reopened") << HistoryEntry::followUpReopened(u"Send the papers"_qs)
                                        << u"Follow-up reopened: Send the papers"_qs
                                        << u"Seguimiento reabierto: Send the papers"_qs;
    QTest::newRow("enrolled with a date")
        << HistoryEntry::enrolled(u"Silver 2027"_qs, u"2027-01-01"_qs)
        << u"Converted to enrollment: Silver 2027, effective 1 Jan 2027."_qs
        << u"Convertido en inscripción: Silver 2027, con efecto el 1 ene 2027."_qs;
    QTest::newRow("enrolled without a date")
        << HistoryEntry::enrolled(u"Silver 2027"_qs, {}) << u"Converted to enrollment: Silver 2027."_qs
        << u"Convertido en inscripción: Silver 2027."_qs;
    QTest::newRow("sent the form again")
        << HistoryEntry::resubmitted(true, u"Rosa Díaz"_qs, u"Please call after 5"_qs)
        << u"Contact form submission (unverified: anyone can send the form with this e-mail or phone), signed \"Rosa Díaz\".\nPlease call after 5"_qs
        << u"Envío del formulario de contacto (sin verificar: cualquiera puede enviarlo con este correo o teléfono), firmado «Rosa Díaz».\nPlease call after 5"_qs;
}

void tst_HistoryEntry::english_data()
{
    events();
}

void tst_HistoryEntry::english()
{
    QFETCH(SystemEvent, event);
    QFETCH(QString, english);
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(HistoryEntry::text(event, nameOf), english);
}

void tst_HistoryEntry::spanish_data()
{
    events();
}

void tst_HistoryEntry::spanish()
{
    QFETCH(SystemEvent, event);
    QFETCH(QString, spanish);
    QVERIFY(Translations::install(QLocale(QLocale::Spanish, QLocale::UnitedStates)));
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::UnitedStates));
    const QString text = HistoryEntry::text(event, nameOf);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(text, spanish);
}

void tst_HistoryEntry::appointmentEntriesInBothLanguages()
{
    // Times are the reader's local time, written the way the rest of the app writes them.
    const qint64 start = QDateTime(QDate(2027, 3, 16), QTime(15, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 later = start + 2 * 3600 * 1000;
    const SystemEvent booked = HistoryEntry::appointmentBooked(u"a1"_qs, u"consultation"_qs, start);
    const SystemEvent moved = HistoryEntry::appointmentRescheduled(u"a1"_qs, u"enrollment"_qs, start, later);
    const SystemEvent missed = HistoryEntry::appointmentStatus(u"a1"_qs, u"consultation"_qs, start, u"no_show"_qs);
    const SystemEvent cancelled = HistoryEntry::appointmentStatus(u"a1"_qs, u"follow_up"_qs, start, u"cancelled"_qs);
    QCOMPARE(booked.params.value(u"start"_qs).toString(), u"2027-03-16T15:00:00Z"_qs);

    QCOMPARE(HistoryEntry::text(booked, nameOf), u"Consultation booked for %1."_qs.arg(DisplayTime::dateTime(start)));
    QCOMPARE(HistoryEntry::text(moved, nameOf),
             u"Enrollment moved from %1 to %2."_qs.arg(DisplayTime::dateTime(start), DisplayTime::dateTime(later)));
    QCOMPARE(HistoryEntry::text(missed, nameOf),
             u"Did not come to the consultation on %1 (no-show)."_qs.arg(DisplayTime::dateTime(start)));
    QCOMPARE(HistoryEntry::text(cancelled, nameOf),
             u"Follow-up visit on %1 cancelled."_qs.arg(DisplayTime::dateTime(start)));

    QVERIFY(Translations::install(QLocale(QLocale::Spanish, QLocale::UnitedStates)));
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::UnitedStates));
    const QString spanishStart = DisplayTime::dateTime(start);
    const QString spanishBooked = HistoryEntry::text(booked, nameOf);
    const QString spanishMissed = HistoryEntry::text(missed, nameOf);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(spanishBooked, u"Consulta reservada para el %1."_qs.arg(spanishStart));
    QCOMPARE(spanishMissed, u"No se presentó a la consulta del %1 (ausencia)."_qs.arg(spanishStart));
}

void tst_HistoryEntry::legacySentencesReadBack_data()
{
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("spanish");

    // Sentences exactly as servers before codes wrote them.
    QTest::newRow("form") << u"Received from the website contact form."_qs << u"lead_created"_qs
                          << object(R"({"via":"contact_form"})")
                          << u"Recibido del formulario de contacto del sitio web."_qs;
    QTest::newRow("assigned, raw reason")
        << u"Assigned to Ana Morales (round_robin (no agent covers OH))."_qs << u"assigned"_qs
        << object(R"({"agentName":"Ana Morales","reason":"no_territory_match","state":"OH"})")
        << u"Asignado a Ana Morales (Rotación: ningún agente cubre OH)."_qs;
    QTest::newRow("assigned, territory") << u"Assigned to Ana Morales (territory CA)."_qs << u"assigned"_qs
                                         << object(R"({"agentName":"Ana Morales","reason":"territory","state":"CA"})")
                                         << u"Asignado a Ana Morales (Territorio CA)."_qs;
    QTest::newRow("assigned, by the agent")
        << u"Assigned to Ben Ortiz (entered by the agent)."_qs << u"assigned"_qs
        << object(R"({"agentName":"Ben Ortiz","reason":"entered_by_agent"})")
        << u"Asignado a Ben Ortiz (Introducido por el agente)."_qs;
    QTest::newRow("reassigned") << u"Reassigned from Ana Morales to Ben Ortiz (manual)."_qs
                                << u"assigned"_qs
                                << object(R"({"agentName":"Ben Ortiz","previousAgentName":"Ana Morales","reason":"manual"})")
                                << u"Reasignado de Ana Morales a Ben Ortiz (Manual)."_qs;
    QTest::newRow("first contact") << u"Status changed from New to Contacted (first contact)."_qs
                                   << u"status_changed"_qs
                                   << object(R"({"from":"new","to":"contacted","firstContact":true})")
                                   << u"Estado cambiado de Nuevo a Contactado (primer contacto)."_qs;
    QTest::newRow("field") << u"SMS reminders changed from no to yes."_qs << u"field_changed"_qs
                           << object(R"({"field":"smsOptIn","from":false,"to":true})")
                           << u"Recordatorios por SMS cambió de no a sí."_qs;
    QTest::newRow("source") << u"Source changed from Contact form to Referral."_qs << u"field_changed"_qs
                            << object(R"({"field":"source","from":"contact_form","to":"referral"})")
                            << u"Origen cambió de Formulario de contacto a Referido."_qs;
    QTest::newRow("done") << u"Follow-up done: Call back"_qs << u"follow_up_done"_qs
                          << object(R"({"note":"Call back"})") << u"Seguimiento hecho: Call back"_qs;
    QTest::newRow("enrolled") << u"Converted to enrollment: Gold, effective 2027-01-01."_qs
                              << u"enrolled"_qs
                              << object(R"({"plan":"Gold","effectiveDate":"2027-01-01"})")
                              << u"Convertido en inscripción: Gold, con efecto el 1 ene 2027."_qs;
    QTest::newRow("entered again") << u"Entered again by hand as \"Rosa Díaz\".\nCall at 5"_qs
                                   << u"resubmitted"_qs
                                   << object(R"({"via":"by_hand","name":"Rosa Díaz","message":"Call at 5"})")
                                   << u"Introducido de nuevo a mano como «Rosa Díaz».\nCall at 5"_qs;
    QTest::newRow("an agent's own words") << u"Called, no answer."_qs << QString() << QJsonObject()
                                          << QString();
    QTest::newRow("unknown status") << u"Status changed from Lost to Won."_qs << QString()
                                    << QJsonObject() << QString();
}

void tst_HistoryEntry::legacySentencesReadBack()
{
    QFETCH(QString, notes);
    QFETCH(QString, code);
    QFETCH(QJsonObject, params);
    QFETCH(QString, spanish);
    const std::optional<SystemEvent> event = HistoryEntry::fromLegacyNotes(notes);
    if (code.isEmpty()) {
        QVERIFY(!event);
        return;
    }
    QVERIFY(event);
    QCOMPARE(event->code, code);
    QCOMPARE(event->params, params);
    QVERIFY(Translations::install(QLocale(QLocale::Spanish, QLocale::UnitedStates)));
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::UnitedStates));
    const QString text = HistoryEntry::text(*event, nameOf);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(text, spanish);
}

void tst_HistoryEntry::unknownCodeLeavesTheNotes()
{
    // A newer server's code: this version says nothing of its own (the notes are shown).
    QVERIFY(HistoryEntry::text(QStringLiteral("prescription_sent"), {}, nameOf).isEmpty());
}

void tst_HistoryEntry::reasonNames_data()
{
    QTest::addColumn<QString>("wire");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("shown");

    QTest::newRow("round-robin") << u"round_robin"_qs << u"round_robin"_qs << u""_qs << u"Round-robin"_qs;
    QTest::newRow("territory") << u"territory CA"_qs << u"territory"_qs << u"CA"_qs << u"Territory CA"_qs;
    QTest::newRow("nobody covers") << u"round_robin (no agent covers OH)"_qs << u"no_territory_match"_qs
                                   << u"OH"_qs << u"Round-robin: no agent covers OH"_qs;
    QTest::newRow("manual") << u"manual"_qs << u"manual"_qs << u""_qs << u"Manual"_qs;
    QTest::newRow("the agent's own") << u"entered_by_agent"_qs << u"entered_by_agent"_qs << u""_qs
                                     << u"Entered by the agent"_qs;
}

void tst_HistoryEntry::reasonNames()
{
    QFETCH(QString, wire);
    QFETCH(QString, code);
    QFETCH(QString, state);
    QFETCH(QString, shown);
    const std::optional<AssignmentReason> fromWire = AssignmentReason::fromWire(wire);
    QVERIFY(fromWire);
    QCOMPARE(fromWire->code(), code);
    QCOMPARE(fromWire->state, state);
    QCOMPARE(fromWire->wire(), wire);
    QCOMPARE(fromWire->displayText(), shown);
    const std::optional<AssignmentReason> fromCode = AssignmentReason::fromCode(code, state);
    QVERIFY(fromCode);
    QVERIFY(*fromCode == *fromWire);
    // A territory reason without a valid state is not a reason.
    QVERIFY(!AssignmentReason::fromCode(QStringLiteral("territory"), QStringLiteral("california")));
    QVERIFY(!AssignmentReason::fromWire(QStringLiteral("round_robin, probably")));
}

QTEST_GUILESS_MAIN(tst_HistoryEntry)
#include "tst_historyentry.moc"
