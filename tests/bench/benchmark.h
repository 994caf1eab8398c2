#pragma once

#include "benchmarkreport.h"
#include "domain/result.h"

#include <QString>

namespace CrmBench {

// One benchmark crm-bench can run, chosen on the command line by name(). A new benchmark is a
// new subclass in its own file, added to the list in benchmain.cpp.
class Benchmark
{
public:
    struct Options
    {
        double rowsScale = 1.0;  // multiplies every row count, for quick runs
        int durationSeconds = 0; // how long load benchmarks drive load; 0: their own default
    };

    virtual ~Benchmark() = default;

    // The subcommand, e.g. "cache-insert".
    virtual QString name() const = 0;
    // One line for --help.
    virtual QString description() const = 0;
    virtual Crm::Result<BenchmarkReport> run(const Options &options) = 0;
};

} // namespace CrmBench
