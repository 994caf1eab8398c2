#include "benchmarkreport.h"

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
{
    addValue(QStringLiteral("bench"), bench);
}

void BenchmarkReport::addValue(const QString &key, const QJsonValue &value)
{
    m_values.append({key, value});
}

void BenchmarkReport::addSummaryLine(const QString &line)
{
    m_summary.append(line);
}

QByteArray BenchmarkReport::toJsonLine() const
{
    QByteArray line = "{";
    for (const auto &[key, value] : m_values) {
        if (line.size() > 1)
            line += ',';
        line += encode(key) + ':' + encode(value);
    }
    return line + '}';
}

QString BenchmarkReport::summary() const
{
    return m_summary.join(QLatin1Char('\n'));
}

} // namespace CrmBench
