#include "followup.h"

#include <QCoreApplication>

namespace Crm {

ValidationErrors FollowUp::validateNew(const QString &note)
{
    ValidationErrors errors;
    if (note.trimmed().isEmpty())
        errors.add(QStringLiteral("note"),
                   QCoreApplication::translate("Crm::FollowUp",
                                               "Say what to do, e.g. \"Send the plan brochure\"."));
    else
        errors = validateNoteChange(note);
    return errors;
}

ValidationErrors FollowUp::validateNoteChange(const QString &note)
{
    ValidationErrors errors;
    if (note.size() > MaxNoteLength)
        errors.add(QStringLiteral("note"),
                   QCoreApplication::translate("Crm::FollowUp",
                                               "The note can be at most %1 characters.")
                       .arg(MaxNoteLength));
    return errors;
}

} // namespace Crm
