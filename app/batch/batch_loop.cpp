#include "app/batch/batch_loop.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/cli/cli.hpp"
#include "app/cli/progress.hpp"
#include "model/scenario/input_caps.hpp"
#include "sim/io/sha256.hpp"
#include "sim/replication_runner.hpp"

namespace app {

std::variant<BatchOutcome, int> run_batch_loop(const BatchLoop& loop) {
  ProgressReporter progress(loop.batch.quiet);
  const std::uint64_t planned = loop.plan.precision ? loop.plan.max_replications : loop.plan.replications;
  sim::RunnerOptions options;
  options.stop = &loop.interruption.requested();
  options.threads = loop.batch.thread_count;
  options.progress_every = progress.interval();
  const auto run_range = [&](std::uint64_t first, std::uint64_t count) {
    options.progress = [&, first](const sim::Progress& p) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - loop.started).count();
      progress.report(sim::Progress{first + p.done, planned, seconds}, loop.estimate());
    };
    loop.journal.run_range(first, count, options, loop.batch.logged, loop.run, loop.consume);
  };
  BatchOutcome outcome;
  try {
    outcome = run_in_batches(loop.plan, run_range, loop.half_width);
  } catch (const sim::Stopped&) {
    progress.finish();
    loop.journal.sync();
    return loop.interruption.report(loop.command, loop.journal.recorded(), planned, std::cerr);
  }
  progress.finish();
  loop.journal.sync();
  return outcome;
}

std::string precision_line(const BatchOutcome& outcome, const std::string& precision, const std::string& what) {
  std::ostringstream os;
  os << "  precision: " << (outcome.precision_reached ? "reached" : "NOT reached") << " (95 % interval of " << what
     << " within ±" << precision << " after " << outcome.replications << " replications"
     << (outcome.precision_reached ? "" : ", the cap") << ")\n";
  return os.str();
}

model::RunInfo batch_run_info(const std::string& command, const Args& args, const std::string& scenario_path,
                              std::uint64_t seed, const BatchOptions& batch, const BatchOutcome& outcome,
                              std::chrono::steady_clock::time_point started) {
  model::RunInfo info;
  info.scenario_path = scenario_path;
  info.scenario_sha256 = model::sha256_of_file(scenario_path, model::input_caps::scenario);
  info.command_line = command_line(command, args);
  info.seed = seed;
  info.replications = outcome.replications;
  info.threads = batch.thread_count;
  info.logged_replications = std::min(batch.logged, outcome.replications);
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return info;
}

}  // namespace app
