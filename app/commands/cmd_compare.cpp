// outreach compare A.toml B.toml [C.toml ...]: plans on the same replications under common
// random numbers, each against the first.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <variant>

#include "app/batch/batch_journal.hpp"
#include "app/batch/batch_loop.hpp"
#include "app/batch/batch_options.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/cli/interruption.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/run_files.hpp"
#include "app/report/plots.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/names.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "studies/comparison/plan_comparison.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* compare_usage =
    "usage: outreach compare A.toml B.toml [C.toml ...] [options]\n"
    "Runs every plan on the same replications with common random numbers and compares each\n"
    "with the first: comparison.csv, differences.csv, attribution.csv, and each plan's own\n"
    "results under plans/<name>/ (default folder results/compare-<A>-<B>.../).\n"
    "All plans use the first plan's seed and replications unless --seed/--replications say.\n";

// Plan names: file stems, made unique with a suffix where two files share a stem.
std::vector<std::string> plan_names(const std::vector<std::string>& paths) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const std::string& p : paths) {
    std::string name = fs::path(p).stem().string();
    for (int k = 2; seen.count(name); ++k) name = fs::path(p).stem().string() + "-" + std::to_string(k);
    seen.insert(name);
    names.push_back(name);
  }
  return names;
}

std::string summary_line(const model::PlanComparison& c, std::size_t i) {
  const auto& b = c.summary(i);
  const auto& d = c.difference(i);
  char line[400];
  if (i == 0) {
    std::snprintf(line, sizeof line, "  %-32s P(met) %5.1f %%  median %.0f  cost %.0f VND  (reference)\n",
                  c.name(i).c_str(), 100 * b.p_met(), b.finals().quantile(0.5), b.cost().mean());
  } else {
    const auto met = d.p_met_interval();
    const auto fin = d.final_count.interval();
    std::snprintf(line, sizeof line,
                  "  %-32s P(met) %5.1f %%  %+.1f points (%+.1f to %+.1f)  final %+.1f (%+.1f to %+.1f)  "
                  "cost %+.0f VND\n",
                  c.name(i).c_str(), 100 * b.p_met(), 100 * d.met.mean(), 100 * met.lo, 100 * met.hi,
                  d.final_count.mean(), fin.lo, fin.hi, d.cost.mean());
  }
  return line;
}

// What the command line asks for, checked, with the plans loaded on one seed and one set of
// replications. Filled in place: the options are bound to its members' addresses.
struct CompareRequest {
  BatchOptions batch;
  std::vector<std::string> paths;
  po::variables_map vm;
  std::vector<model::Scenario> plans;
  std::vector<std::string> names;
  std::uint64_t seed = 0;
  std::string out_dir;
};

void load_plans(CompareRequest& q) {
  if (q.paths.size() < 2) throw UsageError("compare needs at least two scenario files");
  q.batch.resolve(q.vm);
  for (const std::string& p : q.paths) {
    // The stem names the plan in the CSVs and its folder: no control character there.
    if (const std::string why = model::control_character_problem(fs::path(p).stem().string()); !why.empty())
      throw UsageError(p + ": the file name, which names the plan, holds " + why + "; rename the file");
    q.plans.push_back(model::load_scenario(p, q.batch.sets));
  }
}

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, CompareRequest& q) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  q.batch.add_to(opts);
  if (const auto status =
          parse_command("compare", compare_usage, opts, q.paths, args, q.vm, [&] { load_plans(q); }))
    return status;
  // Common random numbers: one seed and one set of replications for all plans.
  q.seed = q.plans[0].seed;
  for (model::Scenario& s : q.plans) {
    s.seed = q.seed;
    s.replications = q.plans[0].replications;
  }
  q.names = plan_names(q.paths);
  q.out_dir = q.batch.out_dir;
  if (q.out_dir.empty()) {
    std::string stem = "compare";
    for (const std::string& n : q.names) stem += "-" + n;
    q.out_dir = (fs::path("results") / stem).string();
  }
  return std::nullopt;
}

using Runners = std::vector<std::unique_ptr<model::ScenarioRunner>>;

// A replication runs the plans one after another: the largest one sets the need. Empty when it
// fits, else why not.
std::string memory_shortfall(const CompareRequest& q, const Runners& compiled) {
  double per_replication = 0;
  for (const auto& runner : compiled)
    per_replication =
        std::max(per_replication, model::estimate_replication(runner->compiled(), q.batch.logged > 0).bytes);
  return memory_problem("compare", per_replication, q.batch.thread_count, q.batch.memory_limit);
}

// Every replication of every plan into `comparison` (and the first --log ones' event logs into
// `out`): the outcome, or the status to exit with when the loop ended early.
std::variant<BatchOutcome, int> run_plans(const CompareRequest& q, const Runners& compiled,
                                          model::PlanComparison& comparison, const BatchPlan& plan,
                                          BatchJournal& journal, StagedFolder& out,
                                          const InterruptionGuard& interruption,
                                          std::chrono::steady_clock::time_point started) {
  return run_batch_loop(BatchLoop{
      "compare", q.batch, plan, journal, interruption, started,
      [&](std::uint64_t rep, bool keep_log) {
        model::ReplicationOptions o;
        o.keep_log = keep_log;
        std::vector<model::ReplicationResult> results;
        for (const auto& runner : compiled) results.push_back(runner->run(q.seed, rep, o));
        return results;
      },
      [&](std::uint64_t rep, std::vector<model::ReplicationResult>& results) {
        comparison.add(rep, results);
        if (rep < q.batch.logged)
          for (std::size_t i = 0; i < q.plans.size(); ++i)
            write_event_logs(out, "plans/" + q.names[i] + "/", q.plans[i], rep, results[i]);
      },
      [&] { return comparison.p_met_difference_half_width(); },
      [&] {
        char estimate[64];
        std::snprintf(estimate, sizeof estimate, "P(met) diff ±%.3f", comparison.p_met_difference_half_width());
        return std::string(estimate);
      }});
}

void write_compare_files(StagedFolder& out, const Args& args, const CompareRequest& q,
                         const model::PlanComparison& comparison, const BatchOutcome& outcome,
                         std::chrono::steady_clock::time_point started) {
  for (std::size_t i = 0; i < q.plans.size(); ++i) {
    const model::RunInfo info = batch_run_info("compare", args, q.paths[i], q.seed, q.batch, outcome, started);
    write_run_files(out, "plans/" + q.names[i] + "/", q.plans[i], comparison.summary(i), info);
  }
  out.write("comparison.csv", [&](std::ostream& os) { comparison.write_comparison_csv(os); });
  out.write("differences.csv", [&](std::ostream& os) { comparison.write_differences_csv(os); });
  out.write("attribution.csv", [&](std::ostream& os) { comparison.write_attribution_csv(os); });
}

int report(const CompareRequest& q, const model::PlanComparison& comparison, const BatchPlan& plan,
           const BatchOutcome& outcome) {
  std::cout << "Compared on " << outcome.replications << " common replications (seed " << q.seed
            << "), each plan against " << q.names[0] << ":\n";
  for (std::size_t i = 0; i < q.plans.size(); ++i) std::cout << summary_line(comparison, i);
  if (plan.precision) std::cout << precision_line(outcome, q.batch.precision, "every P(met) difference");
  std::cout << "  results in " << q.out_dir << "/\n";
  return q.batch.plot ? plot_folder(q.out_dir) : exit_ok;
}

}  // namespace

// parse → plan (memory, then the output folder, before the journal) → run, write and report.
int cmd_compare(const Args& args) {
  CompareRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  const auto started = std::chrono::steady_clock::now();
  // Each plan draws its uncertain parameters from streams keyed by the key's path, so a key the
  // plans share takes the same value in each (common random numbers).
  Runners compiled;
  std::vector<const model::Scenario*> pointers;
  for (const model::Scenario& s : q.plans) {
    compiled.push_back(std::make_unique<model::ScenarioRunner>(s));
    pointers.push_back(&s);
  }
  if (const std::string why = memory_shortfall(q, compiled); !why.empty()) {
    std::cerr << "outreach compare: " << why << "\n";
    return exit_invalid;
  }
  model::PlanComparison comparison(pointers, q.names);
  const BatchPlan plan = q.batch.plan(q.plans[0].replications);
  guard_output_folder(q.out_dir, files_read(pointers));
  // Before the staging folder: the journal's lock keeps a second run out of this folder.
  BatchJournal journal("compare", fs::path(q.out_dir), pointers, plan, std::cerr);
  StagedFolder out{fs::path(q.out_dir)};
  const InterruptionGuard interruption;
  const auto looped = run_plans(q, compiled, comparison, plan, journal, out, interruption, started);
  if (const int* status = std::get_if<int>(&looped)) return *status;
  const BatchOutcome outcome = std::get<BatchOutcome>(looped);
  write_compare_files(out, args, q, comparison, outcome, started);
  out.commit();
  journal.finish();
  return report(q, comparison, plan, outcome);
}

}  // namespace app
