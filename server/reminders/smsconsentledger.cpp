#include "smsconsentledger.h"

#include "domain/historyentry.h"
#include "domain/ids.h"
#include "domain/wiretime.h"
#include "leads/leadhistory.h"
#include "scheduling/reminderledger.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

Error failed(const QSqlQuery &query)
{
    return Error{QStringLiteral("consent_failed"), query.lastError().text(), {}, {}};
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

Status SmsConsentLedger::record(WriteTransaction &tx,
                                const Lead &lead,
                                bool optedIn,
                                SmsConsent::Method method,
                                const QString &actorId,
                                const QString &detail)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery insert(tx.db());
    insert.prepare(QStringLiteral("INSERT INTO sms_consents (id, leadId, optedIn, method, textVersion,"
                                  " actorId, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(Ids::create());
    insert.addBindValue(lead.id);
    insert.addBindValue(optedIn ? 1 : 0);
    insert.addBindValue(SmsConsent::toString(method));
    insert.addBindValue(SmsConsent::textVersion());
    insert.addBindValue(textOrNull(actorId));
    insert.addBindValue(textOrNull(detail.left(200)));
    insert.addBindValue(now);
    if (!insert.exec())
        return failed(insert);
    const auto recorded = LeadHistory::addSystem(tx, lead, actorId,
                                                 HistoryEntry::smsConsent(optedIn, SmsConsent::toString(method),
                                                                          SmsConsent::textVersion()));
    if (!recorded.ok())
        return recorded.error();
    if (!optedIn) {
        if (const Status cancelled = ReminderLedger::cancelPendingSms(tx, lead.id); !cancelled.ok())
            return cancelled;
    }
    tx.audit({now, actorId, optedIn ? QStringLiteral("sms_consent.given") : QStringLiteral("sms_consent.withdrawn"),
              QStringLiteral("lead"), lead.id, QString(), SmsConsent::toString(method)});
    return {};
}

Result<QJsonArray> SmsConsentLedger::forLead(const QSqlDatabase &db, const QString &leadId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, optedIn, method, textVersion, actorId, detail, at FROM sms_consents"
                                 " WHERE leadId = ? ORDER BY at DESC, id"));
    query.addBindValue(leadId);
    if (!query.exec())
        return failed(query);
    QJsonArray rows;
    while (query.next()) {
        rows.append(QJsonObject{{QStringLiteral("id"), query.value(0).toString()},
                                {QStringLiteral("optedIn"), query.value(1).toLongLong() != 0},
                                {QStringLiteral("method"), query.value(2).toString()},
                                {QStringLiteral("textVersion"), query.value(3).toString()},
                                {QStringLiteral("actorId"), query.value(4).isNull() ? QJsonValue() : QJsonValue(query.value(4).toString())},
                                {QStringLiteral("detail"), query.value(5).isNull() ? QJsonValue() : QJsonValue(query.value(5).toString())},
                                {QStringLiteral("at"), WireTime::toWire(query.value(6).toLongLong())}});
    }
    return rows;
}

} // namespace Crm
