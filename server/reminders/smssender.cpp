#include "smssender.h"

#include "domain/phonenormalizer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

#include <curl/curl.h>

namespace Crm {

namespace {

size_t collect(char *data, size_t size, size_t count, void *target)
{
    static_cast<QByteArray *>(target)->append(data, qsizetype(size * count));
    return size * count;
}

QByteArray formField(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}

} // namespace

struct SmsSender::Curl
{
    CURL *handle = nullptr;
    ~Curl()
    {
        if (handle)
            curl_easy_cleanup(handle);
    }
};

Result<SmsSender::Settings> SmsSender::settings(const QString &baseUrl, const QString &from)
{
    Settings settings;
    if (!baseUrl.isEmpty())
        settings.baseUrl = baseUrl;
    while (settings.baseUrl.endsWith(QLatin1Char('/')))
        settings.baseUrl.chop(1);
    const QUrl url(settings.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        return Error{QStringLiteral("bad_option"),
                     tr("--sms-base-url wants the SMS API's base URL, e.g. https://api.twilio.com, not '%1'.")
                         .arg(baseUrl),
                     {},
                     {}};
    }
    const Result<QString> number = PhoneNormalizer::toE164(from);
    if (!number.ok() || number.value() != from) {
        return Error{QStringLiteral("bad_option"),
                     tr("--sms-from wants the sending number in E.164, e.g. +14155550123, not '%1'.").arg(from),
                     {},
                     {}};
    }
    settings.from = from;
    settings.accountSid = qEnvironmentVariable("TWILIO_ACCOUNT_SID");
    settings.authToken = qEnvironmentVariable("TWILIO_AUTH_TOKEN");
    if (settings.accountSid.isEmpty() || settings.authToken.isEmpty()) {
        return Error{QStringLiteral("bad_option"),
                     tr("SMS needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment."),
                     {},
                     {}};
    }
    const QString publicUrl = qEnvironmentVariable("CRM_PUBLIC_URL");
    if (!publicUrl.isEmpty())
        settings.statusCallback = publicUrl + QStringLiteral("/api/twilio/status");
    return settings;
}

SmsSender::SmsSender(Settings settings)
    : m_settings(std::move(settings))
    , m_curl(std::make_unique<Curl>())
{
    m_curl->handle = curl_easy_init();
}

SmsSender::~SmsSender() = default;

DeliveryResult SmsSender::send(const ReminderMessage &message)
{
    DeliveryResult result;
    CURL *curl = m_curl->handle;
    if (!curl) {
        result.error = tr("Cannot start the HTTP client (libcurl).");
        return result;
    }
    curl_easy_reset(curl);
    const QByteArray url = (m_settings.baseUrl + QStringLiteral("/2010-04-01/Accounts/%1/Messages.json")
                                                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_settings.accountSid))))
                               .toUtf8();
    QByteArray form = formField("To", message.to) + '&' + formField("From", m_settings.from) + '&'
                      + formField("Body", message.smsBody);
    if (!m_settings.statusCallback.isEmpty())
        form += '&' + formField("StatusCallback", m_settings.statusCallback);
    const QByteArray user = m_settings.accountSid.toUtf8();
    const QByteArray password = m_settings.authToken.toUtf8();
    QByteArray answer;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(form.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
    curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK) {
        result.error = QString::fromUtf8(errorText[0] ? errorText : curl_easy_strerror(code));
        return result;
    }
    const QJsonObject json = QJsonDocument::fromJson(answer).object();
    if (status == 200 || status == 201) {
        result.accepted = true;
        result.messageId = json.value(QStringLiteral("sid")).toString();
        return result;
    }
    // Twilio's error: {code, message, more_info, status}.
    result.error = tr("SMS API %1: %2 (code %3)")
                       .arg(status)
                       .arg(json.value(QStringLiteral("message")).toString(), json.value(QStringLiteral("code")).toVariant().toString());
    // Only a refusal of the recipient will not change: not a valid number (21211), not a
    // mobile number (21614), the recipient opted out with the carrier (21610). A wrong account
    // or URL (401, 404), throttling or the remote's trouble may pass, or is our setting: those
    // are retried and fail after the last attempt with the error in the ledger.
    const int twilioCode = json.value(QStringLiteral("code")).toInt();
    result.permanent = status == 400 && (twilioCode == 21211 || twilioCode == 21614 || twilioCode == 21610);
    return result;
}

} // namespace Crm
