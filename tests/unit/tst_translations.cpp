// The Spanish translation is complete and the app picks it up from the locale.
#include "domain/lead.h"
#include "domain/leadstatus.h"
#include "translations.h"

#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace Crm;

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void spanishIsComplete();
    void spanishLocaleTranslatesDomainText();
    void englishNeedsNoTranslation();
};

void tst_Translations::spanishIsComplete()
{
    QFile file(QStringLiteral(CRM_SOURCE_DIR "/translations/crm_es.ts"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const bool isUnfinished = xml.attributes().value(QLatin1String("type"))
                                      == QLatin1String("unfinished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (isUnfinished || text.trimmed().isEmpty())
                unfinished << source;
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 50);
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QStringLiteral("\n"))));
}

void tst_Translations::spanishLocaleTranslatesDomainText()
{
    QVERIFY(Translations::install(QLocale(QLocale::Spanish, QLocale::UnitedStates)));
    QCOMPARE(LeadStatusMachine::displayName(LeadStatus::New), QStringLiteral("Nuevo"));
    QCOMPARE(LeadStatusMachine::displayName(LeadStatus::Enrolled), QStringLiteral("Inscrito"));
    Lead lead;
    lead.firstName = QStringLiteral("Ana");
    lead.lastName = QStringLiteral("Ruiz");
    lead.email = QStringLiteral("not an address");
    lead.phone = QStringLiteral("4155550123");
    const QString message = lead.validate().message(QStringLiteral("email"));
    QVERIFY(!message.isEmpty());
    QVERIFY2(!message.contains(QStringLiteral("Enter")), qPrintable(message));
}

void tst_Translations::englishNeedsNoTranslation()
{
    // English loads only its plural forms; every other text is the source's.
    QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(LeadStatusMachine::displayName(LeadStatus::New), QStringLiteral("New"));
    QCOMPARE(QCoreApplication::translate("Crm::MainWindow", "%n conflict(s)", nullptr, 1),
             QStringLiteral("1 conflict"));
    QCOMPARE(QCoreApplication::translate("Crm::MainWindow", "%n conflict(s)", nullptr, 3),
             QStringLiteral("3 conflicts"));
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
