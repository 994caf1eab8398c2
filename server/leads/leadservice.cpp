#include "leadservice.h"
#include "store/leadrow.h"

#include "domain/historyentry.h"
#include "domain/ids.h"

#include "assignment/assignmentservice.h"
#include "auth/userservice.h"
#include "domain/lead.h"
#include "domain/leadquery.h"
#include "http/apiserver.h"
#include "http/paging.h"
#include "leads/leadhistory.h"
#include "leads/leadrepository.h"
#include "reminders/smsconsentledger.h"
#include "serverlogging.h"
#include "storage/serverdatabase.h"
#include "storage/writetransaction.h"
#include "store/leadreader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Crm {

namespace {

// The history line of a status move from `from` to the lead's status now; `byContact` when the
// first contact made it (it then sits beside the contact, at `occurredAt`).
Status recordStatusMove(WriteTransaction &tx,
                        const Lead &lead,
                        LeadStatus from,
                        const QString &userId,
                        bool byContact,
                        qint64 occurredAt = 0)
{
    const auto recorded = LeadHistory::addSystem(
        tx,
        lead,
        userId,
        HistoryEntry::statusChanged(LeadStatusMachine::toString(from),
                                    LeadStatusMachine::toString(lead.status),
                                    byContact),
        occurredAt);
    if (!recorded.ok())
        return recorded.error();
    return {};
}

} // namespace

Result<Lead> LeadService::insertNew(WriteTransaction &tx,
                                    const AuthUser *user,
                                    Lead lead,
                                    const QString &requestedAgentId,
                                    const QString &remote)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (lead.id.isEmpty())
        lead.id = Ids::create();
    lead.status = LeadStatus::New;
    lead.firstContactAt.reset();
    lead.createdAt = lead.updatedAt = now;
    lead.version = 1;
    lead.assignedAgentId.clear();

    const QString actorId = user ? user->id : QString();
    std::optional<AssignmentService::Pick> pick = AssignmentPolicy::direct(user && !user->isAdmin()
                                                                               ? user->id
                                                                               : QString(),
                                                                           requestedAgentId);
    if (!pick)
        pick = AssignmentService::pick(tx, lead, AssignmentService::mode(tx.db()));
    const QString agentId = pick ? pick->agentId : QString();

    if (const Status inserted = LeadRepository::insert(tx, lead); !inserted.ok())
        return inserted.error();
    // The origin entry first, so the history reads in the order things happened.
    if (const auto recorded = LeadHistory::addSystem(tx,
                                                     lead,
                                                     actorId,
                                                     HistoryEntry::leadCreated(user == nullptr));
        !recorded.ok())
        return recorded.error();
    if (lead.smsOptIn) {
        if (const Status consented = SmsConsentLedger::record(tx,
                                                              lead,
                                                              true,
                                                              user ? SmsConsent::Method::Agent
                                                                   : SmsConsent::Method::ContactForm,
                                                              actorId);
            !consented.ok())
            return consented.error();
    }
    if (agentId.isEmpty()) {
        if (const Status logged = LeadRepository::publish(tx, lead); !logged.ok())
            return logged.error();
    } else {
        auto assigned = AssignmentService::assign(tx, lead, agentId, pick->reason, actorId);
        if (!assigned.ok())
            return assigned.error();
        lead = assigned.value();
    }
    tx.audit({now,
              actorId,
              QStringLiteral("lead.create"),
              QStringLiteral("lead"),
              lead.id,
              remote,
              LeadSourceNames::toString(lead.source)});
    return lead;
}

Result<Lead> LeadService::saveChanges(WriteTransaction &tx,
                                      const AuthUser &user,
                                      const Lead &current,
                                      Lead changed,
                                      const QString &remote)
{
    changed.normalize();
    const ValidationErrors errors = changed.validate();
    if (!errors.isEmpty())
        return errors.toError();
    if (!LeadStatusMachine::canTransition(current.status, changed.status))
        return LeadStatusMachine::refusal(current.status, changed.status);
    const bool dataChanged = changed.firstName != current.firstName
                             || changed.lastName != current.lastName
                             || changed.email != current.email || changed.phone != current.phone
                             || changed.message != current.message
                             || changed.source != current.source || changed.status != current.status
                             || changed.state != current.state
                             || changed.smsOptIn != current.smsOptIn
                             || changed.preferredLanguage != current.preferredLanguage;
    if (!dataChanged)
        return current;
    // What the client may not change comes from the stored row.
    changed.id = current.id;
    changed.assignedAgentId = current.assignedAgentId;
    changed.firstContactAt = current.firstContactAt;
    changed.createdAt = current.createdAt;
    changed.version = current.version;
    if (const Result<Lead> saved = LeadRepository::save(tx, changed); saved.ok())
        changed = saved.value();
    else
        return saved.error();
    if (changed.status != current.status) {
        if (const Status recorded = recordStatusMove(tx, changed, current.status, user.id, false);
            !recorded.ok())
            return recorded.error();
    }
    // Every other edited field leaves its own line: who changed what, from what to what.
    const QJsonObject before = current.toJson();
    const QJsonObject after = changed.toJson();
    for (const QString &field : Lead::editableFields()) {
        // SMS consent has its own entry, with its proof (below).
        if (field == QLatin1String("status") || field == QLatin1String("assignedAgentId")
            || field == QLatin1String("smsOptIn") || before.value(field) == after.value(field))
            continue;
        const auto recorded = LeadHistory::addSystem(tx,
                                                     changed,
                                                     user.id,
                                                     HistoryEntry::fieldChanged(field,
                                                                                before.value(field),
                                                                                after.value(field)));
        if (!recorded.ok())
            return recorded.error();
    }
    if (changed.smsOptIn != current.smsOptIn) {
        // An agent records what the lead said on a call (a keyword texted back has its own
        // route: TwilioController).
        if (const Status consented = SmsConsentLedger::record(tx,
                                                              changed,
                                                              changed.smsOptIn,
                                                              SmsConsent::Method::Agent,
                                                              user.id);
            !consented.ok())
            return consented.error();
    }
    tx.audit({0,
              user.id,
              QStringLiteral("lead.update"),
              QStringLiteral("lead"),
              changed.id,
              remote,
              QString()});
    return changed;
}

Result<Activity> LeadService::recordActivity(WriteTransaction &tx,
                                             const AuthUser &user,
                                             const Lead &lead,
                                             Activity activity,
                                             std::optional<qint64> occurredAt,
                                             const QString &remote)
{
    if (!activity.id.isEmpty()) {
        if (const std::optional<Activity> existing = LeadHistory::find(tx.db(), activity.id)) {
            // A retried create: same answer, nothing written twice.
            if (existing->leadId == lead.id)
                return *existing;
            return ValidationErrors::single(QStringLiteral("id"), tr("This id is already used."));
        }
    }
    activity.agentId = user.id;
    activity.createdAt = QDateTime::currentMSecsSinceEpoch();
    activity.occurredAt = Activity::boundedOccurredAt(occurredAt,
                                                      lead.createdAt,
                                                      activity.createdAt);
    const Result<Activity> added = LeadHistory::add(tx, lead, activity);
    if (!added.ok())
        return added.error();

    // The first contact (Lead::recordContact) may move the lead to contacted.
    Lead contacted = lead;
    if (Activity::isContactType(activity.activityType)
        && contacted.recordContact(activity.occurredAt)) {
        if (const Result<Lead> saved = LeadRepository::save(tx, contacted); saved.ok())
            contacted = saved.value();
        else
            return saved.error();
        if (contacted.status != lead.status) {
            // The move happened with the contact, so it sits beside it in the history.
            if (const Status recorded = recordStatusMove(tx, contacted, lead.status, user.id, true,
                                                         activity.occurredAt);
                !recorded.ok())
                return recorded.error();
        }
    }
    tx.audit({0,
              user.id,
              QStringLiteral("activity.create"),
              QStringLiteral("lead"),
              lead.id,
              remote,
              activity.activityType});
    return added.value();
}

} // namespace Crm
