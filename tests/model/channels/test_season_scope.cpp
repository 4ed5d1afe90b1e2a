// Issue 18, item 2 (docs/model.md, 2.4): the year-end season scales the background channels
// (walk-ins, word of mouth), not the plan's own sessions, which the national surge it stands for
// already includes.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/statistics.hpp"
#include "tests/support/statistical_check.hpp"

using namespace model;

namespace {

struct ByChannel {
  sim::RunningStats sessions, walk_ins;
};

ByChannel plan_with_season(const std::string& factor, int n) {
  const Scenario s = load_scenario("scenarios/chi_lang_2018_plan.toml", {"season[0].factor=" + factor});
  const ScenarioRunner runner(s);
  ByChannel out;
  for (int rep = 0; rep < n; ++rep) {
    const ReplicationResult r = runner.run(s.seed, static_cast<std::uint64_t>(rep));
    out.sessions.add(static_cast<double>(r.via[static_cast<std::size_t>(Channel::session)]));
    out.walk_ins.add(static_cast<double>(r.via[static_cast<std::size_t>(Channel::walk_in)]));
  }
  return out;
}

test_support::Verdict same_mean(const sim::RunningStats& a, const sim::RunningStats& b) {
  const double se = std::sqrt(a.variance() / a.count() + b.variance() / b.count());
  return test_support::within_standard_errors(a.mean(), b.mean(), se, 4);
}

}  // namespace

TEST_CASE("The plan's sessions do not move with the season factor, and the walk-ins do", "[statistical]") {
  const ByChannel ordinary = plan_with_season("1.0", 200), surge = plan_with_season("3.0", 200);
  const auto sessions = same_mean(surge.sessions, ordinary.sessions);
  INFO("sessions: " << sessions.detail);
  CHECK(sessions.pass);
  // The same check tells the walk-ins apart: it is not too loose to see a season's effect.
  const auto walk_ins = same_mean(surge.walk_ins, ordinary.walk_ins);
  INFO("walk-ins: " << walk_ins.detail);
  CHECK_FALSE(walk_ins.pass);
}
