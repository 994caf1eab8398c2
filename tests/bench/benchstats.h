#pragma once

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <vector>

namespace CrmBench {

// The arithmetic every benchmark reports with.
inline double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

inline double milliseconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Nearest-rank percentile (fraction 0.5 for p50, 0.95 for p95).
inline double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(fraction * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

} // namespace CrmBench
