#include "benchmarkreport.h"

#include <QByteArrayList>
#include <QJsonArray>
#include <QJsonDocument>

namespace CrmBench {

namespace {

// QJsonObject sorts its keys; the report keeps the order it was given, so each value is
// encoded on its own.
QByteArray encode(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

BenchmarkReport::BenchmarkReport(const QString &bench)
    : m_bench(bench)
{
    newLine();
}

void BenchmarkReport::addValue(const QString &key, const QJsonValue &value)
{
    m_lines.last().append({key, value});
}

void BenchmarkReport::newLine()
{
    QList<QPair<QString, QJsonValue>> line;
    line.append({QStringLiteral("bench"), m_bench});
    m_lines.append(line);
}

void BenchmarkReport::addSummaryLine(const QString &line)
{
    m_summary.append(line);
}

QByteArray BenchmarkReport::toJsonLines() const
{
    QByteArrayList lines;
    for (const auto &values : m_lines) {
        QByteArray line = "{";
        for (const auto &[key, value] : values) {
            if (line.size() > 1)
                line += ',';
            line += encode(key) + ':' + encode(value);
        }
        lines.append(line + '}');
    }
    return lines.join('\n');
}

QString BenchmarkReport::summary() const
{
    return m_summary.join(QLatin1Char('\n'));
}

} // namespace CrmBench
