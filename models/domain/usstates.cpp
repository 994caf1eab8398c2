#include "usstates.h"

#include <QLatin1String>

#include <algorithm>
#include <iterator>

namespace Crm {

namespace {

struct State
{
    const char *code;
    const char *name;
};

// Sorted by code, so lookups can use binary search.
constexpr State states[] = {
    {"AK", "Alaska"},
    {"AL", "Alabama"},
    {"AR", "Arkansas"},
    {"AS", "American Samoa"},
    {"AZ", "Arizona"},
    {"CA", "California"},
    {"CO", "Colorado"},
    {"CT", "Connecticut"},
    {"DC", "District of Columbia"},
    {"DE", "Delaware"},
    {"FL", "Florida"},
    {"GA", "Georgia"},
    {"GU", "Guam"},
    {"HI", "Hawaii"},
    {"IA", "Iowa"},
    {"ID", "Idaho"},
    {"IL", "Illinois"},
    {"IN", "Indiana"},
    {"KS", "Kansas"},
    {"KY", "Kentucky"},
    {"LA", "Louisiana"},
    {"MA", "Massachusetts"},
    {"MD", "Maryland"},
    {"ME", "Maine"},
    {"MI", "Michigan"},
    {"MN", "Minnesota"},
    {"MO", "Missouri"},
    {"MP", "Northern Mariana Islands"},
    {"MS", "Mississippi"},
    {"MT", "Montana"},
    {"NC", "North Carolina"},
    {"ND", "North Dakota"},
    {"NE", "Nebraska"},
    {"NH", "New Hampshire"},
    {"NJ", "New Jersey"},
    {"NM", "New Mexico"},
    {"NV", "Nevada"},
    {"NY", "New York"},
    {"OH", "Ohio"},
    {"OK", "Oklahoma"},
    {"OR", "Oregon"},
    {"PA", "Pennsylvania"},
    {"PR", "Puerto Rico"},
    {"RI", "Rhode Island"},
    {"SC", "South Carolina"},
    {"SD", "South Dakota"},
    {"TN", "Tennessee"},
    {"TX", "Texas"},
    {"UT", "Utah"},
    {"VA", "Virginia"},
    {"VI", "U.S. Virgin Islands"},
    {"VT", "Vermont"},
    {"WA", "Washington"},
    {"WI", "Wisconsin"},
    {"WV", "West Virginia"},
    {"WY", "Wyoming"},
};

const State *find(const QString &code)
{
    if (code.size() != 2)
        return nullptr;
    const auto it = std::lower_bound(std::begin(states),
                                     std::end(states),
                                     code,
                                     [](const State &state, const QString &wanted) {
                                         return QLatin1String(state.code) < wanted;
                                     });
    if (it == std::end(states) || QLatin1String(it->code) != code)
        return nullptr;
    return it;
}

} // namespace

QStringList UsStates::codes()
{
    QStringList result;
    result.reserve(static_cast<qsizetype>(std::size(states)));
    for (const State &state : states)
        result.append(QLatin1String(state.code));
    return result;
}

bool UsStates::isValid(const QString &code)
{
    return find(code) != nullptr;
}

QString UsStates::name(const QString &code)
{
    const State *state = find(code);
    return state ? QLatin1String(state->name) : QString();
}

} // namespace Crm
