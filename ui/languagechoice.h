#pragma once

class QComboBox;

namespace Crm {

// The choices of a lead's preferred language, as every form offers them: "Not said" (empty)
// first, then Lead::languages() by name; the code is each item's data.
void fillLanguageChoices(QComboBox *combo);

} // namespace Crm
