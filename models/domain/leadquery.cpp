#include "leadquery.h"

#include <QRegularExpression>

namespace Crm {

namespace {

bool isAddressChar(QChar c)
{
    static const QLatin1String punctuation("@._+-");
    return c.isLetterOrNumber() || c.isMark() || punctuation.contains(c);
}

// A pasted address comes with whatever surrounded it: "<sam@example.org>", "mailto:...".
QString addressIn(const QString &piece)
{
    static const QLatin1String mailto("mailto:");
    QString address = piece.toLower();
    if (address.startsWith(mailto))
        address.remove(0, mailto.size());
    qsizetype first = 0;
    qsizetype last = address.size();
    while (first < last && !isAddressChar(address.at(first)))
        ++first;
    while (last > first && !isAddressChar(address.at(last - 1)))
        --last;
    return address.mid(first, last - first);
}

} // namespace

QStringList LeadQuery::words(const QString &text)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}\\p{M}]+"));
    QStringList result;
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext())
        result << it.next().captured();
    return result;
}

LeadQuery LeadQuery::parse(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    static const QRegularExpression phonePiece(QStringLiteral("^[-0-9+().\\/]+$"));
    LeadQuery query;
    // The digits of the phone pieces read so far in a row: "(415) 555-1279" is one number.
    QString digits;
    const auto endOfNumber = [&] {
        if (digits.size() >= MinPhoneDigits)
            query.m_terms.append({Kind::Phone, digits});
        else if (!digits.isEmpty())
            query.m_terms.append({Kind::Word, digits});
        digits.clear();
    };
    const QStringList pieces = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &piece : pieces) {
        if (phonePiece.match(piece).hasMatch()) {
            for (const QChar c : piece) {
                if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                    digits += c;
            }
            continue;
        }
        endOfNumber();
        if (piece.contains(QLatin1Char('@'))) {
            const QString address = addressIn(piece);
            if (!words(address).isEmpty())
                query.m_terms.append({Kind::Email, address});
            continue;
        }
        const QStringList pieceWords = words(piece.toLower());
        for (const QString &word : pieceWords)
            query.m_terms.append({Kind::Word, word});
    }
    endOfNumber();
    return query;
}

} // namespace Crm
