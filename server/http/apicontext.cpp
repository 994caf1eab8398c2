#include "apicontext.h"

namespace Crm {

QByteArray ApiContext::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QString ApiContext::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

bool ApiContext::isCleanText(const QString &text)
{
    // NUL cannot be stored by PostgreSQL and lone UTF-16 surrogates cannot be stored as UTF-8
    // by either database without changing them: refuse both at the door.
    const QChar *c = text.constData();
    const QChar *end = c + text.size();
    for (; c < end; ++c) {
        if (c->isNull())
            return false;
        if (c->isHighSurrogate()) {
            if (c + 1 == end || !(c + 1)->isLowSurrogate())
                return false;
            ++c;
        } else if (c->isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

} // namespace Crm
