#include "leadrow.h"

#include "sharedtables.h"

#include <QSqlQuery>
#include <QVariant>

namespace Crm {

int LeadRow::columnCount()
{
    static const int count = int(SharedTables::leads().wireColumns().size());
    return count;
}

Lead LeadRow::read(const QSqlQuery &query, int offset)
{
    Lead lead;
    lead.id = query.value(offset + 0).toString();
    lead.firstName = query.value(offset + 1).toString();
    lead.lastName = query.value(offset + 2).toString();
    lead.email = query.value(offset + 3).toString();
    lead.phone = query.value(offset + 4).toString();
    lead.message = query.value(offset + 5).toString();
    lead.source = LeadSourceNames::fromString(query.value(offset + 6).toString())
                      .value_or(LeadSource::Other);
    lead.status = LeadStatusMachine::fromString(query.value(offset + 7).toString())
                      .value_or(LeadStatus::New);
    lead.assignedAgentId = query.value(offset + 8).toString();
    lead.state = query.value(offset + 9).toString();
    lead.smsOptIn = query.value(offset + 10).toLongLong() != 0;
    if (!query.value(offset + 11).isNull())
        lead.firstContactAt = query.value(offset + 11).toLongLong();
    lead.createdAt = query.value(offset + 12).toLongLong();
    lead.updatedAt = query.value(offset + 13).toLongLong();
    lead.version = query.value(offset + 14).toLongLong();
    lead.preferredLanguage = query.value(offset + 15).toString();
    return lead;
}

} // namespace Crm
