#pragma once

#include <QJsonObject>
#include <QString>

namespace Crm {

// One entry of a lead's history: a call, e-mail, meeting or note by an agent, or a system
// entry (assignment, status change, resubmission) written by the server.
struct Activity
{
    static constexpr int MaxNotesLength = 5000;

    QString id;
    QString leadId;
    QString agentId;      // empty for system entries without a person behind them
    QString activityType; // call, email, meeting, note, system
    QString notes;
    qint64 createdAt = 0;

    static bool isAgentType(const QString &type);   // call, email, meeting, note
    static bool isContactType(const QString &type); // call, email, meeting: a first contact

    QJsonObject toJson() const;
};

} // namespace Crm
