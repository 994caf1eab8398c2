#pragma once

#include "http/apierror.h"
#include "domain/assignmentpolicy.h"
#include "domain/lead.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>
#include <variant>

namespace Crm {

class WriteTransaction;

// Who gets a lead, in the database: reads the agents who may receive leads (active, with a
// weight, not on time off) in their fixed order, asks AssignmentPolicy (models/domain: the
// rule itself, round-robin and territory) and stores where the rotation stands, so a restart
// continues where it stopped; then gives the lead to the agent with its history entry.
class AssignmentService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::AssignmentService)

public:
    using Mode = AssignmentPolicy::Mode;
    using Pick = AssignmentPolicy::Pick;

    static Mode mode(const QSqlDatabase &db);
    static Status setMode(WriteTransaction &tx, Mode mode);

    // The next agent for this lead under `mode` (advancing the rotation), or std::nullopt when
    // no agent is eligible.
    static std::optional<Pick> pick(WriteTransaction &tx, const Lead &lead, Mode mode);

    // Gives the lead to agentId: updates it, records the history entry with the reason, sends
    // it (and its history) to the new agent and a revoke to the previous one.
    static Result<Lead> assign(WriteTransaction &tx,
                               Lead lead,
                               const QString &agentId,
                               const AssignmentReason &reason,
                               const QString &actorId);
};

} // namespace Crm
