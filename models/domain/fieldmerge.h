#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace Crm {

// The three-way merge of a record's fields, as the server applies a device's offline edits
// (DESIGN.md, sync): each changed field carries the value the device started from (old) and
// its new one (mine); the record now holds theirs. A field is applied when nobody else changed
// it, a no-op when it already holds mine, and a conflict when someone else changed it to
// something else: the other fields still apply. One rule for leads and follow-ups alike.
class FieldMerge final
{
public:
    enum class Outcome { Apply, NoOp, Conflict };

    // An empty string and null are the same "no value" on the wire.
    static QJsonValue comparable(const QJsonValue &value);
    static Outcome decide(const QJsonValue &old, const QJsonValue &mine, const QJsonValue &theirs);

    struct Plan
    {
        QJsonObject apply;     // field → mine, for the fields to write
        QJsonObject conflicts; // field → {mine, theirs}
        QString badField;      // a field that may not be changed this way, or not as {old, new}
    };
    // changes: field → {"old": …, "new": …} as a device sends them; current: the record now
    // (its JSON); editable: the fields a device may change.
    static Plan plan(const QJsonObject &current,
                     const QJsonObject &changes,
                     const QStringList &editable);

    // One field's change as a device sends it.
    static QJsonObject change(const QJsonValue &old, const QJsonValue &mine);
};

} // namespace Crm
