#pragma once

#include "http/apicontext.h"
#include "http/apiresponse.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Crm {

class WriteTransaction;

// POST /api/sync/push: applies a client's outbox, one mutation per transaction, each exactly
// once. The result of every mutationId is stored with it, so a retry (after a timeout, a cut
// connection, a crash) gets the first answer and changes nothing.
//
// Leads merge field by field: a field applies when the server still has the client's old value;
// when the server already has the new value it is a no-op; otherwise it is a conflict, returned
// with both values (and the other fields still apply). Follow-up and appointment edits merge
// the same way.
// Device clocks decide nothing.
class SyncPush final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SyncPush)

public:
    static ApiResponse handle(ApiContext &context);

private:
    static QJsonObject apply(ApiContext &context, WriteTransaction &tx, const QJsonObject &mutation);
    static QJsonObject applyLeadUpdate(ApiContext &context,
                                       WriteTransaction &tx,
                                       const QJsonObject &mutation);
    static QJsonObject applyLeadCreate(ApiContext &context,
                                       WriteTransaction &tx,
                                       const QJsonObject &mutation);
    static QJsonObject applyActivityCreate(ApiContext &context,
                                           WriteTransaction &tx,
                                           const QJsonObject &mutation);
    static QJsonObject applyFollowUpCreate(ApiContext &context,
                                           WriteTransaction &tx,
                                           const QJsonObject &mutation);
    static QJsonObject applyFollowUpUpdate(ApiContext &context,
                                           WriteTransaction &tx,
                                           const QJsonObject &mutation);
    static QJsonObject applyEnrollmentCreate(ApiContext &context,
                                             WriteTransaction &tx,
                                             const QJsonObject &mutation);
    // Appointments are the server's to decide (AppointmentService): a booking made offline
    // is applied or refused as a whole (slot_taken with the clashing slot and suggestions,
    // outside_availability, ...); a change merges field by field like a follow-up's, and the
    // fields that apply go through the same booking checks.
    static QJsonObject applyAppointmentCreate(ApiContext &context,
                                              WriteTransaction &tx,
                                              const QJsonObject &mutation);
    // An admin tries a failed reminder again: fields {status: {old: failed, new: pending}}.
    static QJsonObject applyReminderUpdate(ApiContext &context,
                                           WriteTransaction &tx,
                                           const QJsonObject &mutation);
    static QJsonObject applyAppointmentUpdate(ApiContext &context,
                                              WriteTransaction &tx,
                                              const QJsonObject &mutation);
};

} // namespace Crm
