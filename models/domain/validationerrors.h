#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Crm {

// The problems found in a record, one message per field, keyed by the API's camelCase field
// name ("email"). Becomes the "fields" object of a 422 validation_failed answer and lets a
// form put each message beside the right input. Keeps the order in which fields were added,
// which is the order of the form.
class ValidationErrors final
{
public:
    // Records a problem with `field`. The first message for a field wins: later checks on the
    // same field are usually consequences of the first problem.
    void add(const QString &field, const QString &message);

    bool isEmpty() const { return m_entries.isEmpty(); }
    qsizetype count() const { return m_entries.size(); }
    bool contains(const QString &field) const;
    // Empty when `field` has no problem.
    QString message(const QString &field) const;
    // Field names in the order they were added.
    QStringList fields() const;

    // {"email": "Enter a valid e-mail address.", ...}
    QJsonObject toJson() const;
    // All messages, one per line, in the order they were added (for a dialog or a log line).
    QString summary() const;
    // As an Error value: validation_failed, the summary, and the fields.
    Error toError() const;
    // One field's problem as an Error.
    static Error single(const QString &field, const QString &message);

private:
    QList<QPair<QString, QString>> m_entries;
};

} // namespace Crm
