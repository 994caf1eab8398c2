#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Crm {

bool Translations::install(const QLocale &requested)
{
    // The C locale (no LANG) reads as English, which has its plural forms ("2 conflicts").
    const QLocale locale = requested.language() == QLocale::C ? QLocale(QLocale::English)
                                                              : requested;
    // One pair per process; installing again (the language setting changed) replaces them.
    static QTranslator *qt = nullptr;
    static QTranslator *crm = nullptr;
    for (QTranslator **translator : {&qt, &crm}) {
        if (*translator) {
            QCoreApplication::removeTranslator(*translator);
            delete *translator;
            *translator = nullptr;
        }
    }
    // Numbers and dates follow the chosen language too (14,3 % in Spanish).
    if (requested.language() != QLocale::C)
        QLocale::setDefault(requested);
    qt = new QTranslator;
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    crm = new QTranslator;
    const bool loaded = crm->load(locale,
                                  QStringLiteral("crm"),
                                  QStringLiteral("_"),
                                  QStringLiteral(":/i18n"));
    if (loaded)
        QCoreApplication::installTranslator(crm);
    return loaded;
}

} // namespace Crm
