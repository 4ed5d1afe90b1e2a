#pragma once
// Refuses, before it starts, a batch that cannot fit in memory, rather than let the kernel kill
// it half-way. A batch holds one replication per thread at a time; each needs about
// model::estimate_replication(...).bytes. The limit is the memory available now (the machine's
// MemAvailable, or the cgroup's limit when lower), or --max-memory when given, which is also
// how to run anyway.
#include <string>

namespace model {
class VariantSet;
}

namespace app {

// Bytes the process may still use: MemAvailable, lowered by a cgroup (v2 or v1) limit. 0 when
// neither can be read (then nothing is refused).
double available_memory();

// "6GiB", "512MiB", "6G", "800M", "1000000": bytes. Throws UsageError naming `option`.
double parse_memory_size(const std::string& option, const std::string& text);

// Why `threads` replications of `per_replication` bytes each, with `held` bytes of results kept
// until the end (a study's samples), cannot run within `limit` bytes (0: available_memory()),
// or "" when they can. The message says how much is needed and available and what to do;
// `command` is the subcommand, for the advice. Across MPI ranks it counts every rank on this
// machine (each holds the kept results too) and is collective: every rank gets the first
// problem found.
std::string memory_problem(const std::string& command, double per_replication, unsigned threads, double limit,
                           double held = 0);

// What a study holds besides its replications, when it is not just results: says what it is
// ("the design's 10000001 points, each a loaded scenario") and how to hold less.
struct HeldBytes {
  double bytes = 0;
  std::string what;    // replaces "results kept" in the message
  std::string advice;  // replaces "run fewer replications"
};
std::string memory_problem(const std::string& command, double per_replication, unsigned threads, double limit,
                           const HeldBytes& held);

// What one replication of the largest variant needs, for a study whose threads each run one
// variant's replication at a time (a sweep's points, an optimization's candidates).
double largest_replication_bytes(const model::VariantSet& variants);

}  // namespace app
