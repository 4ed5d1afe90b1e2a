// outreach sensitivity SCENARIO: which of the scenario's uncertain parameters moves the final
// count and the cost most. The statistics are studies/sensitivity/sensitivity.hpp.
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
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
#include "model/scenario/scenario_error.hpp"
#include "studies/comparison/variant_set.hpp"
#include "studies/sensitivity/sensitivity.hpp"
#include "studies/sensitivity/thresholds.hpp"
#include "studies/sensitivity/variance_share.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* sensitivity_usage =
    "usage: outreach sensitivity SCENARIO [options]\n"
    "Over the scenario's uncertain parameters (keys given as distributions, drawn anew in each\n"
    "replication): the partial rank correlation (PRCC, with its 95 % interval) of each with the\n"
    "final count and with the cost, and the share of the final count's variance each explains on\n"
    "its own; and for each parameter the value at which P(target met) crosses 50 % and the\n"
    "--confidence asked. Writes sensitivity.csv, thresholds.csv, samples.csv and manifest.json\n"
    "(default folder results/sensitivity-<scenario>/), answers which unknown to measure first and\n"
    "says what must be true for the plan to work.\n";

void print_rows(const std::vector<model::SensitivityRow>& rows) {
  std::cout << "  parameter                           output   PRCC   (95 % interval)    variance share\n";
  for (const model::SensitivityRow& r : rows) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-35s %-6s %+6.3f  (%+.3f to %+.3f)   %5.1f %%\n", r.parameter.c_str(),
                  r.output.c_str(), r.prcc, r.lo, r.hi, 100 * r.variance_share);
    std::cout << line;
  }
}

// What a replication keeps: its draws, final count and cost.
struct Kept {
  std::vector<double> parameters;
  double final_count, cost;
};

sim::RecordCodec<Kept> kept_codec(std::size_t parameters) {
  return sim::numbered_codec<Kept>(
      [](const Kept& k, sim::ByteWriter& w) {
        for (const double x : k.parameters) w.put(x);
        w.put(k.final_count);
        w.put(k.cost);
      },
      [parameters](sim::ByteReader& r) {
        Kept k;
        for (std::size_t j = 0; j < parameters; ++j) k.parameters.push_back(r.get<double>());
        k.final_count = r.get<double>();
        k.cost = r.get<double>();
        return k;
      });
}

// What the command line asks for, checked, with the scenario loaded. Filled in place: the
// options are bound to its members' addresses.
struct SensitivityRequest {
  BatchOptions batch;
  std::string path;
  std::string confidence_text = "0.9";
  double confidence = 0.9;  // the P(target met) whose crossings thresholds.csv gives, besides 50 %
  po::variables_map vm;
  std::unique_ptr<model::VariantSet> variants;
  std::string out_dir;
};

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, SensitivityRequest& q) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")(
      "confidence", po::value(&q.confidence_text),
      "the P(target met) whose crossing thresholds.csv gives for each parameter, besides 50 % (default 0.9)");
  q.batch.add_common_to(opts);
  if (const auto status = parse_command("sensitivity", sensitivity_usage, opts, q.path, args, q.vm, [&] {
        if (q.path.empty()) throw UsageError("no scenario file given");
        q.confidence = parse_number("--confidence", q.confidence_text, 0, 1, true, "up to");
        q.batch.resolve(q.vm);
        // One variant, the scenario itself: VariantSet runs it on the worker threads in order.
        q.variants =
            std::make_unique<model::VariantSet>(q.path, q.batch.sets, std::vector<std::vector<std::string>>{{}});
      }))
    return status;
  q.out_dir = q.batch.out_dir_or("sensitivity-" + fs::path(q.path).stem().string());
  return std::nullopt;
}

// Says on stderr why the scenario cannot be analysed (no uncertain parameter, too few
// replications for the rank regressions) and returns true; false when it can.
bool refuse_unsuitable(const std::string& path, const model::Scenario& s) {
  if (s.uncertain.empty()) {
    std::cerr << "outreach sensitivity: " << path << " has no uncertain parameters: give at least one key as a "
              << "distribution, in the file or with --set, e.g. --set 'sessions.conversion={ beta = { mean = 0.06, "
                 "sd = 0.025 } }' (scenarios/README.md, \"Uncertain parameters\")\n";
    return true;
  }
  const std::uint64_t needed = model::minimum_sensitivity_replications(s.uncertain.size());
  if (s.replications < needed) {
    std::cerr << "outreach sensitivity: " << s.replications << " replications are too few for "
              << s.uncertain.size() << " uncertain parameters: need at least " << needed
              << " (ten per coefficient of the rank regressions); use -n " << std::max<std::uint64_t>(needed, 1000)
              << " or more\n";
    return true;
  }
  return false;
}

// The sample is kept whole for the rank regressions: each replication's draws, final count,
// cost and number. Empty when it fits, else why not.
std::string memory_shortfall(const SensitivityRequest& q) {
  const model::Scenario& s = q.variants->scenario(0);
  const double sample_bytes = static_cast<double>(s.replications) * static_cast<double>(s.uncertain.size() + 3) * 8;
  return memory_problem("sensitivity", model::estimate_replication(q.variants->runner(0).compiled(), false).bytes,
                        q.batch.thread_count, q.batch.memory_limit, sample_bytes);
}

// Every replication's draws, final count and cost, in replication order.
model::SensitivitySample draw_sample(const SensitivityRequest& q, ResumableStudy& study) {
  const model::Scenario& s = q.variants->scenario(0);
  model::SensitivitySample sample;
  for (const model::UncertainParameter& u : s.uncertain) sample.parameters.push_back(u.key);
  const auto n = static_cast<Eigen::Index>(s.replications);
  sample.drawn.resize(n, static_cast<Eigen::Index>(s.uncertain.size()));
  sample.final_count.resize(n);
  sample.cost.resize(n);
  q.variants->run(
      study.work(), 0, s.replications,
      [](std::size_t, const model::ReplicationResult& r) {
        return Kept{r.parameters, static_cast<double>(r.final_count), r.projections.costs.total()};
      },
      [&](std::uint64_t rep, std::vector<Kept>&& kept) {
        const auto i = static_cast<Eigen::Index>(rep);
        for (std::size_t j = 0; j < kept[0].parameters.size(); ++j)
          sample.drawn(i, static_cast<Eigen::Index>(j)) = kept[0].parameters[j];
        sample.final_count[i] = kept[0].final_count;
        sample.cost[i] = kept[0].cost;
        sample.replications.push_back(rep);
      },
      kept_codec(s.uncertain.size()),
      [&](const sim::Progress& p) { study.progress().report(p, std::to_string(s.uncertain.size()) + " parameters"); });
  study.progress().finish();
  return sample;
}

void write_manifest(StagedFolder& out, const Args& args, const SensitivityRequest& q,
                    std::chrono::steady_clock::time_point started) {
  const model::Scenario& s = q.variants->scenario(0);
  StudyManifest m;
  m.command_line = command_line("sensitivity", args);
  m.scenario_path = q.path;
  m.scenario = &s;
  m.overrides = q.batch.sets;
  m.seed = q.variants->seed();
  m.replications = s.replications;
  m.threads = q.batch.thread_count;
  m.fields["uncertain_parameters"] = sim::JsonDocument::array();
  for (const model::UncertainParameter& u : s.uncertain)
    m.fields["uncertain_parameters"].push_back({{"key", u.key}, {"distribution", u.distribution.describe()}});
  m.fields["method"] =
      "PRCC with Fisher-z 95 % intervals (Marino et al. 2008); first-order variance shares by equal-count bins "
      "with Kelley's correction";
  m.fields["variance_share_bins"] = model::variance_share_bins(s.replications);
  m.fields["threshold_confidence"] = q.confidence;  // thresholds.csv's second crossing
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.write("manifest.json", [&](std::ostream& os) { write_study_manifest(os, m); });
}

// Draws the sample, analyses it, writes the folder and reports; sim::Stopped passes through.
int analyse(const Args& args, const SensitivityRequest& q, ResumableStudy& study,
            std::chrono::steady_clock::time_point started) {
  const model::Scenario& s = q.variants->scenario(0);
  StagedFolder out{fs::path(q.out_dir)};
  const model::SensitivitySample sample = draw_sample(q, study);
  const std::vector<model::SensitivityRow> rows = model::analyse_sensitivity(sample);
  out.write("sensitivity.csv", [&](std::ostream& os) { model::write_sensitivity_csv(os, rows); });
  const std::vector<model::Threshold> thresholds = model::find_thresholds(sample, s.target, q.confidence);
  out.write("thresholds.csv", [&](std::ostream& os) { model::write_thresholds_csv(os, thresholds); });
  out.write("samples.csv", [&](std::ostream& os) { model::write_samples_csv(os, sample); });
  write_manifest(out, args, q, started);
  out.commit();
  study.finish();

  std::cout << "Sensitivity of " << s.name << " to its " << s.uncertain.size() << " uncertain parameters ("
            << s.replications << " replications, seed " << q.variants->seed() << "):\n";
  print_rows(rows);
  std::cout << model::measure_first(rows);
  std::cout << "  " << model::what_must_be_true(thresholds, q.confidence);
  std::cout << "  results in " << q.out_dir << "/\n";
  return q.batch.plot ? plot_folder(q.out_dir) : exit_ok;
}

}  // namespace

// parse → plan (the scenario's fitness, memory, then the output folder, before any journal) →
// run, write and report.
int cmd_sensitivity(const Args& args) {
  SensitivityRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  const model::Scenario& s = q.variants->scenario(0);
  if (refuse_unsuitable(q.path, s)) return exit_invalid;
  const auto started = std::chrono::steady_clock::now();
  return run_study({"sensitivity", memory_shortfall(q), q.out_dir, files_read(s), &q.vm, {&s}, "",
                    q.batch.thread_count, q.batch.quiet, s.replications},
                   [&](ResumableStudy& study) { return analyse(args, q, study, started); });
}

}  // namespace app
