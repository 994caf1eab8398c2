#pragma once

#include "domain/result.h"
#include "schedulingrecords.h"
#include "store/appointmentreader.h"
#include "store/notificationstore.h"
#include "syncstate.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace Crm {

// Puts what the server sent into the cache: pull pages, each applied with its cursor in one
// transaction (a lead newly assigned to me raises a "new lead" notice; so does a booking,
// reschedule or cancellation of my appointment made elsewhere), a first download as a
// bulk load, a re-snapshot after 410 cursor_expired, and single records the engine fetched.
// Local rows with pending edits are rebased: the server's row with the pending changes
// re-applied on top. Works on one connection; the engine owns it on its worker thread.
class PullApplier final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::PullApplier)

public:
    explicit PullApplier(QSqlDatabase db);

    // Applies one pull page and moves the cursor, atomically.
    Status applyPage(const QJsonArray &changes, qint64 newCursor);
    // A first download into an empty cache runs as a bulk load: indexes are built once at the
    // end rather than row by row. begin does nothing unless the cache is empty; finish does
    // nothing unless a bulk load is under way (also one a killed process left behind).
    Status beginBulkLoad();
    Status finishBulkLoad();
    // Forgets everything the server sent (410 cursor_expired), keeping the outbox.
    Status resetForSnapshot();
    // Stores one record as the server has it (e.g. after a rejected edit), rebasing it.
    Status applyServerRecord(const QString &entity, const QJsonObject &data);
    Status removeRecord(const QString &entity, const QString &id);

    // The steps of the above, inside the caller's transaction (the outbox uses them when the
    // server answers a push). An entity this version does not keep is skipped.
    bool upsert(const QString &entity,
                const QJsonObject &data,
                QString *error,
                bool *inserted = nullptr);
    bool remove(const QString &entity, const QString &id, QString *error);
    // Re-applies this device's pending changes on top of the server's copy of a record.
    bool rebase(const QString &entity, const QString &id, QString *error);
    // Sets the editable fields of a record to one side (`which`: old or new) of a mutation's
    // {field: {old, new}}.
    bool setFields(const QString &entity,
                   const QString &id,
                   const QJsonObject &fields,
                   const QString &which,
                   QString *error);

    // The scheduling rows (appointments, availability, time off, reminders) on this connection.
    SchedulingRecords &scheduling() { return m_scheduling; }

private:
    Status applyPageOnce(const QJsonArray &changes, qint64 newCursor, bool purgeOrphans);
    // A pulled appointment of mine that someone else (another device, an admin) booked, moved
    // or cancelled: a notice. `before` is the cached copy the change replaced.
    bool noticeAppointmentChange(const std::optional<AppointmentReader::Entry> &before,
                                 const QJsonObject &data,
                                 QString *error);
    // A pulled reminder that failed for good (after its retries, or refused outright): a
    // notice to whoever holds its appointment (its provider; admins hold them all), once per
    // failure.
    bool noticeFailedReminder(const QJsonObject &data, qint64 version, QString *error);

    QSqlDatabase m_db;
    SyncState m_state;
    NotificationStore m_notices;
    SchedulingRecords m_scheduling;
    AppointmentReader m_appointments;
    QHash<QString, QSqlQuery> m_updates;
    QHash<QString, QSqlQuery> m_inserts;
    QHash<QString, QSqlQuery> m_exists;
    bool m_insertFirst = false;
    QHash<QString, QSet<QString>> m_loadedIds; // during a bulk load: ids inserted so far
};

} // namespace Crm
