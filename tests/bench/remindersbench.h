#pragma once

#include "benchmark.h"

#include <QCoreApplication>

namespace CrmBench {

// reminders: how quickly does crm-server deliver a backlog of e-mail reminders that are all due
// at once, through a real SMTP server (tests/support/smtp-sink --bulk: Debian's python3-aiosmtpd
// on loopback, each message stored as received)?
//
//   setup     A fresh encrypted SQLite database with one agent, open around the clock. A
//             crm-server serve without --smtp (so e-mail reminders stay pending) takes, over 8
//             connections: 2,000 leads with an e-mail address (one per appointment, in six US
//             states, so the messages are written in six zones); 2,000 appointments of the
//             agent booked with override, each with its lead: the first 20 less than two hours
//             ahead (each gets its one reminder due at once from the booking), the others three
//             days and more ahead (their 24 h and 2 h reminders fall days after the run); then
//             POST /api/appointments/:id/remind {"channel":"email"} round the appointments until
//             10,000 e-mail reminders are due (about five an appointment). The server stops and
//             the database is checked: exactly 10,000 e-mail reminders pending and due.
//   delivery  The clock starts (t0) and crm-server serve starts on the same database with
//             --smtp smtp+insecure://127.0.0.1:PORT, the worker at its defaults (poll every
//             second, batches of 10). The sink's folder is counted every 100 ms until it holds
//             all 10,000 messages (or the deadline: 30 s + 10 ms a reminder). reminders_per_s
//             is the messages in the sink over that time, server start included. The server
//             stops (letting the worker finish its round) and the ledger is read from the
//             database: the states, and for each sent reminder its lateness, sentAt - t0. Every
//             reminder was due before t0 (scheduledFor is when it was created, seconds to
//             minutes earlier), so lateness counts from the moment delivery became possible,
//             not from scheduledFor; p50, p95 and max.
//
//   ceiling   sink_ceiling_per_s: right after, a second sink of the same kind takes 5,000
//             copies of the first reminder stored, pushed by crm-bench itself over one persistent
//             connection (no database, no composing): what the sink alone can take on this
//             machine at this moment, the ceiling reminders_per_s cannot pass.
//
// --rows-scale scales the reminders and, with them, the leads and appointments (at least 50
// reminders). Targets are reported, not asserted.
class RemindersBench final : public Benchmark
{
    Q_DECLARE_TR_FUNCTIONS(CrmBench::RemindersBench)

public:
    static constexpr int Reminders = 10000;
    static constexpr int RemindersPerAppointment = 5;
    static constexpr int SoonAppointments = 20;
    static constexpr int SetupConnections = 8;
    static constexpr int SinkPollMs = 100;
    static constexpr int SinkCeilingMessages = 5000;
    static constexpr double TargetRemindersPerSecond = 200.0;
    static constexpr double TargetLatenessP95Seconds = 5.0;

    QString name() const override { return QStringLiteral("reminders"); }
    QString description() const override;
    Crm::Result<BenchmarkReport> run(const Options &options) override;
};

} // namespace CrmBench
