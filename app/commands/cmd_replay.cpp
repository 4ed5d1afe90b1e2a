// outreach replay LOG [--at DATE] [--out DIR]: fold a saved event log through the same
// State::apply and projections as the live run, and write that replication's files and its
// state at a date. outreach replay --verify LOG: check a log's records and consistency.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "app/cli/cli.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "model/replay/event_text.hpp"
#include "model/replay/log_check.hpp"
#include "model/replay/saved_log.hpp"
#include "model/run/batch_summary.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/manifest_fields.hpp"
#include "model/run/projections.hpp"
#include "model/run/replication.hpp"
#include "model/run/run_outputs.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/run/state_files.hpp"
#include "model/scenario/embedded_scenario.hpp"
#include "sim/date.hpp"
#include "sim/fingerprint.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/json_document.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* replay_usage =
    "usage: outreach replay LOG [--at DATE] [--out DIR]\n"
    "       outreach replay --verify LOG\n"
    "Replays a saved event log (events/replication-NNNNNN.log of outreach run --events, or its\n"
    ".csv export beside its .meta) through the model's state and reports, up to the end of\n"
    "DATE (default: the whole log), and writes that replication's summary.csv,\n"
    "replications.csv, daily.csv, breakdown.csv, funnel.csv and costs.csv, its state at that\n"
    "date (state.csv, people.csv, actors.csv) and replay.json to the output folder (default\n"
    "results/replay-<scenario stem>-<log stem>[-at-DATE]/). The log carries its scenario.\n"
    "--verify checks every record's checksum and the log's consistency instead, and prints\n"
    "the first violation (exit 1) or one line starting \"ok:\" (exit 0).\n"
    "Exit status: 0 done, 1 a violation (--verify) or a failure, 2 bad usage or a log that\n"
    "cannot be used.\n";

// A violation at record i: "<log>: record 57 (byte 2345, 2018-10-01 08:00:00): <why>".
std::string record_problem(const model::SavedLog& log, std::size_t i, const std::string& why,
                           const model::Scenario* s) {
  const auto& rec = log.records[i];
  return log.path.string() + ": record " + std::to_string(i) + " (" + log.location(i) + ", " +
         model::date_and_time(rec.time) + "): " + why + "\n  event: " +
         model::describe_event(rec.time, rec.event, s) + "\n";
}

std::string damage_problem(const model::SavedLog& log) {
  const model::LogDamage& d = *log.damage;
  return log.path.string() + ": record " + std::to_string(d.index) + " (" + d.where + "): " + d.what + "\n";
}

int verify(const std::string& path) {
  const model::SavedLog log = model::read_saved_log(path);
  const model::LogOrigin origin = model::origin_of(log);
  const model::CompiledScenario cs(origin.scenario);
  model::LogChecker checker(cs);
  for (std::size_t i = 0; i < log.records.size(); ++i) {
    if (i % 4096 == 0) sim::throw_if_cancelled();  // Ctrl-C: main() exits with 128 + the signal
    const std::string why = checker.check_and_apply(log.records[i].time, log.records[i].event);
    if (!why.empty()) {
      std::cout << record_problem(log, i, why, &origin.scenario);
      return exit_failure;
    }
  }
  if (log.damage) {
    std::cout << damage_problem(log);
    return exit_failure;
  }
  if (const std::string why = checker.check_end(); !why.empty()) {
    std::cout << log.path.string() << ": " << why << "\n";
    return exit_failure;
  }
  const model::State& st = checker.state();
  std::cout << "ok: " << log.records.size() << " events";
  if (!log.records.empty())
    std::cout << " from " << model::date_and_time(log.records.front().time) << " to "
              << model::date_and_time(log.records.back().time);
  std::cout << "; " << st.new_members() << " new members, " << st.lapsed() << " lapsed, "
            << st.pending_decisions() << " decisions pending at the end; "
            << (log.format == model::LogFormat::binary ? "every checksum and consistency rule holds ("
                                                        : "every consistency rule holds (a CSV export has no checksums; ")
            << path << ")\n";
  return exit_ok;
}

// The log folded up to `stop` through the same checks, state and projections as a live run.
// Built in place: the checker keeps a reference to `cs`.
struct Replayed {
  explicit Replayed(const model::Scenario& s) : cs(s), checker(cs), projections(s) {}
  const model::CompiledScenario cs;
  model::LogChecker checker;
  model::Projections projections;
  sim::Fingerprint trace;
  std::vector<std::uint64_t> people;  // everyone the events name, sorted, once each
  std::size_t applied = 0;
};

// Folds the log's records before `stop` into `f`; "" when they all hold, else the first problem
// (said with "nothing was written", for stderr).
std::string fold_log(const model::SavedLog& log, const model::Scenario& s, sim::Time stop, Replayed& f) {
  for (; f.applied < log.records.size() && log.records[f.applied].time < stop; ++f.applied) {
    if (f.applied % 4096 == 0) sim::throw_if_cancelled();
    const auto& [t, e] = log.records[f.applied];
    // A log that breaks a rule would make State::apply and the reports meaningless.
    if (const std::string why = f.checker.check_and_apply(t, e); !why.empty())
      return record_problem(log, f.applied, why, &s) + "nothing was written; the log is inconsistent\n";
    f.projections.apply(t, e);
    f.trace.add(t, e);
    if (e.kind != model::EventKind::session_held && e.kind != model::EventKind::staff_day_worked &&
        e.kind != model::EventKind::agent_joined)
      f.people.push_back(e.person);
  }
  if (const std::string why = f.checker.check_end(); !why.empty())
    return log.path.string() + ": " + why + "; nothing was written\n";
  std::sort(f.people.begin(), f.people.end());
  f.people.erase(std::unique(f.people.begin(), f.people.end()), f.people.end());
  if (f.people.size() != f.checker.state().people_known())
    throw std::logic_error("replay: the state holds " + std::to_string(f.checker.state().people_known()) +
                           " people, the events name " + std::to_string(f.people.size()));
  return "";
}

// results/replay-<scenario stem>-<log stem>[-at-DATE] unless --out names the folder.
std::string replay_folder(const std::string& out_arg, const model::LogOrigin& origin, const model::SavedLog& log,
                          const std::optional<sim::Date>& at_arg, sim::Date at) {
  if (!out_arg.empty()) return out_arg;
  const fs::path scenario_name = model::embedded_file_name(origin.metadata.sources.path, "scenario");
  std::string out_dir =
      (fs::path("results") / ("replay-" + scenario_name.stem().string() + "-" + log.path.stem().string())).string();
  if (at_arg) out_dir += "-at-" + sim::to_string(at);
  return out_dir;
}

void write_replay_json(StagedFolder& out, const std::string& command, const model::SavedLog& log,
                       const model::LogOrigin& origin, const model::BatchSummary& summary, const Replayed& f,
                       sim::Date at) {
  const model::LogMetadata& m = origin.metadata;
  sim::JsonDocument r;
  r["outreach_version"] = OUTREACH_VERSION;
  r["command"] = command;
  r["log"] = log.path.string();
  r["log_format"] = log.format == model::LogFormat::binary ? "binary" : "csv";
  r["written_by"] = m.outreach_version;
  r["scenario"] = m.scenario;
  r["scenario_path"] = m.sources.path;
  r["scenario_sha256"] = m.scenario_sha256;
  r["overrides"] = m.sources.overrides;
  r["seed"] = m.seed;
  r["replication"] = m.replication;
  r["as_of"] = sim::to_string(at);
  r["events_in_log"] = log.records.size();
  r["events_replayed"] = f.applied;
  r["trace_fingerprint"] = f.trace.hex();
  r["fingerprint"] = model::fingerprint_hex(summary.fingerprint());
  out.write("replay.json", [&](std::ostream& os) { sim::write_json_document(os, r); });
}

// The replication's files as a live run writes them, and its state at `at`.
void write_replay_files(StagedFolder& out, const model::Scenario& s, const model::BatchSummary& summary,
                        const model::ReplicationResult& r, const Replayed& f, sim::Date at) {
  const model::State& state = f.checker.state();
  out.write("summary.csv", [&](std::ostream& os) { model::write_summary_csv(os, s, summary); });
  out.write("replications.csv", [&](std::ostream& os) { model::write_replications_csv(os, summary); });
  out.write("daily.csv", [&](std::ostream& os) { model::write_daily_csv(os, s, summary, at); });
  out.write("breakdown.csv", [&](std::ostream& os) { model::write_breakdown_csv(os, s, summary); });
  out.write("funnel.csv", [&](std::ostream& os) { model::write_funnel_csv(os, summary); });
  out.write("costs.csv", [&](std::ostream& os) { model::write_costs_csv(os, summary); });
  out.write("state.csv", [&](std::ostream& os) { model::write_state_csv(os, s, state, r, at, f.applied); });
  out.write("people.csv", [&](std::ostream& os) { model::write_people_csv(os, f.cs, state, f.people); });
  out.write("actors.csv", [&](std::ostream& os) { model::write_actors_csv(os, f.cs, state); });
}

// "" when --at falls within the run (its first day to its deadline), else why not.
std::string date_problem(const std::optional<sim::Date>& at_arg, const model::Scenario& s) {
  const sim::Date first_day = s.start + 1;
  if (!at_arg || (*at_arg >= first_day && *at_arg <= s.end)) return "";
  return "--at " + sim::to_string(*at_arg) + ": expected a date from " + sim::to_string(first_day) +
         " (the run's first day) to " + sim::to_string(s.end) + " (its deadline)";
}

// read the log → fold it (checking every record) → reduce as a live run → write → report.
int replay(const std::string& path, const std::optional<sim::Date>& at_arg, const std::string& out_arg,
           const std::string& command) {
  const model::SavedLog log = model::read_saved_log(path);
  if (log.damage) {
    std::cerr << "outreach replay: " << damage_problem(log)
              << "nothing was written; `outreach replay --verify` reports the first problem of a log\n";
    return exit_invalid;
  }
  const model::LogOrigin origin = model::origin_of(log);
  // The scenario as the replication ran it: with its own draws of any uncertain parameters.
  const model::DrawnScenario drawn =
      model::draw_scenario(origin.scenario, origin.metadata.seed, origin.metadata.replication);
  const model::Scenario& s = drawn.scenario;
  if (const std::string why = date_problem(at_arg, s); !why.empty()) {
    std::cerr << "outreach replay: " << why << "\n";
    return exit_invalid;
  }
  const sim::Date at = at_arg.value_or(s.end);
  Replayed f(s);
  if (const std::string why = fold_log(log, s, (at + 1).to_time(), f); !why.empty()) {
    std::cerr << "outreach replay: " << why;
    return exit_invalid;
  }
  // The same reduction as a live run's, over this one replication.
  model::ReplicationResult r = model::result_of(s, f.checker.state(), f.projections);
  r.events = f.applied;
  r.fingerprint = f.trace.value();
  r.parameters = drawn.values;
  model::BatchSummary summary(s);
  summary.add(origin.metadata.replication, r);

  const std::string out_dir = replay_folder(out_arg, origin, log, at_arg, at);
  // After the log's checks, so that a damaged log is reported as such; the replay before them
  // reads the log and writes nothing.
  guard_output_folder(out_dir, {path});
  StagedFolder out{fs::path(out_dir)};
  write_replay_files(out, s, summary, r, f, at);
  write_replay_json(out, command, log, origin, summary, f, at);
  out.commit();

  std::cout << "replayed " << f.applied << " of " << log.records.size() << " events of " << path << " ("
            << s.name << ", replication " << origin.metadata.replication << ") to the end of "
            << sim::to_string(at) << ": count " << r.final_count << " (target " << s.target << "), "
            << r.pipeline << " decisions pending\n"
            << "  results in " << out_dir << "/\n";
  return exit_ok;
}

}  // namespace

int cmd_replay(const Args& args) {
  po::options_description opts("options");
  std::string at_text, out_dir;
  bool check = false;
  opts.add_options()
      ("help,h", "show this help")
      ("at", po::value(&at_text), "replay up to the end of this date (YYYY-MM-DD); default: the whole log")
      ("out,o", po::value(&out_dir), "output folder")
      ("verify", po::bool_switch(&check), "check the log's checksums and consistency; write nothing");
  po::options_description all;
  std::vector<std::string> logs;
  all.add(opts).add_options()("log", po::value(&logs));
  po::positional_options_description pos;
  pos.add("log", -1);

  po::variables_map vm;
  std::optional<sim::Date> at;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << replay_usage << opts;
      return exit_ok;
    }
    if (logs.empty()) throw UsageError("no event log given");
    if (logs.size() > 1) throw UsageError("expected one event log, found " + std::to_string(logs.size()));
    if (check && (vm.count("at") || vm.count("out")))
      throw UsageError("--verify writes nothing and checks the whole log: it takes no --at or --out");
    if (vm.count("at")) {
      try {
        at = sim::parse_date(at_text);
      } catch (const sim::DateError& e) {
        throw UsageError(std::string("--at: ") + e.what());
      }
    }
  } catch (const po::error& e) {
    std::cerr << "outreach replay: " << e.what() << "\n" << replay_usage << opts;
    return exit_invalid;
  } catch (const UsageError& e) {
    std::cerr << "outreach replay: " << e.what() << "\n" << replay_usage << opts;
    return exit_invalid;
  }
  return check ? verify(logs[0]) : replay(logs[0], at, out_dir, command_line("replay", args));
}

}  // namespace app
