#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Crm {

// Text a caller controls, made safe for a log line: control characters (a newline could start
// a forged line) become \xNN escapes.
QString loggable(const QString &text);

} // namespace Crm
