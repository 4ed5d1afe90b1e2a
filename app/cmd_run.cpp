// outreach run SCENARIO: simulate a plan over many replications and write the results.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <variant>
#include <vector>

#include "app/batch_journal.hpp"
#include "app/batch_loop.hpp"
#include "app/batch_options.hpp"
#include "app/cli.hpp"
#include "app/command_parser.hpp"
#include "app/commands.hpp"
#include "app/interruption.hpp"
#include "app/memory_guard.hpp"
#include "app/output_path_guard.hpp"
#include "app/plots.hpp"
#include "app/run_files.hpp"
#include "app/run_offices.hpp"
#include "model/office_set.hpp"
#include "model/resource_estimate.hpp"
#include "model/scenario_loader.hpp"
#include "model/scenario_runner.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* run_usage =
    "usage: outreach run SCENARIO [options]\n"
    "Simulates the scenario's plan and writes summary.csv, replications.csv, daily.csv,\n"
    "breakdown.csv, funnel.csv, costs.csv, manifest.json and event logs to the output folder\n"
    "(default results/<scenario file stem>/).\n";

std::string p_met_text(const model::BatchSummary& b) {
  char text[64];
  std::snprintf(text, sizeof text, "P(met) %.3f", b.p_met());
  return text;
}

}  // namespace

int cmd_run(const Args& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  BatchOptions batch;
  batch.add_to(opts);
  std::string scenario_path;
  po::variables_map vm;
  std::optional<model::Scenario> loaded;
  bool offices = false;
  if (const auto status = parse_command("run", run_usage, opts, scenario_path, args, vm, [&] {
        if (scenario_path.empty()) throw UsageError("no scenario file given");
        batch.resolve(vm);
        offices = model::lists_offices(scenario_path);
        if (!offices) loaded = model::load_scenario(scenario_path, batch.sets);
      }))
    return *status;
  if (offices) return run_offices(args, scenario_path, batch, vm.count("events") > 0);
  const model::Scenario& s = *loaded;
  const std::string out_dir = batch.out_dir.empty()
                                  ? (fs::path("results") / fs::path(scenario_path).stem()).string()
                                  : batch.out_dir;

  const auto started = std::chrono::steady_clock::now();
  const model::ScenarioRunner runner(s);
  const double per_replication = model::estimate_replication(runner.compiled(), batch.logged > 0).bytes;
  if (const std::string why = memory_problem("run", per_replication, batch.thread_count, batch.memory_limit);
      !why.empty()) {
    std::cerr << "outreach run: " << why << "\n";
    return exit_invalid;
  }
  model::BatchSummary summary(s);
  const BatchPlan plan = batch.plan(s.replications);
  guard_output_folder(out_dir, files_read(s));
  // Before the staging folder: the journal's lock keeps a second run out of this folder.
  BatchJournal journal("run", fs::path(out_dir), {&s}, plan, std::cerr);
  StagedFolder out{fs::path(out_dir)};
  const InterruptionGuard interruption;
  const auto looped = run_batch_loop(BatchLoop{
      "run", batch, plan, journal, interruption, started,
      [&](std::uint64_t rep, bool keep_log) {
        model::ReplicationOptions o;
        o.keep_log = keep_log;
        std::vector<model::ReplicationResult> results;
        results.push_back(runner.run(s.seed, rep, o));
        return results;
      },
      [&](std::uint64_t rep, std::vector<model::ReplicationResult>& results) {
        summary.add(rep, results[0]);
        if (rep < batch.logged) write_event_logs(out, "", s, rep, results[0]);
      },
      [&] {
        const auto ci = summary.p_met_interval();
        return (ci.hi - ci.lo) / 2;
      },
      [&] { return p_met_text(summary); }});
  if (const int* status = std::get_if<int>(&looped)) return *status;
  const BatchOutcome outcome = std::get<BatchOutcome>(looped);

  const model::RunInfo info = batch_run_info("run", args, scenario_path, s.seed, batch, outcome, started);
  write_run_files(out, "", s, summary, info);
  out.commit();
  journal.finish();

  std::cout << model::human_summary(s, summary);
  if (plan.precision) std::cout << precision_line(outcome, batch.precision, "P(target met)");
  std::cout << "  results in " << out_dir << "/\n";
  return batch.plot ? plot_folder(out_dir) : exit_ok;
}

}  // namespace app
