// Reminder delivery with real parts: crm-server (serve --no-worker) and `crm-server worker`
// processes on SQLCipher or PostgreSQL (CRM_TEST_BACKEND), and a real SMTP server
// (tests/support/smtp-sink, Debian's python3-aiosmtpd) that stores what it accepts and can be
// told to refuse, stall or vanish. What a user would notice: the lead gets the mail once, at the
// right time in their zone, with an invitation their calendar reads, and nothing about their
// health; the ledger says what happened to every reminder, whatever happened to the worker.
#include "serverprocess.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <libical/ical.h>

#include <functional>
#include <limits>
#include <memory>

using CrmTest::ServerProcess;

namespace {

constexpr qint64 Minute = 60 * 1000;
const QString TwilioSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString TwilioToken = QStringLiteral("twilio-test-auth-token");
constexpr qint64 Hour = 60 * Minute;

QString wire(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODate);
}

QString errorCode(const ServerProcess::Reply &reply)
{
    return reply.json[u"error"_qs][u"code"_qs].toString();
}

qint64 fromWire(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// Waits for `done` (polling, with the event loop running) up to `ms`.
bool eventually(const std::function<bool()> &done, int ms = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QTest::qWait(100);
    }
    return true;
}

} // namespace

class tst_Reminders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void lateBookingMailsTheLeadAtOnce();
    void temporaryRefusalIsRetriedThenSent();
    void permanentRefusalFailsWithTheReason();
    void smtpDownForGoodEndsFailedWithNothingLost();
    void wrongSmtpPasswordIsRetriedAndSaysSo();
    void spanishSpeakingLeadIsWrittenToInSpanish();
    void cancelledAppointmentSendsNothing();
    void workerKilledBeforeTheSendLosesNothing();
    void workerKilledMidSendSendsOnce();
    void workerKilledAfterAcceptanceSendsTheSameMessageAgain();
    void twoWorkersOnPostgresSendEachReminderOnce();
    void serveDeliversByDefault();
    void smsGoesToOptedInLeadsThroughTwilio();
    void smsRefusedForGoodFails();
    void inboundStopAndStartChangeConsentWithProof();
    void forgedInboundIsRefused();
    void statusCallbacksReachTheLedger();
    void contactFormCheckboxIsRecordedAsConsent();
    void adminSetsASchedulePerType();
    void agentAddsAndTakesOutReminders();
    void addedReminderKeepsItsDistanceWhenTheAppointmentMoves();
    void moveDuringASendTellsTheNewTime();
    void cancellationNoticeFollowsASentReminder();
    void reminderOfAnAppointmentThatHasStartedIsNotSent();
    void adminLedgerListsEveryReminder();

private:
    // A lead in California booked 45 minutes from now: its one reminder is due at once.
    QString bookSoon(const QString &notes = QString(), const QString &type = u"consultation"_qs,
                     bool smsOptIn = false, QString *leadId = nullptr, qint64 ahead = 0,
                     const QString &language = QString());
    QList<QJsonObject> texts() const;
    void setSmsMode(const QString &mode);
    // A webhook from "Twilio": the form, signed with the account's auth token (or not).
    ServerProcess::Reply twilio(const QString &path, const QList<QPair<QString, QString>> &form, bool sign = true);
    QJsonObject lead(const QString &id);
    QJsonArray reminders(const QString &appointmentId);
    QJsonObject onlyReminder(const QString &appointmentId);
    QList<QJsonObject> mails() const;
    void setMode(const QString &mode, double delaySeconds = 3.0);
    bool startWorker(int index = 0);
    void killWorker(int index = 0);

    QTemporaryDir m_mailDir;
    QTemporaryDir m_smsDir;
    QProcess m_twilio;
    int m_twilioPort = 0;
    QProcess m_sink;
    int m_sinkPort = 0;
    ServerProcess m_server;
    QString m_token;
    QString m_admin;
    QString m_agentId;
    std::unique_ptr<QProcess> m_workers[2];
    QProcessEnvironment m_workerEnv;
};

void tst_Reminders::initTestCase()
{
    CRM_REQUIRE_READY(m_server.readiness());
    QVERIFY(m_mailDir.isValid());
    m_sink.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sink.start(QStringLiteral("/usr/bin/python3"),
                 {QFINDTESTDATA("../support/smtp-sink"), m_mailDir.path()});
    QVERIFY2(m_sink.waitForReadyRead(15000), "the SMTP sink did not start (python3-aiosmtpd installed?)");
    const QByteArray ready = m_sink.readLine().trimmed();
    QVERIFY2(ready.startsWith("ready "), ready.constData());
    m_sinkPort = ready.mid(6).toInt();

    m_twilio.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_twilio.start(QStringLiteral("/usr/bin/python3"),
                   {QFINDTESTDATA("../support/twilio-stub"), m_smsDir.path(), TwilioSid, TwilioToken});
    QVERIFY2(m_twilio.waitForReadyRead(15000), "the Twilio stand-in did not start");
    const QByteArray twilioReady = m_twilio.readLine().trimmed();
    QVERIFY2(twilioReady.startsWith("ready "), twilioReady.constData());
    m_twilioPort = twilioReady.mid(6).toInt();

    m_agentId = m_server.addUser(u"agent@remind.example"_qs, u"Rhea Agent"_qs, u"agent"_qs);
    QVERIFY(!m_agentId.isEmpty());
    QVERIFY(!m_server.addUser(u"admin@remind.example"_qs, u"Ari Admin"_qs, u"admin"_qs).isEmpty());
    m_server.setEnvironment(u"CRM_REMINDER_POLL_MS"_qs, u"100"_qs);
    m_server.setEnvironment(u"TWILIO_AUTH_TOKEN"_qs, TwilioToken);
    QVERIFY2(m_server.start({u"--no-worker"_qs}), qPrintable(m_server.serverLog()));
    m_token = m_server.login(u"agent@remind.example"_qs);
    QVERIFY(!m_token.isEmpty());
    m_admin = m_server.login(u"admin@remind.example"_qs);
    QVERIFY(!m_admin.isEmpty());
    QJsonArray weekly;
    for (int day = 0; day < 7; ++day)
        weekly.append(QJsonObject{{u"dayOfWeek"_qs, day}, {u"startTime"_qs, u"00:00"_qs}, {u"endTime"_qs, u"24:00"_qs}});
    QCOMPARE(m_server.request("PUT", u"/api/providers/%1/availability"_qs.arg(m_agentId),
                              QJsonObject{{u"timeZone"_qs, u"America/Chicago"_qs},
                                          {u"minNoticeMinutes"_qs, 0},
                                          {u"weekly"_qs, weekly}},
                              m_token).status,
             200);

    m_workerEnv = QProcessEnvironment::systemEnvironment();
    m_workerEnv.insert(u"CRM_AUDIT_KEY_FILE"_qs, m_server.auditKeyPath());
    m_workerEnv.insert(u"CRM_REMINDER_POLL_MS"_qs, u"100"_qs);
    m_workerEnv.insert(u"CRM_REMINDER_BACKOFF_MS"_qs, u"300"_qs);
    m_workerEnv.insert(u"CRM_REMINDER_LEASE_MS"_qs, u"2000"_qs);
    m_workerEnv.insert(u"TWILIO_ACCOUNT_SID"_qs, TwilioSid);
    m_workerEnv.insert(u"TWILIO_AUTH_TOKEN"_qs, TwilioToken);
    m_workerEnv.insert(u"CRM_PUBLIC_URL"_qs, m_server.baseUrl().toString(QUrl::StripTrailingSlash));
}

void tst_Reminders::init()
{
    setMode(u"accept"_qs);
    setSmsMode(u"accept"_qs);
    // Each test counts its own mails and texts.
    const QStringList old = QDir(m_mailDir.path()).entryList({u"*.eml"_qs, u"*.json"_qs}, QDir::Files);
    for (const QString &name : old)
        QFile::remove(m_mailDir.filePath(name));
    const QStringList oldTexts = QDir(m_smsDir.path()).entryList({u"*.json"_qs}, QDir::Files);
    for (const QString &name : oldTexts)
        QFile::remove(m_smsDir.filePath(name));
    QVERIFY(startWorker());
}

void tst_Reminders::cleanup()
{
    killWorker(0);
    killWorker(1);
    // What this test left undelivered is not the next test's mail: the next test's worker
    // would claim it (its lease run out, or its retry due) and send it into that test's sink.
    m_server.sql(u"UPDATE appointment_reminders SET status = 'cancelled'"
                 " WHERE status IN ('pending', 'sending')"_qs);
}

void tst_Reminders::cleanupTestCase()
{
    m_sink.terminate();
    m_sink.waitForFinished(5000);
    m_twilio.terminate();
    m_twilio.waitForFinished(5000);
    QVERIFY2(!m_server.serverLog().contains(QStringLiteral(" 500 ")), qPrintable(m_server.serverLog()));
}

bool tst_Reminders::startWorker(int index)
{
    auto &worker = m_workers[index];
    if (worker && worker->state() != QProcess::NotRunning)
        return true;
    worker = std::make_unique<QProcess>();
    worker->setProcessChannelMode(QProcess::MergedChannels);
    worker->setProcessEnvironment(m_workerEnv);
    worker->start(CrmTest::programPath(u"crm-server"_qs),
                  {u"worker"_qs, u"--db"_qs, m_server.dbSpec(),
                   u"--smtp"_qs, u"smtp+insecure://127.0.0.1:%1"_qs.arg(m_sinkPort),
                   u"--smtp-from"_qs, u"reminders@agentcrm.test"_qs,
                   u"--sms-base-url"_qs, u"http://127.0.0.1:%1"_qs.arg(m_twilioPort),
                   u"--sms-from"_qs, u"+14155550100"_qs});
    if (!worker->waitForStarted(10000))
        return false;
    return eventually([&] { return worker->readAll().contains("reminder worker") || worker->state() == QProcess::NotRunning; }, 10000)
           && worker->state() == QProcess::Running;
}

void tst_Reminders::killWorker(int index)
{
    auto &worker = m_workers[index];
    if (!worker || worker->state() == QProcess::NotRunning)
        return;
    worker->kill(); // SIGKILL: no chance to tidy up
    worker->waitForFinished(5000);
    if (QTest::currentTestFailed())
        qWarning().noquote() << "worker" << index << "said:" << worker->readAll();
}

void tst_Reminders::setMode(const QString &mode, double delaySeconds)
{
    for (const auto &[name, value] : {std::pair{u"mode"_qs, mode}, std::pair{u"delay"_qs, QString::number(delaySeconds)}}) {
        QFile file(m_mailDir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(value.toUtf8());
    }
}

QString tst_Reminders::bookSoon(const QString &notes, const QString &type, bool smsOptIn, QString *leadId, qint64 ahead,
                                const QString &language)
{
    static int counter = 0;
    ++counter;
    const auto lead = m_server.request("POST", u"/api/leads"_qs,
                                       QJsonObject{{u"firstName"_qs, u"Tomás"_qs},
                                                   {u"lastName"_qs, u"Reyes%1"_qs.arg(counter)},
                                                   {u"email"_qs, u"tomas.%1.%2@example.com"_qs.arg(counter).arg(QDateTime::currentMSecsSinceEpoch())},
                                                   {u"phone"_qs, u"+1415555%1"_qs.arg(3000 + counter)},
                                                   {u"source"_qs, u"referral"_qs},
                                                   {u"state"_qs, u"CA"_qs},
                                                   {u"smsOptIn"_qs, smsOptIn},
                                                   {u"preferredLanguage"_qs,
                                                    language.isEmpty() ? QJsonValue() : QJsonValue(language)}},
                                       m_token);
    if (lead.status != 201)
        return {};
    if (leadId)
        *leadId = lead.json[u"lead"_qs][u"id"_qs].toString();
    // From 15 to 20 minutes ahead, five minutes apart: the first twenty have their one reminder
    // due at once (less than 2 hours ahead). Those booked further ahead count apart, so they
    // never push the next ones out of that window.
    static int soon = 0;
    const int place = ahead == 0 ? ++soon : counter;
    if (ahead == 0 && place > 20)
        qWarning("bookSoon: more than 20 bookings less than 2 hours ahead; give it room");
    const qint64 start = (QDateTime::currentMSecsSinceEpoch() / (5 * Minute) + 3 + place) * 5 * Minute + ahead;
    const auto booked = m_server.request("POST", u"/api/appointments"_qs,
                                         QJsonObject{{u"providerId"_qs, m_agentId},
                                                     {u"leadId"_qs, lead.json[u"lead"_qs][u"id"_qs].toString()},
                                                     {u"appointmentType"_qs, type},
                                                     {u"scheduledDate"_qs, wire(start)},
                                                     {u"duration"_qs, 5},
                                                     {u"notes"_qs, notes},
                                                     {u"meetingLink"_qs, u"https://meet.example.com/room-7"_qs},
                                                     {u"override"_qs, true}},
                                         m_token);
    if (booked.status != 201)
        qWarning().noquote() << "booking failed:" << booked.raw;
    return booked.json[u"id"_qs].toString();
}

QJsonArray tst_Reminders::reminders(const QString &appointmentId)
{
    return m_server.request("GET", u"/api/appointments/%1/reminders"_qs.arg(appointmentId), {}, m_token).body.toArray();
}

QJsonObject tst_Reminders::onlyReminder(const QString &appointmentId)
{
    const QJsonArray rows = reminders(appointmentId);
    return rows.size() == 1 ? rows.first().toObject() : QJsonObject();
}

QList<QJsonObject> tst_Reminders::mails() const
{
    QList<QJsonObject> found;
    const QStringList names = QDir(m_mailDir.path()).entryList({u"*.json"_qs}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(m_mailDir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            found << QJsonDocument::fromJson(file.readAll()).object();
    }
    return found;
}

void tst_Reminders::lateBookingMailsTheLeadAtOnce()
{
    const QString appointmentId = bookSoon(u"Insulin dose review"_qs, u"primary_care"_qs);
    QVERIFY(!appointmentId.isEmpty());
    QVERIFY2(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }),
             QJsonDocument(reminders(appointmentId)).toJson().constData());
    const QJsonObject reminder = onlyReminder(appointmentId);
    QCOMPARE(reminder[u"attempts"_qs].toInt(), 1);
    QVERIFY(!reminder[u"sentAt"_qs].isNull());
    QCOMPARE(mails().size(), 1);
    const QJsonObject mail = mails().first();

    const auto appointment = m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_token).json;
    QVERIFY(appointment[u"reminderSent"_qs].toBool());
    const auto lead = m_server.request("GET", u"/api/leads/"_qs + appointment[u"leadId"_qs].toString(), {}, m_token).json;
    const QString email = lead[u"email"_qs].toString();
    QCOMPARE(mail[u"envelopeTo"_qs].toArray(), QJsonArray{email});
    QVERIFY(mail[u"to"_qs].toString().contains(email));
    QCOMPARE(mail[u"envelopeFrom"_qs].toString(), u"reminders@agentcrm.test"_qs);
    QCOMPARE(mail[u"messageId"_qs].toString(), u"<%1@agent-crm>"_qs.arg(reminder[u"id"_qs].toString()));

    // The time as the lead reads it: California's.
    const qint64 start = fromWire(appointment[u"scheduledDate"_qs].toString());
    const QTimeZone pacific("America/Los_Angeles");
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(start, pacific);
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QString time = english.toString(local.time(), u"h:mm AP"_qs);
    const QString zone = pacific.displayName(local, QTimeZone::ShortName, english);
    QVERIFY2(mail[u"subject"_qs].toString().startsWith(u"Reminder: your appointment on "_qs), qPrintable(mail[u"subject"_qs].toString()));
    QVERIFY2(mail[u"text"_qs].toString().contains(time + u" "_qs + zone), qPrintable(mail[u"text"_qs].toString()));
    QVERIFY(mail[u"text"_qs].toString().contains(u"Hello Tomás"_qs));
    QVERIFY(mail[u"text"_qs].toString().contains(u"https://meet.example.com/room-7"_qs));
    QVERIFY(mail[u"html"_qs].toString().contains(u"href=\"https://meet.example.com/room-7\""_qs));
    QVERIFY(mail[u"html"_qs].toString().contains(time));

    // Minimum necessary: nothing of the notes or of what the visit is about.
    for (const QString &field : {u"subject"_qs, u"text"_qs, u"html"_qs, u"ics"_qs}) {
        const QString body = mail[field].toString().toLower();
        for (const char *word : {"insulin", "primary", "care", "consultation", "enrollment", "diagnos"})
            QVERIFY2(!body.contains(QLatin1String(word)), qPrintable(field + u": "_qs + QLatin1String(word)));
    }

    // The invitation, as the lead's calendar reads it.
    QCOMPARE(mail[u"icsType"_qs].toString(), u"text/calendar"_qs);
    QCOMPARE(mail[u"icsMethod"_qs].toString(), u"REQUEST"_qs);
    icalcomponent *calendar = icalparser_parse_string(mail[u"ics"_qs].toString().toUtf8().constData());
    QVERIFY(calendar);
    QCOMPARE(icalcomponent_get_method(calendar), ICAL_METHOD_REQUEST);
    icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    QVERIFY(event);
    QCOMPARE(QString::fromUtf8(icalcomponent_get_uid(event)), appointmentId + u"@agent-crm"_qs);
    QCOMPARE(qint64(icaltime_as_timet(icalcomponent_get_dtstart(event))) * 1000, start);
    QCOMPARE(qint64(icaltime_as_timet(icalcomponent_get_dtend(event))) * 1000, start + 5 * Minute);
    icalproperty *attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY);
    QVERIFY(attendee);
    QCOMPARE(QString::fromUtf8(icalproperty_get_attendee(attendee)).toLower(), u"mailto:"_qs + email.toLower());
    icalcomponent_free(calendar);
}

void tst_Reminders::spanishSpeakingLeadIsWrittenToInSpanish()
{
    // The contact form takes the language, and refuses one we cannot write in.
    QJsonObject form{{u"firstName"_qs, u"Ana"_qs},
                     {u"lastName"_qs, u"Quintero"_qs},
                     {u"email"_qs, u"ana.quintero@example.com"_qs},
                     {u"phone"_qs, u"+14155557777"_qs},
                     {u"state"_qs, u"TX"_qs},
                     {u"preferredLanguage"_qs, u"fr"_qs}};
    const auto refused = m_server.request("POST", u"/api/leads"_qs, form);
    QCOMPARE(refused.status, 422);
    QVERIFY(refused.json[u"error"_qs][u"fields"_qs].toObject().contains(u"preferredLanguage"_qs));
    form[u"preferredLanguage"_qs] = u"es"_qs;
    const QJsonObject made = m_server.submitContactForm(form);
    QVERIFY(!made.isEmpty());
    QCOMPARE(lead(made[u"id"_qs].toString())[u"preferredLanguage"_qs].toString(), u"es"_qs);

    QString leadId;
    const QString appointmentId = bookSoon(u"Insulin"_qs, u"consultation"_qs, true, &leadId, 0, u"es"_qs);
    QVERIFY(!appointmentId.isEmpty());
    QVERIFY2(eventually([&] {
                 const QJsonArray now = reminders(appointmentId);
                 return now.size() == 2 && now[0][u"status"_qs] == u"sent"_qs
                        && now[1][u"status"_qs] == u"sent"_qs;
             }),
             QJsonDocument(reminders(appointmentId)).toJson().constData());
    QCOMPARE(mails().size(), 1);
    const QJsonObject mail = mails().first();
    const auto appointment = m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_token).json;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(fromWire(appointment[u"scheduledDate"_qs].toString()),
                                                           QTimeZone("America/Los_Angeles"));
    const QLocale spanish(QLocale::Spanish, QLocale::UnitedStates);
    const QString day = spanish.toString(local.date(), u"dddd d 'de' MMMM"_qs);
    QVERIFY2(mail[u"subject"_qs].toString().startsWith(u"Recordatorio: su cita del "_qs + day),
             qPrintable(mail[u"subject"_qs].toString()));
    const QString text = mail[u"text"_qs].toString();
    QVERIFY2(text.contains(u"Hola, Tomás:"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"Le recordamos su cita del "_qs + day), qPrintable(text));
    QVERIFY2(text.contains(u"(5 minutos)"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"Unirse a la reunión: https://meet.example.com/room-7"_qs), qPrintable(text));
    QVERIFY(mail[u"html"_qs].toString().contains(u"lang=\"es\""_qs));
    QVERIFY(mail[u"html"_qs].toString().contains(u">Unirse a la reunión</a>"_qs));
    icalcomponent *calendar = icalparser_parse_string(mail[u"ics"_qs].toString().toUtf8().constData());
    QVERIFY(calendar);
    icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    QVERIFY(event);
    QCOMPARE(QString::fromUtf8(icalcomponent_get_summary(event)), u"Su cita"_qs);
    icalcomponent_free(calendar);

    // One SMS in GSM-7 (tst_reminderMessage checks how "sábado" loses its accent).
    QCOMPARE(texts().size(), 1);
    const QString body = texts().first()[u"body"_qs].toString();
    QVERIFY2(body.startsWith(u"Recordatorio: su cita es el "_qs), qPrintable(body));
    QVERIFY2(body.endsWith(u" Responda STOP para darse de baja."_qs), qPrintable(body));
    QVERIFY2(body.size() <= 160, qPrintable(body));
    QVERIFY2(!body.contains(QRegularExpression(u"[áíóúÁÍÓÚ]"_qs)), qPrintable(body));

    // An English-speaking lead (or one who never said) still reads English.
    const QString english = bookSoon(QString(), u"consultation"_qs, false, nullptr, 0, u"en"_qs);
    QVERIFY(eventually([&] { return mails().size() == 2; }));
    QVERIFY(mails().last()[u"subject"_qs].toString().startsWith(u"Reminder: your appointment on "_qs));
    QVERIFY(!english.isEmpty());
}

void tst_Reminders::temporaryRefusalIsRetriedThenSent()
{
    setMode(u"tempfail"_qs);
    const QString appointmentId = bookSoon();
    QVERIFY(eventually([&] {
        const QJsonObject row = onlyReminder(appointmentId);
        return row[u"status"_qs] == u"pending"_qs && row[u"attempts"_qs].toInt() >= 1;
    }));
    const QJsonObject waiting = onlyReminder(appointmentId);
    QVERIFY2(waiting[u"lastError"_qs].toString().contains(u"451"_qs), qPrintable(waiting[u"lastError"_qs].toString()));
    QVERIFY(mails().isEmpty());
    setMode(u"accept"_qs);
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }));
    QVERIFY(onlyReminder(appointmentId)[u"attempts"_qs].toInt() >= 2);
    QCOMPARE(mails().size(), 1);
}

void tst_Reminders::permanentRefusalFailsWithTheReason()
{
    setMode(u"permfail"_qs);
    const QString appointmentId = bookSoon();
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"failed"_qs; }));
    const QJsonObject row = onlyReminder(appointmentId);
    QCOMPARE(row[u"attempts"_qs].toInt(), 1);
    QVERIFY2(row[u"lastError"_qs].toString().contains(u"550"_qs), qPrintable(row[u"lastError"_qs].toString()));
    QVERIFY(mails().isEmpty());

    // The address is fixed (here: the server takes mail again); an admin tries it again.
    setMode(u"accept"_qs);
    const QString retryPath = u"/api/admin/reminders/%1/retry"_qs.arg(row[u"id"_qs].toString());
    QCOMPARE(m_server.request("POST", retryPath, {}, m_token).status, 403);
    const auto retried = m_server.request("POST", retryPath, {}, m_admin);
    QCOMPARE(retried.status, 200);
    QCOMPARE(retried.json[u"status"_qs].toString(), u"pending"_qs);
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }));
    QCOMPARE(mails().size(), 1);
    QCOMPARE(errorCode(m_server.request("POST", retryPath, {}, m_admin)), u"invalid_transition"_qs);
}

void tst_Reminders::smtpDownForGoodEndsFailedWithNothingLost()
{
    setMode(u"tempfail"_qs);
    const QString appointmentId = bookSoon();
    // Backoff 0.3 s doubling: six attempts within about 10 s.
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"failed"_qs; }, 30000));
    const QJsonObject row = onlyReminder(appointmentId);
    QCOMPARE(row[u"attempts"_qs].toInt(), 6);
    QVERIFY(!row[u"lastError"_qs].toString().isEmpty());
    // Its history is in the audit log, ids only.
    const auto audited = m_server.sql(u"SELECT count(*) FROM audit_log WHERE action = 'reminder.deliver' AND entityId = '%1'"_qs
                                          .arg(row[u"id"_qs].toString()));
    QCOMPARE(audited.value(0).value(0).toInt(), 6);
}

void tst_Reminders::wrongSmtpPasswordIsRetriedAndSaysSo()
{
    // The mail server wants a login and the worker has the wrong password: nothing is sent,
    // the ledger says why, and the reminder waits for a retry (a setting to fix, not the
    // recipient's fault). With the right password it goes out.
    QFile auth(m_mailDir.filePath(u"auth"_qs));
    QVERIFY(auth.open(QIODevice::WriteOnly | QIODevice::Truncate));
    auth.write("reminders:right-password");
    auth.close();
    const QProcessEnvironment usual = m_workerEnv;
    killWorker();
    m_workerEnv.insert(u"CRM_SMTP_USER"_qs, u"reminders"_qs);
    m_workerEnv.insert(u"CRM_SMTP_PASSWORD"_qs, u"wrong-password"_qs);
    QVERIFY(startWorker());
    const QString appointmentId = bookSoon();
    QVERIFY2(eventually([&] { return onlyReminder(appointmentId)[u"lastError"_qs].toString().contains(u"535"_qs); }),
             QJsonDocument(reminders(appointmentId)).toJson().constData());
    QVERIFY(onlyReminder(appointmentId)[u"status"_qs] != u"failed"_qs);
    QVERIFY(mails().isEmpty());

    killWorker();
    m_workerEnv.insert(u"CRM_SMTP_PASSWORD"_qs, u"right-password"_qs);
    QVERIFY(startWorker());
    QVERIFY2(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }),
             QJsonDocument(reminders(appointmentId)).toJson().constData());
    QCOMPARE(mails().size(), 1);

    QVERIFY(QFile::remove(m_mailDir.filePath(u"auth"_qs)));
    killWorker();
    m_workerEnv = usual;
    QVERIFY(startWorker());
}

void tst_Reminders::cancelledAppointmentSendsNothing()
{
    killWorker();
    const QString appointmentId = bookSoon();
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"status"_qs, u"cancelled"_qs}}, m_token).status,
             200);
    QVERIFY(startWorker());
    QTest::qWait(1500);
    QCOMPARE(onlyReminder(appointmentId)[u"status"_qs].toString(), u"cancelled"_qs);
    QVERIFY(mails().isEmpty());
}

void tst_Reminders::workerKilledBeforeTheSendLosesNothing()
{
    killWorker();
    const QString appointmentId = bookSoon();
    QTest::qWait(500);
    QCOMPARE(onlyReminder(appointmentId)[u"status"_qs].toString(), u"pending"_qs);
    QVERIFY(startWorker());
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }));
    QCOMPARE(mails().size(), 1);
    QCOMPARE(onlyReminder(appointmentId)[u"attempts"_qs].toInt(), 1);
}

void tst_Reminders::workerKilledMidSendSendsOnce()
{
    setMode(u"slow"_qs, 3.0);
    const QString appointmentId = bookSoon();
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sending"_qs; }));
    killWorker(); // while the SMTP server is still taking the message
    setMode(u"accept"_qs);
    QTest::qWait(3500); // the sink finishes its wait and finds the sender gone: nothing stored
    QVERIFY(mails().isEmpty());
    QCOMPARE(onlyReminder(appointmentId)[u"status"_qs].toString(), u"sending"_qs);
    QVERIFY(startWorker()); // claims it again once the 2 s lease has run out
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }));
    QCOMPARE(mails().size(), 1);
    QCOMPARE(onlyReminder(appointmentId)[u"attempts"_qs].toInt(), 2);
}

void tst_Reminders::workerKilledAfterAcceptanceSendsTheSameMessageAgain()
{
    setMode(u"hold"_qs, 5.0);
    const QString appointmentId = bookSoon();
    QVERIFY(eventually([&] { return mails().size() == 1; }));
    killWorker(); // the SMTP server has the mail; the ledger still says sending
    setMode(u"accept"_qs);
    QCOMPARE(onlyReminder(appointmentId)[u"status"_qs].toString(), u"sending"_qs);
    QVERIFY(startWorker());
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }, 30000));
    // The one case a mail goes twice, and then as the same message: mail clients show one.
    const QList<QJsonObject> sent = mails();
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent[0][u"messageId"_qs], sent[1][u"messageId"_qs]);
    QCOMPARE(onlyReminder(appointmentId)[u"attempts"_qs].toInt(), 2); // the ledger: sent after retry
}

void tst_Reminders::twoWorkersOnPostgresSendEachReminderOnce()
{
    if (ServerProcess::backend() != u"postgres"_qs)
        QSKIP("Two worker processes share one PostgreSQL (the SQLite server is one process's file).");
    killWorker();
    QStringList appointments;
    for (int i = 0; i < 50; ++i)
        appointments << bookSoon(QString(), u"consultation"_qs, false, nullptr, 72 * Hour);
    QVERIFY(!appointments.contains(QString()));
    // Nine reminders each, due now.
    for (const QString &id : std::as_const(appointments)) {
        for (int i = 0; i < 9; ++i)
            QCOMPARE(m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(id),
                                      QJsonObject{{u"channel"_qs, u"email"_qs}}, m_token).status,
                     202);
    }
    // Everything due now: the 450 sent by hand (the bookings' own are days away).
    const QString due = u"FROM appointment_reminders r JOIN appointments a ON a.id = r.appointmentId"
                        " WHERE a.providerId = '%1' AND r.status = 'pending' AND r.scheduledFor <= %2"_qs
                            .arg(m_agentId)
                            .arg(QDateTime::currentMSecsSinceEpoch());
    const int expected = m_server.sql(u"SELECT count(*) "_qs + due).value(0).value(0).toInt();
    QCOMPARE(expected, 450);
    QVERIFY(startWorker(0));
    QVERIFY(startWorker(1));
    QVERIFY2(eventually([&] { return mails().size() >= expected; }, 120000), qPrintable(QString::number(mails().size())));
    QTest::qWait(1000);
    const QList<QJsonObject> sent = mails();
    QCOMPARE(sent.size(), expected);
    QSet<QString> ids;
    for (const QJsonObject &mail : sent)
        ids.insert(mail[u"messageId"_qs].toString());
    QCOMPARE(ids.size(), expected);
    QCOMPARE(m_server.sql(u"SELECT count(*) "_qs + due).value(0).value(0).toInt(), 0);
    // Neither worker fell over meanwhile (which one sent what is not recorded).
    QVERIFY(m_workers[0]->state() == QProcess::Running && m_workers[1]->state() == QProcess::Running);
}

void tst_Reminders::serveDeliversByDefault()
{
    killWorker();
    ServerProcess other;
    QVERIFY(!other.addUser(u"solo@remind.example"_qs, u"Solo Agent"_qs, u"agent"_qs).isEmpty());
    other.setEnvironment(u"CRM_REMINDER_POLL_MS"_qs, u"100"_qs);
    QVERIFY2(other.start({u"--smtp"_qs, u"smtp+insecure://127.0.0.1:%1"_qs.arg(m_sinkPort),
                          u"--smtp-from"_qs, u"reminders@agentcrm.test"_qs}),
             qPrintable(other.serverLog()));
    const QString token = other.login(u"solo@remind.example"_qs);
    const auto lead = other.request("POST", u"/api/leads"_qs,
                                    QJsonObject{{u"firstName"_qs, u"Ana"_qs}, {u"lastName"_qs, u"Solo"_qs},
                                                {u"email"_qs, u"ana.solo@example.com"_qs}, {u"phone"_qs, u"+14155559999"_qs},
                                                {u"source"_qs, u"referral"_qs}, {u"state"_qs, u"TX"_qs}},
                                    token);
    QCOMPARE(lead.status, 201);
    const auto booked = other.request("POST", u"/api/appointments"_qs,
                                      QJsonObject{{u"providerId"_qs, lead.json[u"lead"_qs][u"assignedAgentId"_qs]},
                                                  {u"leadId"_qs, lead.json[u"lead"_qs][u"id"_qs]},
                                                  {u"appointmentType"_qs, u"enrollment"_qs},
                                                  {u"scheduledDate"_qs, wire((QDateTime::currentMSecsSinceEpoch() / Hour + 1) * Hour)},
                                                  {u"override"_qs, true}},
                                      token);
    QCOMPARE(booked.status, 201);
    QVERIFY(eventually([&] { return mails().size() == 1; }));
    QCOMPARE(mails().first()[u"envelopeTo"_qs].toArray(), QJsonArray{u"ana.solo@example.com"_qs});
    for (const char *field : {"subject", "text", "html", "ics"})
        QVERIFY2(!mails().first()[QLatin1String(field)].toString().contains(u"nrollment"_qs), field);
    // Texas reads Central time.
    QVERIFY2(mails().first()[u"text"_qs].toString().contains(u"CST"_qs) || mails().first()[u"text"_qs].toString().contains(u"CDT"_qs),
             qPrintable(mails().first()[u"text"_qs].toString()));
    other.stop();
}

QList<QJsonObject> tst_Reminders::texts() const
{
    QList<QJsonObject> found;
    const QStringList names = QDir(m_smsDir.path()).entryList({u"*.json"_qs}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(m_smsDir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            found << QJsonDocument::fromJson(file.readAll()).object();
    }
    return found;
}

void tst_Reminders::setSmsMode(const QString &mode)
{
    QFile file(m_smsDir.filePath(u"mode"_qs));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(mode.toUtf8());
}

ServerProcess::Reply tst_Reminders::twilio(const QString &path, const QList<QPair<QString, QString>> &form, bool sign)
{
    QUrlQuery query;
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    // Twilio's scheme: the URL it called, then each parameter's name and value, sorted by name.
    QList<QPair<QString, QString>> sorted = form;
    std::sort(sorted.begin(), sorted.end());
    QByteArray data = (m_server.baseUrl().toString(QUrl::StripTrailingSlash) + path).toUtf8();
    for (const auto &[name, value] : std::as_const(sorted))
        data += name.toUtf8() + value.toUtf8();
    QByteArray signature = QMessageAuthenticationCode::hash(data, TwilioToken.toUtf8(), QCryptographicHash::Sha1).toBase64();
    if (!sign)
        signature = QMessageAuthenticationCode::hash(data, "someone-else", QCryptographicHash::Sha1).toBase64();
    return m_server.requestRaw("POST", path, body, QString(), QByteArrayLiteral("application/x-www-form-urlencoded"),
                               {{QByteArrayLiteral("X-Twilio-Signature"), signature}});
}

QJsonObject tst_Reminders::lead(const QString &id)
{
    return m_server.request("GET", u"/api/leads/"_qs + id, {}, m_token).json;
}

void tst_Reminders::smsGoesToOptedInLeadsThroughTwilio()
{
    QString leadId;
    const QString appointmentId = bookSoon(u"Insulin"_qs, u"consultation"_qs, true, &leadId);
    QJsonArray rows = reminders(appointmentId);
    QCOMPARE(rows.size(), 2); // by e-mail and, opted in, by SMS
    QVERIFY(eventually([&] {
        const QJsonArray now = reminders(appointmentId);
        return now.size() == 2 && now[0][u"status"_qs] == u"sent"_qs && now[1][u"status"_qs] == u"sent"_qs;
    }));
    QCOMPARE(texts().size(), 1);
    const QJsonObject text = texts().first();
    const QJsonObject person = lead(leadId);
    QCOMPARE(text[u"to"_qs].toString(), person[u"phone"_qs].toString());
    QCOMPARE(text[u"from"_qs].toString(), u"+14155550100"_qs);
    const QString body = text[u"body"_qs].toString();
    QVERIFY2(body.size() <= 160, qPrintable(body));
    QVERIFY2(body.contains(u"Reply STOP"_qs), qPrintable(body));
    QVERIFY(!body.toLower().contains(u"insulin"_qs) && !body.toLower().contains(u"consultation"_qs));
    QCOMPARE(text[u"callback"_qs].toString(), m_server.baseUrl().toString(QUrl::StripTrailingSlash) + u"/api/twilio/status"_qs);
    rows = reminders(appointmentId);
    for (const QJsonValue &row : std::as_const(rows)) {
        if (row[u"reminderType"_qs] == u"sms"_qs)
            QCOMPARE(m_server.sql(u"SELECT messageId FROM appointment_reminders WHERE id = '%1'"_qs
                                      .arg(row[u"id"_qs].toString())).value(0).value(0).toString(),
                     text[u"sid"_qs].toString());
    }
    // A lead who did not opt in gets no SMS reminder at all.
    const QString quiet = bookSoon(QString(), u"consultation"_qs, false);
    QCOMPARE(reminders(quiet).size(), 1);
    QCOMPARE(reminders(quiet)[0][u"reminderType"_qs].toString(), u"email"_qs);
}

void tst_Reminders::smsRefusedForGoodFails()
{
    setSmsMode(u"invalid"_qs);
    const QString appointmentId = bookSoon(QString(), u"consultation"_qs, true);
    QVERIFY(eventually([&] {
        const QJsonArray rows = reminders(appointmentId);
        for (const QJsonValue &row : rows) {
            if (row[u"reminderType"_qs] == u"sms"_qs)
                return row[u"status"_qs] == u"failed"_qs;
        }
        return false;
    }));
    const QJsonArray rows = reminders(appointmentId);
    for (const QJsonValue &row : rows) {
        if (row[u"reminderType"_qs] == u"sms"_qs) {
            QVERIFY2(row[u"lastError"_qs].toString().contains(u"21211"_qs), qPrintable(row[u"lastError"_qs].toString()));
            QCOMPARE(row[u"attempts"_qs].toInt(), 1);
        }
    }
}

void tst_Reminders::inboundStopAndStartChangeConsentWithProof()
{
    killWorker(); // the reminders stay pending, to be cancelled
    QString leadId;
    const QString appointmentId = bookSoon(QString(), u"consultation"_qs, true, &leadId, 26 * Hour);
    const QString phone = lead(leadId)[u"phone"_qs].toString();
    auto smsRows = [&](const QString &status) {
        int count = 0;
        const QJsonArray rows = reminders(appointmentId);
        for (const QJsonValue &row : rows)
            count += row[u"reminderType"_qs] == u"sms"_qs && row[u"status"_qs] == status;
        return count;
    };
    QCOMPARE(smsRows(u"pending"_qs), 2);

    const auto stop = twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"To"_qs, u"+14155550100"_qs},
                                                        {u"Body"_qs, u" Stop "_qs}, {u"MessageSid"_qs, u"SMin1"_qs},
                                                        {u"AccountSid"_qs, TwilioSid}});
    QCOMPARE(stop.status, 200);
    QVERIFY(stop.raw.contains("<Response/>"));
    QCOMPARE(lead(leadId)[u"smsOptIn"_qs].toBool(), false);
    QCOMPARE(smsRows(u"pending"_qs), 0);
    QCOMPARE(smsRows(u"cancelled"_qs), 2);

    const auto proof = m_server.request("GET", u"/api/leads/%1/sms-consents"_qs.arg(leadId), {}, m_token);
    QCOMPARE(proof.status, 200);
    const QJsonArray items = proof.json[u"items"_qs].toArray();
    QCOMPARE(items.size(), 2); // given when the agent entered the lead, withdrawn by text
    QCOMPARE(items[0][u"optedIn"_qs].toBool(), false);
    QCOMPARE(items[0][u"method"_qs].toString(), u"keyword"_qs);
    QCOMPARE(items[0][u"detail"_qs].toString(), u"STOP"_qs);
    QCOMPARE(items[1][u"optedIn"_qs].toBool(), true);
    QCOMPARE(items[1][u"method"_qs].toString(), u"agent"_qs);
    QCOMPARE(items[1][u"textVersion"_qs].toString(), proof.json[u"textVersion"_qs].toString());
    const auto history = m_server.request("GET", u"/api/leads/%1/activities?limit=500"_qs.arg(leadId), {}, m_token);
    int consentEntries = 0;
    for (const QJsonValue &entry : history.json[u"items"_qs].toArray())
        consentEntries += entry[u"code"_qs] == u"sms_consent"_qs;
    QCOMPARE(consentEntries, 2);

    // Any other reply changes nothing; START opts in again.
    QCOMPARE(twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"Body"_qs, u"please stop calling me"_qs}}).status, 200);
    QCOMPARE(lead(leadId)[u"smsOptIn"_qs].toBool(), false);
    QCOMPARE(twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"Body"_qs, u"start"_qs}}).status, 200);
    QCOMPARE(lead(leadId)[u"smsOptIn"_qs].toBool(), true);
    for (const QString &word : {u"STOPALL"_qs, u"unsubscribe"_qs, u"Cancel"_qs, u"END"_qs, u"quit"_qs, u"REVOKE"_qs, u"optout"_qs}) {
        QCOMPARE(twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"Body"_qs, word}}).status, 200);
        QVERIFY2(!lead(leadId)[u"smsOptIn"_qs].toBool(), qPrintable(word));
        QCOMPARE(twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"Body"_qs, u"YES"_qs}}).status, 200);
        QVERIFY(lead(leadId)[u"smsOptIn"_qs].toBool());
    }
}

void tst_Reminders::forgedInboundIsRefused()
{
    QString leadId;
    bookSoon(QString(), u"consultation"_qs, true, &leadId, 4 * Hour);
    const QString phone = lead(leadId)[u"phone"_qs].toString();
    QCOMPARE(twilio(u"/api/twilio/inbound"_qs, {{u"From"_qs, phone}, {u"Body"_qs, u"STOP"_qs}}, false).status, 403);
    const auto unsigned_ = m_server.requestRaw("POST", u"/api/twilio/inbound"_qs,
                                               "From=" + QUrl::toPercentEncoding(phone) + "&Body=STOP", QString(),
                                               QByteArrayLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(unsigned_.status, 403);
    QCOMPARE(lead(leadId)[u"smsOptIn"_qs].toBool(), true);
    QCOMPARE(twilio(u"/api/twilio/status"_qs, {{u"MessageSid"_qs, u"SMx"_qs}, {u"MessageStatus"_qs, u"failed"_qs}}, false).status, 403);
}

void tst_Reminders::statusCallbacksReachTheLedger()
{
    const QString delivered = bookSoon(QString(), u"consultation"_qs, true);
    const QString lost = bookSoon(QString(), u"consultation"_qs, true);
    QVERIFY(eventually([&] { return texts().size() == 2; }));
    auto smsRow = [&](const QString &appointmentId) {
        const QJsonArray rows = reminders(appointmentId);
        for (const QJsonValue &row : rows) {
            if (row[u"reminderType"_qs] == u"sms"_qs)
                return row.toObject();
        }
        return QJsonObject();
    };
    QVERIFY(eventually([&] { return smsRow(delivered)[u"status"_qs] == u"sent"_qs && smsRow(lost)[u"status"_qs] == u"sent"_qs; }));
    auto sidOf = [&](const QString &appointmentId) {
        return m_server.sql(u"SELECT messageId FROM appointment_reminders WHERE id = '%1'"_qs
                                .arg(smsRow(appointmentId)[u"id"_qs].toString())).value(0).value(0).toString();
    };
    QCOMPARE(twilio(u"/api/twilio/status"_qs, {{u"MessageSid"_qs, sidOf(delivered)}, {u"MessageStatus"_qs, u"delivered"_qs},
                                               {u"AccountSid"_qs, TwilioSid}}).status,
             204);
    QCOMPARE(twilio(u"/api/twilio/status"_qs, {{u"MessageSid"_qs, sidOf(lost)}, {u"MessageStatus"_qs, u"undelivered"_qs},
                                               {u"ErrorCode"_qs, u"30003"_qs}}).status,
             204);
    QCOMPARE(smsRow(delivered)[u"status"_qs].toString(), u"sent"_qs);
    QVERIFY(!smsRow(delivered)[u"deliveredAt"_qs].isNull());
    QCOMPARE(smsRow(lost)[u"status"_qs].toString(), u"failed"_qs);
    QVERIFY2(smsRow(lost)[u"lastError"_qs].toString().contains(u"30003"_qs), qPrintable(smsRow(lost)[u"lastError"_qs].toString()));
    // A callback for no reminder of ours changes nothing and is no error for Twilio.
    QCOMPARE(twilio(u"/api/twilio/status"_qs, {{u"MessageSid"_qs, u"SMnothing"_qs}, {u"MessageStatus"_qs, u"delivered"_qs}}).status, 204);
}

void tst_Reminders::contactFormCheckboxIsRecordedAsConsent()
{
    const QJsonObject made = m_server.submitContactForm(QJsonObject{{u"firstName"_qs, u"Web"_qs},
                                                                    {u"lastName"_qs, u"Visitor"_qs},
                                                                    {u"email"_qs, u"web.visitor@example.com"_qs},
                                                                    {u"phone"_qs, u"+14155558888"_qs},
                                                                    {u"source"_qs, u"contact_form"_qs},
                                                                    {u"state"_qs, u"CA"_qs},
                                                                    {u"smsOptIn"_qs, true}});
    QVERIFY(!made.isEmpty());
    const QString leadId = made[u"id"_qs].toString();
    const auto rows = m_server.sql(u"SELECT method, optedIn, textVersion FROM sms_consents WHERE leadId = '%1'"_qs.arg(leadId));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0][0].toString(), u"contact_form"_qs);
    QCOMPARE(rows[0][1].toInt(), 1);
    QVERIFY(!rows[0][2].toString().isEmpty());
}

void tst_Reminders::adminSetsASchedulePerType()
{
    killWorker();
    const QString path = u"/api/admin/reminder-schedules"_qs;
    const auto before = m_server.request("GET", path, {}, m_admin);
    QCOMPARE(before.status, 200);
    QCOMPARE(before.json[u"schedules"_qs][u"consultation"_qs].toArray(), (QJsonArray{1440, 120}));
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"schedules"_qs, QJsonObject{{u"enrollment"_qs, QJsonArray{60, 2880}}}}}, m_token).status, 403);
    const auto bad = m_server.request("PUT", path, QJsonObject{{u"schedules"_qs, QJsonObject{{u"enrollment"_qs, QJsonArray{60, 60}}}}}, m_admin);
    QCOMPARE(bad.status, 422);
    QVERIFY(bad.json[u"error"_qs][u"fields"_qs].toObject().contains(u"enrollment"_qs));
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"schedules"_qs, QJsonObject{{u"surgery"_qs, QJsonArray{60}}}}}, m_admin).status, 400);
    const auto set = m_server.request("PUT", path, QJsonObject{{u"schedules"_qs, QJsonObject{{u"enrollment"_qs, QJsonArray{60, 2880}}}}}, m_admin);
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json[u"schedules"_qs][u"enrollment"_qs].toArray(), (QJsonArray{2880, 60}));

    const QString enrollment = bookSoon(QString(), u"enrollment"_qs, false, nullptr, 4 * 24 * Hour);
    const qint64 start = fromWire(m_server.request("GET", u"/api/appointments/"_qs + enrollment, {}, m_token).json[u"scheduledDate"_qs].toString());
    QList<qint64> due;
    for (const QJsonValue &row : reminders(enrollment))
        due << fromWire(row[u"scheduledFor"_qs].toString());
    QCOMPARE(due, (QList<qint64>{start - 48 * Hour, start - Hour}));
    const QString consultation = bookSoon(QString(), u"consultation"_qs, false, nullptr, 5 * 24 * Hour);
    QCOMPARE(reminders(consultation).size(), 2); // still 24 h and 2 h
    QCOMPARE(m_server.request("PUT", path, QJsonObject{{u"schedules"_qs, QJsonObject{{u"enrollment"_qs, QJsonArray{1440, 120}}}}}, m_admin).status, 200);
}

void tst_Reminders::agentAddsAndTakesOutReminders()
{
    killWorker();
    const QString appointmentId = bookSoon(QString(), u"consultation"_qs, false, nullptr, 6 * 24 * Hour);
    const qint64 start = fromWire(m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_token).json[u"scheduledDate"_qs].toString());
    const QString path = u"/api/appointments/%1/reminders"_qs.arg(appointmentId);
    const auto added = m_server.request("POST", path, QJsonObject{{u"channel"_qs, u"email"_qs}, {u"scheduledFor"_qs, wire(start - 3 * 24 * Hour)}}, m_token);
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json[u"status"_qs].toString(), u"pending"_qs);
    QCOMPARE(reminders(appointmentId).size(), 3);
    QCOMPARE(m_server.request("POST", path, QJsonObject{{u"channel"_qs, u"email"_qs}, {u"scheduledFor"_qs, wire(start + Hour)}}, m_token).status, 422);
    QCOMPARE(m_server.request("POST", path, QJsonObject{{u"channel"_qs, u"sms"_qs}, {u"scheduledFor"_qs, wire(start - Hour)}}, m_token).status, 422);
    const QString reminderId = added.json[u"id"_qs].toString();
    QCOMPARE(m_server.request("DELETE", path + u"/"_qs + reminderId, {}, m_token).status, 204);
    QCOMPARE(m_server.request("DELETE", path + u"/"_qs + reminderId, {}, m_token).status, 422);
    QCOMPARE(m_server.request("DELETE", path + u"/00000000-0000-4000-8000-000000000000"_qs, {}, m_token).status, 404);
    for (const QJsonValue &row : reminders(appointmentId)) {
        if (row[u"id"_qs] == reminderId)
            QCOMPARE(row[u"status"_qs].toString(), u"cancelled"_qs);
    }
}

void tst_Reminders::addedReminderKeepsItsDistanceWhenTheAppointmentMoves()
{
    killWorker();
    const QString appointmentId = bookSoon(QString(), u"consultation"_qs, false, nullptr, 6 * 24 * Hour);
    const qint64 start = fromWire(m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_token).json[u"scheduledDate"_qs].toString());
    const QString path = u"/api/appointments/%1/reminders"_qs.arg(appointmentId);
    const auto added = m_server.request("POST", path, QJsonObject{{u"channel"_qs, u"email"_qs}, {u"scheduledFor"_qs, wire(start - 3 * 24 * Hour)}}, m_token);
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json[u"origin"_qs].toString(), u"added"_qs);

    // A day later, and back to 2 days earlier: the schedule's reminders follow the plan (24 h and
    // 2 h before), the added one stays 3 days before; nothing is cancelled or duplicated.
    for (const qint64 shift : {24 * Hour, -2 * 24 * Hour}) {
        const qint64 moved = start + shift;
        const auto answer = m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                                             QJsonObject{{u"scheduledDate"_qs, wire(moved)}, {u"override"_qs, true}}, m_token);
        QVERIFY2(answer.status == 200, answer.raw.constData());
        QList<qint64> due;
        for (const QJsonValue &row : reminders(appointmentId)) {
            QCOMPARE(row[u"status"_qs].toString(), u"pending"_qs);
            due << fromWire(row[u"scheduledFor"_qs].toString());
            if (row[u"id"_qs] == added.json[u"id"_qs])
                QCOMPARE(row[u"origin"_qs].toString(), u"added"_qs);
        }
        std::sort(due.begin(), due.end());
        QCOMPARE(due, QList<qint64>({moved - 3 * 24 * Hour, moved - 24 * Hour, moved - 2 * Hour}));
    }
}

void tst_Reminders::moveDuringASendTellsTheNewTime()
{
    const QTimeZone pacific("America/Los_Angeles");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const auto when = [&](qint64 at) {
        return english.toString(QDateTime::fromMSecsSinceEpoch(at, pacific), u"MMMM d 'at' h:mm AP"_qs);
    };
    const auto startOf = [&](const QString &id) {
        return fromWire(m_server.request("GET", u"/api/appointments/"_qs + id, {}, m_token).json[u"scheduledDate"_qs].toString());
    };
    const auto move = [&](const QString &id, qint64 to) {
        return m_server.request("PUT", u"/api/appointments/"_qs + id,
                                QJsonObject{{u"scheduledDate"_qs, wire(to)}, {u"override"_qs, true}}, m_token).status;
    };

    // "Send now" on an appointment days ahead; it moves a day while the SMTP server takes its
    // time. The one on its way told the old time: one more, sent at once, tells the new one.
    const QString later = bookSoon(QString(), u"consultation"_qs, false, nullptr, 5 * 24 * Hour);
    const qint64 start = startOf(later);
    setMode(u"slow"_qs, 1.0); // within the test worker's 2 s lease
    QCOMPARE(m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(later), QJsonObject{{u"channel"_qs, u"email"_qs}}, m_token).status, 202);
    const auto sentNow = [&](int count) {
        int found = 0;
        for (const QJsonValue &row : reminders(later))
            found += row[u"origin"_qs] == u"now"_qs && row[u"status"_qs] == u"sent"_qs ? 1 : 0;
        return found == count;
    };
    QVERIFY(eventually([&] {
        for (const QJsonValue &row : reminders(later)) {
            if (row[u"origin"_qs] == u"now"_qs && row[u"status"_qs] == u"sending"_qs)
                return true;
        }
        return false;
    }));
    QCOMPARE(move(later, start + 24 * Hour), 200);
    setMode(u"accept"_qs);
    QVERIFY2(eventually([&] { return sentNow(2); }), QJsonDocument(reminders(later)).toJson().constData());
    // Two messages (a slow send that outlived the test's 2 s lease goes again with the same
    // Message-ID, one message to a mail client): the old time first, the new one last. Only
    // this appointment's: an earlier test's reminder still on its way may land meanwhile.
    const auto mailsOf = [&](const QString &appointmentId) {
        QSet<QString> ours;
        for (const QJsonValue &row : reminders(appointmentId))
            ours.insert(u"<%1@agent-crm>"_qs.arg(row[u"id"_qs].toString()));
        QList<QJsonObject> found;
        for (const QJsonObject &mail : mails()) {
            if (ours.contains(mail[u"messageId"_qs].toString()))
                found << mail;
        }
        return found;
    };
    QSet<QString> ids;
    QTRY_VERIFY2((ids.clear(), [&] {
                      for (const QJsonObject &mail : mailsOf(later))
                          ids.insert(mail[u"messageId"_qs].toString());
                  }(), ids.size() == 2),
                 qPrintable(QStringList(ids.cbegin(), ids.cend()).join(u", "_qs)));
    QVERIFY2(mailsOf(later).first()[u"text"_qs].toString().contains(when(start)),
             qPrintable(mailsOf(later).first()[u"text"_qs].toString()));
    QVERIFY2(mailsOf(later).last()[u"text"_qs].toString().contains(when(start + 24 * Hour)),
             qPrintable(mailsOf(later).last()[u"text"_qs].toString()));
    const qsizetype laterMails = mails().size();

    // Close to the start, the move itself plans one at once. Whichever of the two lands last,
    // the last word the lead reads is the new time (a correction follows when the old one
    // arrived after the new one), and the ledger settles.
    const QString soon = bookSoon();
    setMode(u"slow"_qs, 1.0);
    QVERIFY(eventually([&] { return onlyReminder(soon)[u"status"_qs] == u"sending"_qs; }));
    // Earlier, to the free 5 minutes before the first of bookSoon's slots (10 to 15 minutes
    // from now): still less than 2 hours ahead.
    const qint64 soonMoved = (QDateTime::currentMSecsSinceEpoch() / (5 * Minute) + 2) * 5 * Minute;
    QCOMPARE(move(soon, soonMoved), 200);
    setMode(u"accept"_qs);
    const auto settled = [&] {
        const QJsonArray rows = reminders(soon);
        return std::all_of(rows.begin(), rows.end(), [](const QJsonValue &row) { return row[u"status"_qs] == u"sent"_qs; });
    };
    // (Booked less than 2 hours ahead: every reminder of it is due at once.)
    const auto states = [&] {
        QStringList said;
        for (const QJsonValue &row : reminders(soon))
            said << row[u"origin"_qs].toString() + u":"_qs + row[u"status"_qs].toString() + u"@"_qs
                        + row[u"scheduledFor"_qs].toString();
        return said.join(u' ');
    };
    QVERIFY2(eventually(settled), qPrintable(states()));
    QTest::qWait(1500);
    QVERIFY(settled());
    const qsizetype told = reminders(soon).size();
    QVERIFY2(told == 2 || told == 3, qPrintable(states()));
    QVERIFY(mails().size() >= laterMails + told);
    QVERIFY(mailsOf(soon).last()[u"text"_qs].toString().contains(when(soonMoved)));
}

void tst_Reminders::cancellationNoticeFollowsASentReminder()
{
    const QString appointmentId = bookSoon();
    QVERIFY(eventually([&] { return mails().size() == 1; }));
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"sent"_qs; }));
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + appointmentId,
                              QJsonObject{{u"status"_qs, u"cancelled"_qs}}, m_token).status,
             200);
    QVERIFY(eventually([&] { return mails().size() == 2; }));
    const QJsonObject notice = mails().at(1);
    QVERIFY2(notice[u"subject"_qs].toString().startsWith(u"Cancelled: your appointment"_qs), qPrintable(notice[u"subject"_qs].toString()));
    QCOMPARE(notice[u"icsMethod"_qs].toString(), u"CANCEL"_qs);
    icalcomponent *calendar = icalparser_parse_string(notice[u"ics"_qs].toString().toUtf8().constData());
    QVERIFY(calendar);
    icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    QCOMPARE(QString::fromUtf8(icalcomponent_get_uid(event)), appointmentId + u"@agent-crm"_qs);
    QCOMPARE(icalcomponent_get_status(event), ICAL_STATUS_CANCELLED);
    // The lead's calendar gets a neutral title, whatever the type (this one: a consultation).
    QCOMPARE(QString::fromUtf8(icalcomponent_get_summary(event)), u"Your appointment"_qs);
    QVERIFY(!notice[u"ics"_qs].toString().contains(u"onsultation"_qs));
    icalcomponent_free(calendar);
    QVERIFY(eventually([&] {
        const QJsonArray rows = reminders(appointmentId);
        return rows.size() == 2 && rows[1][u"purpose"_qs] == u"cancellation"_qs && rows[1][u"status"_qs] == u"sent"_qs;
    }));
    // One booked and cancelled before any reminder went out sends nothing at all.
    killWorker();
    const QString quiet = bookSoon();
    QCOMPARE(m_server.request("PUT", u"/api/appointments/"_qs + quiet, QJsonObject{{u"status"_qs, u"cancelled"_qs}}, m_token).status, 200);
    QCOMPARE(reminders(quiet).size(), 1);
}

void tst_Reminders::reminderOfAnAppointmentThatHasStartedIsNotSent()
{
    // The worker was down (or mail was not configured) until after the appointment began: the
    // lead is not reminded of something already under way or over.
    killWorker();
    const QString appointmentId = bookSoon();
    QCOMPARE(onlyReminder(appointmentId)[u"status"_qs].toString(), u"pending"_qs);
    // Time passes (the test cannot wait for it): the appointment started ten minutes ago.
    m_server.sql(u"UPDATE appointments SET scheduledDate = %1 WHERE id = '%2'"_qs
                     .arg(QDateTime::currentMSecsSinceEpoch() - 10 * Minute)
                     .arg(appointmentId));
    QVERIFY(startWorker());
    QVERIFY(eventually([&] { return onlyReminder(appointmentId)[u"status"_qs] == u"cancelled"_qs; }));
    // Nothing reached this lead (whatever else the worker had to do).
    const QString leadId = m_server.request("GET", u"/api/appointments/"_qs + appointmentId, {}, m_token)
                               .json[u"leadId"_qs].toString();
    const QString email = lead(leadId)[u"email"_qs].toString();
    for (const QJsonObject &mail : mails())
        QVERIFY2(!mail[u"envelopeTo"_qs].toArray().contains(email), qPrintable(mail[u"subject"_qs].toString()));
    // Nor can one be added or sent by hand now.
    QCOMPARE(errorCode(m_server.request("POST", u"/api/appointments/%1/remind"_qs.arg(appointmentId),
                                        QJsonObject{{u"channel"_qs, u"email"_qs}}, m_token)),
             u"invalid_transition"_qs);
}

void tst_Reminders::adminLedgerListsEveryReminder()
{
    // Whatever earlier tests left: some sent, some failed, some cancelled.
    const QString path = u"/api/admin/reminders"_qs;
    QCOMPARE(m_server.request("GET", path, {}, m_token).status, 403);
    QCOMPARE(m_server.request("GET", path + u"?status=lost"_qs, {}, m_admin).status, 400);
    QCOMPARE(m_server.request("GET", path + u"?channel=fax"_qs, {}, m_admin).status, 400);
    QCOMPARE(m_server.request("GET", path + u"?from=yesterday"_qs, {}, m_admin).status, 400);
    const int all = m_server.sql(u"SELECT count(*) FROM appointment_reminders"_qs).value(0).value(0).toInt();
    QVERIFY(all > 5);
    // Paged through two at a time: every reminder once, newest due first.
    QStringList seen;
    qint64 previousDue = std::numeric_limits<qint64>::max();
    QString cursor;
    do {
        const auto page = m_server.request("GET", path + u"?limit=2"_qs + (cursor.isEmpty() ? QString() : u"&cursor="_qs + cursor),
                                           {}, m_admin);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json[u"total"_qs].toInt(), all);
        for (const QJsonValue &item : page.json[u"items"_qs].toArray()) {
            seen << item[u"id"_qs].toString();
            const qint64 due = fromWire(item[u"scheduledFor"_qs].toString());
            QVERIFY(due <= previousDue);
            previousDue = due;
            QVERIFY(!item[u"providerId"_qs].toString().isEmpty());
            QVERIFY(!item[u"appointmentStart"_qs].toString().isEmpty());
        }
        cursor = page.json[u"nextCursor"_qs].toString();
    } while (!cursor.isEmpty());
    QCOMPARE(seen.size(), all);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), all);
    // Filters narrow it.
    const int failed = m_server.sql(u"SELECT count(*) FROM appointment_reminders WHERE status = 'failed' AND reminderType = 'email'"_qs)
                           .value(0).value(0).toInt();
    const auto narrowed = m_server.request("GET", path + u"?status=failed&channel=email&limit=500"_qs, {}, m_admin);
    QCOMPARE(narrowed.json[u"total"_qs].toInt(), failed);
    for (const QJsonValue &item : narrowed.json[u"items"_qs].toArray())
        QCOMPARE(item[u"status"_qs].toString(), u"failed"_qs);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto future = m_server.request("GET", path + u"?from=%1&limit=500"_qs.arg(wire(now + Hour)), {}, m_admin);
    for (const QJsonValue &item : future.json[u"items"_qs].toArray())
        QVERIFY(fromWire(item[u"scheduledFor"_qs].toString()) >= now + Hour);
}

QTEST_MAIN(tst_Reminders)
#include "tst_reminders.moc"
