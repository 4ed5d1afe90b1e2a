// outreach sensitivity SCENARIO: which of the scenario's uncertain parameters moves the final
// count and the cost most. The statistics are model/sensitivity.hpp.
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/batch_options.hpp"
#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/plots.hpp"
#include "app/progress.hpp"
#include "app/staged_folder.hpp"
#include "app/study_manifest.hpp"
#include "model/scenario_error.hpp"
#include "model/sensitivity.hpp"
#include "model/variance_share.hpp"
#include "model/variant_set.hpp"
#include "sim/quoted_string.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* sensitivity_usage =
    "usage: outreach sensitivity SCENARIO [options]\n"
    "Over the scenario's uncertain parameters (keys given as distributions, drawn anew in each\n"
    "replication): the partial rank correlation (PRCC, with its 95 % interval) of each with the\n"
    "final count and with the cost, and the share of the final count's variance each explains on\n"
    "its own. Writes sensitivity.csv, samples.csv and manifest.json (default folder\n"
    "results/sensitivity-<scenario>/) and answers which unknown to measure first.\n";

void print_rows(const std::vector<model::SensitivityRow>& rows) {
  std::cout << "  parameter                           output   PRCC   (95 % interval)    variance share\n";
  for (const model::SensitivityRow& r : rows) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-35s %-6s %+6.3f  (%+.3f to %+.3f)   %5.1f %%\n", r.parameter.c_str(),
                  r.output.c_str(), r.prcc, r.lo, r.hi, 100 * r.variance_share);
    std::cout << line;
  }
}

}  // namespace

int cmd_sensitivity(const Args& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  BatchOptions batch;
  batch.add_common_to(opts);
  po::options_description all;
  std::string path;
  all.add(opts).add_options()("scenario", po::value(&path));
  po::positional_options_description pos;
  pos.add("scenario", 1);

  po::variables_map vm;
  std::unique_ptr<model::VariantSet> variants;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << sensitivity_usage << opts;
      return exit_ok;
    }
    if (path.empty()) throw UsageError("no scenario file given");
    batch.resolve(vm);
    // One variant, the scenario itself: VariantSet runs it on the worker threads in order.
    variants = std::make_unique<model::VariantSet>(path, batch.sets, std::vector<std::vector<std::string>>{{}});
  } catch (const po::error& e) {
    std::cerr << "outreach sensitivity: " << e.what() << "\n" << sensitivity_usage << opts;
    return exit_invalid;
  } catch (const UsageError& e) {
    std::cerr << "outreach sensitivity: " << e.what() << "\n" << sensitivity_usage << opts;
    return exit_invalid;
  } catch (const model::ScenarioError& e) {
    std::cerr << "outreach sensitivity: " << e.what() << "\n";
    return exit_invalid;
  }
  const model::Scenario& s = variants->scenario(0);
  if (s.uncertain.empty()) {
    std::cerr << "outreach sensitivity: " << path << " has no uncertain parameters: give at least one key as a "
              << "distribution, in the file or with --set, e.g. --set 'sessions.conversion={ beta = { mean = 0.06, "
                 "sd = 0.025 } }' (scenarios/README.md, \"Uncertain parameters\")\n";
    return exit_invalid;
  }
  const std::uint64_t needed = model::minimum_sensitivity_replications(s.uncertain.size());
  if (s.replications < needed) {
    std::cerr << "outreach sensitivity: " << s.replications << " replications are too few for "
              << s.uncertain.size() << " uncertain parameters: need at least " << needed
              << " (ten per coefficient of the rank regressions); use -n " << std::max<std::uint64_t>(needed, 1000)
              << " or more\n";
    return exit_invalid;
  }

  const auto started = std::chrono::steady_clock::now();
  const std::string out_dir = batch.out_dir.empty()
                                  ? (fs::path("results") / ("sensitivity-" + fs::path(path).stem().string())).string()
                                  : batch.out_dir;
  StagedFolder out{fs::path(out_dir)};

  model::SensitivitySample sample;
  for (const model::UncertainParameter& u : s.uncertain) sample.parameters.push_back(u.key);
  const auto n = static_cast<Eigen::Index>(s.replications);
  sample.drawn.resize(n, static_cast<Eigen::Index>(s.uncertain.size()));
  sample.final_count.resize(n);
  sample.cost.resize(n);
  struct Kept {
    std::vector<double> parameters;
    double final_count, cost;
  };
  ProgressReporter progress(batch.quiet);
  variants->run(
      0, s.replications, batch.thread_count,
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
      [&](const sim::Progress& p) { progress.report(p, std::to_string(s.uncertain.size()) + " parameters"); });
  progress.finish();

  const std::vector<model::SensitivityRow> rows = model::analyse_sensitivity(sample);
  out.write("sensitivity.csv", [&](std::ostream& os) { model::write_sensitivity_csv(os, rows); });
  out.write("samples.csv", [&](std::ostream& os) { model::write_samples_csv(os, sample); });
  StudyManifest m;
  m.command_line = command_line("sensitivity", args);
  m.scenario_path = path;
  m.scenario = &s;
  m.overrides = batch.sets;
  m.seed = variants->seed();
  m.replications = s.replications;
  m.threads = batch.thread_count;
  std::string params = "[";
  for (std::size_t i = 0; i < s.uncertain.size(); ++i)
    params += std::string(i ? ", " : "") + "{\"key\": " + sim::json_quoted(s.uncertain[i].key) +
              ", \"distribution\": " + sim::json_quoted(s.uncertain[i].distribution.describe()) + "}";
  m.fields = {{"uncertain_parameters", params + "]"},
              {"method", sim::json_quoted("PRCC with Fisher-z 95 % intervals (Marino et al. 2008); first-order "
                                          "variance shares by equal-count bins with Kelley's correction")},
              {"variance_share_bins", std::to_string(model::variance_share_bins(s.replications))}};
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.write("manifest.json", [&](std::ostream& os) { write_study_manifest(os, m); });
  out.commit();

  std::cout << "Sensitivity of " << s.name << " to its " << s.uncertain.size() << " uncertain parameters ("
            << s.replications << " replications, seed " << variants->seed() << "):\n";
  print_rows(rows);
  std::cout << model::measure_first(rows);
  std::cout << "  results in " << out_dir << "/\n";
  return batch.plot ? plot_folder(out_dir) : exit_ok;
}

}  // namespace app
