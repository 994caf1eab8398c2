#pragma once

#include <QLocale>

class QCoreApplication;

namespace Crm {

// Loads Qt's own and the app's translation for a locale (the system's by default) and installs
// them on the application. English needs none; a missing translation falls back to English.
class Translations final
{
public:
    static bool install(const QLocale &locale = QLocale());
};

} // namespace Crm
