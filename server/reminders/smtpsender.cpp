#include "smtpsender.h"

#include "domain/emailvalidator.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QUrl>

#include <curl/curl.h>

namespace Crm {

namespace {

// RFC 2047 for a header that is not plain ASCII.
QByteArray headerText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        if (uchar(c) >= 0x80 || c == '\r' || c == '\n')
            return "=?UTF-8?B?" + QString(text).remove(u'\r').remove(u'\n').toUtf8().toBase64() + "?=";
    }
    return utf8;
}

QByteArray rfc5322Date(qint64 epochMs)
{
    const QLocale c = QLocale::c();
    return c.toString(QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss '+0000'"))
        .toLatin1();
}

struct SlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct MimeDeleter
{
    void operator()(curl_mime *mime) const { curl_mime_free(mime); }
};

void append(Slist &list, const QByteArray &line)
{
    curl_slist *grown = curl_slist_append(list.get(), line.constData());
    if (grown) {
        (void)list.release();
        list.reset(grown);
    }
}

void addTextPart(curl_mime *mime, const QString &text, const char *type)
{
    curl_mimepart *part = curl_mime_addpart(mime);
    const QByteArray utf8 = text.toUtf8();
    curl_mime_data(part, utf8.constData(), size_t(utf8.size()));
    curl_mime_type(part, type);
    curl_mime_encoder(part, "quoted-printable");
}

} // namespace

struct SmtpSender::Curl
{
    CURL *handle = nullptr;
    ~Curl()
    {
        if (handle)
            curl_easy_cleanup(handle);
    }
};

Result<SmtpSender::Settings> SmtpSender::settings(const QString &urlText, const QString &from)
{
    const QUrl url(urlText, QUrl::StrictMode);
    Settings settings;
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || !url.userInfo().isEmpty()
        || (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps")
            && scheme != QLatin1String("smtp+insecure"))) {
        return Error{QStringLiteral("bad_option"),
                     tr("--smtp wants smtp://HOST:PORT (STARTTLS), smtps://HOST:PORT, or "
                        "smtp+insecure://HOST:PORT on loopback, not '%1'; the account comes from "
                        "CRM_SMTP_USER and CRM_SMTP_PASSWORD.")
                         .arg(urlText),
                     {},
                     {}};
    }
    if (scheme == QLatin1String("smtp+insecure")) {
        const QHostAddress host(url.host());
        if (!(host.isLoopback() || url.host() == QLatin1String("localhost"))) {
            return Error{QStringLiteral("bad_option"),
                         tr("--smtp: smtp+insecure:// is only for a server on loopback (127.0.0.1); "
                            "use smtp:// (STARTTLS) or smtps:// for %1.")
                             .arg(url.host()),
                         {},
                         {}};
        }
        settings.requireTls = false;
    }
    QUrl curlUrl = url;
    curlUrl.setScheme(scheme == QLatin1String("smtps") ? QStringLiteral("smtps") : QStringLiteral("smtp"));
    settings.url = curlUrl.toString();
    if (!EmailValidator::isValid(from)) {
        return Error{QStringLiteral("bad_option"),
                     tr("--smtp-from wants the sender's e-mail address, not '%1'.").arg(from),
                     {},
                     {}};
    }
    settings.from = from;
    settings.user = qEnvironmentVariable("CRM_SMTP_USER");
    settings.password = qEnvironmentVariable("CRM_SMTP_PASSWORD");
    return settings;
}

SmtpSender::SmtpSender(Settings settings)
    : m_settings(std::move(settings))
    , m_curl(std::make_unique<Curl>())
{
    m_curl->handle = curl_easy_init();
}

SmtpSender::~SmtpSender() = default;

DeliveryResult SmtpSender::send(const ReminderMessage &message)
{
    DeliveryResult result;
    CURL *curl = m_curl->handle;
    if (!curl) {
        result.error = tr("Cannot start the mail client (libcurl).");
        return result;
    }
    curl_easy_reset(curl); // keeps the connection for the next mail
    char errorText[CURL_ERROR_SIZE] = {};
    const QByteArray url = m_settings.url.toUtf8();
    const QByteArray from = '<' + m_settings.from.toUtf8() + '>';
    const QByteArray to = message.to.toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    Slist recipients;
    append(recipients, '<' + to + '>');
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, long(m_settings.requireTls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const QByteArray user = m_settings.user.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }

    Slist headers;
    append(headers, "Date: " + rfc5322Date(QDateTime::currentMSecsSinceEpoch()));
    append(headers, "From: Agent CRM " + from);
    append(headers, "To: <" + to + '>');
    append(headers, "Subject: " + headerText(message.subject));
    append(headers, "Message-ID: " + message.messageId().toUtf8());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(curl));
    curl_mime *alternative = curl_mime_init(curl);
    addTextPart(alternative, message.text, "text/plain; charset=UTF-8");
    addTextPart(alternative, message.html, "text/html; charset=UTF-8");
    curl_mimepart *body = curl_mime_addpart(mime.get());
    curl_mime_subparts(body, alternative); // the part owns it now
    curl_mime_type(body, "multipart/alternative");
    Slist inline_;
    append(inline_, "Content-Disposition: inline");
    curl_mime_headers(body, inline_.release(), 1);
    if (!message.ics.isEmpty()) {
        curl_mimepart *invite = curl_mime_addpart(mime.get());
        curl_mime_data(invite, message.ics.constData(), size_t(message.ics.size()));
        curl_mime_type(invite, message.cancellation ? "text/calendar; method=CANCEL; charset=UTF-8"
                                                    : "text/calendar; method=REQUEST; charset=UTF-8");
        curl_mime_filename(invite, "invite.ics");
        curl_mime_encoder(invite, "base64");
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());

    const CURLcode code = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    if (code == CURLE_OK) {
        result.accepted = true;
        result.messageId = message.messageId();
        return result;
    }
    const QString detail = QString::fromUtf8(errorText[0] ? errorText : curl_easy_strerror(code));
    result.error = response > 0 ? tr("SMTP %1: %2").arg(response).arg(detail) : detail;
    // Only a refusal of the recipient's mailbox is the remote's final word on this reminder
    // (550 no such mailbox, 551 not here, 553 not a valid mailbox). Anything else may pass
    // later, or is the server's own setting (535 wrong password, 530 STARTTLS needed), which
    // must not fail every due reminder on its first attempt: those are retried, and fail
    // after the last attempt with the error in the ledger.
    result.permanent = response == 550 || response == 551 || response == 553;
    return result;
}

} // namespace Crm
