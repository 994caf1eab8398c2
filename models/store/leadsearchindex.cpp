#include "leadsearchindex.h"

namespace Crm {

QString LeadSearchIndex::containingPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QStringList LeadSearchIndex::phoneGrams(const QString &digits)
{
    QStringList grams;
    for (qsizetype i = 0; i + PhoneGram <= digits.size(); ++i)
        grams << digits.mid(i, PhoneGram);
    return grams;
}

QString LeadSearchIndex::phoneColumnSql(const QString &phone)
{
    // Numbers are stored in E.164, but a number typed into an older version may carry
    // punctuation; the index holds digits only either way. SQLite 3.15 cannot loop or split
    // in a trigger, so every run is spelt out: the run starting at digit i, when there is one.
    const QString digits = QStringLiteral("replace(replace(replace(replace(replace(replace("
                                          "%1, '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''),"
                                          " '.', '')")
                               .arg(phone);
    QString sql = QStringLiteral("substr(%1, 1, %2)").arg(digits).arg(PhoneGram);
    for (int start = 2; start + PhoneGram - 1 <= MaxPhoneDigits; ++start) {
        sql += QStringLiteral("\n    || CASE WHEN length(%1) >= %2 THEN ' ' || substr(%1, %3, %4)"
                              " ELSE '' END")
                   .arg(digits)
                   .arg(start + PhoneGram - 1)
                   .arg(start)
                   .arg(PhoneGram);
    }
    return sql;
}

LeadSearchIndex::Condition LeadSearchIndex::condition(const LeadQuery &query)
{
    // FTS4's standard query syntax (SQLCipher is built without the enhanced one): terms side
    // by side must all match. Every term is built from runs of letters and digits
    // (LeadQuery::words, the digits of a number), so nothing typed can be FTS syntax.
    Condition condition;
    QStringList match;
    for (const LeadQuery::Term &term : query.terms()) {
        switch (term.kind) {
        case LeadQuery::Kind::Word:
            match << term.text + QLatin1Char('*');
            break;
        case LeadQuery::Kind::Email: {
            // The address's words in a row, the last one begun, narrow it down quickly; the
            // row itself says whether the punctuation between them is the one typed
            // ("sam164.two@" is not "sam164@two") and whether they are in the e-mail column
            // (a column filter cannot precede a phrase in this FTS version).
            const QStringList words = LeadQuery::words(term.text);
            match << QStringLiteral("\"%1*\"").arg(words.join(QLatin1Char(' ')));
            condition.where << QStringLiteral("l.email LIKE ? ESCAPE '\\'");
            condition.bindings << containingPattern(term.text);
            break;
        }
        case LeadQuery::Kind::Phone: {
            const QStringList grams = phoneGrams(term.text);
            condition.where << QStringLiteral("l.rowid IN (SELECT docid FROM leads_phone_fts"
                                              " WHERE leads_phone_fts MATCH ?)");
            condition.bindings << (grams.size() == 1
                                       ? grams.constFirst()
                                       : QStringLiteral("\"%1\"").arg(grams.join(QLatin1Char(' '))));
            break;
        }
        }
    }
    condition.match = match.join(QLatin1Char(' '));
    return condition;
}

} // namespace Crm
