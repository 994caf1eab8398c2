#pragma once

#include "domain/result.h"
#include "store/notificationstore.h"
#include "syncstate.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace Crm {

// The notices that time brings, rather than the server: an open follow-up on one of my leads
// whose due time has come, an appointment starting within the lead time. Each is raised once
// per due time (a snoozed follow-up is raised again when its new time comes); offline too.
class DueNotices final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::DueNotices)

public:
    explicit DueNotices(QSqlDatabase db);

    // Raises what is due at `now` (epoch ms), appointments starting within
    // appointmentLeadMinutes. Returns how many notices were new.
    Result<int> raise(qint64 now, int appointmentLeadMinutes);

private:
    QSqlDatabase m_db;
    SyncState m_state;
    NotificationStore m_notices;
};

} // namespace Crm
