#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm {

// A request body that has passed its route's declaration (RouteSpec::check): every field is
// known and of its declared type, so the getters cannot fail. Each returns std::nullopt for a
// field that was not sent.
class RequestBody final
{
public:
    RequestBody() = default;
    explicit RequestBody(QJsonObject object)
        : m_object(std::move(object))
    {}

    const QJsonObject &object() const { return m_object; }
    bool has(const char *key) const;
    bool isNull(const char *key) const;

    // A nullable string sent as null reads as a null QString.
    std::optional<QString> string(const char *key) const;
    // The string, or "" when it was absent or null.
    QString text(const char *key) const { return string(key).value_or(QString()); }
    std::optional<bool> boolean(const char *key) const;
    std::optional<qint64> integer(const char *key) const;
    // A time sent as null reads as absent.
    std::optional<qint64> time(const char *key) const;
    std::optional<QStringList> stringList(const char *key) const;

private:
    QJsonObject m_object;
};

} // namespace Crm
