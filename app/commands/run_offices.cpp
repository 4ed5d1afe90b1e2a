#include "app/outputs/output_path_guard.hpp"
#include "app/commands/run_offices.hpp"
#include "app/commands/scenario_warnings.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/batch/batch_journal.hpp"
#include "app/batch/batch_loop.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/cli/interruption.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/staged_folder.hpp"
#include "app/report/plots.hpp"
#include "model/offices/office_outputs.hpp"
#include "model/offices/office_resource_estimate.hpp"
#include "model/offices/office_set_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/statistics.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

// Every replication of every office into `summary`: the outcome, or the status to exit with
// when the loop ended early.
std::variant<BatchOutcome, int> run_replications(const BatchOptions& batch, const model::OfficeSetRunner& runner,
                                                 model::OfficeSetSummary& summary, const BatchPlan& plan,
                                                 BatchJournal& journal, const InterruptionGuard& interruption,
                                                 std::chrono::steady_clock::time_point started) {
  return run_batch_loop(BatchLoop{
      "run", batch, plan, journal, interruption, started, [&](std::uint64_t rep, bool) { return runner.run_all(rep); },
      [&](std::uint64_t rep, std::vector<model::ReplicationResult>& results) { summary.add(rep, results); },
      // --precision aims at P(every office meets its target).
      [&] {
        const auto ci = sim::wilson_interval(summary.every_met(), summary.replications());
        return (ci.hi - ci.lo) / 2;
      },
      [&] {
        char text[64];
        const std::uint64_t n = summary.replications();
        std::snprintf(text, sizeof text, "P(every office met) %.3f", n ? double(summary.every_met()) / double(n) : 0.0);
        return std::string(text);
      }});
}

void write_office_files(StagedFolder& out, const model::OfficeSetSummary& summary, const model::RunInfo& info) {
  out.write("offices.csv", [&](std::ostream& os) { model::write_offices_csv(os, summary); });
  out.write("aggregate.csv", [&](std::ostream& os) { model::write_aggregate_csv(os, summary); });
  out.write("replications.csv", [&](std::ostream& os) { model::write_office_replications_csv(os, summary); });
  out.write("manifest.json", [&](std::ostream& os) { model::write_office_manifest_json(os, summary, info); });
}

}  // namespace

int run_offices(const Args& args, const std::string& scenario_path, const BatchOptions& batch, bool events_given) {
  if (events_given && batch.logged > 0) {
    std::cerr << "outreach run: --events: event logs are not written for a scenario with offices; "
                 "run one office as its own scenario to keep its logs\n";
    return exit_invalid;
  }
  const model::OfficeSet set = model::load_office_set(scenario_path, batch.sets);
  warn_about("run", set, std::cerr);
  const std::string out_dir = batch.out_dir_or(fs::path(scenario_path).stem().string());

  const auto started = std::chrono::steady_clock::now();
  const model::OfficeSetRunner runner(set);
  const double per_replication = model::estimate_office_set(runner, false).bytes;
  if (const std::string why = memory_problem("run", per_replication, batch.thread_count, batch.memory_limit);
      !why.empty()) {
    std::cerr << "outreach run: " << why << "\n";
    return exit_invalid;
  }
  model::OfficeSetSummary summary(set);
  const BatchPlan plan = batch.plan(set.replications);
  std::vector<const model::Scenario*> offices;
  for (const model::Office& o : set.offices) offices.push_back(&o.scenario);
  std::vector<std::string> inputs = files_read(offices);
  inputs.push_back(scenario_path);
  guard_output_folder(out_dir, inputs);
  BatchJournal journal("run", fs::path(out_dir), offices, plan, std::cerr);
  StagedFolder out{fs::path(out_dir)};
  const InterruptionGuard interruption;
  const auto looped = run_replications(batch, runner, summary, plan, journal, interruption, started);
  if (const int* status = std::get_if<int>(&looped)) return *status;
  const BatchOutcome outcome = std::get<BatchOutcome>(looped);

  const model::RunInfo info = batch_run_info("run", args, scenario_path, set.seed, batch, outcome, started);
  write_office_files(out, summary, info);
  out.commit();
  journal.finish();

  std::cout << model::office_set_summary(summary);
  if (plan.precision) std::cout << precision_line(outcome, batch.precision, "P(every office meets its target)");
  std::cout << "  results in " << out_dir << "/\n";
  return batch.plot ? plot_folder(out_dir) : exit_ok;
}

}  // namespace app
