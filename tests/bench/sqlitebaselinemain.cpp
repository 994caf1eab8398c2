// crm-bench-sqlite-baseline: the plain-SQLite side of `crm-bench cache-insert`, run by crm-bench
// in its own process. Not meant to be run by hand, though it can be:
//
//   crm-bench-sqlite-baseline --schema <file> --database <file> [--leads N]
//       [--activities-per-lead N] [--rows-per-transaction N] [--seed N]
//
// Prints one JSON line: {"insert_s":…,"rows":…,"sqlite_version":"…"}. Errors go to stderr with
// exit code 1 (2 for bad arguments).
#include "benchdataset.h"
#include "sqlitebaseline.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

using CrmBench::BenchDataset;
using CrmBench::SqliteBaseline;

namespace {

int usage(const char *program)
{
    std::fprintf(stderr,
                 "usage: %s --schema <file> --database <file> [--leads N]"
                 " [--activities-per-lead N] [--rows-per-transaction N] [--seed N]\n",
                 program);
    return 2;
}

bool parseNumber(const char *text, unsigned long long &value)
{
    char *end = nullptr;
    value = std::strtoull(text, &end, 10);
    return end != text && *end == '\0';
}

} // namespace

int main(int argc, char *argv[])
{
    std::string schemaPath;
    std::string databasePath;
    BenchDataset::Config config;
    for (int i = 1; i < argc; ++i) {
        const char *option = argv[i];
        if (std::strcmp(option, "--help") == 0 || std::strcmp(option, "-h") == 0) {
            usage(argv[0]);
            return 0;
        }
        if (i + 1 >= argc)
            return usage(argv[0]);
        const char *value = argv[++i];
        unsigned long long number = 0;
        if (std::strcmp(option, "--schema") == 0) {
            schemaPath = value;
        } else if (std::strcmp(option, "--database") == 0) {
            databasePath = value;
        } else if (!parseNumber(value, number)) {
            return usage(argv[0]);
        } else if (std::strcmp(option, "--leads") == 0) {
            config.leadCount = int(number);
        } else if (std::strcmp(option, "--activities-per-lead") == 0) {
            config.activitiesPerLead = int(number);
        } else if (std::strcmp(option, "--rows-per-transaction") == 0) {
            config.rowsPerTransaction = int(number);
        } else if (std::strcmp(option, "--seed") == 0) {
            config.seed = number;
        } else {
            return usage(argv[0]);
        }
    }
    if (schemaPath.empty() || databasePath.empty())
        return usage(argv[0]);

    std::ifstream schemaFile(schemaPath, std::ios::binary);
    if (!schemaFile) {
        std::fprintf(stderr, "Cannot read the schema file %s\n", schemaPath.c_str());
        return 1;
    }
    const std::string schema((std::istreambuf_iterator<char>(schemaFile)),
                             std::istreambuf_iterator<char>());

    const BenchDataset dataset(config);
    SqliteBaseline baseline;
    if (!baseline.open(databasePath, schema)) {
        std::fprintf(stderr, "%s\n", baseline.errorMessage().c_str());
        return 1;
    }
    const std::optional<double> seconds = baseline.insert(dataset);
    if (!seconds) {
        std::fprintf(stderr, "%s\n", baseline.errorMessage().c_str());
        return 1;
    }
    // Outside the timing: make sure every row really went in, and the FTS triggers ran as they
    // do in the cache.
    const std::optional<long long> leads = baseline.count("leads");
    const std::optional<long long> activities = baseline.count("lead_activities");
    const std::optional<long long> indexed = baseline.count("leads_fts");
    if (!leads || !activities || !indexed) {
        std::fprintf(stderr, "%s\n", baseline.errorMessage().c_str());
        return 1;
    }
    if (*leads != dataset.leadCount() || *activities != dataset.activityCount()
        || *indexed != *leads) {
        std::fprintf(stderr,
                     "Expected %lld leads (all in the FTS index) and %lld activities, found"
                     " %lld leads (%lld indexed) and %lld activities\n",
                     static_cast<long long>(dataset.leadCount()),
                     static_cast<long long>(dataset.activityCount()),
                     *leads,
                     *indexed,
                     *activities);
        return 1;
    }
    std::printf("{\"insert_s\":%.6f,\"rows\":%lld,\"sqlite_version\":\"%s\"}\n",
                *seconds,
                *leads + *activities,
                SqliteBaseline::libraryVersion());
    return 0;
}
