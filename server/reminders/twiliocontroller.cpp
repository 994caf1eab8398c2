#include "twiliocontroller.h"

#include "domain/smsconsent.h"
#include "http/apiserver.h"
#include "http/routetable.h"
#include "http/writtenanswer.h"
#include "leads/leadrepository.h"
#include "reminders/smsconsentledger.h"
#include "scheduling/reminderledger.h"
#include "serverlogging.h"
#include "storage/writetransaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Crm {

namespace {

struct Words
{
    Q_DECLARE_TR_FUNCTIONS(Crm::TwilioController)
};

// Compares in time independent of where the first difference is.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= uchar(a.at(i)) ^ uchar(b.at(i));
    return difference == 0;
}

// Refuses (403) a request whose signature is missing or wrong, before anything reads it.
ApiResponse verified(ApiContext &context, const std::function<ApiResponse()> &next)
{
    const QString token = qEnvironmentVariable("TWILIO_AUTH_TOKEN");
    const QByteArray given = context.header(QByteArrayLiteral("X-Twilio-Signature"));
    QString base = qEnvironmentVariable("CRM_PUBLIC_URL");
    if (base.isEmpty())
        base = QStringLiteral("http://") + QString::fromLatin1(context.header(QByteArrayLiteral("Host")));
    QString url = base + context.path;
    if (!context.query.isEmpty())
        url += QLatin1Char('?') + context.query.toString(QUrl::FullyEncoded);
    QList<QPair<QString, QString>> parameters;
    const QUrlQuery form(QString::fromUtf8(QByteArray(context.rawBody).replace('+', ' ')));
    for (const auto &item : form.queryItems(QUrl::FullyDecoded))
        parameters.append(item);
    if (token.isEmpty() || given.isEmpty()
        || !sameBytes(TwilioController::signature(token, url, parameters), given)) {
        qCWarning(lcServer) << "twilio: refused a request with" << (given.isEmpty() ? "no" : "a wrong")
                            << "signature from" << context.remote();
        return ApiError::forbidden(Words::tr("The request is not signed by the SMS provider."));
    }
    return next();
}

ApiResponse twiml()
{
    return ApiResponse::raw(QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"),
                            QByteArrayLiteral("text/xml"));
}

// POST /api/twilio/inbound {From, To, Body, MessageSid, ...}
ApiResponse inbound(ApiContext &context)
{
    const SmsConsent::Keyword keyword = SmsConsent::classify(context.body.text("Body"));
    if (keyword == SmsConsent::Keyword::None)
        return twiml(); // a reply that is no keyword: nothing to change (and nothing stored)
    const bool optIn = keyword == SmsConsent::Keyword::OptIn;
    const QString from = context.body.text("From");
    const ApiResponse answer = writtenAnswer(context, 200, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        QSqlQuery query(tx.db());
        query.prepare(QStringLiteral("SELECT id FROM leads WHERE phone = ? AND deletedAt IS NULL"));
        query.addBindValue(from);
        if (!query.exec())
            return Error{QStringLiteral("consent_failed"), query.lastError().text(), {}, {}};
        QStringList ids;
        while (query.next())
            ids << query.value(0).toString();
        for (const QString &id : std::as_const(ids)) {
            std::optional<Lead> lead = LeadRepository::find(tx.db(), id);
            if (!lead || lead->smsOptIn == optIn)
                continue;
            lead->smsOptIn = optIn;
            const Result<Lead> saved = LeadRepository::save(tx, *lead);
            if (!saved.ok())
                return saved.error();
            if (const Status recorded = SmsConsentLedger::record(tx, saved.value(), optIn,
                                                                 SmsConsent::Method::Keyword, QString(),
                                                                 context.body.text("Body").trimmed().toUpper());
                !recorded.ok())
                return recorded.error();
        }
        return QJsonObject();
    });
    return answer.status == 200 ? twiml() : answer;
}

// POST /api/twilio/status {MessageSid, MessageStatus, ErrorCode?}
ApiResponse status(ApiContext &context)
{
    const QString state = context.body.text("MessageStatus");
    const bool delivered = state == QLatin1String("delivered");
    const bool failed = state == QLatin1String("failed") || state == QLatin1String("undelivered");
    if (!delivered && !failed)
        return ApiResponse::noContent(); // queued, sent, ...: nothing new for the ledger
    const QString error = Words::tr("The carrier reports the SMS %1 (error %2).")
                              .arg(state, context.body.text("ErrorCode").isEmpty() ? QStringLiteral("-")
                                                                                    : context.body.text("ErrorCode"));
    const ApiResponse answer = writtenAnswer(context, 204, [&](WriteTransaction &tx) -> Result<QJsonObject> {
        auto marked = ReminderLedger::markCarrierStatus(tx, context.body.text("MessageSid"), delivered, error);
        if (!marked.ok())
            return marked.error();
        return QJsonObject();
    });
    return answer.status == 204 ? ApiResponse::noContent() : answer;
}

} // namespace

QByteArray TwilioController::signature(const QString &authToken,
                                       const QString &url,
                                       QList<QPair<QString, QString>> parameters)
{
    std::sort(parameters.begin(), parameters.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    QByteArray data = url.toUtf8();
    for (const auto &[name, value] : std::as_const(parameters))
        data += name.toUtf8() + value.toUtf8();
    return QMessageAuthenticationCode::hash(data, authToken.toUtf8(), QCryptographicHash::Sha1).toBase64();
}

void TwilioController::registerRoutes(RouteTable &routes)
{
    using Method = QHttpServerRequest::Method;
    using Type = BodyField::Type;
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/twilio/inbound"), Access::Public)
                   .formEncoded()
                   .field(QStringLiteral("From"), Type::String, BodyField::Required)
                   .field(QStringLiteral("Body"), Type::String, BodyField::Required)
                   .field(QStringLiteral("MessageSid"), Type::String),
               &inbound,
               &verified);
    routes.add(RouteSpec(Method::Post, QStringLiteral("/api/twilio/status"), Access::Public)
                   .formEncoded()
                   .field(QStringLiteral("MessageSid"), Type::String, BodyField::Required)
                   .field(QStringLiteral("MessageStatus"), Type::String, BodyField::Required)
                   .field(QStringLiteral("ErrorCode"), Type::String),
               &status,
               &verified);
}

} // namespace Crm
