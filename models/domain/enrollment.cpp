#include "enrollment.h"

#include <QCoreApplication>

namespace Crm {

QDate Enrollment::parseDate(const QString &text)
{
    return text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
}

Enrollment Enrollment::normalized() const
{
    Enrollment copy = *this;
    copy.plan = plan.trimmed();
    copy.effectiveDate = effectiveDate.trimmed();
    const QDate date = parseDate(copy.effectiveDate);
    if (date.isValid())
        copy.effectiveDate = date.toString(Qt::ISODate);
    return copy;
}

ValidationErrors Enrollment::validate() const
{
    ValidationErrors errors;
    const QString trimmedPlan = plan.trimmed();
    if (trimmedPlan.isEmpty())
        errors.add(QStringLiteral("plan"),
                   QCoreApplication::translate("Crm::Enrollment",
                                               "Enter the plan the member enrolls in."));
    else if (trimmedPlan.size() > MaxPlanLength)
        errors.add(QStringLiteral("plan"),
                   QCoreApplication::translate("Crm::Enrollment",
                                               "The plan can be at most %1 characters.")
                       .arg(MaxPlanLength));
    const QString date = effectiveDate.trimmed();
    if (!date.isEmpty() && !parseDate(date).isValid())
        errors.add(QStringLiteral("effectiveDate"),
                   QCoreApplication::translate("Crm::Enrollment",
                                               "The effective date must be a date such as "
                                               "2027-01-01."));
    if (notes.size() > MaxNotesLength)
        errors.add(QStringLiteral("notes"),
                   QCoreApplication::translate("Crm::Enrollment",
                                               "Notes can be at most %1 characters.")
                       .arg(MaxNotesLength));
    return errors;
}

} // namespace Crm
