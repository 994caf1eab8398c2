#pragma once

#include "domain/availability.h"
#include "domain/result.h"
#include "domain/slotcalculator.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>

#include <memory>

namespace Crm {

// What slot answers are computed from, kept per provider: their availability and the time
// their appointments hold from a day ago on. An entry is good while the provider's revision
// (AvailabilityStore::revision, raised in the same transaction as every change to their hours,
// time off or appointments, on any server instance) is the one it was loaded at; checking
// that is one primary-key read instead of four queries and the busy scan. The computation
// itself (SlotCalculator) runs per request, so "now" (notice, horizon) is always current.
// Thread-safe; shared by the request threads.
class AvailabilityCache final
{
public:
    struct Inputs
    {
        qint64 revision = 0;
        Availability availability;
        QList<TimeRange> busy;
    };

    explicit AvailabilityCache(bool enabled = true);

    // The inputs for slots starting from `now` on; loaded when missing or stale (or always,
    // when the cache is disabled: CRM_AVAILABILITY_CACHE=off, for the benchmark's baseline).
    Result<std::shared_ptr<const Inputs>> inputs(const QSqlDatabase &db, const QString &providerId, qint64 now);

    bool enabled() const { return m_enabled; }

private:
    static constexpr int MaxEntries = 4096;

    const bool m_enabled;
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<const Inputs>> m_entries;
};

} // namespace Crm
