// What a lead search means: the one table for the rule the server's `q` and the desktop's
// search box share. Each row reads a search and the terms it stands for, all of which must
// match: "word:" (a name or e-mail word), "email:" (part of an address), "phone:" (digits in
// a row inside the number).
#include "domain/leadquery.h"

#include <QTest>

using Crm::LeadQuery;

namespace {

QStringList described(const LeadQuery &query)
{
    QStringList terms;
    for (const LeadQuery::Term &term : query.terms()) {
        switch (term.kind) {
        case LeadQuery::Kind::Word:
            terms << QStringLiteral("word:") + term.text;
            break;
        case LeadQuery::Kind::Email:
            terms << QStringLiteral("email:") + term.text;
            break;
        case LeadQuery::Kind::Phone:
            terms << QStringLiteral("phone:") + term.text;
            break;
        }
    }
    return terms;
}

} // namespace

class tst_LeadQuery : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void words_data();
    void words();
};

void tst_LeadQuery::parse_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("terms");

    // Nothing to search by: every lead.
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("spaces") << QStringLiteral("   ") << QStringList();
    QTest::newRow("punctuation only") << QStringLiteral("-*()\":^.@") << QStringList();
    QTest::newRow("percent and underscore") << QStringLiteral("%_") << QStringList();

    // An e-mail address, or the start of one: its digits stay in the address (issue 17).
    QTest::newRow("e-mail with digits")
        << QStringLiteral("sam164.two@example.org")
        << QStringList{QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("e-mail in capitals")
        << QStringLiteral("Sam164.Two@Example.ORG")
        << QStringList{QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("start of an e-mail")
        << QStringLiteral("sam164@") << QStringList{QStringLiteral("email:sam164@")};
    QTest::newRow("local part and start of domain")
        << QStringLiteral("smith@acme") << QStringList{QStringLiteral("email:smith@acme")};
    QTest::newRow("domain only") << QStringLiteral("@example.org")
                                 << QStringList{QStringLiteral("email:@example.org")};
    QTest::newRow("pasted with angle brackets")
        << QStringLiteral("<sam164.two@example.org>")
        << QStringList{QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("pasted mailto link")
        << QStringLiteral("mailto:sam164.two@example.org")
        << QStringList{QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("pasted with the name")
        << QStringLiteral("Sam Two <sam164.two@example.org>")
        << QStringList{QStringLiteral("word:sam"),
                       QStringLiteral("word:two"),
                       QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("e-mail with a plus") << QStringLiteral("ana+crm@example.org")
                                        << QStringList{QStringLiteral("email:ana+crm@example.org")};
    QTest::newRow("e-mail of digits") << QStringLiteral("5551279@example.org")
                                      << QStringList{QStringLiteral("email:5551279@example.org")};

    // Digits and phone punctuation: the digits, matched anywhere in the number (issue 12).
    QTest::newRow("last four digits")
        << QStringLiteral("1279") << QStringList{QStringLiteral("phone:1279")};
    QTest::newRow("local number") << QStringLiteral("555-1279")
                                  << QStringList{QStringLiteral("phone:5551279")};
    QTest::newRow("local number, digits only")
        << QStringLiteral("5551279") << QStringList{QStringLiteral("phone:5551279")};
    QTest::newRow("national format")
        << QStringLiteral("(555) 555-1279") << QStringList{QStringLiteral("phone:5555551279")};
    QTest::newRow("dots") << QStringLiteral("555.555.1279")
                          << QStringList{QStringLiteral("phone:5555551279")};
    QTest::newRow("with country code")
        << QStringLiteral("+1 555 555 1279") << QStringList{QStringLiteral("phone:15555551279")};
    QTest::newRow("with country code, no plus")
        << QStringLiteral("1-555-555-1279") << QStringList{QStringLiteral("phone:15555551279")};
    QTest::newRow("E.164") << QStringLiteral("+15555551279")
                           << QStringList{QStringLiteral("phone:15555551279")};
    QTest::newRow("foreign number")
        << QStringLiteral("+44 20 7946 0958") << QStringList{QStringLiteral("phone:442079460958")};
    // Fewer than 4 digits are too few to search phones by: a word (issue 17's "164").
    QTest::newRow("three digits are a word")
        << QStringLiteral("164") << QStringList{QStringLiteral("word:164")};
    QTest::newRow("area code in parentheses")
        << QStringLiteral("(415)") << QStringList{QStringLiteral("word:415")};
    QTest::newRow("short groups add up")
        << QStringLiteral("55 12") << QStringList{QStringLiteral("phone:5512")};

    // Words match names; digits inside a word are part of the word.
    QTest::newRow("name") << QStringLiteral("Mart") << QStringList{QStringLiteral("word:mart")};
    QTest::newRow("last name, first name")
        << QStringLiteral("Martinez, Tomás")
        << QStringList{QStringLiteral("word:martinez"), QStringLiteral("word:tomás")};
    QTest::newRow("no space after the comma")
        << QStringLiteral("Martinez,Tomás")
        << QStringList{QStringLiteral("word:martinez"), QStringLiteral("word:tomás")};
    QTest::newRow("hyphenated") << QStringLiteral(
        "Jean-Luc") << QStringList{QStringLiteral("word:jean"), QStringLiteral("word:luc")};
    QTest::newRow("apostrophe") << QStringLiteral(
        "O'Brien") << QStringList{QStringLiteral("word:o"), QStringLiteral("word:brien")};
    QTest::newRow("digits inside a word")
        << QStringLiteral("sam164") << QStringList{QStringLiteral("word:sam164")};
    QTest::newRow("digits after a dot")
        << QStringLiteral("jane.1964")
        << QStringList{QStringLiteral("word:jane"), QStringLiteral("word:1964")};
    QTest::newRow("word with digits first")
        << QStringLiteral("4th") << QStringList{QStringLiteral("word:4th")};
    QTest::newRow("FTS syntax is only punctuation")
        << QStringLiteral("\"gar*cia\" -maria NEAR/3 (x OR y)")
        << QStringList{QStringLiteral("word:gar"),
                       QStringLiteral("word:cia"),
                       QStringLiteral("word:maria"),
                       QStringLiteral("word:near"),
                       QStringLiteral("word:3"),
                       QStringLiteral("word:x"),
                       QStringLiteral("word:or"),
                       QStringLiteral("word:y")};
    QTest::newRow("SQL is only words") << QStringLiteral("'; DROP TABLE leads; --")
                                       << QStringList{QStringLiteral("word:drop"),
                                                      QStringLiteral("word:table"),
                                                      QStringLiteral("word:leads")};

    // Several terms narrow, in any order.
    QTest::newRow("name and last digits")
        << QStringLiteral("mart 1279")
        << QStringList{QStringLiteral("word:mart"), QStringLiteral("phone:1279")};
    QTest::newRow("last digits and name")
        << QStringLiteral("1279 mart")
        << QStringList{QStringLiteral("phone:1279"), QStringLiteral("word:mart")};
    QTest::newRow("name and formatted number")
        << QStringLiteral("Tomás (555) 555-1279")
        << QStringList{QStringLiteral("word:tomás"), QStringLiteral("phone:5555551279")};
    QTest::newRow("two numbers") << QStringLiteral("1279 mart 5555")
                                 << QStringList{QStringLiteral("phone:1279"),
                                                QStringLiteral("word:mart"),
                                                QStringLiteral("phone:5555")};
    QTest::newRow("name and e-mail")
        << QStringLiteral("sam sam164.two@example.org")
        << QStringList{QStringLiteral("word:sam"), QStringLiteral("email:sam164.two@example.org")};
    QTest::newRow("too few digits next to a name")
        << QStringLiteral("mart 12")
        << QStringList{QStringLiteral("word:mart"), QStringLiteral("word:12")};
}

void tst_LeadQuery::parse()
{
    QFETCH(QString, search);
    QFETCH(QStringList, terms);
    const LeadQuery query = LeadQuery::parse(search);
    QCOMPARE(described(query), terms);
    QCOMPARE(query.isEmpty(), terms.isEmpty());
}

void tst_LeadQuery::words_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("address") << QStringLiteral("sam164.two@example.org")
                             << QStringList{QStringLiteral("sam164"),
                                            QStringLiteral("two"),
                                            QStringLiteral("example"),
                                            QStringLiteral("org")};
    QTest::newRow("accents stay") << QStringLiteral("tomás núñez")
                                  << QStringList{QStringLiteral("tomás"), QStringLiteral("núñez")};
    QTest::newRow("combining accent")
        << QStringLiteral("Tom\u0061\u0301s") << QStringList{QStringLiteral("Tom\u0061\u0301s")};
    QTest::newRow("punctuation only") << QStringLiteral("-*()\":^.@") << QStringList();
}

void tst_LeadQuery::words()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QCOMPARE(LeadQuery::words(text), words);
}

QTEST_APPLESS_MAIN(tst_LeadQuery)
#include "tst_leadquery.moc"
