#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>

namespace Crm {

// The conflict inbox as the sync engine fills it when the server answers a push: a field
// someone else changed too (both values kept for the user to choose), or a change the server
// refused (and why); and how many are still open. The Conflicts dialog lists them through
// ConflictReader; LocalEdits::resolveConflict closes them.
class ConflictInbox final
{
public:
    explicit ConflictInbox(QSqlDatabase db);

    // Inside the caller's transaction. Values are stored as one-element JSON arrays, so a null
    // stays distinguishable from an empty string.
    Status addConflict(const QString &mutationId,
                       const QString &entity,
                       const QString &entityId,
                       const QString &field,
                       const QJsonValue &mine,
                       const QJsonValue &theirs,
                       qint64 createdAt);
    // details: what the user needs beside the reason, as JSON; for a refused booking or
    // reschedule {wanted: {start, end}, providerId, leadId?, conflicting?: {id, start, end},
    // suggestions?: [{start, end}]}.
    Status addRejection(const QString &mutationId,
                        const QString &entity,
                        const QString &entityId,
                        const QString &reason,
                        qint64 createdAt,
                        const QJsonObject &details = {});

    // Conflicts and refused changes not resolved yet; 0 when the count fails.
    int openCount() const;

private:
    Status add(const QString &kind,
               const QString &mutationId,
               const QString &entity,
               const QString &entityId,
               const QString &field,
               const QString &mine,
               const QString &theirs,
               const QString &reason,
               qint64 createdAt,
               const QJsonObject &details = {});

    QSqlDatabase m_db;
};

} // namespace Crm
