#include "messagecatalog.h"

#include "domain/lead.h"
#include "serverlogging.h"

#include <QHash>
#include <QTranslator>

#include <memory>

namespace Crm {

namespace {

using Translators = QHash<QString, std::shared_ptr<const QTranslator>>;

const Translators &translators()
{
    static const Translators loaded = [] {
        Translators result;
        for (const QString &language : Lead::languages()) {
            auto translator = std::make_shared<QTranslator>();
            // English has only its plural forms; a missing file leaves the sources.
            if (translator->load(QStringLiteral(":/i18n/crm_") + language + QStringLiteral(".qm")))
                result.insert(language, translator);
            else
                qCWarning(lcServer) << "No translations for the lead language" << language;
        }
        return result;
    }();
    return loaded;
}

} // namespace

QString MessageCatalog::text(const QString &language, const char *context, const char *source, int n)
{
    const std::shared_ptr<const QTranslator> translator = translators().value(language);
    QString text = translator ? translator->translate(context, source, nullptr, n) : QString();
    if (text.isEmpty())
        text = QString::fromUtf8(source);
    if (n >= 0)
        text.replace(QStringLiteral("%n"), locale(language).toString(n));
    return text;
}

QLocale MessageCatalog::locale(const QString &language)
{
    if (language == QLatin1String("es"))
        return QLocale(QLocale::Spanish, QLocale::UnitedStates);
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

} // namespace Crm
