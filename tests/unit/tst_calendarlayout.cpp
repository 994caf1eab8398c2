// The side-by-side layout of a calendar day's blocks (CalendarLayout), as a table: blocks as
// "id start-end" in minutes, placements as "id column/span/columns".
#include "domain/calendarlayout.h"

#include <QTest>

using namespace Crm;

namespace {

QList<CalendarLayout::Block> blocks(const QString &text)
{
    QList<CalendarLayout::Block> result;
    const QStringList items = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.trimmed().split(u' ');
        const QStringList range = parts.value(1).split(u'-');
        result.append({parts.value(0), range.value(0).toLongLong(), range.value(1).toLongLong()});
    }
    return result;
}

QString placements(const QList<CalendarLayout::Placement> &placed)
{
    QStringList parts;
    for (const CalendarLayout::Placement &placement : placed)
        parts << u"%1 %2/%3/%4"_qs.arg(placement.id).arg(placement.column).arg(placement.span).arg(placement.columns);
    return parts.join(u", "_qs);
}

} // namespace

class tst_CalendarLayout : public QObject
{
    Q_OBJECT

private slots:
    void arrange_data();
    void arrange();
    void noTwoOverlappingBlocksShareAColumn();
};

void tst_CalendarLayout::arrange_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty day") << QString() << QString();
    QTest::newRow("one block takes the width") << u"a 540-570"_qs << u"a 0/1/1"_qs;
    QTest::newRow("touching blocks do not overlap") << u"a 540-570, b 570-600"_qs << u"a 0/1/1, b 0/1/1"_qs;
    QTest::newRow("two overlapping share the width") << u"a 540-600, b 570-630"_qs << u"a 0/1/2, b 1/1/2"_qs;
    QTest::newRow("the same time, stable by id") << u"b 540-570, a 540-570"_qs << u"b 1/1/2, a 0/1/2"_qs;
    QTest::newRow("the longer one goes left on a tie") << u"a 540-570, b 540-660"_qs << u"a 1/1/2, b 0/1/2"_qs;
    QTest::newRow("three at once") << u"a 540-600, b 550-600, c 560-600"_qs << u"a 0/1/3, b 1/1/3, c 2/1/3"_qs;
    // a overlaps b and c, which do not overlap each other: c reuses b's column.
    QTest::newRow("a column is reused") << u"a 540-660, b 540-570, c 600-630"_qs << u"a 0/1/2, b 1/1/2, c 1/1/2"_qs;
    // A chain: a-b overlap, b-c overlap: one cluster of two columns, c back in a's column.
    QTest::newRow("a chain is one cluster") << u"a 540-600, b 580-640, c 620-680"_qs << u"a 0/1/2, b 1/1/2, c 0/1/2"_qs;
    // d starts when b and c are over: it takes b's column and widens over c's.
    QTest::newRow("a block widens over free columns")
        << u"a 540-600, b 540-560, c 540-560, d 570-590"_qs << u"a 0/1/3, b 1/1/3, c 2/1/3, d 1/2/3"_qs;
    QTest::newRow("separate clusters keep their own widths")
        << u"a 540-600, b 560-620, c 700-730"_qs << u"a 0/1/2, b 1/1/2, c 0/1/1"_qs;
}

void tst_CalendarLayout::arrange()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(placements(CalendarLayout::arrange(blocks(input))), expected);
}

void tst_CalendarLayout::noTwoOverlappingBlocksShareAColumn()
{
    // Many random days: overlapping blocks never share a column, and spans stay in the day.
    quint32 seed = 20261203;
    for (int day = 0; day < 200; ++day) {
        QList<CalendarLayout::Block> input;
        for (int i = 0; i < 12; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const qint64 start = 480 + qint64(seed % 40) * 15;
            input.append({QString::number(i), start, start + 15 * (1 + qint64((seed >> 8) % 6))});
        }
        const QList<CalendarLayout::Placement> placed = CalendarLayout::arrange(input);
        for (qsizetype i = 0; i < input.size(); ++i) {
            QVERIFY(placed[i].column + placed[i].span <= placed[i].columns);
            for (qsizetype j = i + 1; j < input.size(); ++j) {
                const bool overlap = input[i].start < input[j].end && input[j].start < input[i].end;
                const bool shareColumn = placed[i].column < placed[j].column + placed[j].span
                                         && placed[j].column < placed[i].column + placed[i].span;
                QVERIFY2(!(overlap && shareColumn), qPrintable(u"day %1: %2 and %3"_qs.arg(day).arg(i).arg(j)));
            }
        }
    }
}

QTEST_APPLESS_MAIN(tst_CalendarLayout)
#include "tst_calendarlayout.moc"
