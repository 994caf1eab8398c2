#include "synccontroller.h"

#include "apiserver.h"
#include "syncpull.h"
#include "syncpush.h"

#include "domain/syncprotocol.h"

namespace Crm {

void SyncController::registerRoutes(ApiServer &server)
{
    using Method = QHttpServerRequest::Method;
    using Access = ApiServer::Access;
    server.route(SyncProtocol::PullPath, Method::Get, Access::User, &SyncPull::handle);
    server.route(SyncProtocol::PushPath,
                 Method::Post,
                 Access::User,
                 &SyncPush::handle,
                 PushBodyLimit);
}

} // namespace Crm
