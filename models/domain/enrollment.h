#pragma once

#include "validationerrors.h"

#include <QDate>
#include <QString>

namespace Crm {

// What an agent enters to convert a lead into an enrolled member, and the one rule for it:
// the desktop (LocalEdits, ConvertDialog) and the server (REST and sync push) both call
// validate(), so a conversion refused on one side is refused on the other.
struct Enrollment
{
    static constexpr int MaxPlanLength = 255;
    static constexpr int MaxNotesLength = 5000;

    QString plan;          // required: an enrollment without a plan is not an enrollment
    QString effectiveDate; // YYYY-MM-DD, or empty when not known yet
    QString notes;

    // Exactly YYYY-MM-DD (QDate's ISO reader alone would take other lengths); invalid otherwise.
    static QDate parseDate(const QString &text);

    // The plan trimmed and the date in ISO form; call before validate() and before saving.
    Enrollment normalized() const;
    // Field problems keyed by the API's names: plan, effectiveDate, notes.
    ValidationErrors validate() const;
};

} // namespace Crm
