#include "synccontroller.h"

#include "http/routetable.h"
#include "sync/syncpull.h"
#include "sync/syncpush.h"

#include "domain/syncprotocol.h"

namespace Crm {

void SyncController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    routes.add(RouteSpec(Method::Get, SyncProtocol::PullPath, Access::User)
                   .query({QStringLiteral("cursor"), QStringLiteral("limit")}),
               &SyncPull::handle);
    // The top level only: each mutation's shape is SyncPush's to check, one by one.
    routes.add(RouteSpec(Method::Post, SyncProtocol::PushPath, Access::User)
                   .field(QStringLiteral("clientId"), Type::String, BodyField::Nullable)
                   .field(QStringLiteral("mutations"), Type::Array, BodyField::Required)
                   .bodyLimit(PushBodyLimit),
               &SyncPush::handle);
}

} // namespace Crm
