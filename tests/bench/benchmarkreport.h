#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace CrmBench {

// What one benchmark run measured: named values for the machine-readable JSON line and
// sentences for people. A benchmark that measures several things at once (server-load: one
// line per endpoint) starts a JSON line for each with newLine().
class BenchmarkReport final
{
public:
    explicit BenchmarkReport(const QString &bench);

    // Values appear in the JSON line in the order they are added, after "bench".
    void addValue(const QString &key, const QJsonValue &value);
    // Ends the current JSON line; the values added next go to a new one, again after "bench".
    void newLine();
    void addSummaryLine(const QString &line);

    // One compact JSON object per line (one line unless newLine() was called), without a
    // trailing newline.
    QByteArray toJsonLines() const;
    QString summary() const;

private:
    QString m_bench;
    QList<QList<QPair<QString, QJsonValue>>> m_lines;
    QStringList m_summary;
};

} // namespace CrmBench
