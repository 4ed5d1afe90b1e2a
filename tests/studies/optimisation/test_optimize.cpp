// outreach optimize on scenarios whose cheapest feasible plan is known by construction: every
// contact of the levers' channels signs up for sure (conversion 1, class factor 1, decisions
// within a day or two, long before the deadline), counts are fixed (whole visits per staff
// day, fixed session attendance) and the commune is so large that no one is drawn twice in
// practice, so each candidate's final count, hence P(met) ∈ {0, 1}, and its cost are known.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "model/scenario/scenario_rewrite.hpp"
#include "studies/sweep/lever_grid.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using test_support::read_file;
using test_support::run_outreach;
using test_support::TempDir;

namespace {

// Door-to-door 2018-09-10 .. 2018-09-21: 10 working days (no holiday), 1 visit a day, so each
// staff member signs up 10 people and costs 10 × 100,000 VND. Sessions: fixed attendance 20,
// 1,500,000 VND each: 20 sign-ups. `target` decides the optimum.
std::string known_scenario(int target, bool sessions = true) {
  return R"([scenario]
name = "known optimum"
start = 2018-09-05
end = 2018-12-31
target = )" + std::to_string(target) + R"(
enrolled_at_start = 0

[run]
replications = 50
seed = 7

[[population.commune]]
name = "Big Town"
households = 50000000
poor_share = 0.0
near_poor_share = 0.0
eligible = 100000000
urban = true

[decisions]
delay_mean_days = 1   # decisions within days: all fall long before the deadline
delay_shape = 2

[sessions]
conversion = 1.0
attendance_model = "fixed"
cost_per_session = 1500000
)" + std::string(sessions ? R"(
[[sessions.plan]]
date = 2018-09-12
commune = "Big Town"
attendance = 20
[[sessions.plan]]
date = 2018-09-19
commune = "Big Town"
attendance = 20
[[sessions.plan]]
date = 2018-09-26
commune = "Big Town"
attendance = 20
)" : "") + R"(
[door_to_door]
staff = 3                   # a lever below
from = 2018-09-10
to = 2018-09-21
visits_per_staff_day = 1
quota_per_staff = 0
conversion = 1.0
cost_per_staff_day = 100000
)";
}

// frontier.csv's row for a candidate whose first cells are `prefix`.
std::string row_starting(const std::string& csv, const std::string& prefix) {
  const auto at = csv.find("\r\n" + prefix);
  if (at == std::string::npos) return {};
  return csv.substr(at + 2, csv.find("\r\n", at + 2) - at - 2);
}

}  // namespace

TEST_CASE("optimize: one lever, P(met) jumps from 0 to 1 at a known staff number", "[optimize]") {
  TempDir dir;
  // Without sessions, staff s sign up 10 s: 55 needs s = 6, the cheapest at 6,000,000 VND.
  const std::string path = dir.write("known.toml", known_scenario(55, false));
  const std::filesystem::path out = dir.path / "out";
  const auto r = run_outreach("optimize '" + path + "' --lever door_to_door.staff=1:12 "
                              "-n 40 --max-replications 400 --threads 2 -q --plot --out '" + out.string() + "'",
                              dir.path / "run");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("chosen: door_to_door.staff=6: cost 6.00 M VND, P(met) 1.000") != std::string::npos);
  const std::string csv = read_file(out / "frontier.csv");
  CHECK(csv.rfind("candidate,door_to_door.staff,replications,met,p_met,", 0) == 0);
  // Staff 5 (50 sign-ups) is surely infeasible, 6 is chosen, 7 onwards cost more and were not
  // refined; the chosen one has enough replications for its simultaneous lower bound ≥ 0.9.
  CHECK(row_starting(csv, "5,5,").find(",0,0,0,") != std::string::npos);
  CHECK(row_starting(csv, "5,5,").find("infeasible") != std::string::npos);
  const std::string chosen = row_starting(csv, "6,6,");
  CHECK(chosen.find(",feasible,1,1") != std::string::npos);
  CHECK(chosen.find(",6000000,") != std::string::npos);
  // The plan file is the scenario with staff = 6 (and the shared --set), and loads as such.
  const std::string plan = read_file(out / "plan.toml");
  CHECK(plan.find("staff = 6  # outreach optimize (was: staff = 3") != std::string::npos);
  const auto check = run_outreach("check '" + (out / "plan.toml").string() + "'", dir.path / "check");
  CHECK(check.status == 0);
  CHECK(check.out.find("door_to_door.staff") != std::string::npos);
  for (const char* chart : {"frontier.gp", "frontier.png", "frontier.svg"})  // gnuplot is a dependency
    CHECK(std::filesystem::exists(out / chart));
  CHECK(read_file(out / "manifest.json").find("\"chosen_levers\": \"door_to_door.staff=6\"") != std::string::npos);

  SECTION("the same files for any number of threads") {
    const std::filesystem::path out1 = dir.path / "out1";
    const auto one = run_outreach("optimize '" + path + "' --lever door_to_door.staff=1:12 "
                                  "-n 40 --max-replications 400 --threads 1 -q --out '" + out1.string() + "'",
                                  dir.path / "run1");
    REQUIRE(one.status == 0);
    CHECK(read_file(out1 / "frontier.csv") == csv);
    CHECK(read_file(out1 / "plan.toml") == plan);
  }
}

TEST_CASE("optimize: two levers with known costs, and a budget below the optimum", "[optimize]") {
  TempDir dir;
  // Sessions bring 20 for 1.5 M (0.075 M each), staff 10 for 1 M (0.1 M each). Target 75:
  // k sessions and s staff need 20k + 10s ≥ 75 at 1.5k + s M VND; with k ≤ 3 the cheapest is
  // k = 3, s = 2 (80 sign-ups, 6.5 M); then k = 2, s = 4 (7 M), k = 1, s = 6 (7.5 M).
  const std::string path = dir.write("known.toml", known_scenario(75));
  // A relative output folder (the staging folder and gnuplot's working folder are relative too).
  const std::filesystem::path out = std::filesystem::relative(dir.path / "out");
  const std::string levers = " --lever sessions.count=0:3 --lever door_to_door.staff=0:8 -n 40 --max-replications 400 -q ";
  const auto r = run_outreach("optimize '" + path + "'" + levers + "--plot --out '" + out.string() + "'", dir.path / "run");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("chosen: sessions.count=3, door_to_door.staff=2: cost 6.50 M VND, P(met) 1.000") != std::string::npos);
  CHECK(r.out.find("runner-up: sessions.count=2, door_to_door.staff=4: cost 7.00 M VND") != std::string::npos);
  const std::string plan = read_file(out / "plan.toml");
  CHECK(plan.find("staff = 2  # outreach optimize") != std::string::npos);
  CHECK(plan.find("2018-09-26") != std::string::npos);  // the three sessions kept
  CHECK(std::filesystem::exists(out / "frontier.png"));
  const std::string csv = read_file(out / "frontier.csv");
  CHECK(row_starting(csv, "30,3,2,").find(",feasible,1,1") != std::string::npos);  // 4 × 9 grid, (k=3, s=2) is 30th

  SECTION("a budget below the optimum: nothing feasible, a distinct status and message") {
    const auto b = run_outreach("optimize '" + path + "'" + levers + "--budget 6000000 --out '" +
                                (dir.path / "out-b").string() + "'", dir.path / "run-b");
    CHECK(b.status == 3);
    CHECK(b.out.find("no candidate within the budget surely meets the confidence 0.9") != std::string::npos);
    CHECK(b.out.find("the most likely within the budget: ") != std::string::npos);
    CHECK(std::filesystem::exists(dir.path / "out-b" / "frontier.csv"));
    CHECK_FALSE(std::filesystem::exists(dir.path / "out-b" / "plan.toml"));
  }
}

TEST_CASE("optimize: invalid levers and options exit 2 and write nothing", "[optimize]") {
  TempDir dir;
  const std::string path = dir.write("known.toml", known_scenario(55));
  const std::filesystem::path out = dir.path / "out";
  const auto fails = [&](const std::string& args, const std::string& message) {
    const auto r = run_outreach("optimize '" + path + "' " + args + " -q --out '" + out.string() + "'", dir.path / "run");
    INFO(args << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  };
  fails("", "no --lever given");
  fails("--lever door_to_door.staff=5", "--lever door_to_door.staff=5: expected KEY=LO:HI");
  fails("--lever door_to_door.staff=9:2", "LO must not exceed HI");
  fails("--lever door_to_door.conversion=0.1:0.5", "needs a STEP");
  fails("--lever door_to_door.conversion=0.1:0.5:0", "STEP must be positive");
  fails("--lever door_to_door.staf=1:3", "unknown key");
  fails("--lever door_to_door.staff=-2:1", "candidate 1 (door_to_door.staff=-2)");
  fails("--lever sessions.count=0:5", "the scenario plans 3 sessions");
  fails("--lever door_to_door.staff=0:999 --lever door_to_door.visits_per_staff_day=0:99",
        "the levers span 1000 × 100 = 100000 candidate plans, more than --max-candidates 1000");
  fails("--lever door_to_door.staff=1:3 --confidence 1.5", "--confidence: expected a number");
  fails("--lever door_to_door.staff=1:3 --lever door_to_door.staff=4:5", "is a lever twice");
  fails("--lever door_to_door.staff=1:3 --set door_to_door.conversion=2", "key 'door_to_door.conversion': expected a probability");
  const auto missing = run_outreach("optimize '" + (dir.path / "none.toml").string() + "' --lever door_to_door.staff=1:3 -q",
                                    dir.path / "run");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("none.toml: cannot open") != std::string::npos);
}

TEST_CASE("plan file: keys substituted in place, an inline table's key, absent keys added", "[optimize]") {
  const std::string text =
      "[scenario]\nname = \"x\"\n\n[pricing]\ntop_up = { poor = 0.20, near_poor = 0.15, other = 0.0 }  # lever\n\n"
      "[[agents]]\nname = \"a\"\ncount = 3\n[[agents]]\nname = \"b\"\ncount = 4\n";
  std::string why;
  const model::RewriteMarks marks{.old_line = true, .on_new_header = true};
  const auto rewrite = [](std::string key, std::string value) {
    return model::KeyRewrite{std::move(key), std::move(value), "outreach optimize", {}};
  };
  const auto out = model::rewrite_scenario_text(text,
                                                {rewrite("agents[1].count", "9"), rewrite("pricing.top_up.near_poor", "0.3"),
                                                 rewrite("agents[0].quota", "2"), rewrite("door_to_door.staff", "5")},
                                                marks, why);
  REQUIRE(out);
  CHECK(out->find("count = 3\n") != std::string::npos);
  CHECK(out->find("count = 9  # outreach optimize (was: count = 4)") != std::string::npos);
  CHECK(out->find("top_up = { poor = 0.20, near_poor = 0.3, other = 0.0 }") != std::string::npos);
  CHECK(out->find("[[agents]]\nquota = 2  # outreach optimize\nname = \"a\"") != std::string::npos);
  CHECK(out->find("[door_to_door]  # outreach optimize\nstaff = 5") != std::string::npos);
  CHECK_FALSE(model::rewrite_scenario_text(text, {rewrite("agents[5].count", "1")}, marks, why));
  CHECK(why.find("no [[agents]] number 5") != std::string::npos);
}

TEST_CASE("plan file: sessions.count keeps the first [[sessions.plan]] tables and says so", "[optimize]") {
  const std::string text = "[scenario]\nname = \"x\"\n[[sessions.plan]]\ndate = 1\n[[sessions.plan]]\ndate = 2\n"
                           "[[sessions.plan]]\ndate = 3\n# the agents\n[[agents]]\nname = \"a\"\n";
  // A dropped table's trailing comment belongs to the next table, and stays with it.
  CHECK(model::keep_first_sessions(text, 1, "outreach optimize") ==
        "[scenario]\nname = \"x\"\n[[sessions.plan]]\ndate = 1\n"
        "# outreach optimize: sessions.count = 1, the later [[sessions.plan]] removed\n"
        "# the agents\n[[agents]]\nname = \"a\"\n");
  CHECK(model::keep_first_sessions(text, 3, "outreach optimize") == text);
}

TEST_CASE("optimize: a candidate too close to the confidence to decide is reported borderline", "[optimize]") {
  TempDir dir;
  // Poisson attendance: k sessions sign up Poisson(20 k) people, s staff 10 s more. Target 50:
  // P(met) is 0.916 for k = 3, s = 0 (4.5 M VND: too close to 0.9 to decide in 400
  // replications), 0.957 for k = 2, s = 2 (5 M VND: feasible), 0.022 for k = 1, s = 2,
  // 0.070 for k = 2, s = 0 (exact Poisson tails).
  const std::string path = dir.write("known.toml", known_scenario(50));
  const auto r = run_outreach("optimize '" + path + "' --lever sessions.count=1:3 --lever 'door_to_door.staff=0|2' "
                              "--set sessions.attendance_model=poisson -n 50 --max-replications 400 -q --out '" +
                              (dir.path / "out").string() + "'", dir.path / "run");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("chosen: sessions.count=2, door_to_door.staff=2: cost 5.00 M VND") != std::string::npos);
  CHECK(r.out.find("how sure: NOT sure: 1 cheaper candidate is still undecided") != std::string::npos);
  CHECK(r.out.find("borderline (undecided at the cap of 400; the selection is not sure):\n"
                   "    sessions.count=3, door_to_door.staff=0: cost 4.50 M VND") != std::string::npos);
  const std::string csv = read_file(dir.path / "out" / "frontier.csv");
  CHECK(row_starting(csv, "5,3,0,400,").find(",borderline,") != std::string::npos);
}
