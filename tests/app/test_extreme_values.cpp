// What passes validation never crashes the run (issue 16, section 6): every numeric key of a
// scenario that uses them all is set to extreme values with --set, and `outreach run` must either
// refuse it (exit 2, naming the key) or run it (exit 0) - never exit 1 or die on a signal. Then
// the cases the issue found by hand: inputs a check accepts that used to stop the run.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

// Two small communes (one with nobody eligible) and every section with a numeric key, over
// three months: each run takes a few milliseconds.
const char* const every_key_scenario = R"([scenario]
name = "extremes"
start = 2018-09-05
end = 2018-12-05
target = 20
enrolled_at_start = 5
[run]
replications = 2
[[population.commune]]
name = "Town"
households = 100
poor_share = 0.2
near_poor_share = 0.1
eligible = 300
urban = true
[[population.commune]]
name = "Empty"
households = 0
poor_share = 0
near_poor_share = 0
eligible = 0
urban = false
[pricing]
subsidy_months = 12
[pricing.top_up]
poor = 0.1
[sessions]
attendance = 20
cost_per_session = 1000000
[[sessions.plan]]
date = 2018-10-01
commune = "Town"
[[sessions.plan]]
date = 2018-10-02
commune = "Empty"
[door_to_door]
staff = 2
quota_per_staff = 3
[[agents]]
name = "collectors"
count = 2
quota = 2
commission = 50000
[walk_in]
per_day = 0.5
[word_of_mouth]
referrals_per_member = 0.5
[[season]]
from = 2018-10-01
to = 2018-10-31
factor = 2
)";

const std::vector<std::string> numeric_keys{
    "scenario.target", "scenario.enrolled_at_start", "run.replications", "run.seed",
    "pricing.contribution_rate", "pricing.reference_income", "pricing.burden_elasticity",
    "pricing.subsidy_months", "pricing.state_support.poor", "pricing.top_up.poor",
    "pricing.class_income.poor", "decisions.delay_mean_days", "decisions.delay_shape",
    "decisions.cool_off_days", "sessions.conversion", "sessions.attendance", "sessions.cost_per_session",
    "sessions.plan[0].attendance", "door_to_door.staff", "door_to_door.visits_per_staff_day",
    "door_to_door.quota_per_staff", "door_to_door.reduced_share", "door_to_door.conversion",
    "door_to_door.cost_per_staff_day", "agents[0].count", "agents[0].contacts_per_week", "agents[0].quota",
    "agents[0].reduced_share", "agents[0].conversion", "agents[0].commission", "walk_in.per_day",
    "word_of_mouth.referrals_per_member", "word_of_mouth.delay_mean_days", "word_of_mouth.conversion",
    "season[0].factor", "lapses.monthly_payer_share", "lapses.monthly_hazard", "lapses.yearly_renewal"};

// The status of `outreach run` with these extra arguments, and its message.
test_support::CommandResult run_with(const test_support::TempDir& dir, const std::string& scenario,
                                     const std::string& extra) {
  return test_support::run_outreach("run '" + scenario + "' -n 2 --quiet --out '" + (dir.path / "out").string() +
                                        "' " + extra,
                                    dir.path / "console");
}

}  // namespace

// [exhaustive]: 152 runs of the binary; the sanitizer tree leaves it to Release and runs the
// catalogue's extreme values (tests/bad_inputs) and the cases below instead.
TEST_CASE("Every numeric key at an extreme value is refused naming the key, or runs: never exit 1", "[exhaustive]") {
  const test_support::TempDir dir;
  const std::string scenario = dir.write("extremes.toml", every_key_scenario);
  for (const std::string& key : numeric_keys) {
    for (const std::string value : {"0", "1e-300", "1e308", "-1"}) {
      const auto r = run_with(dir, scenario, "--set '" + key + "=" + value + "'");
      INFO(key << " = " << value << ": " << r.err);
      CHECK((r.status == 0 || r.status == 2));
      if (r.status == 2) CHECK(r.err.find(key) != std::string::npos);
    }
  }
}

TEST_CASE("Inputs a check accepts but that used to stop the run now run to the end") {
  const test_support::TempDir dir;
  const std::string scenario = dir.write("extremes.toml", every_key_scenario);
  // A session where nobody is eligible meets nobody; a tiny walk-in rate draws no walk-in in the
  // run (a draw beyond the representable horizon is "never"); a season factor at its ceiling with
  // a high walk-in rate exhausts the commune, and the walk-ins stop; long delays are never due.
  for (const std::string extra : {"", "--set walk_in.per_day=0.000001", "--set walk_in.per_day=1e-300",
                                  "--set season[0].factor=1000 --set walk_in.per_day=50",
                                  "--set decisions.delay_mean_days=36500 --set word_of_mouth.delay_mean_days=36500",
                                  "--set lapses.monthly_hazard=1e-300 --set agents[0].contacts_per_week=1e-300"}) {
    const auto r = run_with(dir, scenario, extra);
    INFO(extra << ": " << r.err);
    CHECK(r.status == 0);
  }
}

TEST_CASE("A --set value does not hide an invalid value of the same key in the file") {
  const test_support::TempDir dir;
  std::string text = every_key_scenario;
  text.replace(text.find("replications = 2"), 16, "replications = 0");
  const std::string scenario = dir.write("bad_replications.toml", text);
  const auto r = test_support::run_outreach(
      "run '" + scenario + "' --replications 20 --quiet --out '" + (dir.path / "out").string() + "'",
      dir.path / "console");
  CHECK(r.status == 2);
  CHECK(r.err.find("bad_replications.toml:8: key 'run.replications'") != std::string::npos);
}
