// Scenarios of many offices (model/scenario/office_set.hpp): loading, stream keying, aggregates, errors
// and the run command.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "model/offices/office_outputs.hpp"
#include "model/offices/office_set_runner.hpp"
#include "model/offices/office_summary.hpp"
#include "model/scenario/office_set.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::repo_root;
using test_support::run_outreach;
using test_support::shipped_data;
using test_support::TempDir;

namespace {

// Two small offices sharing a plan; `extra` is appended (more keys for the last office).
std::string two_offices(const std::string& extra = "") {
  return R"([scenario]
name = "two offices"
start = 2018-09-05
end = 2018-10-31

[run]
replications = 20
seed = 7

[sessions]
conversion = { beta = { mean = 0.2, sd = 0.05 } }

[walk_in]
per_day = 0.3

[[office]]
name = "A"
target = 15
enrolled_at_start = 2
[[office.population.commune]]
name = "A town"
households = 400
poor_share = 0.1
near_poor_share = 0.1
eligible = 900
urban = true
[office.door_to_door]
staff = 3
quota_per_staff = 0
[[office.sessions.plan]]
date = 2018-09-20
commune = "A town"

[[office]]
name = "B"
target = 12
[[office.population.commune]]
name = "B village"
households = 300
poor_share = 0.3
near_poor_share = 0.1
eligible = 700
urban = true
[office.door_to_door]
staff = 2
quota_per_staff = 0
)" + extra;
}

model::OfficeSet load_offices(const TempDir& dir, const std::string& text, const std::vector<std::string>& sets = {}) {
  return model::load_office_set(dir.write("offices.toml", text), sets, shipped_data());
}

model::ReplicationResult fake_office_result(const model::Scenario& s, std::int64_t final_count, double cost = 0) {
  model::ReplicationResult r{model::Projections(s)};
  r.final_count = final_count;
  r.met = final_count >= s.target;
  r.projections.costs.sessions = cost;
  return r;
}

}  // namespace

TEST_CASE("An office set reads each office as a scenario of its own, shared sections included", "[offices]") {
  TempDir dir;
  const model::OfficeSet set = load_offices(dir, two_offices());
  REQUIRE(set.offices.size() == 2);
  const model::Scenario& a = set.offices[0].scenario;
  const model::Scenario& b = set.offices[1].scenario;
  CHECK(a.name == "A");
  CHECK(a.target == 15);
  CHECK(a.enrolled_at_start == 2);
  CHECK(b.enrolled_at_start == 0);
  CHECK(a.communes.at(0).name == "A town");
  CHECK(b.communes.at(0).name == "B village");
  CHECK(a.walk_in.per_day == 0.3);  // shared
  CHECK(b.walk_in.per_day == 0.3);
  CHECK(a.door_to_door->staff == 3);  // its own
  CHECK(b.door_to_door->staff == 2);
  CHECK(a.sessions.list.size() == 1);
  CHECK(b.sessions.list.empty());
  CHECK(set.total_goal() == 27);
  CHECK(set.seed == 7);
  CHECK(set.replications == 20);
}

TEST_CASE("Changing one office's plan leaves every other office's replications byte-identical", "[offices]") {
  TempDir dir;
  const model::OfficeSet before = load_offices(dir, two_offices());
  const model::OfficeSet after = load_offices(dir, two_offices(), {"office[1].door_to_door.staff=5", "office[1].target=30"});
  REQUIRE(after.offices[1].scenario.door_to_door->staff == 5);
  const model::OfficeSetRunner r1(before), r2(after);
  bool b_changed = false;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto x = r1.run(0, rep), y = r2.run(0, rep);
    CHECK(x.fingerprint == y.fingerprint);
    CHECK(x.final_count == y.final_count);
    b_changed = b_changed || r1.run(1, rep).fingerprint != r2.run(1, rep).fingerprint;
  }
  CHECK(b_changed);  // the change did reach office B
}

TEST_CASE("An office's replications are those of the office run alone on its office-keyed seed", "[offices]") {
  TempDir dir;
  // Without uncertain parameters, office A as a scenario of its own.
  const std::string fixed = "[sessions]\nconversion = { beta = { mean = 0.2, sd = 0.05 } }\n";
  std::string text = two_offices();
  text.replace(text.find(fixed), fixed.size(), "[sessions]\nconversion = 0.2\n");
  const model::OfficeSet set = load_offices(dir, text);
  const std::string alone = dir.write("a.toml", R"([scenario]
name = "A"
start = 2018-09-05
end = 2018-10-31
target = 15
enrolled_at_start = 2
[sessions]
conversion = 0.2
[[sessions.plan]]
date = 2018-09-20
commune = "A town"
[walk_in]
per_day = 0.3
[door_to_door]
staff = 3
quota_per_staff = 0
[[population.commune]]
name = "A town"
households = 400
poor_share = 0.1
near_poor_share = 0.1
eligible = 900
urban = true
)");
  const model::Scenario a = model::load_scenario(alone, {}, shipped_data());
  const model::CompiledScenario cs(a);
  const model::OfficeSetRunner runner(set);
  const std::uint64_t seed = model::office_stream_seed(7, "A");
  CHECK(seed != 7);
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto in_set = runner.run(0, rep);
    const auto on_its_own = model::run_replication(cs, seed, rep);
    CHECK(in_set.fingerprint == on_its_own.fingerprint);
    CHECK(in_set.final_count == on_its_own.final_count);
  }
  // Keyed by name, not position: B listed first leaves A's draws as they were.
  const std::string b_first = "[[office]]\nname = \"B\"";
  const auto at_b = text.find(b_first);
  const auto at_a = text.find("[[office]]\nname = \"A\"");
  const std::string reordered = text.substr(0, at_a) + text.substr(at_b) + "\n" + text.substr(at_a, at_b - at_a);
  const model::OfficeSet swapped = load_offices(dir, reordered);
  REQUIRE(swapped.offices[1].name == "A");
  CHECK(model::OfficeSetRunner(swapped).run(1, 3).fingerprint == runner.run(0, 3).fingerprint);
}

TEST_CASE("A top-level distribution is drawn once for all offices, an office's own for it alone", "[offices]") {
  TempDir dir;
  const model::OfficeSet set = load_offices(dir, two_offices("[office.walk_in]\nper_day = { gamma = { mean = 0.3, sd = 0.1 } }\n"));
  const model::OfficeSetRunner runner(set);
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const auto a = runner.run(0, rep), b = runner.run(1, rep);
    REQUIRE(a.parameters.size() == 1);  // sessions.conversion
    REQUIRE(b.parameters.size() == 2);  // sessions.conversion, B's walk_in.per_day
    CHECK(a.parameters[0] == b.parameters[0]);
    CHECK(b.parameters[1] != b.parameters[0]);
  }
  CHECK(set.offices[1].scenario.uncertain[1].stream_key == "office:B.walk_in.per_day");
  CHECK(set.offices[0].scenario.uncertain[0].stream_key == "sessions.conversion");
}

TEST_CASE("Aggregates over offices on a hand-checked case", "[offices]") {
  TempDir dir;
  model::OfficeSet set = load_offices(dir, two_offices());  // targets 15 and 12
  const model::Scenario& a = set.offices[0].scenario;
  const model::Scenario& b = set.offices[1].scenario;
  // (A, B) finals: (16, 11) A only, total 27 = goal; (14, 13) B only, total 27; (15, 12) both;
  // (3, 4) neither, total 7.
  const std::vector<std::pair<int, int>> finals{{16, 11}, {14, 13}, {15, 12}, {3, 4}};
  {
    model::OfficeSetSummary s(set);
    for (std::size_t r = 0; r < finals.size(); ++r)
      s.add(r, {fake_office_result(a, finals[r].first, 100), fake_office_result(b, finals[r].second, 50)});
    CHECK(s.replications() == 4);
    CHECK(s.every_met() == 1);
    CHECK(s.total_met() == 3);
    CHECK(s.offices()[0].met == 2);
    CHECK(s.offices()[1].met == 2);
    CHECK(s.offices_met().mean() == Approx(1.0));
    CHECK(s.total_stats().mean() == Approx(22.0));
    CHECK(s.cost().mean() == Approx(150.0));
    // Equal P(met); mean shortfalls A (0 + 1 + 0 + 12) / 4 = 3.25, B (1 + 0 + 0 + 8) / 4 = 2.25:
    // A is the more at risk.
    CHECK(s.most_at_risk(2) == std::vector<std::size_t>{0, 1});
    std::ostringstream csv;
    model::write_aggregate_csv(csv, s);
    CHECK(csv.str().find(",2,27,0.25,") != std::string::npos);  // 2 offices, goal 27, P(every) 0.25
  }
  set.total_target = 28;
  model::OfficeSetSummary s(set);
  for (std::size_t r = 0; r < finals.size(); ++r)
    s.add(r, {fake_office_result(a, finals[r].first), fake_office_result(b, finals[r].second)});
  CHECK(s.total_met() == 0);
  CHECK(s.total_shortfall().mean() == Approx((1 + 1 + 1 + 21) / 4.0));
}

TEST_CASE("Bad office tables are errors naming the file, line and key", "[offices]") {
  TempDir dir;
  const auto error_of = [&](const std::string& text) -> std::string {
    try {
      load_offices(dir, text);
    } catch (const model::ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string file = (dir.path / "offices.toml").string();
  // An unknown key in an office's section: line 46, B's misspelt quota.
  std::string text = two_offices();
  text.replace(text.find("quota_per_staff = 0\n", text.find("name = \"B\"")), 20, "quota_per_staf = 0\n");
  CHECK_THAT(error_of(text), Catch::Contains(file + ":46") && Catch::Contains("office[1].door_to_door.quota_per_staf"));
  // The same office name twice.
  text = two_offices();
  text.replace(text.find("name = \"B\""), 10, "name = \"A\"");
  CHECK_THAT(error_of(text), Catch::Contains("office[1].name") && Catch::Contains("already used"));
  // An office without its population.
  CHECK_THAT(error_of(two_offices("[[office]]\nname = \"C\"\ntarget = 3\n")),
             Catch::Contains("office[2].population") && Catch::Contains("own population"));
  // A target in the shared [scenario].
  text = two_offices();
  text.replace(text.find("end = 2018-10-31\n"), 17, "end = 2018-10-31\ntarget = 40\n");
  CHECK_THAT(error_of(text), Catch::Contains(file + ":5") && Catch::Contains("scenario.target"));
  // A session in a commune of another office.
  CHECK_THAT(error_of(two_offices("[[office.sessions.plan]]\ndate = 2018-09-21\ncommune = \"A town\"\n")),
             Catch::Contains("office[1].sessions.plan[0].commune") && Catch::Contains("unknown commune"));
  // A one-office reader refuses a file of offices.
  CHECK_THROWS_AS(model::load_scenario(dir.write("x.toml", two_offices()), {}, shipped_data()), model::ScenarioError);
}

TEST_CASE("The shipped province holds Lạng Sơn's 11 district offices, Chi Lăng as shipped", "[offices]") {
  const model::OfficeSet set = model::load_office_set((repo_root() / "scenarios/lang_son_2018_province.toml").string());
  REQUIRE(set.offices.size() == 11);
  const auto chi_lang = std::find_if(set.offices.begin(), set.offices.end(),
                                     [](const model::Office& o) { return o.name == "Chi Lăng"; });
  REQUIRE(chi_lang != set.offices.end());
  CHECK(chi_lang->scenario.target == 232);            // [S1] A1
  CHECK(chi_lang->scenario.enrolled_at_start == 130);  // [S1] A2
  CHECK(chi_lang->scenario.communes.size() == 21);
  CHECK(chi_lang->scenario.sessions.list.size() == 10);  // A12
}

TEST_CASE("outreach run on offices writes per-office and aggregate results, the same on 1 and 2 threads", "[offices]") {
  TempDir dir;
  const std::string scenario = dir.write("offices.toml", two_offices());
  const auto one = run_outreach("run '" + scenario + "' --quiet --threads 1 --out '" + (dir.path / "one").string() + "'", dir.path);
  REQUIRE(one.status == 0);
  CHECK_THAT(one.out, Catch::Contains("P(every office meets its target)") && Catch::Contains("most at risk"));
  const auto two = run_outreach("run '" + scenario + "' --quiet --threads 2 --out '" + (dir.path / "two").string() + "'", dir.path);
  REQUIRE(two.status == 0);
  for (const char* f : {"offices.csv", "aggregate.csv", "replications.csv"}) {
    INFO(f);
    CHECK(read_file(dir.path / "one" / f) == read_file(dir.path / "two" / f));
    CHECK(!read_file(dir.path / "one" / f).empty());
  }
  CHECK_THAT(read_file(dir.path / "one" / "offices.csv"), Catch::StartsWith("office,target,"));

  // A bad office table: exit 2, nothing written.
  const std::string bad = dir.write("bad.toml", two_offices("[office.word_of_mouth]\nreferals = 1\n"));
  const auto failed = run_outreach("run '" + bad + "' --quiet --out '" + (dir.path / "bad").string() + "'", dir.path);
  CHECK(failed.status == 2);
  CHECK_THAT(failed.err, Catch::Contains("bad.toml:") && Catch::Contains("office[1].word_of_mouth.referals"));
  CHECK(!fs::exists(dir.path / "bad"));
  const auto check = run_outreach("check '" + scenario + "'", dir.path);
  CHECK(check.status == 0);
  CHECK_THAT(check.out, Catch::Contains("office[1] B") && Catch::Contains("door_to_door.staff = 2"));
}
