#include "syncclient.h"

#include "synclogging.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>

namespace Crm {

SyncClient::SyncClient(QUrl server)
    : m_server(std::move(server))
{
    // Each engine talks to one server; keep its connections alive between calls.
    m_network.setAutoDeleteReplies(false);
}

QNetworkReply *SyncClient::start(const QByteArray &method,
                                 const QString &path,
                                 const QByteArray &body,
                                 bool authorized)
{
    QNetworkRequest request(m_server.resolved(QUrl(path)));
    request.setRawHeader(SyncProtocol::VersionHeader, QByteArray::number(SchemaVersion));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (authorized && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toLatin1());
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return m_network.sendCustomRequest(request, method, body);
}

SyncClient::Reply SyncClient::wait(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

SyncClient::Reply SyncClient::send(const QByteArray &method,
                                   const QString &path,
                                   const QByteArray &body,
                                   bool authorized)
{
    return wait(start(method, path, body, authorized));
}

SyncClient::PendingGet::~PendingGet()
{
    if (m_reply) {
        m_reply->abort();
        m_reply->deleteLater();
    }
}

std::unique_ptr<SyncClient::PendingGet> SyncClient::startGet(const QString &path)
{
    auto pending = std::make_unique<PendingGet>();
    pending->m_path = path;
    pending->m_reply = start("GET", path, QByteArray(), true);
    return pending;
}

Result<QJsonObject> SyncClient::finish(std::unique_ptr<PendingGet> pending)
{
    QNetworkReply *reply = std::exchange(pending->m_reply, nullptr);
    return answer(wait(reply), "GET", pending->m_path, QByteArray());
}

Error SyncClient::errorFrom(const Reply &reply)
{
    if (reply.status == 0)
        return {QStringLiteral("network"),
                tr("The server cannot be reached: %1").arg(reply.networkError)};
    const QJsonObject error
        = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (reply.status >= 500)
        return {QStringLiteral("server"),
                tr("The server had a problem (%1). %2").arg(reply.status).arg(message)};
    if (reply.status == 401)
        return {QStringLiteral("signed_out"), tr("Your sign-in has expired. Sign in again.")};
    if (reply.status == 410)
        return {SyncProtocol::ErrorCode::CursorExpired, message};
    if (reply.status == 426)
        return {SyncProtocol::ErrorCode::UpgradeRequired, message};
    if (reply.status == 429)
        return {QStringLiteral("rate_limited"), message};
    return {QStringLiteral("rejected"),
            message.isEmpty() ? tr("The server refused the request (%1).").arg(reply.status)
                              : message};
}

Result<QJsonObject> SyncClient::call(const QByteArray &method,
                                     const QString &path,
                                     const QByteArray &body)
{
    return answer(send(method, path, body, true), method, path, body);
}

Result<SyncClient::Reply> SyncClient::retriedOnExpiry(Reply reply,
                                                      const QByteArray &method,
                                                      const QString &path,
                                                      const QByteArray &body)
{
    if (reply.status == 401 && !m_refreshToken.isEmpty()) {
        // The access token expired: refresh once and resend the very same request.
        const Status refreshed = refresh();
        if (!refreshed.ok())
            return refreshed.error();
        reply = send(method, path, body, true);
    }
    if (reply.status < 200 || reply.status >= 300)
        return errorFrom(reply);
    return reply;
}

Result<QJsonObject> SyncClient::answer(Reply reply,
                                       const QByteArray &method,
                                       const QString &path,
                                       const QByteArray &body)
{
    const Result<Reply> checked = retriedOnExpiry(std::move(reply), method, path, body);
    if (!checked.ok())
        return checked.error();
    const QJsonDocument document = QJsonDocument::fromJson(checked.value().body);
    if (!document.isObject() && !checked.value().body.isEmpty())
        return Error{QStringLiteral("server"), tr("The server sent an answer that is not JSON.")};
    return document.object();
}

Result<SyncClient::Download> SyncClient::download(const QString &path)
{
    const Result<Reply> reply = retriedOnExpiry(send("GET", path, QByteArray(), true),
                                                "GET",
                                                path,
                                                QByteArray());
    if (!reply.ok())
        return reply.error();
    return Download{reply.value().body, reply.value().contentType};
}

Result<QJsonObject> SyncClient::request(const QByteArray &method,
                                        const QString &path,
                                        const QJsonObject &body)
{
    return call(method,
                path,
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

Result<QJsonObject> SyncClient::get(const QString &path)
{
    return call("GET", path, QByteArray());
}

Result<QJsonObject> SyncClient::post(const QString &path, const QJsonObject &body)
{
    return call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

Result<SyncClient::Login> SyncClient::login(const QString &email,
                                            const QString &password,
                                            const QString &clientId)
{
    const QJsonObject body{{QStringLiteral("email"), email},
                           {QStringLiteral("password"), password},
                           {QStringLiteral("clientId"), clientId}};
    const Reply reply = send("POST",
                             QStringLiteral("/api/auth/login"),
                             QJsonDocument(body).toJson(QJsonDocument::Compact),
                             false);
    if (reply.status == 401)
        return Error{QStringLiteral("invalid_credentials"), tr("Wrong e-mail or password.")};
    if (reply.status != 200)
        return errorFrom(reply);
    const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject user = json.value(QStringLiteral("user")).toObject();
    Login login{json.value(QStringLiteral("accessToken")).toString(),
                json.value(QStringLiteral("refreshToken")).toString(),
                user.value(QStringLiteral("id")).toString(),
                user.value(QStringLiteral("email")).toString(),
                user.value(QStringLiteral("name")).toString(),
                user.value(QStringLiteral("role")).toString()};
    m_accessToken = login.accessToken;
    m_refreshToken = login.refreshToken;
    if (m_refreshTokenChanged)
        m_refreshTokenChanged(m_refreshToken);
    return login;
}

Status SyncClient::refresh()
{
    if (m_refreshToken.isEmpty())
        return Error{QStringLiteral("signed_out"), tr("Sign in to sync.")};
    const QJsonObject body{{QStringLiteral("refreshToken"), m_refreshToken}};
    const Reply reply = send("POST",
                             QStringLiteral("/api/auth/refresh"),
                             QJsonDocument(body).toJson(QJsonDocument::Compact),
                             false);
    if (reply.status == 401) {
        qCWarning(lcSync) << "The refresh token was refused; the user must sign in again";
        m_accessToken.clear();
        m_refreshToken.clear();
        if (m_refreshTokenChanged)
            m_refreshTokenChanged(QString());
        return Error{QStringLiteral("signed_out"),
                     tr("Your sign-in has ended. Sign in again; your unsent changes are kept.")};
    }
    if (reply.status != 200)
        return errorFrom(reply);
    const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
    m_accessToken = json.value(QStringLiteral("accessToken")).toString();
    m_refreshToken = json.value(QStringLiteral("refreshToken")).toString();
    if (m_refreshTokenChanged)
        m_refreshTokenChanged(m_refreshToken);
    return {};
}

} // namespace Crm
