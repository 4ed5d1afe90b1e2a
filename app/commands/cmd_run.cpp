// outreach run SCENARIO: simulate a plan over many replications and write the results.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <variant>
#include <vector>

#include "app/batch/batch_journal.hpp"
#include "app/batch/batch_loop.hpp"
#include "app/batch/batch_options.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/cli/interruption.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/run_offices.hpp"
#include "app/commands/run_summary.hpp"
#include "app/commands/scenario_warnings.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/results_workbook.hpp"
#include "app/outputs/run_files.hpp"
#include "app/report/plots.hpp"
#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/office_set.hpp"
#include "model/scenario/scenario_loader.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* run_usage =
    "usage: outreach run SCENARIO [options]\n"
    "Simulates the scenario's plan and writes summary.csv, replications.csv, daily.csv,\n"
    "breakdown.csv, funnel.csv, costs.csv, manifest.json, results.xlsx (the same figures as an\n"
    "Excel workbook) and event logs to the output folder (default results/<scenario file stem>/).\n";

std::string p_met_text(const model::BatchSummary& b) {
  return text::say(text::Msg::progress_estimate_p_met, {{"p", text::fixed(b.p_met(), 3, text::current_language())}});
}

// What the command line asks for, checked, with the scenario loaded (or, for a file listing
// offices, only that fact). Filled in place: the options are bound to its members' addresses.
struct RunRequest {
  BatchOptions batch;
  std::string scenario_path;
  po::variables_map vm;
  std::optional<model::Scenario> loaded;
  bool offices = false;
};

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, RunRequest& q) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  q.batch.add_to(opts);
  return parse_command("run", run_usage, opts, q.scenario_path, args, q.vm, [&] {
    if (q.scenario_path.empty()) throw UsageError("no scenario file given");
    q.batch.resolve(q.vm);
    q.offices = model::lists_offices(q.scenario_path);
    if (!q.offices) q.loaded = model::load_scenario(q.scenario_path, q.batch.sets);
  });
}

// Every replication into `summary` (and the first --log ones' event logs into `out`): the
// outcome, or the status to exit with when the loop ended early.
std::variant<BatchOutcome, int> run_replications(const RunRequest& q, const model::ScenarioRunner& runner,
                                                 model::BatchSummary& summary, const BatchPlan& plan,
                                                 BatchJournal& journal, StagedFolder& out,
                                                 const InterruptionGuard& interruption,
                                                 std::chrono::steady_clock::time_point started) {
  const model::Scenario& s = *q.loaded;
  return run_batch_loop(BatchLoop{
      "run", q.batch, plan, journal, interruption, started,
      [&](std::uint64_t rep, bool keep_log) {
        model::ReplicationOptions o;
        o.keep_log = keep_log;
        std::vector<model::ReplicationResult> results;
        results.push_back(runner.run(s.seed, rep, o));
        return results;
      },
      [&](std::uint64_t rep, std::vector<model::ReplicationResult>& results) {
        summary.add(rep, results[0]);
        if (rep < q.batch.logged) write_event_logs(out, "", s, rep, results[0]);
      },
      [&] {
        const auto ci = summary.p_met_interval();
        return (ci.hi - ci.lo) / 2;
      },
      [&] { return p_met_text(summary); }});
}

}  // namespace

// parse → plan (memory, then the output folder, before the journal) → run, write and report.
int cmd_run(const Args& args) {
  RunRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  if (q.offices) return run_offices(args, q.scenario_path, q.batch, q.vm.count("events") > 0);
  const model::Scenario& s = *q.loaded;
  warn_about("run", s, std::cerr);
  const BatchOptions& batch = q.batch;
  const std::string out_dir = batch.out_dir_or(fs::path(q.scenario_path).stem().string());

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
  const auto looped = run_replications(q, runner, summary, plan, journal, out, interruption, started);
  if (const int* status = std::get_if<int>(&looped)) return *status;
  const BatchOutcome outcome = std::get<BatchOutcome>(looped);

  write_run_files(out, "", s, summary, batch_run_info("run", args, q.scenario_path, s.seed, batch, outcome, started));
  write_results_workbook(out, "results.xlsx", s, summary);
  out.commit();
  journal.finish();

  std::cout << run_summary(s, summary);
  if (plan.precision) std::cout << precision_line(outcome, batch.precision, "P(target met)");
  std::cout << text::say(text::Msg::run_results_in, {{"dir", out_dir}});
  return batch.plot ? plot_folder(out_dir) : exit_ok;
}

}  // namespace app
