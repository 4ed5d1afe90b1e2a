#pragma once
// The options the batch commands share: how many replications, which seed, threads, output
// folder, event logs, progress, scenario overrides and the memory limit.
#include <boost/program_options.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "app/batch/batches.hpp"

namespace app {

struct BatchOptions {
  // As typed; checked by resolve().
  std::string replications, seed, threads, events = "1", precision, max_replications, max_memory;
  std::string out_dir;
  std::vector<std::string> sets;
  bool quiet = false;
  bool plot = false;

  // Resolved values.
  unsigned thread_count = 1;
  std::uint64_t logged = 1;
  double memory_limit = 0;  // bytes; 0: the memory available (app/batch/memory_guard.hpp)

  void add_to(boost::program_options::options_description& opts);
  // Only -n, --plot and add_study_to's: for commands that run every replication at once and save
  // no event logs (sweep, sensitivity).
  void add_common_to(boost::program_options::options_description& opts);
  // Only --seed, --threads, --out, --quiet, --set and --max-memory: for studies that count their
  // replications their own way (calibrate, optimize).
  void add_study_to(boost::program_options::options_description& opts);
  // Checks the values; throws UsageError. Adds --replications and --seed to `sets` as
  // overrides of run.replications and run.seed, so they are recorded like any other.
  void resolve(const boost::program_options::variables_map& vm);
  // The batch plan, given the scenario's replications.
  BatchPlan plan(std::uint64_t scenario_replications) const;
  // The output folder: --out when given, else results/<default_name>.
  std::string out_dir_or(const std::string& default_name) const;
};

}  // namespace app
