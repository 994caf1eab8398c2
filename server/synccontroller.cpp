#include "synccontroller.h"

#include "apiserver.h"
#include "syncpull.h"
#include "syncpush.h"

namespace Crm {

void SyncController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;
    server.route(QStringLiteral("/api/sync/pull"), Method::Get, Access::User, &SyncPull::handle);
    server.route(QStringLiteral("/api/sync/push"),
                 Method::Post,
                 Access::User,
                 &SyncPush::handle,
                 PushBodyLimit);
}

} // namespace Crm
