// An appointment's status machine and limits (models/domain/appointment.h), as API.md lists
// the moves: every pair of statuses, which may move in time, and what a booking may carry.
#include "domain/appointment.h"

#include <QTest>

using namespace Crm;

class tst_Appointment : public QObject
{
    Q_OBJECT

private slots:
    void moves_data();
    void moves();
    void rescheduleAndTime();
    void movesAt_data();
    void movesAt();
    void names();
    void validate_data();
    void validate();
};

void tst_Appointment::moves_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");

    // The table API.md gives, in full: every status to every status.
    const QStringList all{u"scheduled"_qs, u"confirmed"_qs, u"completed"_qs, u"cancelled"_qs, u"no_show"_qs};
    const QSet<QString> allowed{u"scheduled>confirmed"_qs, u"scheduled>completed"_qs,
                                u"scheduled>no_show"_qs,   u"scheduled>cancelled"_qs,
                                u"confirmed>completed"_qs, u"confirmed>no_show"_qs,
                                u"confirmed>cancelled"_qs};
    for (const QString &from : all) {
        for (const QString &to : all) {
            const QString key = from + u'>' + to;
            QTest::newRow(qPrintable(key)) << from << to << (from == to || allowed.contains(key));
        }
    }
}

void tst_Appointment::moves()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    const auto a = AppointmentRules::statusFromString(from);
    const auto b = AppointmentRules::statusFromString(to);
    QVERIFY(a && b);
    QCOMPARE(AppointmentRules::canTransition(*a, *b), allowed);
    QCOMPARE(AppointmentRules::allowedTransitions(*a).contains(*b), allowed && from != to);
}

void tst_Appointment::rescheduleAndTime()
{
    using S = AppointmentStatus;
    QVERIFY(AppointmentRules::canReschedule(S::Scheduled));
    QVERIFY(AppointmentRules::canReschedule(S::Confirmed));
    for (S status : {S::Completed, S::Cancelled, S::NoShow}) {
        QVERIFY(!AppointmentRules::canReschedule(status));
        QVERIFY(AppointmentRules::isFinal(status));
    }
    // Only a cancellation frees the time: a no-show's hour was still spent waiting.
    QVERIFY(!AppointmentRules::holdsTime(S::Cancelled));
    QVERIFY(AppointmentRules::holdsTime(S::NoShow));
    QVERIFY(AppointmentRules::holdsTime(S::Completed));
}

void tst_Appointment::movesAt_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("startsIn"); // ms from now; negative: started that long ago
    QTest::addColumn<bool>("offered");

    constexpr qint64 Minute = 60 * 1000;
    // An outcome is known once the meeting has started; the other moves do not wait for it.
    QTest::newRow("no-show before the start")
        << u"scheduled"_qs << u"no_show"_qs << 25 * Minute << false;
    QTest::newRow("completed before the start")
        << u"confirmed"_qs << u"completed"_qs << Minute << false;
    QTest::newRow("no-show at the start") << u"scheduled"_qs << u"no_show"_qs << qint64(0) << true;
    QTest::newRow("no-show once started")
        << u"confirmed"_qs << u"no_show"_qs << -5 * Minute << true;
    QTest::newRow("completed once over")
        << u"scheduled"_qs << u"completed"_qs << -90 * Minute << true;
    QTest::newRow("confirmed ahead") << u"scheduled"_qs << u"confirmed"_qs << 60 * Minute << true;
    QTest::newRow("cancelled ahead") << u"confirmed"_qs << u"cancelled"_qs << 60 * Minute << true;
    QTest::newRow("staying put ahead") << u"no_show"_qs << u"no_show"_qs << 60 * Minute << true;
    // What the machine refuses stays refused, whatever the time.
    QTest::newRow("completed to no-show")
        << u"completed"_qs << u"no_show"_qs << -5 * Minute << false;
    QTest::newRow("cancelled to completed")
        << u"cancelled"_qs << u"completed"_qs << -5 * Minute << false;
}

void tst_Appointment::movesAt()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(qint64, startsIn);
    QFETCH(bool, offered);
    const auto a = AppointmentRules::statusFromString(from);
    const auto b = AppointmentRules::statusFromString(to);
    QVERIFY(a && b);
    const qint64 now = 1'800'000'000'000;
    QCOMPARE(AppointmentRules::canTransitionAt(*a, *b, now + startsIn, now), offered);
}

void tst_Appointment::names()
{
    for (AppointmentType type : AppointmentRules::types())
        QCOMPARE(AppointmentRules::typeFromString(AppointmentRules::toString(type)), type);
    for (AppointmentStatus status : AppointmentRules::statuses())
        QCOMPARE(AppointmentRules::statusFromString(AppointmentRules::toString(status)), status);
    QCOMPARE(AppointmentRules::toString(AppointmentType::PrimaryCare), u"primary_care"_qs);
    QCOMPARE(AppointmentRules::toString(AppointmentStatus::NoShow), u"no_show"_qs);
    QVERIFY(!AppointmentRules::typeFromString(u"Consultation"_qs));
    QVERIFY(!AppointmentRules::statusFromString(u"noshow"_qs));
}

void tst_Appointment::validate_data()
{
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("field"); // the field named, "" when valid

    QTest::newRow("the default") << 30 << "" << "" << "";
    QTest::newRow("shortest") << 5 << "" << "" << "";
    QTest::newRow("too short") << 4 << "" << "" << "duration";
    QTest::newRow("longest") << 480 << "" << "" << "";
    QTest::newRow("too long") << 481 << "" << "" << "duration";
    QTest::newRow("a video link") << 30 << "" << "https://meet.example.com/abc-defg" << "";
    QTest::newRow("not a web address") << 30 << "" << "call me maybe" << "meetingLink";
    QTest::newRow("a script is no link") << 30 << "" << "javascript:alert(1)" << "meetingLink";
    QTest::newRow("notes too long") << 30 << QString(5001, u'x') << "" << "notes";
}

void tst_Appointment::validate()
{
    QFETCH(int, duration);
    QFETCH(QString, notes);
    QFETCH(QString, link);
    QFETCH(QString, field);
    const ValidationErrors errors = AppointmentRules::validate(duration, notes, link);
    QCOMPARE(errors.fields().join(u','), field);
}

QTEST_GUILESS_MAIN(tst_Appointment)
#include "tst_appointment.moc"
