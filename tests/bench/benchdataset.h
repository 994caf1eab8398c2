#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CrmBench {

// The leads and activities an insert benchmark writes, and the INSERT statements that write
// them.
//
// Every row is computed from (seed, index) alone, so crm-bench and the SQLite baseline (another
// process) produce byte-identical data without sharing anything but the Config. Plain C++ on
// purpose: the baseline links no Qt.
class BenchDataset final
{
public:
    struct Config
    {
        int leadCount = 100000;
        int activitiesPerLead = 3;
        int rowsPerTransaction = 1000; // leads and activities together
        std::uint64_t seed = 20240611;
    };

    // Bound to leadInsertSql() in this order.
    struct Lead
    {
        int index = 0;
        std::string id;
        std::string firstName;
        std::string lastName;
        std::string email;
        std::string phone;
        std::optional<std::string> message;
        std::string source;
        std::string status;
        std::optional<std::string> assignedAgentId;
        std::optional<std::string> state;
        int smsOptIn = 0;
        std::int64_t createdAt = 0;
        std::int64_t updatedAt = 0;
        int version = 0;
    };

    // Bound to activityInsertSql() in this order.
    struct Activity
    {
        std::string id;
        std::string leadId;
        std::optional<std::string> agentId;
        std::string activityType;
        std::optional<std::string> notes;
        std::int64_t createdAt = 0;
    };

    explicit BenchDataset(const Config &config);

    const Config &config() const { return m_config; }
    std::int64_t leadCount() const { return m_config.leadCount; }
    std::int64_t activityCount() const;
    std::int64_t totalRows() const { return leadCount() + activityCount(); }

    // A transaction holds whole leads (a lead and its activities), as many as fit in
    // rowsPerTransaction; commit after lead index when this says so.
    int leadsPerTransaction() const;
    bool commitsAfter(int leadIndex) const;

    Lead lead(int index) const;
    // number runs from 0 to activitiesPerLead - 1.
    Activity activity(const Lead &lead, int number) const;

    static const char *leadInsertSql();
    static const char *activityInsertSql();

private:
    std::uint64_t random(std::uint64_t stream, std::uint64_t index) const;
    std::string uuid(std::uint64_t stream, std::uint64_t index) const;
    std::string agentId(int agent) const;

    Config m_config;
};

} // namespace CrmBench
