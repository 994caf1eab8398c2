#include "benchdataset.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace CrmBench {

namespace {

// Independent random streams, so adding a field never shifts the values of another.
enum Stream : std::uint64_t {
    LeadId = 1,
    LeadFields,
    LeadTimes,
    AgentIds,
    ActivityId,
    ActivityFields,
};

struct Name
{
    const char *display;
    const char *ascii; // for the e-mail address
};

// A few accented names: our driver binds UTF-16, the baseline UTF-8, and the FTS tokenizer
// folds them; plain ASCII would hide that work.
const Name FirstNames[] = {
    {"Maria", "maria"},
    {"José", "jose"},
    {"James", "james"},
    {"Linda", "linda"},
    {"Robert", "robert"},
    {"Patricia", "patricia"},
    {"Michael", "michael"},
    {"Ana", "ana"},
    {"David", "david"},
    {"Sofía", "sofia"},
    {"William", "william"},
    {"Nguyen", "nguyen"},
    {"Luis", "luis"},
    {"Barbara", "barbara"},
    {"Chen", "chen"},
    {"Fatima", "fatima"},
};

const Name LastNames[] = {
    {"García", "garcia"},
    {"Smith", "smith"},
    {"Johnson", "johnson"},
    {"Martínez", "martinez"},
    {"Williams", "williams"},
    {"Brown", "brown"},
    {"Rodríguez", "rodriguez"},
    {"Jones", "jones"},
    {"López", "lopez"},
    {"Davis", "davis"},
    {"Miller", "miller"},
    {"Hernández", "hernandez"},
    {"Wilson", "wilson"},
    {"Anderson", "anderson"},
    {"Thomas", "thomas"},
    {"Muñoz", "munoz"},
};

const char *const Domains[] = {"example.com", "example.org", "mail.example.net", "example.edu"};

const char *const Sources[] = {"contact_form", "website", "referral", "phone", "event", "other"};

const char *const Statuses[] = {"new", "contacted", "qualified", "enrolled", "closed"};

const char *const States[] = {"CA", "TX", "FL", "NY", "IL", "PA", "OH", "GA", "NC", "MI",
                              "NJ", "VA", "WA", "AZ", "MA", "TN", "IN", "MO", "MD", "CO"};

const char *const Messages[] = {
    "I would like to know which plans cover my current doctor.",
    "Please call me after 5pm about the family plan options.",
    "My employer coverage ends next month; what are my choices?",
    "Interested in a Medicare Advantage plan for my mother.",
    "Do you have plans with lower deductibles and dental coverage?",
    "Necesito información sobre los planes para mi familia.",
};

const char *const ActivityTypes[] = {"call", "email", "meeting", "note", "system"};

const char *const ActivityNotes[] = {
    "Left a voicemail, will try again tomorrow.",
    "Sent the plan comparison sheet by e-mail.",
    "Discussed premiums and the provider network.",
    "Lead asked for a Spanish-speaking agent.",
    "Scheduled a consultation for next week.",
};

constexpr int AgentCount = 25;
constexpr std::int64_t FirstCreatedAtMs = 1704067200000; // 2024-01-01T00:00:00Z
constexpr std::int64_t HourMs = 3600 * 1000;

template<typename T, std::size_t N>
const T &pick(const T (&items)[N], std::uint64_t value)
{
    return items[value % N];
}

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

BenchDataset::BenchDataset(const Config &config)
    : m_config(config)
{
    m_config.leadCount = std::max(m_config.leadCount, 0);
    m_config.activitiesPerLead = std::max(m_config.activitiesPerLead, 0);
    m_config.rowsPerTransaction = std::max(m_config.rowsPerTransaction, 1);
}

std::int64_t BenchDataset::activityCount() const
{
    return std::int64_t(m_config.leadCount) * m_config.activitiesPerLead;
}

int BenchDataset::leadsPerTransaction() const
{
    return std::max(1, m_config.rowsPerTransaction / (1 + m_config.activitiesPerLead));
}

bool BenchDataset::commitsAfter(int leadIndex) const
{
    return (leadIndex + 1) % leadsPerTransaction() == 0 || leadIndex + 1 == m_config.leadCount;
}

std::uint64_t BenchDataset::random(std::uint64_t stream, std::uint64_t index) const
{
    return splitMix64(splitMix64(m_config.seed ^ (stream << 56)) + index);
}

std::string BenchDataset::uuid(std::uint64_t stream, std::uint64_t index) const
{
    const std::uint64_t high = random(stream, 2 * index);
    const std::uint64_t low = random(stream, 2 * index + 1);
    char text[40];
    // Version 4, variant 1, like QUuid::createUuid(): ids are random, so inserts land all over
    // the primary-key index, as they do in the real cache.
    std::snprintf(text,
                  sizeof text,
                  "%08" PRIx32 "-%04" PRIx32 "-4%03" PRIx32 "-%04" PRIx32 "-%012" PRIx64,
                  std::uint32_t(high >> 32),
                  std::uint32_t((high >> 16) & 0xffff),
                  std::uint32_t(high & 0x0fff),
                  std::uint32_t(0x8000 | ((low >> 48) & 0x3fff)),
                  std::uint64_t(low & 0xffffffffffffULL));
    return text;
}

std::string BenchDataset::agentId(int agent) const
{
    return uuid(AgentIds, std::uint64_t(agent));
}

BenchDataset::Lead BenchDataset::lead(int index) const
{
    const std::uint64_t fields = random(LeadFields, std::uint64_t(index));
    const std::uint64_t times = random(LeadTimes, std::uint64_t(index));
    const Name &first = pick(FirstNames, fields);
    const Name &last = pick(LastNames, fields >> 4);

    Lead lead;
    lead.index = index;
    lead.id = uuid(LeadId, std::uint64_t(index));
    lead.firstName = first.display;
    lead.lastName = last.display;
    lead.email = std::string(first.ascii) + '.' + last.ascii + std::to_string(index) + '@'
                 + pick(Domains, fields >> 8);

    char phone[24];
    const unsigned areaCode = 201 + unsigned((fields >> 12) % 789);
    const unsigned subscriber = unsigned((fields >> 22) % 10000000);
    if ((fields >> 46) % 10 == 0) // one in ten is a Mexican mobile number
        std::snprintf(phone, sizeof phone, "+521%03u%07u", areaCode, subscriber);
    else
        std::snprintf(phone, sizeof phone, "+1%03u%07u", areaCode, subscriber);
    lead.phone = phone;

    if ((fields >> 50) % 5 < 3)
        lead.message = std::string(pick(Messages, fields >> 53)) + " (ref " + std::to_string(index)
                       + ')';
    lead.source = pick(Sources, fields >> 56);
    lead.status = pick(Statuses, fields >> 59);
    if ((times >> 40) % 5 != 0)
        lead.assignedAgentId = agentId(int((times >> 44) % AgentCount));
    if ((times >> 52) % 10 != 0)
        lead.state = pick(States, times >> 56);
    lead.smsOptIn = int((times >> 62) & 1);
    lead.createdAt = FirstCreatedAtMs + std::int64_t(index) * 30000 + std::int64_t(times % 30000);
    lead.updatedAt = lead.createdAt + std::int64_t((times >> 16) % (7 * 24 * HourMs));
    lead.version = 1 + int((times >> 61) % 4);
    return lead;
}

BenchDataset::Activity BenchDataset::activity(const Lead &lead, int number) const
{
    const std::uint64_t index = std::uint64_t(lead.index)
                                    * std::uint64_t(m_config.activitiesPerLead)
                                + std::uint64_t(number);
    const std::uint64_t fields = random(ActivityFields, index);

    Activity activity;
    activity.id = uuid(ActivityId, index);
    activity.leadId = lead.id;
    if (fields % 10 != 0)
        activity.agentId = lead.assignedAgentId ? *lead.assignedAgentId
                                                : agentId(int((fields >> 8) % AgentCount));
    activity.activityType = pick(ActivityTypes, fields >> 16);
    if ((fields >> 24) % 10 < 7)
        activity.notes = pick(ActivityNotes, fields >> 28);
    activity.createdAt = lead.createdAt + (number + 1) * HourMs
                         + std::int64_t((fields >> 32) % HourMs);
    return activity;
}

const char *BenchDataset::leadInsertSql()
{
    return "INSERT INTO leads (id, firstName, lastName, email, phone, message, source, status,"
           " assignedAgentId, state, smsOptIn, createdAt, updatedAt, version)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

const char *BenchDataset::activityInsertSql()
{
    return "INSERT INTO lead_activities (id, leadId, agentId, activityType, notes, createdAt,"
           " occurredAt) VALUES (?, ?, ?, ?, ?, ?, ?)";
}

} // namespace CrmBench
