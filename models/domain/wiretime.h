#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace Crm::WireTime {

// Times on the wire are ISO-8601 UTC with a trailing Z (milliseconds only when there are
// some); inside, UTC epoch milliseconds. The one conversion both ends and every entity use.
QString toWire(qint64 epochMs);

// Accepts "2026-12-01T15:00:00Z" and "2026-12-01T15:00:00.123Z" (and explicit offsets);
// std::nullopt for anything else, so callers can answer 400 naming the field.
std::optional<qint64> fromWire(const QString &text);

} // namespace Crm::WireTime
