#include "fieldmerge.h"

namespace Crm {

QJsonValue FieldMerge::comparable(const QJsonValue &value)
{
    if (value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        return QJsonValue();
    return value;
}

FieldMerge::Outcome FieldMerge::decide(const QJsonValue &old,
                                       const QJsonValue &mine,
                                       const QJsonValue &theirs)
{
    const QJsonValue o = comparable(old);
    const QJsonValue m = comparable(mine);
    const QJsonValue t = comparable(theirs);
    if (t == m)
        return Outcome::NoOp; // already so, whoever did it
    if (t != o)
        return Outcome::Conflict; // someone else changed it meanwhile
    return Outcome::Apply;
}

FieldMerge::Plan FieldMerge::plan(const QJsonObject &current,
                                  const QJsonObject &changes,
                                  const QStringList &editable)
{
    Plan plan;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!editable.contains(it.key()) || !it.value().isObject()) {
            plan.badField = it.key();
            return plan;
        }
        const QJsonObject change = it.value().toObject();
        const QJsonValue mine = comparable(change.value(QLatin1String("new")));
        const QJsonValue theirs = comparable(current.value(it.key()));
        switch (decide(change.value(QLatin1String("old")), mine, theirs)) {
        case Outcome::NoOp:
            break;
        case Outcome::Conflict:
            plan.conflicts.insert(it.key(),
                                  QJsonObject{{QStringLiteral("mine"), mine},
                                              {QStringLiteral("theirs"), theirs}});
            break;
        case Outcome::Apply:
            plan.apply.insert(it.key(), mine);
            break;
        }
    }
    return plan;
}

QJsonObject FieldMerge::change(const QJsonValue &old, const QJsonValue &mine)
{
    return {{QStringLiteral("old"), old}, {QStringLiteral("new"), mine}};
}

} // namespace Crm
