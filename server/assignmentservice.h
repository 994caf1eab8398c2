#pragma once

#include "apierror.h"
#include "domain/assignmentreason.h"
#include "domain/lead.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>
#include <variant>

namespace Crm {

class WriteTransaction;

// Who gets a lead. Round-robin over active agents in a fixed order, weighted (smooth weighted
// round-robin: over any run of sum(weights) picks each agent gets exactly its weight), skipping
// inactive agents and agents on time off; the rotation lives in the database, so a restart
// continues where it stopped. Territory: agents whose US states include the lead's state,
// round-robin among them, falling back to everyone. Manual: nobody until an admin decides.
class AssignmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AssignmentService)

public:
    enum class Mode { RoundRobin, Territory, Manual };

    struct Pick
    {
        QString agentId;
        AssignmentReason reason;
    };

    static QString modeName(Mode mode);
    static std::optional<Mode> parseMode(const QString &text);
    static Mode mode(const QSqlDatabase &db);
    static Status setMode(WriteTransaction &tx, Mode mode);

    // The next agent for this lead under `mode` (advancing the rotation), or std::nullopt when
    // no agent is eligible.
    static std::optional<Pick> pick(WriteTransaction &tx, const Lead &lead, Mode mode);

    // Gives the lead to agentId: updates it, records the history entry with the reason, sends
    // it (and its history) to the new agent and a revoke to the previous one.
    static std::variant<Lead, ApiError> assign(WriteTransaction &tx,
                                               Lead lead,
                                               const QString &agentId,
                                               const AssignmentReason &reason,
                                               const QString &actorId);
};

} // namespace Crm
