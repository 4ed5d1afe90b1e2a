// outreach check SCENARIO: validate a scenario and print the resolved plan, every value with
// where it came from, without simulating anything (unless --time asks for a measured estimate).
#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "app/batch/pilot_timing.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/scenario_warnings.hpp"
#include "model/offices/office_resource_estimate.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/office_set.hpp"
#include "model/scenario/resolved_report.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "studies/mean_field/mean_field.hpp"
#include "studies/mean_field/office_report.hpp"

namespace app {
namespace {

namespace po = boost::program_options;

constexpr const char* check_usage =
    "usage: outreach check SCENARIO [--set key=value]... [--time]\n"
    "Checks a scenario file and prints the resolved plan: every value, from the file, from\n"
    "--set or from a default, with its source. Exits 0 when the scenario is valid, 2 when it\n"
    "is not (the error, with file, line and key, goes to stderr). Ends with a mean-field\n"
    "preview: the expected final count and sign-ups by channel, without randomness, and the\n"
    "memory a replication needs. --time also runs the first replications for about a second\n"
    "and says how long the scenario's replications will take on this machine.\n"
    "Default data files are looked for in $OUTREACH_DATA, then data/ beside the scenario or in\n"
    "the folder above it.\n";

// A file listing offices: each office as loaded, and what a replication of all of them needs.
void check_office_set(const std::string& path, const std::vector<std::string>& sets, bool timed) {
  const model::OfficeSet set = model::load_office_set(path, sets);
  warn_about("check", set, std::cerr);
  std::cout << model::describe_office_set(set);
  const model::ResourceEstimate r = model::estimate_office_set(model::OfficeSetRunner(set), false);
  std::cout << "\nResources (upper estimate): about " << model::format_bytes(r.bytes)
            << " per replication of every office, for " << static_cast<long long>(r.people) << " people touched ("
            << static_cast<long long>(r.contacts) << " expected contacts); a run holds one replication per thread.\n";
  if (timed) {
    const model::OfficeSetRunner runner(set);
    const PilotTiming t = time_replications([&](std::uint64_t rep) { runner.run_all(rep); });
    std::cout << describe_timing(t, set.replications, default_threads());
  }
}

// One scenario: its resolved keys, the mean-field preview, and what a replication needs.
void check_scenario(const std::string& path, const std::vector<std::string>& sets, bool timed) {
  const model::Scenario s = model::load_scenario(path, sets);
  warn_about("check", s, std::cerr);
  std::cout << model::describe_resolved(s);
  std::cout << model::describe_mean_field(s, model::mean_field(s));
  const model::ResourceEstimate r = model::estimate_replication(model::CompiledScenario(s), false);
  std::cout << "\nResources (upper estimate): about " << model::format_bytes(r.bytes) << " per replication, for "
            << static_cast<long long>(r.people) << " people touched (" << static_cast<long long>(r.contacts)
            << " expected contacts); a run holds one replication per thread.\n";
  if (timed) {
    const model::ScenarioRunner runner(s);
    const PilotTiming t = time_replications([&](std::uint64_t rep) { runner.run(s.seed, rep); });
    std::cout << describe_timing(t, s.replications, default_threads());
  }
}

}  // namespace

int cmd_check(const Args& args) {
  po::options_description opts("options");
  std::vector<std::string> sets;
  opts.add_options()
      ("help,h", "show this help")
      ("time", "run the first replications for about a second to measure how long a run takes")
      ("set", po::value(&sets)->composing(),
       "override a scenario key: --set section.key=value (repeatable)");
  std::string scenario_path;
  po::variables_map vm;
  const auto status = parse_command("check", check_usage, opts, scenario_path, args, vm, [&] {
    if (scenario_path.empty()) throw UsageError("no scenario file given");
  });
  if (status) return *status;
  const bool timed = vm.count("time") > 0;
  // A scenario that cannot be used is a sim::InputError, which main() reports.
  if (model::lists_offices(scenario_path)) check_office_set(scenario_path, sets, timed);
  else check_scenario(scenario_path, sets, timed);
  return exit_ok;
}

}  // namespace app
