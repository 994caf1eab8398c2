#pragma once

#include "assignmentreason.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm {

// Who gets a lead (API.md, assignment), without a database: the agents who may receive leads
// now, in their fixed order, with their place in the rotation, go in; the agent and the reason
// come out, and the rotation moves on. The server reads the candidates and stores their
// rotation state; this is the rule.
class AssignmentPolicy final
{
public:
    enum class Mode { RoundRobin, Territory, Manual };

    struct Candidate
    {
        QString id;
        int weight = 1;       // 1..100; agents with 0 never reach the policy
        qint64 current = 0;   // the smooth weighted round-robin's running credit
        QStringList territories;
    };

    struct Pick
    {
        QString agentId;
        AssignmentReason reason;
    };

    static QString modeName(Mode mode); // round_robin, territory, manual
    static std::optional<Mode> parseMode(const QString &text);

    // A new lead's agent when the rotation is not asked: an agent who enters a lead keeps it,
    // an admin's choice stands. Nothing when the rotation decides.
    static std::optional<Pick> direct(const QString &enteringAgentId, const QString &requestedAgentId);

    // The next agent under `mode` for a lead in `leadState` ("" when unknown), advancing the
    // rotation in `candidates` (the caller stores their `current`). Territory: the agents who
    // cover the state, else everyone. Manual, or nobody eligible: nothing, and nothing moves.
    // Smooth weighted round-robin: everyone in the pool gains their weight, the leader (the
    // earlier in order on a tie) is picked and pays back the pool's total.
    static std::optional<Pick> pick(QList<Candidate> &candidates, const QString &leadState, Mode mode);
};

} // namespace Crm
