#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"
#include "http/routespec.h"

#include <QJsonArray>
#include <QList>

#include <functional>

namespace Crm {

// The API's routes: what each declares (RouteSpec) and the handler that answers it. The
// controllers fill one table (registerRoutes); ApiServer serves it and `crm-server routes`
// prints its declarations, so the list exists once.
class RouteTable final
{
public:
    using Handler = std::function<ApiResponse(ApiContext &)>;
    // Runs around a route's body check and handler: a check that must come before the body is
    // read (the contact form's origin and rate limit), or headers every answer needs (CORS).
    using Around = std::function<ApiResponse(ApiContext &, const std::function<ApiResponse()> &next)>;

    struct Route
    {
        RouteSpec spec;
        Handler handler;
        Around around;
    };

    void add(RouteSpec spec, Handler handler, Around around = {});

    const QList<Route> &routes() const { return m_routes; }
    // Every declaration, in registration order (RouteSpec::toJson()).
    QJsonArray toJson() const;

private:
    QList<Route> m_routes;
};

} // namespace Crm
