#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Crm {

// What a lead search means, decided once before anything is matched. The server's `q`
// (GET /api/agent/leads) and the desktop's search box both parse the text here; each then
// matches the terms against its own storage (SQL on the server, the cache's full-text index).
//
// The text is cut at spaces, commas and semicolons into pieces, and every piece becomes terms
// that must all match (AND), in any order ("mart 1279" and "1279 mart" are the same search):
//   - E-mail: a piece with an '@' in it ("sam164.two@example.org", "smith@acme", "@acme.com")
//     matches e-mail addresses holding it. Its digits are never read as a phone number.
//   - Phone: a piece of digits and phone punctuation (+ - ( ) . /), together with such pieces
//     next to it ("(415) 555-1279" is one number), holding at least MinPhoneDigits digits.
//     It matches leads whose stored number (E.164) holds those digits in a row: "1279",
//     "555-1279" and "+1 555 555 1279" all find +15555551279. Fewer digits ("164", "(415)")
//     say too little about a number to search phones by: they are a word, as below.
//   - Word: any other piece, split at punctuation into words of letters and digits
//     ("Martinez, Tomás" gives martinez and tomás; "sam164" stays one word: digits inside a
//     word are part of it). A word matches the lead's name or e-mail address, never its phone.
// How much of a field a term must match is the store's: the desktop's index matches words from
// their start and folds accents; the server's SQL matches anywhere in the field.
class LeadQuery final
{
public:
    enum class Kind { Word, Email, Phone };

    struct Term
    {
        Kind kind = Kind::Word;
        QString text; // lower case; for a phone term, its digits only

        bool operator==(const Term &other) const
        {
            return kind == other.kind && text == other.text;
        }
    };

    static constexpr int MinPhoneDigits = 4;

    static LeadQuery parse(const QString &text);

    const QList<Term> &terms() const { return m_terms; }
    bool isEmpty() const { return m_terms.isEmpty(); }

    // The runs of letters and digits in `text`, as words are cut everywhere in a search
    // ("sam164.two@example.org" gives sam164, two, example and org).
    static QStringList words(const QString &text);

private:
    QList<Term> m_terms;
};

} // namespace Crm
