#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Crm {

// How the metrics screens write figures, in the user's language: rates as percentages with one
// decimal, durations in the largest unit that keeps them readable ("45 min", "4.2 h").
class Figures final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::Figures)

public:
    static QString percent(double rate);
    // "—" when there is no value (nobody was contacted yet).
    static QString minutes(const std::optional<double> &minutes);
};

} // namespace Crm
