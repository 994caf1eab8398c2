#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Crm {

// The proof of a lead's SMS consent as the cache knows it: the newest `sms_consent` entry of
// the lead's history (the server writes one with every change, whoever made it). A failed
// query is logged and reads as none.
class SmsConsentReader final
{
public:
    explicit SmsConsentReader(QSqlDatabase db);

    struct Proof
    {
        bool optedIn = false;
        QString method;  // contact_form, agent, keyword (SmsConsent::toString)
        QString version; // of the wording agreed to
        qint64 at = 0;   // epoch ms
    };
    std::optional<Proof> latestOf(const QString &leadId) const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
