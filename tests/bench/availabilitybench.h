#pragma once

#include "benchmark.h"

#include <QCoreApplication>

namespace CrmBench {

// availability: how quickly are a provider's free slots computed, and how many bookings a second
// does crm-server take without ever double-booking? Three halves:
//
//   in process   One provider with five windows a day and 10,000 appointments (a year of a busy
//                calendar, past and future, 30 or 60 minutes on the quarter hour, overlapping
//                at random); 1,000 queries of 30 days of slots from random days in the next 60,
//                30- and 60-minute lengths, timed through SlotCalculator, the code the server
//                and the desktop share; p50 and p95.
//   over HTTP    The same provider (the same windows, America/Chicago, 60 minutes' notice, a
//                year ahead, no buffer) in crm-server of this build, on a fresh encrypted SQLite
//                database: 10,000 appointments booked through POST /api/appointments with
//                override, laid out one after the other with random free quarter hours between
//                them over a year around now (a server refuses overlaps, so a year holding
//                10,000 of them is nearly full; slots_per_query says how many the queries
//                find). Then 1,000 GET /api/appointments/availability of 30 days, one at a
//                time, timed at the client: first by a server started with
//                CRM_AVAILABILITY_CACHE=off (every query loads the calendar), then by a normal
//                one on the same database (one untimed query first loads the cache); p50, p95.
//   booking      200 more providers, open every day around the clock (UTC, no notice, a year
//                ahead); 64 connections (one QNetworkAccessManager each, one request in flight)
//                book for 10 seconds (--duration) as an admin: a random provider, a random
//                quarter hour of the next 300 days, 30 minutes. Clients collide now and then:
//                201s and 409s are counted, any other answer is an error. bookings_per_s is the
//                201s over the run's time. Afterwards every provider's appointments are read
//                back through GET /api/agent/appointments, and two non-cancelled ones of a
//                provider that overlap count as an overlap; there must be none.
//
// --rows-scale scales the appointments, the queries and the providers. Targets are reported,
// not asserted.
class AvailabilityBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::AvailabilityBench)

public:
    static constexpr int Appointments = 10000;
    static constexpr int Queries = 1000;
    static constexpr int RangeDays = 30;
    static constexpr int Providers = 200;
    static constexpr int BookingConnections = 64;
    static constexpr int DefaultBookingSeconds = 10;
    static constexpr int BookingDays = 300;
    // Parallel connections while the calendar is filled and the providers are added.
    static constexpr int SetupConnections = 8;
    static constexpr double TargetInProcessP95Ms = 2.0;
    static constexpr double TargetHttpCachedP95Ms = 10.0;
    static constexpr double TargetBookingsPerSecond = 500.0;

    QString name() const override { return QStringLiteral("availability"); }
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;
};

} // namespace CrmBench
