#pragma once

#include "domain/leadquery.h"

#include <QStringList>
#include <QVariantList>

namespace Crm {

// The cache's full-text indexes of leads (FTS4, kept by triggers on leads): what they hold,
// and how a LeadQuery is asked of them. leads_fts holds the words of the name and the e-mail
// address (the unicode61 tokenizer folds case and accents, so "tomas" finds "Tomás").
// leads_phone_fts holds each phone number as every run of PhoneGram digits in it, in order
// ("+15555551279" gives 1555 5555 5555 5555 5551 5512 5127 1279), so a run of 4 or more digits
// anywhere in the number is a phrase of those runs: "5551279" is "5551 5512 5127 1279". Eight
// tokens a lead from a vocabulary of 10,000 keep the index small and a phone search a few short
// lists to merge, at a million leads as at a hundred. The phone has its own table because
// words must never match it (issue 17), and this FTS version cannot limit a phrase to a column.
class LeadSearchIndex final
{
public:
    static constexpr int PhoneGram = LeadQuery::MinPhoneDigits;
    // Numbers longer than E.164's 15 digits are indexed by their first MaxPhoneDigits.
    static constexpr int MaxPhoneDigits = 20;

    // What a search adds to a query over `leads l`: the MATCH expression for leads_fts (to be
    // joined on leads_fts.docid = l.rowid; empty when no term needs it), and conditions on `l`
    // (phone numbers, the punctuation of an e-mail address) with their values in order.
    struct Condition
    {
        QString match;
        QStringList where;
        QVariantList bindings;
    };
    static Condition condition(const LeadQuery &query);

    // A LIKE pattern (for `LIKE ? ESCAPE '\'`) matching text that contains `text` as typed:
    // its %, _ and \ match only themselves. The server's lead search uses it too.
    static QString containingPattern(const QString &text);

    // The runs of PhoneGram digits in `digits`, in order.
    static QStringList phoneGrams(const QString &digits);

    // SQL for what leads_phone_fts holds of the SQL expression `phone` (the stored number):
    // its digits' runs, separated by spaces. Used by the triggers and the index's fill.
    static QString phoneColumnSql(const QString &phone);
};

} // namespace Crm
