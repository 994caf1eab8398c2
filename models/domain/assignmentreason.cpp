#include "assignmentreason.h"

#include <QRegularExpression>

namespace Crm {

namespace {

const QLatin1String RoundRobinCode("round_robin");
const QLatin1String TerritoryCode("territory");
const QLatin1String NoTerritoryCode("no_territory_match");
const QLatin1String ManualCode("manual");
const QLatin1String ByAgentCode("entered_by_agent");

bool isState(const QString &state)
{
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
    return twoLetters.match(state).hasMatch();
}

} // namespace

QString AssignmentReason::wire() const
{
    switch (kind) {
    case Kind::RoundRobin:
        return RoundRobinCode;
    case Kind::Territory:
        return QStringLiteral("territory ") + state;
    case Kind::NoTerritoryMatch:
        return QStringLiteral("round_robin (no agent covers %1)").arg(state);
    case Kind::Manual:
        return ManualCode;
    case Kind::EnteredByAgent:
        return ByAgentCode;
    }
    return RoundRobinCode;
}

std::optional<AssignmentReason> AssignmentReason::fromWire(const QString &text)
{
    static const QRegularExpression uncovered(
        QStringLiteral("^round_robin \\(no agent covers ([A-Z]{2})\\)$"));
    if (const QRegularExpressionMatch match = uncovered.match(text); match.hasMatch())
        return AssignmentReason{Kind::NoTerritoryMatch, match.captured(1)};
    if (text.startsWith(QLatin1String("territory ")) && isState(text.mid(10)))
        return AssignmentReason{Kind::Territory, text.mid(10)};
    if (text == QLatin1String("territory") || text == NoTerritoryCode)
        return std::nullopt; // these need a state
    return fromCode(text, QString());
}

QString AssignmentReason::code() const
{
    switch (kind) {
    case Kind::RoundRobin:
        return RoundRobinCode;
    case Kind::Territory:
        return TerritoryCode;
    case Kind::NoTerritoryMatch:
        return NoTerritoryCode;
    case Kind::Manual:
        return ManualCode;
    case Kind::EnteredByAgent:
        return ByAgentCode;
    }
    return RoundRobinCode;
}

std::optional<AssignmentReason> AssignmentReason::fromCode(const QString &code, const QString &state)
{
    if (code == RoundRobinCode)
        return AssignmentReason{Kind::RoundRobin, {}};
    if (code == ManualCode)
        return AssignmentReason{Kind::Manual, {}};
    if (code == ByAgentCode)
        return AssignmentReason{Kind::EnteredByAgent, {}};
    if (!isState(state))
        return std::nullopt;
    if (code == TerritoryCode)
        return AssignmentReason{Kind::Territory, state};
    if (code == NoTerritoryCode)
        return AssignmentReason{Kind::NoTerritoryMatch, state};
    return std::nullopt;
}

QString AssignmentReason::displayText() const
{
    switch (kind) {
    case Kind::RoundRobin:
        return tr("Round-robin");
    case Kind::Territory:
        return tr("Territory %1").arg(state);
    case Kind::NoTerritoryMatch:
        return tr("Round-robin: no agent covers %1").arg(state);
    case Kind::Manual:
        return tr("Manual");
    case Kind::EnteredByAgent:
        return tr("Entered by the agent");
    }
    return tr("Round-robin");
}

} // namespace Crm
