#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Crm {

// The conflict inbox as the Conflicts dialog lists it: every open conflict or refused change,
// oldest first, with the name of the person it is about. Resolving goes through LocalEdits.
// A failed query is logged and reads as an empty inbox.
class ConflictReader final
{
public:
    explicit ConflictReader(QSqlDatabase db);

    struct OpenConflict
    {
        QString id;
        QString kind;   // "conflict", or "rejected" for a change the server refused
        QString entity; // lead, follow_up, enrollment...
        QString entityId;
        QString field;
        QString mine; // stored values: a one-element JSON array, empty when none
        QString theirs;
        QString reason; // why the server refused; empty for a conflict
        QString recordName; // the lead's name (a follow-up's or appointment's lead); empty when not in the cache
        // What else the user needs (ConflictInbox::addRejection): for a refused booking or
        // reschedule {wanted: {start, end}, providerId, leadId?, conflicting?: {id, start, end},
        // suggestions?: [{start, end}]}, and for a booking also what it was (appointmentType,
        // notes?, meetingLink?, userId?); empty otherwise.
        QJsonObject details;
    };
    QList<OpenConflict> open() const;

private:
    QSqlDatabase m_db;
};

} // namespace Crm
