#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <QCoreApplication>

#include <functional>

namespace Crm {

class RouteTable;

// /api/leads, /api/agent/leads and a lead's activities: each endpoint reads its checked body
// (the route declares it), calls LeadService's transport-free steps inside one
// WriteTransaction, and answers; the HTTP shapes (status codes, CORS, the contact form's
// neutral answer) live here, the rules in LeadService and models/domain.
class LeadController final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::LeadController)

public:
    static void registerRoutes(RouteTable &routes);

private:
    // POST /api/leads: the origin check and the public form's rate limit come before the body
    // is read, and every answer carries the CORS headers (a RouteTable::Around).
    static ApiResponse contactFormDoor(ApiContext &context,
                                       const std::function<ApiResponse()> &next);
    static ApiResponse create(ApiContext &context);
    // OPTIONS /api/leads: the CORS preflight of a browser page posting the contact form.
    static ApiResponse preflight(ApiContext &context);
    static ApiResponse list(ApiContext &context);
    static ApiResponse get(ApiContext &context);
    static ApiResponse update(ApiContext &context);
    static ApiResponse addActivity(ApiContext &context);
    static ApiResponse listActivities(ApiContext &context);
};

} // namespace Crm
