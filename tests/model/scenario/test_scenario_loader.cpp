#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/scenario/office_set.hpp"
#include "model/scenario/resolved_report.hpp"
#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

using test_support::repo_root;
using test_support::TempDir;
using test_support::shipped_data;

const model::ResolvedValue* find_resolved(const model::Scenario& s, const std::string& key) {
  for (const auto& r : s.resolved)
    if (r.key == key) return &r;
  return nullptr;
}

// The four required keys, lines 1-5.
const std::string head =
    "[scenario]\n"          // 1
    "name = \"test\"\n"     // 2
    "start = 2018-09-05\n"  // 3
    "end = 2018-12-31\n"    // 4
    "target = 232\n";       // 5

struct BadCase {
  std::string what;
  std::string toml;
  int line;                // expected line (0: none)
  std::string key;         // expected dotted key (or CSV column)
  std::string detail;      // expected part of the message
  std::string csv = {};    // written as pop.csv beside the scenario when not empty
  std::vector<std::string> overrides = {};
  bool error_in_csv = false;
  bool error_in_set = false;
};

}  // namespace

TEST_CASE("Every shipped scenario loads without errors", "[scenario_loader]") {
  const fs::path dir = repo_root() / "scenarios";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".toml" && !model::lists_offices(e.path().string())) files.push_back(e.path());
  std::sort(files.begin(), files.end());  // scenarios with offices: tests/model/offices/test_offices.cpp
  REQUIRE(files.size() >= 6);
  for (const fs::path& f : files) {
    INFO(f.string());
    model::Scenario s;
    REQUIRE_NOTHROW(s = model::load_scenario(f.string()));
    CHECK(s.communes.size() == 21);
    CHECK(!s.calendar.holidays().empty());
    CHECK(!s.resolved.empty());
    CHECK(!model::describe_resolved(s).empty());
  }
}

TEST_CASE("The shipped scenarios hold the reference case's facts", "[scenario_loader]") {
  const fs::path dir = repo_root() / "scenarios";
  const auto baseline = model::load_scenario((dir / "chi_lang_2018_baseline.toml").string());
  CHECK(baseline.start == sim::parse_date("2018-09-05"));
  CHECK(baseline.end == sim::parse_date("2018-12-31"));
  CHECK(baseline.target == 232);
  CHECK(baseline.enrolled_at_start == 130);
  CHECK(baseline.sessions.list.size() == 3);
  CHECK_FALSE(baseline.door_to_door.has_value());
  CHECK(baseline.season_factor(sim::parse_date("2018-12-01"), model::Channel::walk_in) == 1.5);
  CHECK(baseline.season_factor(sim::parse_date("2018-12-01"), model::Channel::referral) == 1.5);
  CHECK(baseline.season_factor(sim::parse_date("2018-10-01"), model::Channel::walk_in) == 1.0);
  // The year-end surge is the background's: the plan's own channels do not move with it.
  for (const auto c : {model::Channel::session, model::Channel::door_to_door, model::Channel::agent})
    CHECK(baseline.season_factor(sim::parse_date("2018-12-01"), c) == 1.0);

  const auto plan = model::load_scenario((dir / "chi_lang_2018_plan.toml").string());
  CHECK(plan.sessions.list.size() == 10);
  REQUIRE(plan.door_to_door.has_value());
  CHECK(plan.door_to_door->staff == 12);
  CHECK(plan.door_to_door->quota_per_staff == 3);
  CHECK(plan.agents.size() == 2);

  const auto topup = model::load_scenario((dir / "chi_lang_2018_topup.toml").string());
  CHECK(topup.pricing.local_top_up[model::PovertyClass::near_poor] > 0);
  CHECK(topup.pricing.local_top_up[model::PovertyClass::poor] > 0);

  const auto backcast = model::load_scenario((dir / "chi_lang_2018_backcast.toml").string());
  CHECK(backcast.sessions.list.size() == 7);
  CHECK(backcast.enrolled_at_start == 0);
  CHECK(backcast.end == sim::parse_date("2018-09-05"));
}

TEST_CASE("The shipped commune list adds up to the district's totals", "[scenario_loader]") {
  const auto s = model::load_scenario((repo_root() / "scenarios/examples/minimal.toml").string());
  std::int64_t households = 0, eligible = 0, urban_units = 0;
  for (const auto& c : s.communes) {
    households += c.households;
    eligible += c.eligible;
    urban_units += c.urban ? 1 : 0;
    const auto k = c.eligible_by_class();
    CHECK(k.v[0] + k.v[1] + k.v[2] == c.eligible);
  }
  CHECK(households == 17950);
  CHECK(eligible == 40000);
  CHECK(urban_units == 2);
  CHECK(s.commune_index("Thị trấn Đồng Mỏ") == 0);
  CHECK(s.commune_index("Quang Lang") >= 0);
  CHECK(s.commune_index("Nowhere") == -1);
}

TEST_CASE("Eligible people are split by class with largest remainders", "[scenario]") {
  model::Commune c;
  c.eligible = 10;
  c.poor_share = 0.25;      // 2.5
  c.near_poor_share = 0.35; // 3.5
  const auto k = c.eligible_by_class();  // other 4.0; one left over, tie goes to the poorer class
  CHECK(k[model::PovertyClass::poor] == 3);
  CHECK(k[model::PovertyClass::near_poor] == 3);
  CHECK(k[model::PovertyClass::other] == 4);
  c.eligible = 0;
  const auto zero = c.eligible_by_class();
  CHECK(zero.v[0] + zero.v[1] + zero.v[2] == 0);
}

TEST_CASE("Season factors that overlap multiply, and the highest product bounds every date", "[scenario]") {
  model::Scenario s;
  s.seasons.push_back({sim::parse_date("2018-11-01"), sim::parse_date("2018-12-31"), 1.5});
  s.seasons.push_back({sim::parse_date("2018-12-01"), sim::parse_date("2018-12-31"), 2.0});
  const auto w = model::Channel::walk_in;
  CHECK(s.season_factor(sim::parse_date("2018-10-31"), w) == 1.0);
  CHECK(s.season_factor(sim::parse_date("2018-11-01"), w) == 1.5);
  CHECK(s.season_factor(sim::parse_date("2018-12-31"), w) == 3.0);
  CHECK(s.max_season_factor(w) == 3.0);  // not the largest single factor, 2
  // A damping season ending inside a larger one: the highest product comes after it ends.
  model::Scenario damped;
  damped.seasons.push_back({sim::parse_date("2018-01-01"), sim::parse_date("2018-12-31"), 2.0});
  damped.seasons.push_back({sim::parse_date("2018-01-01"), sim::parse_date("2018-06-30"), 0.5});
  CHECK(damped.max_season_factor(w) == 2.0);
}

TEST_CASE("A season scales only the channels it names, by default the background ones", "[scenario]") {
  const auto load_text = [](const std::string& text) {
    return model::load_scenario_text(head + text, (repo_root() / "scenarios/examples/season.toml").string());
  };
  const auto d = sim::parse_date("2018-12-01");
  const auto named = load_text("[[season]]\nfrom = 2018-11-01\nto = 2018-12-31\nfactor = 2\n"
                                      "channels = [\"session\", \"agent\"]\n");
  CHECK(named.season_factor(d, model::Channel::session) == 2.0);
  CHECK(named.season_factor(d, model::Channel::agent) == 2.0);
  CHECK(named.season_factor(d, model::Channel::walk_in) == 1.0);
  CHECK(named.max_season_factor(model::Channel::walk_in) == 1.0);
  const auto background = load_text("[[season]]\nfrom = 2018-11-01\nto = 2018-12-31\nfactor = 2\n");
  CHECK(background.season_factor(d, model::Channel::referral) == 2.0);
  CHECK(background.season_factor(d, model::Channel::door_to_door) == 1.0);
  CHECK_THROWS_WITH(load_text("[[season]]\nfrom = 2018-11-01\nto = 2018-12-31\nfactor = 2\n"
                                     "channels = [\"walk_ins\"]\n"),
                    Catch::Contains("channels") && Catch::Contains("expected one of session, door_to_door, agent, "
                                                                      "walk_in, referral, found \"walk_ins\""));
}

TEST_CASE("Defaults are filled in and recorded with their sources", "[scenario_loader]") {
  const std::string path = (repo_root() / "scenarios/examples/minimal.toml").string();
  const auto s = model::load_scenario(path);
  CHECK(s.enrolled_at_start == 0);
  CHECK(s.replications == 1000);
  CHECK(s.sessions.conversion == 0.06);
  CHECK(s.pricing.contribution_rate == 0.22);
  CHECK(s.walk_in.per_day == 0.5);

  const auto* target = find_resolved(s, "scenario.target");
  REQUIRE(target);
  CHECK(target->value == "232");
  CHECK(target->source == path + ":9");

  const auto* conversion = find_resolved(s, "sessions.conversion");
  REQUIRE(conversion);
  CHECK(conversion->value == "0.06");
  CHECK(conversion->source.starts_with("default: estimate [E3] ([S1] A8/A9, D6: 6 per 100 attendees"));

  const auto* rate = find_resolved(s, "pricing.contribution_rate");
  REQUIRE(rate);
  CHECK(rate->source.find("Law 58/2014/QH13") != std::string::npos);

  const auto* cost = find_resolved(s, "sessions.cost_per_session");
  REQUIRE(cost);
  CHECK(cost->value == "0");
  CHECK(cost->source == "default: not set (no sourced value)");

  const auto* population = find_resolved(s, "population.file");
  REQUIRE(population);
  CHECK(population->source.starts_with("default: "));
  CHECK(population->value.find("chi_lang_communes.csv") != std::string::npos);

  for (const auto& r : s.resolved) {
    INFO(r.key);
    CHECK(!r.value.empty());
    CHECK((r.source.starts_with("default: ") || r.source.starts_with(path + ":")));
  }
}

TEST_CASE("An override from --set replaces a value and is recorded with the source --set", "[scenario_loader]") {
  const std::string path = (repo_root() / "scenarios/chi_lang_2018_baseline.toml").string();
  const auto s = model::load_scenario(
      path, {"sessions.conversion=0.05", "scenario.target=240", "door_to_door.staff=15",
             "run.seed=7", "sessions.attendance_model=fixed",
             "sessions.plan[0].commune=Quang Lang", "agents[0].communes=[\"Y Tịch\"]"});
  CHECK(s.sessions.conversion == 0.05);
  CHECK(s.target == 240);
  REQUIRE(s.door_to_door.has_value());
  CHECK(s.door_to_door->staff == 15);
  CHECK(s.seed == 7);
  CHECK(s.sessions.fixed_attendance);
  CHECK(s.sessions.list[0].commune == s.commune_index("Quang Lang"));
  CHECK(s.agents[0].communes == std::vector<int>{s.commune_index("Y Tịch")});
  for (const char* key : {"sessions.conversion", "scenario.target", "door_to_door.staff",
                          "run.seed", "sessions.attendance_model", "sessions.plan[0].commune"}) {
    INFO(key);
    const auto* r = find_resolved(s, key);
    REQUIRE(r);
    CHECK(r->source == "--set");
  }
  // The keys not overridden keep their file locations (found in the file, whose comments
  // change).
  std::ifstream file(path);
  int end_line = 0;
  for (std::string line; std::getline(file, line);) {
    ++end_line;
    if (line.starts_with("end = ")) break;
  }
  CHECK(find_resolved(s, "scenario.end")->source == path + ":" + std::to_string(end_line));
}

TEST_CASE("Data files are found beside the scenario or through OUTREACH_DATA",
          "[scenario_loader]") {
  TempDir dir;
  const std::string path = dir.write("x.toml", head);
  const char* saved = std::getenv(model::data_dir_variable);
  const std::string original = saved ? saved : "";
  // Nothing beside it: the data shipped beside the program (this test's build folder) is used.
  ::unsetenv(model::data_dir_variable);
  const model::Scenario beside_program = model::load_scenario(path);
  const auto* used = find_resolved(beside_program, "population.file");
  REQUIRE(used);
  INFO(used->value);
  CHECK(used->value.find("scenarios/data/chi_lang_communes.csv") != std::string::npos);
  // A file named in the scenario must exist: the error names the key.
  const std::string missing = dir.write("y.toml", head + "[population]\nfile = \"nowhere.csv\"\n");
  try {
    model::load_scenario(missing);
    FAIL("no error for a missing population file");
  } catch (const model::ScenarioError& e) {
    CHECK(e.key == "population.file");
    CHECK(std::string(e.what()).find("nowhere.csv") != std::string::npos);
  }
  ::setenv(model::data_dir_variable, shipped_data().c_str(), 1);
  CHECK(model::load_scenario(path).communes.size() == 21);
  ::unsetenv(model::data_dir_variable);
  CHECK(model::load_scenario(path, {}, shipped_data()).communes.size() == 21);
  if (saved) ::setenv(model::data_dir_variable, original.c_str(), 1);
}

TEST_CASE("Communes may be given inline instead of a file", "[scenario_loader]") {
  TempDir dir;
  const std::string path = dir.write(
      "x.toml", head +
                    "[[population.commune]]\n"
                    "name = \"A\"\nhouseholds = 100\npoor_share = 0.2\nnear_poor_share = 0.1\n"
                    "eligible = 250\nurban = true\n"
                    "[[population.commune]]\n"
                    "name = \"B\"\nhouseholds = 50\npoor_share = 0\nnear_poor_share = 0\n"
                    "eligible = 120\nurban = false\n"
                    "[door_to_door]\nstaff = 2\n");
  const auto s = model::load_scenario(path, {}, shipped_data());
  REQUIRE(s.communes.size() == 2);
  CHECK(s.communes[0].eligible == 250);
  REQUIRE(s.door_to_door.has_value());
  CHECK(s.door_to_door->communes == std::vector<int>{0});  // the urban unit
}

TEST_CASE("A float that is a whole number is accepted where a count is expected",
          "[scenario_loader]") {
  TempDir dir;
  const std::string path = dir.write(
      "x.toml", "[scenario]\nname = \"t\"\nstart = \"2018-09-05\"\nend = 2018-12-31\n"
                "target = 232.0\nenrolled_at_start = 300\n");
  const auto s = model::load_scenario(path, {}, shipped_data());
  CHECK(s.target == 232);
  CHECK(s.enrolled_at_start == 300);  // above the target is allowed
  CHECK(s.start == sim::parse_date("2018-09-05"));
}

TEST_CASE("Invalid scenarios are rejected naming the file, line and key", "[scenario_loader]") {
  const std::vector<BadCase> cases = {
      {"unknown key", head + "[sessions]\nconversoin = 0.05\n", 7, "sessions.conversoin",
       "unknown key; did you mean 'conversion'?"},
      {"unknown section", head + "[sesions]\nconversion = 0.05\n", 6, "sesions",
       "unknown section; did you mean 'sessions'?"},
      {"wrong type", head + "[sessions]\nconversion = \"high\"\n", 7, "sessions.conversion",
       "expected a probability in [0, 1], found the string \"high\""},
      {"section of the wrong type", "walk_in = 3\n" + head, 1, "walk_in",
       "expected a table, found 3"},
      {"NaN", head + "[walk_in]\nper_day = nan\n", 7, "walk_in.per_day",
       "expected a rate in [0, 1000000], found nan"},
      {"infinity", head + "[sessions]\nattendance = inf\n", 7, "sessions.attendance",
       "expected a rate in [0, 1000000], found inf"},
      {"negative rate", head + "[walk_in]\nper_day = -0.3\n", 7, "walk_in.per_day",
       "expected a rate in [0, 1000000], found -0.3"},
      {"negative cost", head + "[sessions]\ncost_per_session = -1\n", 7,
       "sessions.cost_per_session", "expected an amount in VND in [0, 1e15], found -1"},
      {"probability above 1", head + "[sessions]\nconversion = 1.5\n", 7, "sessions.conversion",
       "expected a probability in [0, 1], found 1.5"},
      {"float where a count is expected", head + "[door_to_door]\nstaff = 2.5\n", 7,
       "door_to_door.staff", "found 2.5"},
      {"negative enrolled at start", head + "enrolled_at_start = -1\n", 6,
       "scenario.enrolled_at_start", "expected a whole number >= 0, found -1"},
      {"start after end",
       "[scenario]\nname = \"t\"\nstart = 2018-12-31\nend = 2018-09-05\ntarget = 232\n", 4,
       "scenario.end", "expected a date after scenario.start (2018-12-31), found 2018-09-05"},
      {"session date outside the run",
       head + "[[sessions.plan]]\ndate = 2019-01-10\ncommune = \"Quang Lang\"\n", 7,
       "sessions.plan[0].date", "on or before scenario.end (2018-12-31), found 2019-01-10"},
      {"session on the as-of date",
       head + "[[sessions.plan]]\ndate = 2018-10-01\ncommune = \"Quang Lang\"\n"
              "[[sessions.plan]]\ndate = 2018-09-05\ncommune = \"Quang Lang\"\n",
       10, "sessions.plan[1].date", "expected a date after scenario.start (2018-09-05)"},
      {"unknown commune",
       head + "[[sessions.plan]]\ndate = 2018-10-10\ncommune = \"Quang Lan\"\n", 8,
       "sessions.plan[0].commune", "unknown commune \"Quang Lan\"; did you mean \"Quang Lang\""},
      {"unknown commune far from any name",
       head + "[door_to_door]\ncommunes = [\"Thị trấn Đồng Mỏ\", \"Hà Nội Central\"]\n", 7,
       "door_to_door.communes[1]", "the population lists 21 units, e.g. \"Thị trấn Đồng Mỏ\""},
      {"door-to-door quota above the eligible population",
       head + "[door_to_door]\nstaff = 2000\nquota_per_staff = 4\n", 8,
       "door_to_door.quota_per_staff",
       "expected staff × quota_per_staff (2000 × 4 = 8000) to be at most the 6612 eligible"},
      {"agent quota above the eligible population",
       head + "[[agents]]\ncount = 100\nquota = 20\ncommunes = [\"Y Tịch\"]\ncommission = 0\n", 8,
       "agents[0].quota", "(100 × 20 = 2000) to be at most the 1757 eligible"},
      {"door-to-door from after to",
       head + "[door_to_door]\nfrom = 2018-11-01\nto = 2018-10-01\n", 8, "door_to_door.to",
       "expected a date on or after door_to_door.from (2018-11-01), found 2018-10-01"},
      {"agents joining after the end",
       head + "[[agents]]\ncount = 3\njoins = 2019-02-01\ncommission = 0\n", 8,
       "agents[0].joins", "on or before scenario.end"},
      {"duplicate key", head + "target = 240\n", 6, "scenario.target",
       "defined twice (first on line 5)"},
      {"duplicate table", head + "[walk_in]\nper_day = 1\n[walk_in]\nper_day = 2\n", 8,
       "walk_in", "defined twice"},
      {"malformed date",
       "[scenario]\nname = \"t\"\nstart = 2018-02-30\nend = 2018-12-31\ntarget = 232\n", 3,
       "scenario.start", "expected YYYY-MM-DD, found \"2018-02-30\" (February 2018 has 28 days)"},
      {"malformed date as a string",
       "[scenario]\nname = \"t\"\nstart = \"2018-02-30\"\nend = 2018-12-31\ntarget = 232\n", 3,
       "scenario.start", "February 2018 has 28 days"},
      {"TOML syntax error", head + "[walk_in]\nper_day = \n", 7, "walk_in.per_day",
       "invalid TOML"},
      {"missing [scenario]", "[walk_in]\nper_day = 1\n", 0, "scenario",
       "missing section [scenario]"},
      {"missing target", "[scenario]\nname = \"t\"\nstart = 2018-09-05\nend = 2018-12-31\n", 1,
       "scenario.target", "missing; expected a whole number >= 1"},
      {"agents without commission", head + "[[agents]]\ncount = 3\n", 6, "agents[0].commission",
       "required because no sourced value exists"},
      {"shares above 1", head + "[pricing]\ntop_up = {poor = 0.8}\n", 7, "pricing.top_up.poor",
       "expected state_support + top_up <= 1 for poor, found 0.3 + 0.8"},
      {"unknown class in a per-class table", head + "[pricing]\ntop_up = {near_por = 0.2}\n", 7,
       "pricing.top_up.near_por", "did you mean 'near_poor'?"},
      {"unknown choice", head + "[sessions]\nattendance_model = \"poison\"\n", 7,
       "sessions.attendance_model", "expected one of \"poisson\", \"fixed\", found the string"},
      {"unknown weekday", head + "[calendar]\nweekend = [\"Saturday\", \"Sundy\"]\n", 7,
       "calendar.weekend[1]", "expected a weekday name"},
      {"bad CSV row in a population file", head + "[population]\nfile = \"pop.csv\"\n", 3,
       "eligible", "expected a whole number >= 0, found \"-5\"",
       "name,households,poor_share,near_poor_share,eligible,urban\n"
       "A,100,0.1,0.1,200,false\n"
       "B,100,0.1,0.1,-5,false\n",
       {}, true},
      {"population file and inline communes",
       head + "[population]\nfile = \"pop.csv\"\n[[population.commune]]\nname = \"A\"\n", 7,
       "population.file", "found both"},
      {"population file that does not exist", head + "[population]\nfile = \"nope.csv\"\n", 7,
       "population.file", "cannot open"},
      {"--set of an unknown key", head, 0, "sessions.conversoin", "unknown key", {},
       {"sessions.conversoin=0.05"}, false, true},
      {"--set of an unknown section", head, 0, "sesions.conversion", "unknown section", {},
       {"sesions.conversion=0.05"}, false, true},
      {"--set of a bad value", head, 0, "sessions.conversion",
       "expected a probability in [0, 1], found 1.5", {}, {"sessions.conversion=1.5"}, false,
       true},
      {"--set without a value", head, 0, "", "expected key=value", {}, {"sessions.conversion"},
       false, true},
      {"--set of an element that does not exist", head, 0, "sessions.plan[0].date",
       "there is no array 'sessions.plan'", {}, {"sessions.plan[0].date=2018-10-01"}, false,
       true},
  };

  for (const BadCase& c : cases) {
    SECTION(c.what) {
      TempDir dir;
      const std::string path = dir.write("x.toml", c.toml);
      const std::string csv = c.csv.empty() ? "" : dir.write("pop.csv", c.csv);
      INFO(c.toml);
      try {
        model::load_scenario(path, c.overrides, shipped_data());
        FAIL("no ScenarioError for: " << c.what);
      } catch (const model::ScenarioError& e) {
        INFO(e.what());
        const std::string expected_file = c.error_in_csv ? csv : c.error_in_set ? "--set" : path;
        CHECK(e.file == expected_file);
        CHECK(e.line == c.line);
        CHECK(e.key == c.key);
        CHECK(std::string(e.what()).find(c.detail) != std::string::npos);
        CHECK(std::string(e.what()).starts_with(
            e.line > 0 ? expected_file + ":" + std::to_string(c.line) + ": " : expected_file + ": "));
      }
    }
  }
}

TEST_CASE("The resolved report lists sections, sources, communes and sessions",
          "[resolved_report]") {
  const std::string path = (repo_root() / "scenarios/chi_lang_2018_plan.toml").string();
  const std::string text = model::describe_resolved(model::load_scenario(path));
  for (const char* part :
       {"[scenario]", "[sessions]", "[door_to_door]", "[agents]", "[lapses]",
        "21 units (2 urban): 17950 households, 40000 eligible people",
        "10 sessions, 500 expected attendees", "2018-09-19  Wed  Bắc Thủy",
        "# default: estimate, not sourced", "Law 58/2014/QH13"}) {
    INFO(part);
    CHECK(text.find(part) != std::string::npos);
  }
}

TEST_CASE("outreach check exits 2 and names the error on stderr for a bad scenario",
          "[cmd_check]") {
  const std::string binary = OUTREACH_BINARY;
  REQUIRE(fs::exists(binary));
  TempDir dir;
  const std::string bad = dir.write("bad.toml", head + "[sessions]\nconversion = 1.5\n");
  const std::string good = (repo_root() / "scenarios/examples/minimal.toml").string();
  const auto run = [&](const std::string& args, std::string& err, std::string& out) {
    const fs::path o = dir.path / "out.txt", e = dir.path / "err.txt";
    const std::string cmd = std::string(model::data_dir_variable) + "='" + shipped_data().string() +
                            "' '" + binary + "' check " + args + " >'" + o.string() + "' 2>'" +
                            e.string() + "'";
    const int rc = std::system(cmd.c_str());
    std::stringstream so, se;
    so << std::ifstream(o).rdbuf();
    se << std::ifstream(e).rdbuf();
    out = so.str();
    err = se.str();
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  std::string err, out;
  CHECK(run("'" + bad + "'", err, out) == 2);
  CHECK(err.find(bad + ":7: key 'sessions.conversion': expected a probability in [0, 1], found 1.5") !=
        std::string::npos);
  CHECK(out.empty());

  CHECK(run("'" + good + "' --set walk_in.per_day=-1", err, out) == 2);
  CHECK(err.find("--set: key 'walk_in.per_day'") != std::string::npos);

  CHECK(run("'" + good + "' --set sessions.conversion=0.05", err, out) == 0);
  CHECK(out.find("sessions.conversion") != std::string::npos);
  CHECK(out.find("# --set") != std::string::npos);

  CHECK(run("", err, out) == 2);                 // no scenario: usage error
  CHECK(run("--bogus x.toml", err, out) == 2);   // unknown option
  CHECK(run("--help", err, out) == 0);
  CHECK(out.find("usage: outreach check") != std::string::npos);
}

TEST_CASE("A population file as Excel saves it under Vietnamese settings loads: BOM, semicolons and decimal commas",
          "[scenario_loader]") {
  TempDir dir;
  dir.write("excel.csv",
            "\xEF\xBB\xBFname;households;poor_share;near_poor_share;eligible;urban\r\n"
            "Thị trấn Đồng Mỏ;1200;0,05;0,1;2500;true\r\n"
            "\"Vân Thủy; thôn 1\";300;0,25;0,125;700;false\r\n");
  dir.write("plain.csv",
            "name,households,poor_share,near_poor_share,eligible,urban\n"
            "Thị trấn Đồng Mỏ,1200,0.05,0.1,2500,true\n"
            "\"Vân Thủy; thôn 1\",300,0.25,0.125,700,false\n");
  const model::Scenario excel = model::load_scenario(dir.write("e.toml", head + "[population]\nfile = \"excel.csv\"\n"));
  const model::Scenario plain = model::load_scenario(dir.write("p.toml", head + "[population]\nfile = \"plain.csv\"\n"));
  REQUIRE(excel.communes.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(excel.communes[i].name == plain.communes[i].name);
    CHECK(excel.communes[i].poor_share == plain.communes[i].poor_share);
    CHECK(excel.communes[i].near_poor_share == plain.communes[i].near_poor_share);
    CHECK(excel.communes[i].eligible == plain.communes[i].eligible);
    CHECK(excel.communes[i].urban == plain.communes[i].urban);
  }
  CHECK(excel.communes[1].poor_share == 0.25);
  // A decimal comma in a ','-separated file is still an error naming the file, line and column.
  dir.write("mixed.csv", "name,households,poor_share,near_poor_share,eligible,urban\nA,1,\"0,5\",0,1,false\n");
  try {
    model::load_scenario(dir.write("m.toml", head + "[population]\nfile = \"mixed.csv\"\n"));
    FAIL("no error for a decimal comma in a ','-separated file");
  } catch (const std::exception& e) {
    CHECK(std::string(e.what()).find("poor_share") != std::string::npos);
    CHECK(std::string(e.what()).find("0,5") != std::string::npos);
  }
}
