#include "routespec.h"

#include "http/apicontext.h"
#include "domain/validationerrors.h"
#include "domain/wiretime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

#include <cmath>

namespace Crm {

namespace {

bool isClean(const QJsonValue &value)
{
    if (value.isString())
        return ApiContext::isCleanText(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!isClean(item))
                return false;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!ApiContext::isCleanText(it.key()) || !isClean(it.value()))
                return false;
        }
    }
    return true;
}

std::variant<QJsonObject, ApiError> parseObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return ApiError::badRequest(ApiError::tr("The request needs a JSON object body."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ApiError::badRequest(ApiError::tr("Malformed JSON at offset %1: %2")
                                        .arg(parseError.offset)
                                        .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return ApiError::badRequest(ApiError::tr("The request body must be a JSON object."));
    if (!isClean(document.object()))
        return ApiError::badRequest(
            ApiError::tr("The request contains characters that are not valid text (NUL or a "
                         "broken UTF-16 surrogate)."));
    return document.object();
}

// What a value of the type must be, as the 400 says it; empty when the value is one.
QString typeProblem(const QJsonValue &value, const BodyField &field)
{
    if (value.isNull() && field.nullable())
        return {};
    switch (field.type) {
    case BodyField::Type::String:
        return value.isString() ? QString() : ApiError::tr("a string");
    case BodyField::Type::Boolean:
        return value.isBool() ? QString() : ApiError::tr("true or false");
    case BodyField::Type::Integer: {
        const double number = value.toDouble(std::nan(""));
        const bool whole = value.isDouble() && std::floor(number) == number
                           && std::abs(number) <= 9.0e15;
        return whole ? QString() : ApiError::tr("an integer");
    }
    case BodyField::Type::Time:
        return value.isString() && WireTime::fromWire(value.toString())
                   ? QString()
                   : ApiError::tr("an ISO-8601 UTC time such as 2026-12-01T15:00:00Z");
    case BodyField::Type::StringList: {
        bool strings = value.isArray();
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            strings = strings && item.isString();
        return strings ? QString() : ApiError::tr("an array of strings");
    }
    case BodyField::Type::Object:
        return value.isObject() ? QString() : ApiError::tr("an object");
    case BodyField::Type::Array:
        return value.isArray() ? QString() : ApiError::tr("an array");
    }
    return {};
}

QString accessName(Access access)
{
    switch (access) {
    case Access::Public:
        return QStringLiteral("public");
    case Access::User:
        return QStringLiteral("user");
    case Access::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

} // namespace

QString BodyField::typeName(Type type)
{
    switch (type) {
    case Type::String:
        return QStringLiteral("string");
    case Type::Integer:
        return QStringLiteral("integer");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::Time:
        return QStringLiteral("time");
    case Type::StringList:
        return QStringLiteral("stringList");
    case Type::Object:
        return QStringLiteral("object");
    case Type::Array:
        return QStringLiteral("array");
    }
    return {};
}

RouteSpec::RouteSpec(Method method, QString pattern, Access access)
    : m_method(method)
    , m_pattern(std::move(pattern))
    , m_access(access)
{}

RouteSpec &RouteSpec::field(const QString &name, BodyField::Type type, int flags)
{
    m_fields.append({name, type, flags});
    return *this;
}

RouteSpec &RouteSpec::emptyBodyAllowed()
{
    m_emptyBodyAllowed = true;
    return *this;
}

RouteSpec &RouteSpec::query(const QStringList &keys)
{
    m_queryKeys = keys;
    return *this;
}

RouteSpec &RouteSpec::bodyLimit(qint64 bytes)
{
    m_bodyLimit = bytes;
    return *this;
}

QByteArray RouteSpec::methodName() const
{
    switch (m_method) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

RouteSpec &RouteSpec::formEncoded()
{
    m_formEncoded = true;
    return *this;
}

std::variant<RequestBody, ApiError> RouteSpec::check(const QByteArray &body, bool signedIn) const
{
    if (!takesBody())
        return RequestBody();
    if (m_formEncoded) {
        QJsonObject form;
        const QUrlQuery query(QString::fromUtf8(QByteArray(body).replace('+', ' ')));
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items) {
            if (!ApiContext::isCleanText(key) || !ApiContext::isCleanText(value))
                return ApiError::badRequest(ApiError::tr("The form contains characters that are not valid text."));
            form.insert(key, value);
        }
        ValidationErrors missing;
        for (const BodyField &field : m_fields) {
            if (field.required() && !form.contains(field.name))
                missing.add(field.name, ApiError::tr("Required."));
        }
        if (!missing.isEmpty())
            return ApiError::validation(missing);
        return RequestBody(form);
    }
    QJsonObject object;
    if (!m_emptyBodyAllowed || !body.trimmed().isEmpty()) {
        auto parsed = parseObject(body);
        if (auto *error = std::get_if<ApiError>(&parsed))
            return *error;
        object = std::get<QJsonObject>(parsed);
    }

    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const BodyField &field : m_fields)
            known = known || (field.name == it.key() && (signedIn || !field.signedInOnly()));
        if (!known) {
            ApiError error = ApiError::badRequest(
                ApiError::tr("Unknown field \"%1\".").arg(it.key()));
            error.fields.insert(it.key(), ApiError::tr("Unknown field."));
            return error;
        }
    }
    for (const BodyField &field : m_fields) {
        const QJsonValue value = object.value(field.name);
        if (value.isUndefined())
            continue;
        const QString expected = typeProblem(value, field);
        if (!expected.isEmpty()) {
            ApiError error = ApiError::badRequest(
                ApiError::tr("\"%1\" must be %2.").arg(field.name, expected));
            error.fields.insert(field.name, ApiError::tr("Must be %1.").arg(expected));
            return error;
        }
    }
    ValidationErrors missing;
    for (const BodyField &field : m_fields) {
        if (field.required() && !object.contains(field.name))
            missing.add(field.name, ApiError::tr("Required."));
    }
    if (!missing.isEmpty())
        return ApiError::validation(missing);
    return RequestBody(object);
}

QJsonObject RouteSpec::toJson() const
{
    QJsonValue body;
    if (takesBody()) {
        QJsonArray fields;
        for (const BodyField &field : m_fields)
            fields.append(QJsonObject{{QStringLiteral("name"), field.name},
                                      {QStringLiteral("type"), BodyField::typeName(field.type)},
                                      {QStringLiteral("required"), field.required()},
                                      {QStringLiteral("nullable"), field.nullable()},
                                      {QStringLiteral("signedInOnly"), field.signedInOnly()}});
        body = QJsonObject{{QStringLiteral("emptyAllowed"), m_emptyBodyAllowed},
                           {QStringLiteral("contentType"), QString::fromLatin1(contentType())},
                           {QStringLiteral("fields"), fields}};
    }
    return {{QStringLiteral("method"), QString::fromLatin1(methodName())},
            {QStringLiteral("pattern"), m_pattern},
            {QStringLiteral("access"), accessName(m_access)},
            {QStringLiteral("bodyLimit"), m_bodyLimit},
            {QStringLiteral("query"), QJsonArray::fromStringList(m_queryKeys)},
            {QStringLiteral("body"), body}};
}

} // namespace Crm
