#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Crm {

// Why a lead went to its agent: the rotation, a territory, an admin's choice, or the agent who
// entered it. One home for its names on the wire, in a history entry's params and on screen.
struct AssignmentReason
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AssignmentReason)

public:
    enum class Kind {
        RoundRobin,       // the weighted rotation
        Territory,        // an agent covering the lead's state
        NoTerritoryMatch, // territory mode, but no agent covers the state: the rotation
        Manual,           // an admin chose the agent
        EnteredByAgent,   // an agent entered the lead and keeps it
    };

    Kind kind = Kind::RoundRobin;
    QString state; // the lead's state, for Territory and NoTerritoryMatch

    // The auto-assign answer's `reason`: "round_robin", "territory CA",
    // "round_robin (no agent covers OH)", "manual", "entered_by_agent".
    QString wire() const;
    static std::optional<AssignmentReason> fromWire(const QString &text);

    // A history entry's params.reason: round_robin, territory, no_territory_match, manual,
    // entered_by_agent (the state goes in params.state).
    QString code() const;
    static std::optional<AssignmentReason> fromCode(const QString &code, const QString &state);

    // "Round-robin", "Territory CA", "Round-robin: no agent covers OH", "Manual",
    // "Entered by the agent", in the user's language.
    QString displayText() const;

    friend bool operator==(const AssignmentReason &a, const AssignmentReason &b)
    {
        return a.kind == b.kind && a.state == b.state;
    }
};

} // namespace Crm
