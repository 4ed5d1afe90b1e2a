#pragma once
// The files a run writes (described in results/README.md). Each writer takes an ostream, so
// the caller decides where the bytes go (a staging folder that is committed atomically).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "model/run/batch_summary.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/io/sha256.hpp"  // the manifests' digests, for the commands that write them

namespace model {

struct RunInfo {
  std::string scenario_path;
  std::string scenario_sha256;
  std::string command_line;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  unsigned threads = 1;
  std::uint64_t logged_replications = 0;
  double wall_seconds = 0;
};

void write_summary_csv(std::ostream& os, const Scenario& s, const BatchSummary& b);
void write_replications_csv(std::ostream& os, const BatchSummary& b);
// Through the deadline, or through `last_day` (a replay's as-of date).
void write_daily_csv(std::ostream& os, const Scenario& s, const BatchSummary& b,
                     std::optional<sim::Date> last_day = std::nullopt);
void write_breakdown_csv(std::ostream& os, const Scenario& s, const BatchSummary& b);
void write_funnel_csv(std::ostream& os, const BatchSummary& b);
void write_costs_csv(std::ostream& os, const BatchSummary& b);
void write_manifest_json(std::ostream& os, const Scenario& s, const BatchSummary& b,
                         const RunInfo& info);

}  // namespace model
