#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Crm {

class RouteTable;

// Twilio's webhooks (issue 12): inbound SMS (POST /api/twilio/inbound: STOP, START and the
// other keywords change a lead's consent, with proof) and delivery status callbacks
// (POST /api/twilio/status: delivered or failed in the reminder ledger). Public routes, so
// each request must carry a valid X-Twilio-Signature (HMAC-SHA1 of the URL Twilio called and
// the sorted form parameters, keyed by TWILIO_AUTH_TOKEN); anything else is refused with 403
// before it is read. The URL is CRM_PUBLIC_URL plus the path when that is set (behind a
// proxy), else the one the request names.
class TwilioController final
{
public:
    static void registerRoutes(RouteTable &routes);

    // Base64 of HMAC-SHA1(authToken, url + each parameter's name and value, sorted by name).
    static QByteArray signature(const QString &authToken,
                                const QString &url,
                                QList<QPair<QString, QString>> parameters);
};

} // namespace Crm
