// outreach run SCENARIO: simulate a plan over many replications and write the results.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/staged_folder.hpp"
#include "model/batch_summary.hpp"
#include "model/compiled_scenario.hpp"
#include "model/replication.hpp"
#include "model/run_outputs.hpp"
#include "model/scenario_loader.hpp"
#include "sim/event_log.hpp"
#include "sim/replication_runner.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* run_usage =
    "usage: outreach run SCENARIO [options]\n"
    "Simulates the scenario's plan and writes summary.csv, replications.csv, daily.csv,\n"
    "breakdown.csv, funnel.csv, costs.csv, manifest.json and event logs to the output folder.\n";

void write_event_logs(StagedFolder& out, const model::Scenario& s, std::uint64_t rep,
                      const model::ReplicationResult& r) {
  char stem[64];
  std::snprintf(stem, sizeof stem, "events/replication-%06llu", static_cast<unsigned long long>(rep));
  const std::string metadata = "scenario=" + s.name + ";seed=" + std::to_string(s.seed) +
                               ";replication=" + std::to_string(rep);
  out.write(std::string(stem) + ".log", [&](std::ostream& os) {
    sim::EventLogEncoder<model::Event> enc(metadata);
    for (const auto& e : r.log) enc.append(e.time, e.event);
    os.write(reinterpret_cast<const char*>(enc.bytes().data()),
             static_cast<std::streamsize>(enc.bytes().size()));
  });
  out.write(std::string(stem) + ".csv", [&](std::ostream& os) { sim::export_csv(r.log, os); });
}

}  // namespace

int cmd_run(const Args& args) {
  po::options_description opts("options");
  std::vector<std::string> sets;
  std::string out_dir;
  std::string replications_text, seed_text, threads_text, events_text = "1";
  opts.add_options()
      ("help,h", "show this help")
      ("replications,n", po::value(&replications_text), "replications (overrides [run] replications)")
      ("seed,s", po::value(&seed_text), "master seed (overrides [run] seed)")
      ("threads,t", po::value(&threads_text), "worker threads (default: all cores); results do not depend on it")
      ("out,o", po::value(&out_dir), "output folder (default: results/<scenario file stem>)")
      ("events", po::value(&events_text), "save the event logs of the first K replications (default 1)")
      ("quiet,q", "no progress on stderr")
      ("set", po::value(&sets)->composing(), "override a scenario key: --set section.key=value (repeatable)");
  po::options_description all;
  std::string scenario_path;
  all.add(opts).add_options()("scenario", po::value(&scenario_path));
  po::positional_options_description pos;
  pos.add("scenario", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "outreach run: " << e.what() << "\n" << run_usage << opts;
    return exit_invalid;
  }
  if (vm.count("help")) {
    std::cout << run_usage << opts;
    return exit_ok;
  }
  if (scenario_path.empty()) {
    std::cerr << "outreach run: no scenario file given\n" << run_usage << opts;
    return exit_invalid;
  }
  const bool quiet = vm.count("quiet") > 0;

  std::optional<model::Scenario> loaded;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::uint64_t logged = 1;
  try {
    if (!replications_text.empty())
      sets.push_back("run.replications=" + std::to_string(parse_count("--replications", replications_text, 1)));
    if (!seed_text.empty())
      sets.push_back("run.seed=" + std::to_string(parse_count("--seed", seed_text, 0)));
    if (!threads_text.empty()) threads = static_cast<unsigned>(parse_count("--threads", threads_text, 1, 1024));
    logged = parse_count("--events", events_text, 0);
    loaded = model::load_scenario(scenario_path, sets);
  } catch (const UsageError& e) {
    std::cerr << "outreach run: " << e.what() << "\n";
    return exit_invalid;
  } catch (const model::ScenarioError& e) {
    std::cerr << "outreach run: " << e.what() << "\n";
    return exit_invalid;
  }
  const model::Scenario& s = *loaded;
  logged = std::min(logged, s.replications);
  if (out_dir.empty()) out_dir = (fs::path("results") / fs::path(scenario_path).stem()).string();

  const auto started = std::chrono::steady_clock::now();
  const model::CompiledScenario cs(s);
  model::BatchSummary summary(s);
  StagedFolder out{fs::path(out_dir)};

  sim::RunnerOptions ropt;
  ropt.threads = threads;
  ropt.progress_every = std::chrono::milliseconds(1000);
  if (!quiet)
    ropt.progress = [&](const sim::Progress& p) {
      std::cerr << "\r" << p.done << "/" << p.total << " replications, " << static_cast<int>(p.elapsed_seconds)
                << " s" << (p.done == p.total ? "\n" : "") << std::flush;
    };
  sim::run_replications(
      0, s.replications, ropt,
      [&](std::uint64_t rep) {
        model::ReplicationOptions o;
        o.keep_log = rep < logged;
        return model::run_replication(cs, s.seed, rep, o);
      },
      [&](std::uint64_t rep, model::ReplicationResult&& r) {
        summary.add(rep, r);
        if (rep < logged) write_event_logs(out, s, rep, r);
      });

  model::RunInfo info;
  info.scenario_path = scenario_path;
  info.scenario_sha256 = model::sha256_of_file(scenario_path);
  info.command_line = command_line("run", args);
  info.seed = s.seed;
  info.replications = s.replications;
  info.threads = threads;
  info.logged_replications = logged;
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  out.write("summary.csv", [&](std::ostream& os) { model::write_summary_csv(os, s, summary); });
  out.write("replications.csv", [&](std::ostream& os) { model::write_replications_csv(os, summary); });
  out.write("daily.csv", [&](std::ostream& os) { model::write_daily_csv(os, s, summary); });
  out.write("breakdown.csv", [&](std::ostream& os) { model::write_breakdown_csv(os, s, summary); });
  out.write("funnel.csv", [&](std::ostream& os) { model::write_funnel_csv(os, summary); });
  out.write("costs.csv", [&](std::ostream& os) { model::write_costs_csv(os, summary); });
  out.write("manifest.json", [&](std::ostream& os) { model::write_manifest_json(os, s, summary, info); });
  out.commit();

  std::cout << model::human_summary(s, summary) << "  results in " << out_dir << "/\n";
  return exit_ok;
}

}  // namespace app
