// outreach replay, replay --verify and diff, run as a user runs them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "model/domain/event.hpp"
#include "sim/date.hpp"
#include "sim/event_log.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using model::Channel;
using model::Event;
using model::EventKind;
using test_support::read_file;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Runs a scenario for one replication and saves its log; returns the run's folder.
fs::path run_one(const Scratch& tmp, const std::string& scenario, const std::string& name,
                 const std::string& extra = "") {
  const fs::path out = tmp.path / name;
  const auto r = run_outreach("run " + scenario + " -n 1 --events 1 --quiet " + extra + " --out " + q(out), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return out;
}

fs::path log_of(const fs::path& run) { return run / "events" / "replication-000000.log"; }

std::vector<std::uint8_t> bytes_of(const fs::path& p) {
  const std::string s = read_file(p);
  return {s.begin(), s.end()};
}

void write_bytes(const fs::path& p, const std::vector<std::uint8_t>& b) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

std::vector<sim::LogRecordAt<Event>> records_at(const std::vector<std::uint8_t>& bytes) {
  sim::EventLogReader<Event> reader(std::span<const std::uint8_t>(bytes), "test");
  std::vector<sim::LogRecordAt<Event>> out;
  while (auto r = reader.next()) out.push_back(*r);
  return out;
}

// The value of `column` in the one data row of a one-row CSV.
std::string field(const std::string& csv, const std::string& column) {
  const auto header_end = csv.find("\r\n");
  const std::string header = csv.substr(0, header_end);
  const std::string row = csv.substr(header_end + 2, csv.find("\r\n", header_end + 2) - header_end - 2);
  std::vector<std::string> names, values;
  for (std::size_t a = 0, b; a <= header.size(); a = b + 1) names.push_back(header.substr(a, (b = std::min(header.find(',', a), header.size())) - a));
  for (std::size_t a = 0, b; a <= row.size(); a = b + 1) values.push_back(row.substr(a, (b = std::min(row.find(',', a), row.size())) - a));
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == column) return values.at(i);
  FAIL("no column " << column);
  return {};
}

}  // namespace

TEST_CASE("Replay of a one-replication run's log reproduces its files byte for byte, from the binary and the CSV") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/chi_lang_2018_plan.toml", "run");
  const auto bin = run_outreach("replay " + q(log_of(run)) + " --out " + q(tmp.path / "from-log"), tmp.path);
  INFO(bin.err);
  REQUIRE(bin.status == 0);
  CHECK(contains(bin.out, "results in " + (tmp.path / "from-log").string()));
  for (const char* f : {"summary.csv", "replications.csv", "daily.csv", "breakdown.csv", "funnel.csv", "costs.csv"}) {
    INFO(f);
    CHECK(read_file(tmp.path / "from-log" / f) == read_file(run / f));
  }
  // The trace's fingerprint, folded as a run folds it, is the live manifest's.
  const std::string manifest = read_file(run / "manifest.json");
  const std::string replay_json = read_file(tmp.path / "from-log" / "replay.json");
  const auto fp_at = manifest.find("\"fingerprint\": \"");
  REQUIRE(fp_at != std::string::npos);
  CHECK(contains(replay_json, manifest.substr(fp_at, 16 + 16 + 1)));
  CHECK(contains(replay_json, "\"scenario_path\": \"scenarios/chi_lang_2018_plan.toml\""));

  const auto csv = run_outreach("replay " + q(run / "events" / "replication-000000.csv") + " --out " +
                                    q(tmp.path / "from-csv"), tmp.path);
  INFO(csv.err);
  REQUIRE(csv.status == 0);
  for (const char* f : {"summary.csv", "replications.csv", "daily.csv", "breakdown.csv", "funnel.csv", "costs.csv",
                        "state.csv", "people.csv", "actors.csv"}) {
    INFO(f);
    CHECK(read_file(tmp.path / "from-csv" / f) == read_file(tmp.path / "from-log" / f));
  }
}

TEST_CASE("Replay --at a date gives the counts and state at the end of that day") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/chi_lang_2018_plan.toml", "run");
  const auto r = run_outreach("replay " + q(log_of(run)) + " --at 2018-10-31 --out " + q(tmp.path / "oct"), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string daily = read_file(tmp.path / "oct" / "daily.csv");
  const std::string live = read_file(run / "daily.csv");
  // With one replication every quantile is the count itself, so the rows agree whole.
  const auto row_at = live.find("2018-10-31,");
  REQUIRE(row_at != std::string::npos);
  const std::string live_row = live.substr(row_at, live.find("\r\n", row_at) + 2 - row_at);
  CHECK(daily.size() == live.find("2018-11-01,"));  // the rows up to the date, no more
  CHECK(daily.ends_with(live_row));

  const std::string state = read_file(tmp.path / "oct" / "state.csv");
  CHECK(field(state, "as_of") == "2018-10-31");
  CHECK(live_row.starts_with("2018-10-31," + field(state, "count") + ","));
  const auto log = sim::read_event_log<Event>(log_of(run));
  std::size_t through_october = 0;
  for (const auto& rec : log.records) through_october += rec.time < sim::parse_date("2018-11-01").to_time();
  CHECK(field(state, "events") == std::to_string(through_october));
  CHECK(contains(read_file(tmp.path / "oct" / "replay.json"), "\"events_replayed\": " + std::to_string(through_october)));
  // people.csv: one row per person the state holds.
  const std::string people = read_file(tmp.path / "oct" / "people.csv");
  std::size_t rows = 0;
  for (std::size_t at = people.find("\r\n"); (at = people.find("\r\n", at + 2)) != std::string::npos;) ++rows;
  CHECK(std::to_string(rows) == field(state, "people_known"));
  CHECK(people.starts_with("person,commune,class,status,decisions,new_member,cool_off_until\r\n"));
  CHECK(contains(read_file(tmp.path / "oct" / "actors.csv"), "\r\nstaff,0,"));
}

TEST_CASE("A log replays without the scenario and data files it was run from, with its --set overrides") {
  Scratch tmp;
  const fs::path src = tmp.path / "src";
  fs::create_directories(src);
  fs::copy_file("scenarios/data/chi_lang_communes.csv", src / "units.csv");
  fs::copy_file("scenarios/data/vn_holidays.csv", src / "days off.csv");
  std::ofstream(src / "own.toml") << "[scenario]\nname = \"own\"\nstart = 2018-09-05\nend = 2018-12-31\ntarget = 20\n"
                                     "[population]\nfile = \"units.csv\"\n[calendar]\nholidays = \"days off.csv\"\n"
                                     "[walk_in]\nper_day = 0.1\n[word_of_mouth]\nreferrals_per_member = 2\n";
  const fs::path run = run_one(tmp, q(src / "own.toml"), "run", "--seed 11 --set walk_in.per_day=1.5");
  fs::remove_all(src);
  const auto r = run_outreach("replay " + q(log_of(run)) + " --out " + q(tmp.path / "again"), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* f : {"summary.csv", "daily.csv", "breakdown.csv", "funnel.csv"}) {
    INFO(f);
    CHECK(read_file(tmp.path / "again" / f) == read_file(run / f));
  }
  CHECK(contains(read_file(tmp.path / "again" / "replay.json"), "\"overrides\": [\"walk_in.per_day=1.5\", \"run.replications=1\", \"run.seed=11\"]"));
}

TEST_CASE("Verify passes a good log and reports a flipped byte and a torn tail with the record and byte") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/chi_lang_2018_plan.toml", "run");
  const auto good = run_outreach("replay --verify " + q(log_of(run)), tmp.path);
  INFO(good.err);
  CHECK(good.status == 0);
  const auto log = sim::read_event_log<Event>(log_of(run));
  CHECK(good.out.starts_with("ok: " + std::to_string(log.records.size()) + " events"));
  CHECK(good.out.find('\n') == good.out.size() - 1);  // one line
  const auto csv = run_outreach("replay --verify " + q(run / "events" / "replication-000000.csv"), tmp.path);
  CHECK(csv.status == 0);
  CHECK(csv.out.starts_with("ok: " + std::to_string(log.records.size()) + " events"));

  const std::vector<std::uint8_t> bytes = bytes_of(log_of(run));
  const auto recs = records_at(bytes);
  const std::size_t k = recs.size() / 2;
  std::vector<std::uint8_t> flipped = bytes;
  flipped[recs[k].offset + 8 + 9] ^= 0x04;  // inside the event, after the time
  write_bytes(tmp.path / "flipped.log", flipped);
  const auto bad = run_outreach("replay --verify " + q(tmp.path / "flipped.log"), tmp.path);
  CHECK(bad.status == 1);
  CHECK(contains(bad.out, "record " + std::to_string(k) + " (byte " + std::to_string(recs[k].offset) + ")"));
  CHECK(contains(bad.out, "CRC mismatch"));
  // Replay refuses it and writes nothing.
  const auto refused = run_outreach("replay " + q(tmp.path / "flipped.log") + " --out " + q(tmp.path / "none"), tmp.path);
  CHECK(refused.status == 2);
  CHECK(contains(refused.err, "CRC mismatch"));
  CHECK_FALSE(fs::exists(tmp.path / "none"));

  std::vector<std::uint8_t> cut(bytes.begin(), bytes.end() - 5);
  write_bytes(tmp.path / "cut.log", cut);
  const auto torn = run_outreach("replay --verify " + q(tmp.path / "cut.log"), tmp.path);
  CHECK(torn.status == 1);
  CHECK(contains(torn.out, "record " + std::to_string(recs.size() - 1) + " (byte " +
                               std::to_string(recs.back().offset) + "): torn tail"));
}

TEST_CASE("Verify reports a hand-made inconsistent log: a second sign-up, a decision without a contact") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/examples/minimal.toml", "run");
  const auto log = sim::read_event_log<Event>(log_of(run));
  std::size_t first_join = 0;
  while (first_join < log.records.size() && log.records[first_join].event.kind != EventKind::enrolled) ++first_join;
  REQUIRE(first_join + 3 < log.records.size());

  const auto verify_with = [&](const std::string& name, std::size_t keep, sim::Time t, const Event& bad) {
    sim::EventLogEncoder<Event> enc(log.header.metadata);
    for (std::size_t i = 0; i < keep; ++i) enc.append(log.records[i].time, log.records[i].event);
    enc.append(t, bad);
    write_bytes(tmp.path / name, enc.bytes());
    return run_outreach("replay --verify " + q(tmp.path / name), tmp.path);
  };
  const auto& joined = log.records[first_join];
  const auto twice = verify_with("twice.log", first_join + 3, log.records[first_join + 2].time, joined.event);
  CHECK(twice.status == 1);
  CHECK(contains(twice.out, "record " + std::to_string(first_join + 3) + " (byte "));
  CHECK(contains(twice.out, "person " + std::to_string(joined.event.person) + " joined twice"));

  Event declined = joined.event;
  declined.kind = EventKind::declined;
  declined.channel = Channel::referral;
  const auto no_contact = verify_with("no-contact.log", first_join, joined.time, declined);
  CHECK(no_contact.status == 1);
  CHECK(contains(no_contact.out, "record " + std::to_string(first_join) + " ("));
  CHECK(contains(no_contact.out, "declined via referral with no decision pending"));

  const auto late = verify_with("late.log", 1, sim::parse_date("2019-01-01").to_time(), log.records[1].event);
  CHECK(late.status == 1);
  CHECK(contains(late.out, "outside the run"));
  // A replay refuses what verify reports.
  const auto replayed = run_outreach("replay " + q(tmp.path / "twice.log") + " --out " + q(tmp.path / "none"), tmp.path);
  CHECK(replayed.status == 2);
  CHECK(contains(replayed.err, "joined twice"));
  CHECK_FALSE(fs::exists(tmp.path / "none"));
}

TEST_CASE("Unusable logs exit 2 naming the file: not a log, an old metadata version, no .meta beside a CSV") {
  Scratch tmp;
  std::ofstream(tmp.path / "text.log") << "hello, world\n";
  const auto text = run_outreach("replay --verify " + q(tmp.path / "text.log"), tmp.path);
  CHECK(text.status == 2);
  CHECK(contains(text.err, (tmp.path / "text.log").string() + ": not an event log"));

  sim::EventLogEncoder<Event> old("scenario=minimal example;seed=20180905;replication=0");
  write_bytes(tmp.path / "old.log", old.bytes());
  const auto v1 = run_outreach("replay " + q(tmp.path / "old.log"), tmp.path);
  CHECK(v1.status == 2);
  CHECK(contains(v1.err, "metadata version 1"));

  const fs::path run = run_one(tmp, "scenarios/examples/minimal.toml", "run");
  fs::remove(run / "events" / "replication-000000.meta");
  const auto no_meta = run_outreach("replay " + q(run / "events" / "replication-000000.csv"), tmp.path);
  CHECK(no_meta.status == 2);
  CHECK(contains(no_meta.err, "replication-000000.meta"));
  const auto missing = run_outreach("replay " + q(tmp.path / "no-such.log"), tmp.path);
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, (tmp.path / "no-such.log").string() + ": cannot open"));
}

TEST_CASE("Diff says identical for a log and itself or its CSV, and names where two plans' logs part") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/examples/minimal.toml", "run");
  const auto log = sim::read_event_log<Event>(log_of(run));
  const auto same = run_outreach("diff " + q(log_of(run)) + " " + q(log_of(run)), tmp.path);
  CHECK(same.status == 0);
  CHECK(same.out == "identical: " + std::to_string(log.records.size()) + " events\n");
  const auto csv = run_outreach("diff " + q(log_of(run)) + " " + q(run / "events" / "replication-000000.csv"), tmp.path);
  CHECK(csv.status == 0);

  const auto cmp = run_outreach("compare scenarios/chi_lang_2018_baseline.toml scenarios/chi_lang_2018_plan.toml "
                                "-n 1 --events 1 --quiet --out " + q(tmp.path / "cmp"), tmp.path);
  INFO(cmp.err);
  REQUIRE(cmp.status == 0);
  const fs::path a = tmp.path / "cmp" / "plans" / "chi_lang_2018_baseline" / "events" / "replication-000000.log";
  const fs::path b = tmp.path / "cmp" / "plans" / "chi_lang_2018_plan" / "events" / "replication-000000.log";
  const auto la = sim::read_event_log<Event>(a), lb = sim::read_event_log<Event>(b);
  std::size_t first = 0;
  while (la.records[first] == lb.records[first]) ++first;
  REQUIRE(first > 0);  // common random numbers: the plans share their start
  const auto d = run_outreach("diff " + q(a) + " " + q(b), tmp.path);
  CHECK(d.status == 1);
  INFO(d.out);
  CHECK(contains(d.out, "first difference at event " + std::to_string(first) + " (counted from 0; events 0 to " +
                            std::to_string(first - 1) + " are identical)"));
  for (const auto& [label, rec] : {std::pair{"A", la.records[first]}, std::pair{"B", lb.records[first]}}) {
    std::string when = sim::to_iso(rec.time);
    when[10] = ' ';
    CHECK(contains(d.out, "\n  " + std::string(label) + "  " + when + " " + std::string(model::to_string(rec.event.kind)) + ": "));
  }
  CHECK(contains(d.out, "differs in: "));
  // Both replays of these logs work too: compare's logs carry the common seed.
  const auto ra = run_outreach("replay " + q(b) + " --out " + q(tmp.path / "rb"), tmp.path);
  INFO(ra.err);
  CHECK(ra.status == 0);
  CHECK(read_file(tmp.path / "rb" / "daily.csv") == read_file(tmp.path / "cmp" / "plans" / "chi_lang_2018_plan" / "daily.csv"));
}

TEST_CASE("Replay and diff usage mistakes exit 2 with a clear message") {
  Scratch tmp;
  const fs::path run = run_one(tmp, "scenarios/examples/minimal.toml", "run");
  const std::string log = q(log_of(run));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"replay", "no event log given"},
      {"replay " + log + " " + log, "expected one event log, found 2"},
      {"replay " + log + " --at 2018-13-01", "--at: expected YYYY-MM-DD"},
      {"replay " + log + " --at 2019-03-01", "--at 2019-03-01: expected a date from 2018-09-06 (the run's first day) to 2018-12-31"},
      {"replay --verify " + log + " --at 2018-10-01", "takes no --at or --out"},
      {"replay " + log + " --bogus", "unrecognised option '--bogus'"},
      {"diff " + log, "expected two event logs, found 1"},
  };
  for (const auto& [args, message] : cases) {
    INFO(args);
    const auto r = run_outreach(args, tmp.path);
    CHECK(r.status == 2);
    INFO(r.err);
    CHECK(contains(r.err, message));
  }
  CHECK_FALSE(fs::exists("results/replay-minimal-replication-000000-at-2019-03-01"));
}
