#include "leadstatus.h"

#include <QJsonArray>

#include <QCoreApplication>

namespace Crm {

QList<LeadStatus> LeadStatusMachine::all()
{
    return {LeadStatus::New,
            LeadStatus::Contacted,
            LeadStatus::Qualified,
            LeadStatus::Enrolled,
            LeadStatus::Closed};
}

QString LeadStatusMachine::toString(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New:
        return QStringLiteral("new");
    case LeadStatus::Contacted:
        return QStringLiteral("contacted");
    case LeadStatus::Qualified:
        return QStringLiteral("qualified");
    case LeadStatus::Enrolled:
        return QStringLiteral("enrolled");
    case LeadStatus::Closed:
        return QStringLiteral("closed");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<LeadStatus> LeadStatusMachine::fromString(const QString &text)
{
    const QList<LeadStatus> statuses = all();
    for (LeadStatus status : statuses) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

bool LeadStatusMachine::canTransition(LeadStatus from, LeadStatus to)
{
    if (from == to)
        return true;
    switch (from) {
    case LeadStatus::New:
        return to == LeadStatus::Contacted || to == LeadStatus::Qualified
               || to == LeadStatus::Closed;
    case LeadStatus::Contacted:
        return to == LeadStatus::Qualified || to == LeadStatus::Enrolled
               || to == LeadStatus::Closed;
    case LeadStatus::Qualified:
        // Qualified may fall back to contacted when the lead needs more follow-up.
        return to == LeadStatus::Contacted || to == LeadStatus::Enrolled
               || to == LeadStatus::Closed;
    case LeadStatus::Enrolled:
        return to == LeadStatus::Closed;
    case LeadStatus::Closed:
        // Reopening goes through contacted: a reopened lead has been talked to before.
        return to == LeadStatus::Contacted;
    }
    return false;
}

QList<LeadStatus> LeadStatusMachine::allowedTransitions(LeadStatus from)
{
    QList<LeadStatus> result;
    const QList<LeadStatus> statuses = all();
    for (LeadStatus to : statuses) {
        if (to != from && canTransition(from, to))
            result.append(to);
    }
    return result;
}

bool LeadStatusMachine::needsConversion(LeadStatus to)
{
    return to == LeadStatus::Enrolled;
}

bool LeadStatusMachine::isOpen(LeadStatus status)
{
    return status != LeadStatus::Enrolled && status != LeadStatus::Closed;
}

QList<LeadStatus> LeadStatusMachine::openStatuses()
{
    QList<LeadStatus> open;
    const QList<LeadStatus> statuses = all();
    for (LeadStatus status : statuses) {
        if (isOpen(status))
            open.append(status);
    }
    return open;
}

Error LeadStatusMachine::refusal(LeadStatus from, LeadStatus to)
{
    const QString message
        = from == to ? QCoreApplication::translate("Crm::LeadStatus", "The lead is already %1.")
                           .arg(toString(to))
                     : QCoreApplication::translate("Crm::LeadStatus",
                                                   "A lead cannot move from %1 to %2.")
                           .arg(toString(from), toString(to));
    QJsonArray allowed;
    for (LeadStatus status : allowedTransitions(from))
        allowed.append(toString(status));
    return {QStringLiteral("invalid_transition"),
            message,
            {},
            {{QStringLiteral("allowed"), allowed}}};
}

QString LeadStatusMachine::displayName(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New:
        return QCoreApplication::translate("Crm::LeadStatus", "New");
    case LeadStatus::Contacted:
        return QCoreApplication::translate("Crm::LeadStatus", "Contacted");
    case LeadStatus::Qualified:
        return QCoreApplication::translate("Crm::LeadStatus", "Qualified");
    case LeadStatus::Enrolled:
        return QCoreApplication::translate("Crm::LeadStatus", "Enrolled");
    case LeadStatus::Closed:
        return QCoreApplication::translate("Crm::LeadStatus", "Closed");
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace Crm
