#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/run/batch_summary.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/ledger.hpp"
#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/io/parse_error.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

std::vector<model::Commune> two_commune_list() {
  model::Commune a;
  a.name = "Quang Lang";
  a.households = 100;
  a.poor_share = 0.2;
  a.near_poor_share = 0.1;
  a.eligible = 300;
  model::Commune b = a;
  b.name = "Chi Lăng";
  b.eligible = 10;  // 2 poor, 1 near-poor, 7 others
  return {a, b};
}

const std::string header = "date,kind,record,commune,class,channel,attendance,group\n";

model::Ledger read(const std::string& rows) {
  static const auto communes = two_commune_list();
  const model::LedgerContext ctx{sim::parse_date("2018-09-05"), &communes, {"existing agents"}};
  std::istringstream in(header + rows);
  return model::load_ledger_csv(in, "ledger.csv", ctx);
}

// The error a bad ledger gives: its line and column, and the message.
sim::ParseError error_of(const std::string& rows) {
  try {
    read(rows);
  } catch (const sim::ParseError& e) {
    return e;
  }
  FAIL("expected a ParseError for:\n" << rows);
  throw;
}

}  // namespace

TEST_CASE("A ledger's rows are read by kind and ordered by date") {
  const model::Ledger l = read(
      "2018-08-15,session,,Quang Lang,,,52,\n"
      "2018-01-02,agent,AG-1,Chi Lăng,,,,existing agents\n"
      "2018-03-01,enrolled,CL-1,Quang Lang,near_poor,walk_in,,\n"
      "2018-08-20,enrolled,CL-2,Chi Lăng,poor,unknown,,\n"
      "2018-08-20,lapsed,CL-1,,,,,\n");
  REQUIRE(l.entries.size() == 5);
  CHECK(l.enrolled() == 2);
  CHECK(l.entries[0].kind == model::LedgerKind::agent);
  CHECK(l.entries[0].agent_group == 0);
  CHECK(l.entries[1].klass == model::PovertyClass::near_poor);
  CHECK(l.entries[1].channel == model::Channel::walk_in);
  CHECK(l.entries[2].attendance == 52);
  CHECK(l.entries[3].channel == model::Channel::initial);  // unknown
  CHECK(l.entries[3].commune == 1);
  CHECK(l.entries[4].kind == model::LedgerKind::lapsed);  // same date: file order kept
}

TEST_CASE("Bad ledger rows name the line and column and say what was expected") {
  struct Case {
    std::string rows;
    int line;
    std::string column, says;
  };
  const std::vector<Case> cases{
      {"2018-03-01,enrolled,CL-1,Quang Lamg,poor,walk_in,,\n", 2, "commune", "did you mean \"Quang Lang\""},
      {"2018-09-06,enrolled,CL-1,Quang Lang,poor,walk_in,,\n", 2, "date", "up to the as-of date"},
      {"2018-02-30,enrolled,CL-1,Quang Lang,poor,walk_in,,\n", 2, "date", "February 2018 has 28 days"},
      {"2018-03-01,enrolled,CL-1,Quang Lang,poor,walk_in,,\n2018-04-01,enrolled,CL-1,Quang Lang,other,agent,,\n",
       3, "record", "already signed up on line 2"},
      {"2018-03-01,joined,CL-1,Quang Lang,poor,walk_in,,\n", 2, "kind", "expected enrolled, lapsed, session or agent"},
      {"2018-03-01,enrolled,CL-1,Quang Lang,rich,walk_in,,\n", 2, "class", "poor, near_poor or other"},
      {"2018-03-01,enrolled,CL-1,Quang Lang,poor,radio,,\n", 2, "channel", "door_to_door"},
      {"2018-03-01,enrolled,,Quang Lang,poor,walk_in,,\n", 2, "record", "empty field"},
      {"2018-03-01,enrolled,CL-1,Quang Lang,poor,walk_in,12,\n", 2, "attendance", "expected an empty field"},
      {"2018-08-15,session,,Quang Lang,,,many,\n", 2, "attendance", "whole number"},
      {"2018-08-15,session,,Quang Lang,,,-3,\n", 2, "attendance", "whole number"},
      {"2018-03-01,lapsed,CL-9,,,,,\n", 2, "record", "no sign-up \"CL-9\""},
      {"2018-01-02,agent,AG-1,Quang Lang,,,,new agents\n", 2, "group", "\"existing agents\""},
      {"2018-01-02,agent,AG-1,Quang Lang,,,,existing agents\n2018-01-03,agent,AG-1,Chi Lăng,,,,existing agents\n",
       3, "record", "already joined on line 2"},
      {"2018-01-02,enrolled,A,Chi Lăng,poor,agent,,\n2018-01-02,enrolled,B,Chi Lăng,poor,agent,,\n"
       "2018-01-03,enrolled,C,Chi Lăng,poor,agent,,\n",
       4, "class", "than its 2 eligible people"},
  };
  for (const Case& c : cases) {
    INFO(c.rows);
    const sim::ParseError e = error_of(c.rows);
    CHECK(e.file == "ledger.csv");
    CHECK(e.line == c.line);
    CHECK(e.key == c.column);
    CHECK_THAT(std::string(e.what()), Catch::Contains(c.says));
  }
  // A malformed line as a whole (a field too many) and a wrong header.
  CHECK(error_of("2018-03-01,enrolled,CL-1,Quang Lang,poor,walk_in,,,\n").line == 2);
  std::istringstream wrong("date,kind,id\n");
  const auto communes = two_commune_list();
  CHECK_THROWS_AS(model::load_ledger_csv(wrong, "x.csv", {sim::parse_date("2018-09-05"), &communes, {}}),
                  sim::ParseError);
}

namespace {

// Walk-ins only, from the shipped ledger (or a copy of it with rows appended) at an as-of date.
std::string ledger_scenario(const fs::path& dir, const std::string& as_of, const std::string& extra_rows) {
  const fs::path ledger = dir / ("ledger-" + as_of + ".csv");
  std::ofstream(ledger, std::ios::binary)
      << test_support::read_file(test_support::repo_root() / "scenarios/data/chi_lang_2018_ledger.csv") << extra_rows;
  const fs::path scenario = dir / ("ledger-" + as_of + ".toml");
  std::ofstream(scenario, std::ios::binary)
      << "[scenario]\nname = \"ledger " << as_of << "\"\nstart = " << as_of
      << "\nend = 2018-12-31\ntarget = 232\nledger = \"" << ledger.string() << "\"\n"
      << "[population]\nfile = \"" << (test_support::repo_root() / "scenarios/data/chi_lang_communes.csv").string() << "\"\n"
      << "[[agents]]\nname = \"existing agents\"\ncount = 0\n"
      << "contacts_per_week = 5\nconversion = 0.017\ncommission = 0\n"
      << "[walk_in]\nper_day = 0.22\n";
  return scenario.string();
}

}  // namespace

TEST_CASE("The ledger's facts are the initial state, not results of the plan") {
  Scratch tmp;
  const model::Scenario s = model::load_scenario(ledger_scenario(tmp.path, "2018-09-05", ""));
  REQUIRE(s.enrolled_at_start == 130);
  const model::CompiledScenario cs(s);
  REQUIRE(cs.agents.size() == 21);
  const model::ReplicationResult r = model::run_replication(cs, s.seed, 0, model::ReplicationOptions{true});

  int members = 0, lapsed = 0, agents = 0, before_start = 0, attended = 0, declined_at_once = 0;
  const sim::Time begin = (s.start + 1).to_time();
  for (std::size_t i = 0; i < r.log.size(); ++i) {
    const auto& [t, e] = r.log[i];  // NOLINT
    if (t >= begin) break;
    ++before_start;
    members += e.kind == model::EventKind::enrolled;
    lapsed += e.kind == model::EventKind::lapsed;
    agents += e.kind == model::EventKind::agent_joined;
    attended += e.kind == model::EventKind::attended;
    declined_at_once += e.kind == model::EventKind::declined && r.log[i - 1].event.kind == model::EventKind::attended;
  }
  CHECK(members == 130);
  CHECK(lapsed == 4);
  CHECK(agents == 21);
  CHECK(attended == 47 + 55 + 44 + 51 + 49 + 52 + 48);  // the 7 sessions' attendance
  CHECK(declined_at_once == attended);                   // none had been asked before
  // Nothing before the start reaches the reports: no session costs, no contacts in the funnel.
  CHECK(r.projections.costs.sessions == 0);
  CHECK(r.projections.funnel.by_channel[static_cast<int>(model::Channel::session)].contacts == 0);
  CHECK(r.final_count == 130 + r.new_members);
}

TEST_CASE("A re-forecast from a later as-of date with a longer ledger narrows the band") {
  Scratch tmp;
  // 60 more sign-ups by 15 November.
  std::string more;
  for (int i = 0; i < 60; ++i) {
    const int day = 6 + i * 70 / 60;  // 6 September .. 14 November
    const sim::Date d = sim::parse_date("2018-09-01") + (day - 1);
    more += sim::to_string(d) + ",enrolled,LATE-" + std::to_string(i) + ",Quang Lang,other,walk_in,,\n";
  }
  // Walk-ins alone (the agents idle), so the test is cheap and the bands easy to predict.
  auto band = [&](const std::string& scenario_path, const std::string& seed) {
    const model::Scenario s = model::load_scenario(
        scenario_path, {"agents[0].contacts_per_week=0", "walk_in.per_day=1.0", "run.seed=" + seed});
    const model::CompiledScenario cs(s);
    model::BatchSummary summary(s);
    for (std::uint64_t r = 0; r < 400; ++r) summary.add(r, model::run_replication(cs, s.seed, r));
    return summary.finals().quantile(0.95) - summary.finals().quantile(0.05);
  };
  // A Poisson count of mean 117 (5 September to 31 December) has a 90 % band about
  // 2 × 1.645 × √117 ≈ 36 wide; one of mean 46 (from 15 November), about 22: 14 narrower. At
  // 400 replications each end is within about ±1.2 (one standard error), so the difference of
  // two bands has a standard error of about √4 × 1.2 = 2.4. Requiring it above 4 fails a correct
  // model with probability about 1e-5 (4.2 standard errors below 14), and passes a band that
  // does not narrow with probability 5 % (1.7 above 0).
  const auto narrower = [](double early, double late) { return late + 4 < early; };
  const auto early = band(ledger_scenario(tmp.path, "2018-09-05", ""), "20180905");
  const auto late = band(ledger_scenario(tmp.path, "2018-11-15", more), "20180905");
  // The same check, applied to a "re-forecast" that is the first one again at another seed,
  // whose band does not narrow, must fail.
  const auto again = band(ledger_scenario(tmp.path, "2018-09-05", ""), "7");
  INFO("90 % band from 5 September: " << early << ", from 15 November: " << late << ", again at seed 7: " << again);
  CHECK(narrower(early, late));
  CHECK_FALSE(narrower(early, again));
}

TEST_CASE("outreach run with a bad ledger exits 2 naming the ledger's file and line, writing nothing") {
  Scratch tmp;
  const std::string scenario = ledger_scenario(tmp.path, "2018-09-05", "2018-09-01,enrolled,X-1,Nowhere,poor,walk_in,,\n");
  const fs::path out = tmp.path / "out";
  const auto r = run_outreach("run '" + scenario + "' -n 2 --out '" + out.string() + "'", tmp.path);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("ledger-2018-09-05.csv:") && Catch::Contains("column 'commune'") &&
                        Catch::Contains("Nowhere"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("A scenario gives either enrolled_at_start or a ledger") {
  Scratch tmp;
  const std::string path = ledger_scenario(tmp.path, "2018-09-05", "");
  std::string text = test_support::read_file(path);
  text.insert(text.find("ledger ="), "enrolled_at_start = 130\n");
  std::ofstream(path, std::ios::binary) << text;
  const auto r = run_outreach("check '" + path + "'", tmp.path);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("enrolled_at_start") && Catch::Contains("found both"));
}

TEST_CASE("A run from a ledger logs the ledger's facts first, and the log verifies and replays byte for byte") {
  Scratch tmp;
  const std::string scenario = ledger_scenario(tmp.path, "2018-09-05", "");
  const fs::path run = tmp.path / "run", replay = tmp.path / "replay";
  REQUIRE(run_outreach("run '" + scenario + "' -n 1 --quiet --out '" + run.string() + "'", tmp.path).status == 0);
  const fs::path log = run / "events" / "replication-000000.log";
  const auto verified = run_outreach("replay --verify '" + log.string() + "'", tmp.path);
  CHECK(verified.status == 0);
  CHECK_THAT(verified.out, Catch::StartsWith("ok: ") && Catch::Contains("from 2018-01-02 08:00:00"));
  REQUIRE(run_outreach("replay '" + log.string() + "' --out '" + replay.string() + "'", tmp.path).status == 0);
  for (const char* f : {"summary.csv", "daily.csv", "breakdown.csv", "funnel.csv", "costs.csv", "replications.csv"}) {
    INFO(f);
    CHECK(test_support::read_file(run / f) == test_support::read_file(replay / f));
  }
}
