#pragma once

#include <QtGlobal>

namespace Crm {

class RouteTable;

// /api/sync/pull and /api/sync/push (the offline clients' protocol, API.md "Sync").
class SyncController final
{
public:
    static constexpr int DefaultPullLimit = 1000;
    static constexpr int MaxPullLimit = 5000;
    static constexpr qint64 PushBodyLimit = 8 * 1024 * 1024;

    static void registerRoutes(RouteTable &routes);
};

} // namespace Crm
