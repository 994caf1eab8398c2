#include "languagechoice.h"

#include "domain/lead.h"

#include <QComboBox>
#include <QCoreApplication>

namespace Crm {

void fillLanguageChoices(QComboBox *combo)
{
    combo->clear();
    combo->addItem(QCoreApplication::translate("Crm::LanguageChoice", "Not said"), QString());
    for (const QString &code : Lead::languages())
        combo->addItem(Lead::languageName(code), code);
}

} // namespace Crm
