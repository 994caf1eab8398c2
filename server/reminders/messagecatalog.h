#pragma once

#include <QLocale>
#include <QString>

namespace Crm {

// What the server writes to a lead, in the lead's language (Lead::languages()): the same Qt
// translation files as the desktop (":/i18n/crm_<language>.qm"), read per message instead of
// through the application's installed translators, so reminder threads writing in English and
// in Spanish at once do not meet. The sources are marked with QT_TRANSLATE_NOOP (lupdate
// collects them from the server's message code too). Thread-safe: the files are loaded once.
class MessageCatalog final
{
public:
    MessageCatalog() = delete;

    // `source` in `language` ("en", "es"); the source itself when there is no translation.
    // With n >= 0, the plural form for n, with %n written as the number.
    static QString text(const QString &language, const char *context, const char *source, int n = -1);
    // The locale a language writes dates and numbers in: the United States' English or Spanish.
    static QLocale locale(const QString &language);
};

} // namespace Crm
