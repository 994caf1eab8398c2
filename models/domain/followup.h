#pragma once

#include "validationerrors.h"

#include <QString>

namespace Crm {

// A reminder on a lead ("call back Tuesday 9:00: send the brochure"). The one rule for what a
// follow-up may hold, called by the desktop (LocalEdits) and the server (REST and sync push).
struct FollowUp
{
    static constexpr int MaxNoteLength = 5000;

    // A new follow-up says what to do: a note that is not blank, within the limit. (An empty
    // one reminds nobody of anything; two came from one double key press.)
    static ValidationErrors validateNew(const QString &note);
    // A changed note: blank is allowed (it clears the note of an existing follow-up).
    static ValidationErrors validateNoteChange(const QString &note);
};

} // namespace Crm
