// outreach sweep SCENARIO --vary KEY=LO:HI:STEP ... | --design sobol --points N --vary KEY=LO:HI ...:
// the scenario at every point of a grid or a Sobol design, all points on the same replications
// (common random numbers). The design is studies/sweep/sweep_design.hpp; the run and sweep.csv are
// studies/sweep/sweep.hpp.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/batch/batch_options.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/batch/resumable_study.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "app/outputs/study_manifest.hpp"
#include "app/report/plots.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/io/csv.hpp"
#include "studies/sweep/sweep.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* sweep_usage =
    "usage: outreach sweep SCENARIO --vary KEY=LO:HI:STEP [--vary ...] [options]\n"
    "       outreach sweep SCENARIO --design sobol --points N --vary KEY=LO:HI [--vary ...] [options]\n"
    "Runs the scenario at every point of a grid (every combination of LO, LO+STEP, ... HI of each\n"
    "key) or of a Sobol design (N quasi-random points in the box, origin first), every point on the\n"
    "same seed and replications (common random numbers). Writes sweep.csv, one row per point with\n"
    "P(target met) and its 95 % interval, the final count and the cost, and manifest.json (default\n"
    "folder results/sweep-<scenario>/). KEY is any numeric scenario key (as for --set); whole-number\n"
    "keys (door_to_door.staff, agents[1].count) step in whole numbers.\n";

// The varied keys, for the manifest: [{"key": ..., "lo": ..., "hi": ..., "step": ...}, ...].
sim::JsonDocument varied_ranges(const std::vector<model::VaryRange>& ranges) {
  sim::JsonDocument out = sim::JsonDocument::array();
  for (const model::VaryRange& r : ranges) {
    sim::JsonDocument range = {{"key", r.key}, {"lo", sim::json_decimal(r.lo, 15)}, {"hi", sim::json_decimal(r.hi, 15)}};
    if (r.step > 0) range["step"] = sim::json_decimal(r.step, 15);
    range["whole_number"] = r.whole_number;
    out.push_back(std::move(range));
  }
  return out;
}

void print_points(const model::SweepDesign& design, const std::vector<model::PointSummary>& points) {
  const std::size_t shown = points.size() <= 25 ? points.size() : 10;
  for (std::size_t p = 0; p < shown; ++p) {
    std::string where;
    for (std::size_t k = 0; k < design.keys.size(); ++k)
      where += (k ? ", " : "") + design.keys[k] + "=" + design.values[p][k];
    const model::PointSummary& s = points[p];
    const sim::Interval ci = s.p_met_interval();
    char line[512];
    std::snprintf(line, sizeof line, "  %-44s P(met) %5.1f %% (%.1f–%.1f)  median %.0f  cost %.0f VND\n",
                  where.c_str(), 100 * s.p_met(), 100 * ci.lo, 100 * ci.hi, s.finals.quantile(0.5), s.cost.mean());
    std::cout << line;
  }
  if (shown < points.size()) std::cout << "  ... " << points.size() - shown << " more points in sweep.csv\n";
}

// A scenario error about a varied key is located at the --vary that set it, not at "--set".
model::ScenarioError located(const model::ScenarioError& e, const std::vector<model::VaryRange>& ranges) {
  if (e.file == "--set")
    for (const model::VaryRange& r : ranges)
      if (e.key == r.key) return model::ScenarioError("--vary " + r.text, 0, e.key, e.detail);
  return e;
}

// What holding a design of `points` points costs: each point is a loaded copy of the scenario
// (studies/comparison/variant_set.hpp) and keeps its replications' outcomes. Counted before the design is
// built, so one that cannot fit is refused before it takes any memory.
HeldBytes design_bytes(const model::Scenario& base, const std::vector<model::VaryRange>& ranges, bool sobol,
                       std::uint64_t points) {
  std::string keys;
  for (const model::VaryRange& r : ranges) keys += (keys.empty() ? "" : ", ") + r.key;
  const double per_point = model::estimate_variant_bytes(base) + 16.0 * static_cast<double>(base.replications);
  return HeldBytes{per_point * static_cast<double>(points),
                   "the design's " + std::to_string(points) + " points (" + keys + "), each a loaded scenario",
                   sobol ? "ask for fewer --points" : "use fewer points (narrow the ranges or widen the steps of " + keys +
                                                          "; --max-points refuses larger grids)"};
}

// Throws DesignError when the design and one replication per thread cannot fit in memory.
void require_design_fits(const model::Scenario& base, const HeldBytes& design, const BatchOptions& batch) {
  const model::CompiledScenario cs(base);
  const double per_replication = model::estimate_replication(cs, false).bytes;
  if (const std::string why = memory_problem("sweep", per_replication, batch.thread_count, batch.memory_limit, design);
      !why.empty())
    throw model::DesignError(why);
}

// What the command line asks for: the options as given, then checked, with the design and its
// points loaded. Filled in place: the options are bound to its members' addresses.
struct SweepRequest {
  std::vector<std::string> vary;
  std::string design_kind = "grid", points_text, max_points_text = "10000";
  BatchOptions batch;
  std::string path;
  po::variables_map vm;
  model::SweepDesign design;
  std::vector<model::VaryRange> ranges;
  std::unique_ptr<model::Scenario> base;
  std::unique_ptr<model::VariantSet> points;
  HeldBytes held;
  std::string out_dir;
};

// The design from the ranges: the scenario at the first point first (the loader checks every key,
// naming an unknown one, and says which take whole numbers), then its size, checked against
// memory before it is built.
void build_design(SweepRequest& q, bool sobol, std::uint64_t max_points) {
  std::vector<std::string> first = q.batch.sets;
  for (const model::VaryRange& r : q.ranges) first.push_back(r.key + "=" + r.lo_text);
  q.base = std::make_unique<model::Scenario>(model::load_scenario(q.path, first));
  for (model::VaryRange& r : q.ranges) {
    r.whole_number = model::is_whole_number_key(*q.base, r.key);
    if (r.whole_number) model::check_whole_number_range(r);
  }
  const std::uint64_t sobol_points = sobol ? parse_count("--points", q.points_text, 1) : 0;
  q.held = design_bytes(*q.base, q.ranges, sobol, model::checked_design_size(q.ranges, sobol_points, max_points));
  require_design_fits(*q.base, q.held, q.batch);
  q.design = sobol ? model::sobol_design(q.ranges, sobol_points, max_points) : model::grid_design(q.ranges, max_points);
  q.points = std::make_unique<model::VariantSet>(q.path, q.batch.sets, q.design.overrides(), "sweep point");
}

// Checks the option values and builds the design; throws UsageError or the loaders' errors.
void resolve_request(SweepRequest& q) {
  if (q.path.empty()) throw UsageError("no scenario file given");
  if (q.design_kind != "grid" && q.design_kind != "sobol")
    throw UsageError("--design: expected grid or sobol, found \"" + q.design_kind + "\"");
  const bool sobol = q.design_kind == "sobol";
  if (sobol && q.points_text.empty()) throw UsageError("--design sobol needs --points N");
  if (!sobol && !q.points_text.empty()) throw UsageError("--points goes with --design sobol");
  if (q.vary.empty()) throw UsageError("nothing to vary: give --vary KEY=" + std::string(sobol ? "LO:HI" : "LO:HI:STEP"));
  q.batch.resolve(q.vm);
  const std::uint64_t max_points = parse_count("--max-points", q.max_points_text, 1);
  for (const std::string& v : q.vary) q.ranges.push_back(model::parse_vary(v, !sobol));
  try {
    build_design(q, sobol, max_points);
  } catch (const model::ScenarioError& e) {
    throw located(e, q.ranges);
  }
}

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, SweepRequest& q) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")
      ("vary", po::value(&q.vary)->composing(), "a key and its range: KEY=LO:HI:STEP (grid) or KEY=LO:HI (sobol); repeatable")
      ("design", po::value(&q.design_kind), "grid (default): every combination; sobol: --points quasi-random points")
      ("points", po::value(&q.points_text), "points of a Sobol design (a power of two spreads them evenly over each range)")
      ("max-points", po::value(&q.max_points_text), "refuse designs with more points than this (default 10000)");
  q.batch.add_common_to(opts);
  if (const auto status = parse_command("sweep", sweep_usage, opts, q.path, args, q.vm,
                                        [&] { resolve_request(q); }))
    return status;
  q.out_dir = q.batch.out_dir_or("sweep-" + fs::path(q.path).stem().string());
  return std::nullopt;
}

// A thread runs one point's replication at a time: the largest point sets the need. Empty when
// it fits, else why not.
std::string memory_shortfall(const SweepRequest& q) {
  return memory_problem("sweep", largest_replication_bytes(*q.points), q.batch.thread_count, q.batch.memory_limit, q.held);
}

void write_manifest(StagedFolder& out, const Args& args, const SweepRequest& q, std::uint64_t replications,
                    std::chrono::steady_clock::time_point started) {
  StudyManifest m;
  m.command_line = command_line("sweep", args);
  m.scenario_path = q.path;
  m.scenario = q.base.get();
  m.overrides = q.batch.sets;
  m.seed = q.points->seed();
  m.replications = replications;
  m.threads = q.batch.thread_count;
  m.fields["design"] = q.design.kind;
  m.fields["points"] = q.design.size();
  m.fields["varied"] = varied_ranges(q.ranges);
  if (q.design.kind == "sobol")
    m.fields["sobol"] = "Boost.Random sobol (Joe-Kuo directions), unscrambled; the origin, then the engine's first "
                        "points-1 points";
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.write("manifest.json", [&](std::ostream& os) { write_study_manifest(os, m); });
}

// Runs every point, writes the folder and reports; sim::Stopped passes through.
int sweep(const Args& args, const SweepRequest& q, ResumableStudy& study,
          std::chrono::steady_clock::time_point started) {
  const model::Scenario& s0 = q.points->scenario(0);
  const std::uint64_t replications = s0.replications;
  StagedFolder out{fs::path(q.out_dir)};
  const std::vector<model::PointSummary> summaries =
      model::run_sweep(*q.points, replications, study.work(), [&](const sim::Progress& p) {
        study.progress().report(p, std::to_string(q.design.size()) + " points");
      });
  study.progress().finish();

  out.write("sweep.csv", [&](std::ostream& os) { model::write_sweep_csv(os, q.design, summaries); });
  write_manifest(out, args, q, replications, started);
  out.commit();
  study.finish();

  std::cout << "Swept " << s0.name << ": " << q.design.size() << " points (" << q.design.kind
            << "), each on the same " << replications << " replications (seed " << q.points->seed()
            << "), target " << s0.target << ":\n";
  print_points(q.design, summaries);
  std::cout << "  results in " << q.out_dir << "/\n";
  return q.batch.plot ? plot_folder(q.out_dir) : exit_ok;
}

}  // namespace

// parse → plan (memory, then the output folder, before any journal) → run, write and report.
int cmd_sweep(const Args& args) {
  SweepRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  const auto started = std::chrono::steady_clock::now();
  return run_study({"sweep", memory_shortfall(q), q.out_dir, files_read(q.points->scenarios()), &q.vm,
                    q.points->scenarios(), "", q.batch.thread_count, q.batch.quiet,
                    q.points->scenario(0).replications * q.design.size()},
                   [&](ResumableStudy& study) { return sweep(args, q, study, started); });
}

}  // namespace app
