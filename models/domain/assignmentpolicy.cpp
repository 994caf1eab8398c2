#include "assignmentpolicy.h"

namespace Crm {

QString AssignmentPolicy::modeName(Mode mode)
{
    switch (mode) {
    case Mode::RoundRobin:
        return QStringLiteral("round_robin");
    case Mode::Territory:
        return QStringLiteral("territory");
    case Mode::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

std::optional<AssignmentPolicy::Mode> AssignmentPolicy::parseMode(const QString &text)
{
    for (Mode mode : {Mode::RoundRobin, Mode::Territory, Mode::Manual}) {
        if (modeName(mode) == text)
            return mode;
    }
    return std::nullopt;
}

std::optional<AssignmentPolicy::Pick> AssignmentPolicy::direct(const QString &enteringAgentId,
                                                               const QString &requestedAgentId)
{
    if (!enteringAgentId.isEmpty())
        return Pick{enteringAgentId, {AssignmentReason::Kind::EnteredByAgent, {}}};
    if (!requestedAgentId.isEmpty())
        return Pick{requestedAgentId, {AssignmentReason::Kind::Manual, {}}};
    return std::nullopt;
}

std::optional<AssignmentPolicy::Pick> AssignmentPolicy::pick(QList<Candidate> &candidates,
                                                             const QString &leadState,
                                                             Mode mode)
{
    if (mode == Mode::Manual || candidates.isEmpty())
        return std::nullopt;

    AssignmentReason reason;
    QList<Candidate *> pool;
    if (mode == Mode::Territory && !leadState.isEmpty()) {
        for (Candidate &candidate : candidates) {
            if (candidate.territories.contains(leadState))
                pool.append(&candidate);
        }
        reason = {pool.isEmpty() ? AssignmentReason::Kind::NoTerritoryMatch
                                 : AssignmentReason::Kind::Territory,
                  leadState};
    }
    if (pool.isEmpty()) {
        for (Candidate &candidate : candidates)
            pool.append(&candidate);
    }

    qint64 total = 0;
    Candidate *best = nullptr;
    for (Candidate *candidate : std::as_const(pool)) {
        candidate->current += candidate->weight;
        total += candidate->weight;
        if (!best || candidate->current > best->current)
            best = candidate;
    }
    best->current -= total;
    return Pick{best->id, reason};
}

} // namespace Crm
