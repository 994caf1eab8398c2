#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <QCoreApplication>

namespace Crm {

// GET /api/sync/pull: the caller's slice of the change log after a cursor, in pages that never
// split a transaction.
//
// Scope: an agent gets the entries addressed to them (their leads and what hangs off them,
// revokes of leads taken away) and those for everyone (the user directory); an admin gets
// everything but revokes. The cursor answered is the log position the client has now seen:
// the last entry of a full page, or the log head when the page holds the rest.
class SyncPull final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SyncPull)

public:
    static ApiResponse handle(ApiContext &context);
};

} // namespace Crm
