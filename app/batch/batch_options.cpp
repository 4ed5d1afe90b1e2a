#include "app/batch/batch_options.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>

#include "app/batch/memory_guard.hpp"
#include "app/cli/cli.hpp"

namespace app {

namespace po = boost::program_options;

void BatchOptions::add_to(po::options_description& opts) {
  opts.add_options()
      ("replications,n", po::value(&replications), "replications (overrides [run] replications); with --precision, the size of each batch")
      ("seed,s", po::value(&seed), "master seed (overrides [run] seed)")
      ("threads,t", po::value(&threads), "worker threads (default: all cores); results never depend on it")
      ("out,o", po::value(&out_dir), "output folder")
      ("events", po::value(&events), "save the event logs of the first K replications (default 1)")
      ("precision", po::value(&precision), "add batches until the 95 % interval's half-width is at most this (e.g. 0.01)")
      ("max-replications", po::value(&max_replications), "cap on replications with --precision (default 100000)")
      ("quiet,q", po::bool_switch(&quiet), "no progress on stderr")
      ("plot", po::bool_switch(&plot), "draw the charts and report.html into the output folder (as `outreach plot`)")
      ("set", po::value(&sets)->composing(), "override a scenario key: --set section.key=value (repeatable)")
      ("max-memory", po::value(&max_memory), "run even if the estimated memory exceeds what is available, up to this (e.g. 6GiB)");
}

void BatchOptions::add_common_to(po::options_description& opts) {
  opts.add_options()
      ("replications,n", po::value(&replications), "replications (overrides [run] replications)")
      ("plot", po::bool_switch(&plot), "draw the charts into the output folder (as `outreach plot`)");
  add_study_to(opts);
}

void BatchOptions::add_study_to(po::options_description& opts) {
  events = "0";
  opts.add_options()
      ("seed,s", po::value(&seed), "master seed (overrides [run] seed)")
      ("threads,t", po::value(&threads), "worker threads (default: all cores); results never depend on it")
      ("out,o", po::value(&out_dir), "output folder")
      ("quiet,q", po::bool_switch(&quiet), "no progress on stderr")
      ("set", po::value(&sets)->composing(), "override a scenario key: --set section.key=value (repeatable)")
      ("max-memory", po::value(&max_memory), "run even if the estimated memory exceeds what is available, up to this (e.g. 6GiB)");
}

void BatchOptions::resolve(const po::variables_map&) {
  thread_count = default_threads();
  if (!replications.empty())
    sets.push_back("run.replications=" + std::to_string(parse_count("--replications", replications, 1)));
  if (!seed.empty()) sets.push_back("run.seed=" + std::to_string(parse_count("--seed", seed, 0)));
  if (!threads.empty()) thread_count = static_cast<unsigned>(parse_count("--threads", threads, 1, 1024));
  logged = parse_count("--events", events, 0);
  if (!max_memory.empty()) memory_limit = parse_memory_size("--max-memory", max_memory);
  if (!precision.empty()) {
    double p = 0;
    const auto [end, ec] = std::from_chars(precision.data(), precision.data() + precision.size(), p);
    if (ec != std::errc{} || end != precision.data() + precision.size() || !(p > 0 && p < 1))
      throw UsageError("--precision: expected a number between 0 and 1, such as 0.01, found \"" + precision + "\"");
  }
  if (!max_replications.empty()) parse_count("--max-replications", max_replications, 1);
  if (!max_replications.empty() && precision.empty())
    throw UsageError("--max-replications goes with --precision");
}

BatchPlan BatchOptions::plan(std::uint64_t scenario_replications) const {
  BatchPlan p;
  p.replications = scenario_replications;
  if (!precision.empty()) {
    p.precision = std::stod(precision);
    p.batch = scenario_replications;
    if (!max_replications.empty()) p.max_replications = parse_count("--max-replications", max_replications, 1);
    p.max_replications = std::max(p.max_replications, p.batch);
  }
  return p;
}

std::string BatchOptions::out_dir_or(const std::string& default_name) const {
  return out_dir.empty() ? (std::filesystem::path("results") / default_name).string() : out_dir;
}

}  // namespace app
