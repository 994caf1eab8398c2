#include "availabilitycache.h"

#include "scheduling/availabilitystore.h"

#include <limits>

namespace Crm {

AvailabilityCache::AvailabilityCache(bool enabled)
    : m_enabled(enabled)
{}

Result<std::shared_ptr<const AvailabilityCache::Inputs>> AvailabilityCache::inputs(const QSqlDatabase &db,
                                                                                 const QString &providerId,
                                                                                 qint64 now)
{
    // The revision is read before anything else: a change committed meanwhile leaves a newer
    // revision behind, so an entry is never newer-looking than its data.
    const Result<qint64> revision = AvailabilityStore::revision(db, providerId);
    if (!revision.ok())
        return revision.error();
    // A slot starts at `now` at the earliest and the buffer is at most a few hours, so what
    // ended a day before `now` cannot matter.
    const qint64 from = now - SlotCalculator::Day;
    if (m_enabled) {
        QMutexLocker locker(&m_mutex);
        const auto found = m_entries.constFind(providerId);
        if (found != m_entries.constEnd() && (*found)->revision == revision.value())
            return *found;
    }

    auto entry = std::make_shared<Inputs>();
    entry->revision = revision.value();
    auto availability = AvailabilityStore::load(db, providerId, from);
    if (!availability.ok())
        return availability.error();
    entry->availability = availability.value();
    auto busy = AvailabilityStore::busy(db, providerId, from, std::numeric_limits<qint64>::max() / 2);
    if (!busy.ok())
        return busy.error();
    entry->busy = busy.value();
    if (m_enabled) {
        QMutexLocker locker(&m_mutex);
        if (m_entries.size() >= MaxEntries)
            m_entries.clear();
        m_entries.insert(providerId, entry);
    }
    return std::shared_ptr<const Inputs>(entry);
}

} // namespace Crm
