#include "smsconsentreader.h"

#include "store/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

SmsConsentReader::SmsConsentReader(QSqlDatabase db)
    : m_db(std::move(db))
{}

std::optional<SmsConsentReader::Proof> SmsConsentReader::latestOf(const QString &leadId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT params, occurredAt FROM lead_activities WHERE leadId = ?"
                                 " AND code = 'sms_consent' ORDER BY occurredAt DESC, createdAt DESC LIMIT 1"));
    query.addBindValue(leadId);
    if (!query.exec()) {
        qCWarning(lcStore) << "Reading SMS consent failed:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    const QJsonObject params = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    Proof proof;
    proof.optedIn = params.value(QStringLiteral("optedIn")).toBool();
    proof.method = params.value(QStringLiteral("method")).toString();
    proof.version = params.value(QStringLiteral("version")).toString();
    proof.at = query.value(1).toLongLong();
    return proof;
}

} // namespace Crm
