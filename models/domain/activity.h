#pragma once

#include "validationerrors.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm {

// One entry of a lead's history: a call, e-mail, meeting or note by an agent, or a system
// entry (assignment, status change, resubmission) written by the server.
struct Activity
{
    Q_DECLARE_TR_FUNCTIONS(Crm::Activity)

public:
    static constexpr int MaxNotesLength = 5000;
    // How far ahead of the server's clock a device's clock may be before its times are
    // distrusted: a few minutes of drift is normal, a day ahead is a wrong clock.
    static constexpr qint64 MaxClockAheadMs = 5 * 60 * 1000;

    QString id;
    QString leadId;
    QString agentId;      // empty for system entries without a person behind them
    QString activityType; // call, email, meeting, note, system
    QString notes;
    qint64 occurredAt = 0; // when it happened (the device's clock, bounded by the server)
    qint64 createdAt = 0;  // when the server recorded it
    // A system entry's meaning (HistoryEntry: code and params), so each client words it in
    // its own language; empty for agents' entries and for entries written before codes.
    QString code;
    QJsonObject params;

    static bool isAgentType(const QString &type);   // call, email, meeting, note
    static bool isContactType(const QString &type); // call, email, meeting: a first contact
    static QStringList types(); // every activityType: the agents' types and system

    // When an activity a client reports happened, as the server keeps it: the client's time
    // when it lies between the lead's creation and the server's now plus MaxClockAheadMs.
    // Earlier is clamped to the lead's creation (nothing happened to a lead before it
    // existed), later to the server's now (a clock running ahead); no time at all is now.
    static qint64 boundedOccurredAt(std::optional<qint64> clientTime,
                                    qint64 leadCreatedAt,
                                    qint64 serverNow);

    // An agent's entry as the REST route, the sync push and the desktop all check it: notes of
    // at most MaxNotesLength characters, and a note has some text. (The type is checked apart:
    // an unknown type is a malformed request, not a validation error.)
    ValidationErrors validate() const;

    QJsonObject toJson() const;
};

} // namespace Crm
