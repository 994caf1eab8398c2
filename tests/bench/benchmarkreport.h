#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace CrmBench {

// What one benchmark run measured: named values for the machine-readable JSON line and
// sentences for people.
class BenchmarkReport final
{
public:
    explicit BenchmarkReport(const QString &bench);

    // Values appear in the JSON line in the order they are added, after "bench".
    void addValue(const QString &key, const QJsonValue &value);
    void addSummaryLine(const QString &line);

    // One compact JSON object on one line, without a trailing newline.
    QByteArray toJsonLine() const;
    QString summary() const;

private:
    QList<QPair<QString, QJsonValue>> m_values;
    QStringList m_summary;
};

} // namespace CrmBench
