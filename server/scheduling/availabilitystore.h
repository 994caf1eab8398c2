#pragma once

#include "domain/availability.h"
#include "domain/result.h"
#include "domain/slotcalculator.h"

#include <QSqlDatabase>

namespace Crm {

class WriteTransaction;

// A provider's availability as the server keeps it (provider_settings, provider_availability,
// provider_overrides, time_off) and the time their appointments hold. A provider who never
// saved hours has Availability::defaults in their own time zone; the first write of any kind
// (hours, time off, a booking) stores those defaults, so what they see never changes under them.
//
// Every write raises the provider's revision (provider_settings.revision) in the writer's
// transaction and logs the change for sync, with the provider as audience. Raising it is also
// the booking lock: on PostgreSQL it takes the provider's row lock until commit, so two
// bookings of one provider (on any instance) check and insert one after the other.
class AvailabilityStore final
{
public:
    // Whether `providerId` is an active user who can take appointments; their time zone.
    struct Provider
    {
        QString id;
        QString timeZone;
    };
    static Result<std::optional<Provider>> provider(const QSqlDatabase &db, const QString &providerId);

    // The availability with the time off that ends after `timeOffFrom` (epoch ms).
    static Result<Availability> load(const QSqlDatabase &db, const QString &providerId, qint64 timeOffFrom);
    // The provider's revision (0 before any write).
    static Result<qint64> revision(const QSqlDatabase &db, const QString &providerId);

    // The ranges the provider's appointments hold (not cancelled) that end after `from` and
    // start before `to`, in time order; `ids` gets their appointment ids in the same order.
    static Result<QList<TimeRange>> busy(const QSqlDatabase &db,
                                         const QString &providerId,
                                         qint64 from,
                                         qint64 to,
                                         QStringList *ids = nullptr,
                                         const QString &exceptId = {});

    // Locks the provider (see above), storing the defaults first if needed; returns the new
    // revision. Every write below calls it.
    static Result<qint64> lock(WriteTransaction &tx, const QString &providerId);

    // Saves hours, zone, buffer, notice, horizon and overrides (time off is not touched).
    static Result<Availability> save(WriteTransaction &tx, const QString &providerId, Availability availability);
    static Result<Availability::TimeOff> addTimeOff(WriteTransaction &tx,
                                                    const QString &providerId,
                                                    Availability::TimeOff entry);
    // False when the provider has no such time off.
    static Result<bool> removeTimeOff(WriteTransaction &tx, const QString &providerId, const QString &id);

    // The calendar feed: a new token (its digest stored, the old one dropped), and whose a
    // token is.
    static Result<QString> rotateFeedToken(WriteTransaction &tx, const QString &userId);
    static Result<std::optional<QString>> feedOwner(const QSqlDatabase &db, const QString &token);

    // The sync's `availability` data: Availability::toJson() without time off, plus providerId.
    static QJsonObject changeData(const QString &providerId, const Availability &availability);
    static QJsonObject timeOffData(const QString &providerId, const Availability::TimeOff &entry);
};

} // namespace Crm
