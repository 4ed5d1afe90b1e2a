#include "app/batch/resumable_study.hpp"

#include <any>
#include <iostream>
#include <set>

#include "app/cli/command_parser.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "model/run/run_outputs.hpp"
#include "model/scenario/scenario_digest.hpp"
#include "sim/replication_runner.hpp"

namespace app {

namespace po = boost::program_options;

namespace {

// Options that change how a study runs or where it writes, never what it computes.
const std::set<std::string> not_in_identity = {"help", "threads", "out", "quiet", "plot", "max-memory",
                                               positional_arguments};

std::string option_text(const po::variable_value& v) {
  const boost::any& a = v.value();
  if (const auto* s = boost::any_cast<std::string>(&a)) return *s;
  if (const auto* b = boost::any_cast<bool>(&a)) return *b ? "true" : "false";
  if (const auto* list = boost::any_cast<std::vector<std::string>>(&a)) {
    std::string joined;
    for (const std::string& x : *list) joined += (joined.empty() ? "" : " ") + x;
    return joined;
  }
  throw std::logic_error("study journal: an option of a type it cannot write");
}

sim::RunnerOptions runner_options(unsigned threads, const InterruptionGuard& interruption,
                                  const ProgressReporter& progress) {
  sim::RunnerOptions o;
  o.threads = threads;
  o.stop = &interruption.requested();
  o.progress_every = progress.interval();
  return o;
}

}  // namespace

std::string study_identity(const po::variables_map& vm, const std::vector<const model::Scenario*>& scenarios) {
  std::string id;
  for (const auto& [name, value] : vm)  // a std::map: in name order
    if (!value.defaulted() && !not_in_identity.count(name)) id += "--" + name + "=" + option_text(value) + "\n";
  id += "scenarios=" + std::to_string(scenarios.size()) + "\n";
  if (scenarios.size() == 1) return id + "scenario.0=" + model::scenario_digest(*scenarios[0]) + "\n";
  // Thousands of sweep points or candidates: one line, the SHA-256 of their digests.
  std::string digests;
  for (const model::Scenario* s : scenarios) digests += model::scenario_digest(*s) + "\n";
  return id + "scenario.all=" + model::sha256_hex(digests) + "\n";
}

ResumableStudy::ResumableStudy(const std::string& command, const std::filesystem::path& out_dir,
                               const po::variables_map& vm, const std::vector<const model::Scenario*>& scenarios,
                               const std::string& extra, unsigned threads, bool quiet, std::ostream& notes)
    : command_(command),
      journal_(command, out_dir, journal_identity_start(command) + study_identity(vm, scenarios) + extra,
               "simulations", notes),
      progress_(quiet),
      work_(runner_options(threads, interruption_, progress_), journal_.journal(), 0, journal_.found()) {}

int ResumableStudy::interrupted(std::uint64_t total, std::ostream& err) {
  progress_.finish();
  journal_.sync();
  const std::string done = std::to_string(journal_.recorded());
  return interruption_.report(command_, done + (total ? " of " + std::to_string(total) : "") + " simulations",
                              "resume: the " + done + " simulations done are kept in " + journal_.path().string(), err);
}

int run_study(const StudyStart& start, const std::function<int(ResumableStudy&)>& body) {
  if (!start.memory_why.empty()) {
    std::cerr << "outreach " << start.command << ": " << start.memory_why << "\n";
    return exit_invalid;
  }
  guard_output_folder(start.out_dir, start.inputs);
  ResumableStudy study(start.command, std::filesystem::path(start.out_dir), *start.vm, start.scenarios, start.extra,
                       start.threads, start.quiet, std::cerr);
  try {
    return body(study);
  } catch (const sim::Stopped&) {
    return study.interrupted(start.total, std::cerr);
  }
}

}  // namespace app
