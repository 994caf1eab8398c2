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
