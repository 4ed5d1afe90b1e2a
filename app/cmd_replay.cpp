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

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/output_path_guard.hpp"
#include "app/staged_folder.hpp"
#include "model/batch_summary.hpp"
#include "model/compiled_scenario.hpp"
#include "model/embedded_scenario.hpp"
#include "model/event_text.hpp"
#include "model/log_check.hpp"
#include "model/projections.hpp"
#include "model/replication.hpp"
#include "model/run_outputs.hpp"
#include "model/saved_log.hpp"
#include "model/scenario_runner.hpp"
#include "model/state_files.hpp"
#include "sim/cancellation.hpp"
#include "sim/date.hpp"
#include "sim/fingerprint.hpp"
#include "sim/quoted_string.hpp"

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

std::string json_string_array(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + sim::json_quoted(v[i]);
  return out + "]";
}

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
  const sim::Date first_day = s.start + 1;
  if (at_arg && (*at_arg < first_day || *at_arg > s.end)) {
    std::cerr << "outreach replay: --at " << sim::to_string(*at_arg) << ": expected a date from "
              << sim::to_string(first_day) << " (the run's first day) to " << sim::to_string(s.end)
              << " (its deadline)\n";
    return exit_invalid;
  }
  const sim::Date at = at_arg.value_or(s.end);
  const sim::Time stop = (at + 1).to_time();  // the first instant after the as-of date

  const model::CompiledScenario cs(s);
  model::LogChecker checker(cs);
  model::Projections projections(s);
  sim::Fingerprint trace;
  std::vector<std::uint64_t> people;
  std::size_t applied = 0;
  for (; applied < log.records.size() && log.records[applied].time < stop; ++applied) {
    if (applied % 4096 == 0) sim::throw_if_cancelled();
    const auto& [t, e] = log.records[applied];
    // A log that breaks a rule would make State::apply and the reports meaningless.
    if (const std::string why = checker.check_and_apply(t, e); !why.empty()) {
      std::cerr << "outreach replay: " << record_problem(log, applied, why, &s)
                << "nothing was written; the log is inconsistent\n";
      return exit_invalid;
    }
    projections.apply(t, e);
    trace.add(t, e);
    if (e.kind != model::EventKind::session_held && e.kind != model::EventKind::staff_day_worked &&
        e.kind != model::EventKind::agent_joined)
      people.push_back(e.person);
  }
  if (const std::string why = checker.check_end(); !why.empty()) {
    std::cerr << "outreach replay: " << log.path.string() << ": " << why << "; nothing was written\n";
    return exit_invalid;
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  if (people.size() != checker.state().people_known())
    throw std::logic_error("replay: the state holds " + std::to_string(checker.state().people_known()) +
                           " people, the events name " + std::to_string(people.size()));

  // The same reduction as a live run's, over this one replication.
  model::ReplicationResult r = model::result_of(s, checker.state(), projections);
  r.events = applied;
  r.fingerprint = trace.value();
  r.parameters = drawn.values;
  model::BatchSummary summary(s);
  summary.add(origin.metadata.replication, r);

  std::string out_dir = out_arg;
  if (out_dir.empty()) {
    const fs::path scenario_name = model::embedded_file_name(origin.metadata.sources.path, "scenario");
    out_dir = (fs::path("results") / ("replay-" + scenario_name.stem().string() + "-" + log.path.stem().string()))
                  .string();
    if (at_arg) out_dir += "-at-" + sim::to_string(at);
  }
  // After the log's checks, so that a damaged log is reported as such; the replay before them
  // reads the log and writes nothing.
  guard_output_folder(out_dir, {path});
  StagedFolder out{fs::path(out_dir)};
  out.write("summary.csv", [&](std::ostream& os) { model::write_summary_csv(os, s, summary); });
  out.write("replications.csv", [&](std::ostream& os) { model::write_replications_csv(os, summary); });
  out.write("daily.csv", [&](std::ostream& os) { model::write_daily_csv(os, s, summary, at); });
  out.write("breakdown.csv", [&](std::ostream& os) { model::write_breakdown_csv(os, s, summary); });
  out.write("funnel.csv", [&](std::ostream& os) { model::write_funnel_csv(os, summary); });
  out.write("costs.csv", [&](std::ostream& os) { model::write_costs_csv(os, summary); });
  out.write("state.csv", [&](std::ostream& os) { model::write_state_csv(os, s, checker.state(), r, at, applied); });
  out.write("people.csv", [&](std::ostream& os) { model::write_people_csv(os, cs, checker.state(), people); });
  out.write("actors.csv", [&](std::ostream& os) { model::write_actors_csv(os, cs, checker.state()); });
  out.write("replay.json", [&](std::ostream& os) {
    char batch_fp[17];
    std::snprintf(batch_fp, sizeof batch_fp, "%016llx", static_cast<unsigned long long>(summary.fingerprint()));
    const model::LogMetadata& m = origin.metadata;
    os << "{\n"
       << "  \"outreach_version\": " << sim::json_quoted(OUTREACH_VERSION) << ",\n"
       << "  \"command\": " << sim::json_quoted(command) << ",\n"
       << "  \"log\": " << sim::json_quoted(log.path.string()) << ",\n"
       << "  \"log_format\": \"" << (log.format == model::LogFormat::binary ? "binary" : "csv") << "\",\n"
       << "  \"written_by\": " << sim::json_quoted(m.outreach_version) << ",\n"
       << "  \"scenario\": " << sim::json_quoted(m.scenario) << ",\n"
       << "  \"scenario_path\": " << sim::json_quoted(m.sources.path) << ",\n"
       << "  \"scenario_sha256\": " << sim::json_quoted(m.scenario_sha256) << ",\n"
       << "  \"overrides\": " << json_string_array(m.sources.overrides) << ",\n"
       << "  \"seed\": " << m.seed << ",\n"
       << "  \"replication\": " << m.replication << ",\n"
       << "  \"as_of\": \"" << sim::to_string(at) << "\",\n"
       << "  \"events_in_log\": " << log.records.size() << ",\n"
       << "  \"events_replayed\": " << applied << ",\n"
       << "  \"trace_fingerprint\": \"" << trace.hex() << "\",\n"
       << "  \"fingerprint\": \"" << batch_fp << "\"\n"
       << "}\n";
  });
  out.commit();

  std::cout << "replayed " << applied << " of " << log.records.size() << " events of " << path << " ("
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
  try {
    return check ? verify(logs[0]) : replay(logs[0], at, out_dir, command_line("replay", args));
  } catch (const model::UnusableLog& e) {
    std::cerr << "outreach replay: " << e.what() << "\n";
    return exit_invalid;
  }
}

}  // namespace app
