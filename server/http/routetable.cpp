#include "routetable.h"

namespace Crm {

void RouteTable::add(RouteSpec spec, Handler handler, Around around)
{
    m_routes.append({std::move(spec), std::move(handler), std::move(around)});
}

QJsonArray RouteTable::toJson() const
{
    QJsonArray routes;
    for (const Route &route : m_routes)
        routes.append(route.spec.toJson());
    return routes;
}

} // namespace Crm
