#pragma once
// The loop `run`, `compare` and a run of offices share: replications in batches (a fixed
// number, or until --precision is reached), each range through the batch's journal (so a rerun
// resumes), with progress on stderr, stopping on SIGINT or SIGTERM.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>

#include "app/batch/batch_journal.hpp"
#include "app/batch/batch_options.hpp"
#include "app/batch/batches.hpp"
#include "app/cli/exit_status.hpp"
#include "app/cli/interruption.hpp"
#include "model/run/run_outputs.hpp"

namespace app {

struct BatchLoop {
  std::string command;  // "run", "compare": names the command in messages
  const BatchOptions& batch;
  const BatchPlan& plan;
  BatchJournal& journal;
  const InterruptionGuard& interruption;
  std::chrono::steady_clock::time_point started;
  BatchJournal::RunFn run;
  BatchJournal::ConsumeFn consume;
  std::function<double()> half_width;     // of the 95 % interval --precision aims at
  std::function<std::string()> estimate;  // shown with the progress, e.g. "P(met) 0.873"
};

// Runs the loop and syncs the journal. Returns what was run, or, when a signal stopped it, the
// exit status (having said how to resume).
std::variant<BatchOutcome, int> run_batch_loop(const BatchLoop& loop);

// "  precision: reached (95 % interval of WHAT within ±PRECISION after N replications)\n", or
// "NOT reached" and ", the cap" when the cap stopped the batch.
std::string precision_line(const BatchOutcome& outcome, const std::string& precision, const std::string& what);

// What a batch's manifest records of the run of `scenario_path` by `command` with `args`, from
// `started` until now.
model::RunInfo batch_run_info(const std::string& command, const Args& args, const std::string& scenario_path,
                              std::uint64_t seed, const BatchOptions& batch, const BatchOutcome& outcome,
                              std::chrono::steady_clock::time_point started);

}  // namespace app
