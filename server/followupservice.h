#pragma once

#include "apicontext.h"
#include "apiresponse.h"

#include <QCoreApplication>

namespace Crm {

// Follow-ups: reminders an agent sets on a lead ("call back Tuesday"), their edits and
// completion, and the agent's list of open ones by due time. One function per endpoint; writes
// run in one WriteTransaction with their change-log and audit entries. Only the lead's agent
// and admins see a lead's follow-ups (404 for everyone else).
class FollowUpService final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::FollowUpService)

public:
    static constexpr int MaxNoteLength = 5000;

    static ApiResponse create(ApiContext &context);
    static ApiResponse update(ApiContext &context);
    static ApiResponse listOpen(ApiContext &context);
};

} // namespace Crm
