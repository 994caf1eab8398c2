#pragma once

#include "http/apierror.h"
#include "http/requestbody.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace Crm {

// Who may call a route: anyone, a signed-in user, or an admin.
enum class Access { Public, User, Admin };

// One field of a request body as a route declares it.
struct BodyField
{
    enum class Type { String, Integer, Boolean, Time, StringList, Object, Array };
    // Flags, or-ed: a required field missing is a 422 naming it; a nullable one may be sent as
    // null; a signed-in-only one is an unknown field for an anonymous caller.
    enum Flag { Optional = 0, Required = 1, Nullable = 2, SignedInOnly = 4 };

    QString name;
    Type type = Type::String;
    int flags = Optional;

    bool required() const { return flags & Required; }
    bool nullable() const { return flags & Nullable; }
    bool signedInOnly() const { return flags & SignedInOnly; }
    static QString typeName(Type type);
};

// What a route takes: its method and path, who may call it, the body fields it reads (name,
// type, required, nullable), the query keys it reads and its body limit. ApiServer checks a
// request's body against it before the handler runs, so a 400 or 422 naming the field comes
// from one place (check()), and `crm-server routes` publishes the list (toJson()).
class RouteSpec final
{
public:
    using Method = QHttpServerRequest::Method;
    static constexpr qint64 DefaultBodyLimit = 1024 * 1024;

    RouteSpec(Method method, QString pattern, Access access);

    // A body field, in the order a handler reads them (the first wrong type is the one named).
    RouteSpec &field(const QString &name, BodyField::Type type, int flags = BodyField::Optional);
    // A bare request (no body at all) reads as {} instead of being refused.
    RouteSpec &emptyBodyAllowed();
    // The body is application/x-www-form-urlencoded (a webhook that posts forms, as Twilio
    // does): every parameter reads as a string field, unknown ones are allowed (such senders
    // add parameters over time), required ones are checked.
    RouteSpec &formEncoded();
    RouteSpec &query(const QStringList &keys);
    RouteSpec &bodyLimit(qint64 bytes);

    Method method() const { return m_method; }
    QByteArray methodName() const;
    const QString &pattern() const { return m_pattern; }
    Access access() const { return m_access; }
    qint64 bodyLimit() const { return m_bodyLimit; }
    // False for a route that reads no body (a GET, a logout): whatever is sent is ignored.
    bool takesBody() const { return !m_fields.isEmpty(); }
    bool isFormEncoded() const { return m_formEncoded; }
    // The media type the body must have.
    QByteArray contentType() const
    {
        return m_formEncoded ? QByteArrayLiteral("application/x-www-form-urlencoded")
                             : QByteArrayLiteral("application/json");
    }
    const QList<BodyField> &fields() const { return m_fields; }
    const QStringList &queryKeys() const { return m_queryKeys; }

    // The body checked against the declaration: malformed JSON, not an object, characters no
    // database stores, an unknown field or a wrong type is a 400 bad_request naming the field;
    // missing required fields are one 422 validation_failed naming each.
    std::variant<RequestBody, ApiError> check(const QByteArray &body, bool signedIn) const;

    // {"method", "pattern", "access", "bodyLimit", "query": [...], "body": null |
    //  {"emptyAllowed", "fields": [{"name", "type", "required", "nullable", "signedInOnly"}]}}
    QJsonObject toJson() const;

private:
    Method m_method;
    QString m_pattern;
    Access m_access;
    QList<BodyField> m_fields;
    QStringList m_queryKeys;
    qint64 m_bodyLimit = DefaultBodyLimit;
    bool m_emptyBodyAllowed = false;
    bool m_formEncoded = false;
};

} // namespace Crm
