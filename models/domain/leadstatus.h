#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

namespace Crm {

// Where a lead stands in the enrollment funnel. The wire names are in LeadStatusMachine.
enum class LeadStatus { New, Contacted, Qualified, Enrolled, Closed };

// The lead status rules of API.md, shared by the server and the desktop client so both refuse
// the same moves. Also the single place that maps statuses to wire names and display names.
class LeadStatusMachine final
{
public:
    LeadStatusMachine() = delete;

    // All statuses in funnel order (for filters, combo boxes and statistics).
    static QList<LeadStatus> all();

    // The wire name: "new", "contacted", "qualified", "enrolled", "closed".
    static QString toString(LeadStatus status);
    // Exact wire names only; std::nullopt for anything else so callers can answer 400.
    static std::optional<LeadStatus> fromString(const QString &text);

    // True for an allowed move. Staying in the same status is an allowed no-op.
    static bool canTransition(LeadStatus from, LeadStatus to);
    // The statuses a lead in `from` may move to, in funnel order, without `from` itself.
    static QList<LeadStatus> allowedTransitions(LeadStatus from);

    // True for a status reached only through a conversion, which records what it means (an
    // enrollment with its plan): Enrolled. Choosing it opens the Convert dialog; a plain
    // status edit to it is refused on the desktop.
    static bool needsConversion(LeadStatus to);

    // True for a lead still being worked: in the funnel, neither enrolled nor closed. An
    // agent's "open leads" (their load, what an admin hands over) are these.
    static bool isOpen(LeadStatus status);
    // The open statuses in funnel order, for queries that select open leads.
    static QList<LeadStatus> openStatuses();

    // A refused move as an Error: invalid_transition, saying so (also when the lead is
    // already in `to`), with the statuses `from` may move to in details.allowed.
    static Error refusal(LeadStatus from, LeadStatus to);

    // Translated name for people, e.g. "Contacted".
    static QString displayName(LeadStatus status);
};

} // namespace Crm
