#include "ids.h"

#include <QRegularExpression>
#include <QUuid>

namespace Crm {

QString Ids::create()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool Ids::isValid(const QString &text)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return uuid.match(text).hasMatch();
}

} // namespace Crm
