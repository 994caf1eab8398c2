#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>

namespace Crm {

// An error as a value: a stable machine code (snake_case, the API's error codes where one
// applies) and a sentence for people. Used at every module boundary instead of exceptions.
// Rules and services say what went wrong without knowing the transport: the HTTP layer maps
// codes to statuses in one place (ApiError::fromError).
struct Error
{
    QString code;
    QString message;
    QJsonObject fields;  // per-field messages, for validation_failed
    QJsonObject details; // what else the caller should know ("allowed", "current", ...)
};

// Either a value or an Error. Small on purpose: callers check ok() and read value() or error().
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// Result of an operation that has no value to return.
class Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace Crm
