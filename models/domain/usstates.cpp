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
    const char *timeZone; // where most of its people live
};

// Sorted by code, so lookups can use binary search.
constexpr State states[] = {
    {"AK", "Alaska", "America/Anchorage"},
    {"AL", "Alabama", "America/Chicago"},
    {"AR", "Arkansas", "America/Chicago"},
    {"AS", "American Samoa", "Pacific/Pago_Pago"},
    {"AZ", "Arizona", "America/Phoenix"},
    {"CA", "California", "America/Los_Angeles"},
    {"CO", "Colorado", "America/Denver"},
    {"CT", "Connecticut", "America/New_York"},
    {"DC", "District of Columbia", "America/New_York"},
    {"DE", "Delaware", "America/New_York"},
    {"FL", "Florida", "America/New_York"},
    {"GA", "Georgia", "America/New_York"},
    {"GU", "Guam", "Pacific/Guam"},
    {"HI", "Hawaii", "Pacific/Honolulu"},
    {"IA", "Iowa", "America/Chicago"},
    {"ID", "Idaho", "America/Boise"},
    {"IL", "Illinois", "America/Chicago"},
    {"IN", "Indiana", "America/Indiana/Indianapolis"},
    {"KS", "Kansas", "America/Chicago"},
    {"KY", "Kentucky", "America/New_York"},
    {"LA", "Louisiana", "America/Chicago"},
    {"MA", "Massachusetts", "America/New_York"},
    {"MD", "Maryland", "America/New_York"},
    {"ME", "Maine", "America/New_York"},
    {"MI", "Michigan", "America/Detroit"},
    {"MN", "Minnesota", "America/Chicago"},
    {"MO", "Missouri", "America/Chicago"},
    {"MP", "Northern Mariana Islands", "Pacific/Saipan"},
    {"MS", "Mississippi", "America/Chicago"},
    {"MT", "Montana", "America/Denver"},
    {"NC", "North Carolina", "America/New_York"},
    {"ND", "North Dakota", "America/Chicago"},
    {"NE", "Nebraska", "America/Chicago"},
    {"NH", "New Hampshire", "America/New_York"},
    {"NJ", "New Jersey", "America/New_York"},
    {"NM", "New Mexico", "America/Denver"},
    {"NV", "Nevada", "America/Los_Angeles"},
    {"NY", "New York", "America/New_York"},
    {"OH", "Ohio", "America/New_York"},
    {"OK", "Oklahoma", "America/Chicago"},
    {"OR", "Oregon", "America/Los_Angeles"},
    {"PA", "Pennsylvania", "America/New_York"},
    {"PR", "Puerto Rico", "America/Puerto_Rico"},
    {"RI", "Rhode Island", "America/New_York"},
    {"SC", "South Carolina", "America/New_York"},
    {"SD", "South Dakota", "America/Chicago"},
    {"TN", "Tennessee", "America/Chicago"},
    {"TX", "Texas", "America/Chicago"},
    {"UT", "Utah", "America/Denver"},
    {"VA", "Virginia", "America/New_York"},
    {"VI", "U.S. Virgin Islands", "America/St_Thomas"},
    {"VT", "Vermont", "America/New_York"},
    {"WA", "Washington", "America/Los_Angeles"},
    {"WI", "Wisconsin", "America/Chicago"},
    {"WV", "West Virginia", "America/New_York"},
    {"WY", "Wyoming", "America/Denver"},
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

QString UsStates::timeZone(const QString &code)
{
    const State *state = find(code);
    return state ? QLatin1String(state->timeZone) : QString();
}

} // namespace Crm
