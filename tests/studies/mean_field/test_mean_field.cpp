// The mean-field model against the simulation: where the model is linear (no quota, a pool so
// large that no one is contacted twice in practice, fixed parameters), the simulated mean of
// each count converges to the mean-field value.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/statistics.hpp"
#include "studies/mean_field/mean_field.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/scenario_builders.hpp"
#include "tests/support/statistical_check.hpp"

namespace {

using model::Channel;

// Every channel at once, two communes with different class mixes (so class factors and the
// per-commune referrals matter), a season, a non-integer delay shape (Boost's gamma sampler),
// initial members who lapse (metric `active`) and word of mouth's chains.
model::Scenario linear_scenario() {
  model::Scenario s = test_support::bare_scenario(5'000'000);
  s.communes[0].poor_share = 0.2;
  s.communes[0].near_poor_share = 0.15;
  s.communes[0].urban = true;
  model::Commune second = s.communes[0];
  second.name = "Second";
  second.poor_share = 0.05;
  second.near_poor_share = 0.1;
  second.urban = false;
  s.communes.push_back(second);
  const sim::Date start = s.start;
  s.target = 300;
  s.enrolled_at_start = 100;
  s.metric = model::TargetMetric::active_members;
  s.lapses = model::Lapses{};  // the defaults: monthly payers lapse, yearly ones may not renew
  s.decisions.delay_mean_days = 12;
  s.decisions.delay_shape = 2.5;
  for (int i = 0; i < 4; ++i) s.sessions.list.push_back(model::Session{start + 14 + 21 * i, i % 2, 60});
  s.sessions.conversion = 0.08;
  s.sessions.cost_per_session = 1000;
  model::DoorToDoor d;
  d.staff = 4;
  d.from = start + 5;
  d.to = s.end;
  d.visits_per_staff_day = 2.5;  // stochastic rounding
  d.quota_per_staff = 0;
  d.conversion = 0.05;
  d.communes = {0};
  d.cost_per_staff_day = 10;
  s.door_to_door = d;
  model::AgentGroup g;
  g.name = "agents";
  g.count = 6;
  g.joins = start + 10;
  g.contacts_per_week = 7;
  g.conversion = 0.04;
  g.commission = 100;
  s.agents.push_back(g);
  s.walk_in.per_day = 0.3;
  s.word_of_mouth.referrals_per_member = 0.6;
  s.word_of_mouth.delay_mean_days = 20;
  s.word_of_mouth.conversion = 0.15;
  s.seasons.push_back(model::Season{sim::parse_date("2018-11-01"), sim::parse_date("2018-12-31"), 1.5});
  return s;
}

// The simulation's means over 400 replications at a fixed seed, computed once for the tests
// that compare them.
struct SimulatedMeans {
  sim::RunningStats final_count, pending, cost;
  std::array<sim::RunningStats, model::new_member_channel_count> via;
};

const SimulatedMeans& simulated_means() {
  static const SimulatedMeans means = [] {
    const model::Scenario s = linear_scenario();  // the runner keeps a reference to it
    const model::ScenarioRunner runner(s);
    SimulatedMeans m;
    for (std::uint64_t r = 0; r < 400; ++r) {
      const model::ReplicationResult res = runner.run(20181231, r);
      m.final_count.add(static_cast<double>(res.final_count));
      m.pending.add(static_cast<double>(res.pipeline));
      m.cost.add(res.projections.costs.total());
      for (std::size_t c = 0; c < m.via.size(); ++c) m.via[c].add(static_cast<double>(res.via[c]));
    }
    return m;
  }();
  return means;
}

// Each simulated mean within z = 4 standard errors (sd/√n) of the mean-field value: a true
// mean-field fails that with probability about 6e-5 per figure (5e-4 for the eight), a biased
// one (a channel off by a few per cent) fails it. (Run once with 6,000 replications, every
// figure was within 1.7 standard errors: final 239.69 ± 0.17 against 239.65, door-to-door
// 42.12 ± 0.08 against 42.19, pending 163.94 ± 0.14 against 163.71.)
struct Comparison {
  std::string what;
  test_support::Verdict verdict;
};

std::vector<Comparison> compare(const SimulatedMeans& sim_means, const model::MeanField& m) {
  const auto near = [](const sim::RunningStats& x, double expected) {
    return test_support::within_standard_errors(x.mean(), expected, x.sd() / std::sqrt(double(x.count())), 4);
  };
  std::vector<Comparison> out = {{"final count (active members)", near(sim_means.final_count, m.final_count)},
                                 {"pending decisions", near(sim_means.pending, m.pending)},
                                 {"cost", near(sim_means.cost, m.cost)}};
  for (const Channel c : model::new_member_channels) {
    const auto k = static_cast<std::size_t>(c);
    out.push_back({std::string(model::to_string(c)), near(sim_means.via[k], m.by_channel[k])});
  }
  return out;
}

bool passes(const std::vector<Comparison>& comparisons, const std::string& what) {
  for (const Comparison& c : comparisons)
    if (c.what == what) return c.verdict.pass;
  FAIL("no comparison named " << what);
  return false;
}

}  // namespace

TEST_CASE("mean-field: the simulation's means converge to it where the model is linear", "[mean_field][statistical]") {
  const model::MeanField m = model::mean_field(linear_scenario());
  CHECK(m.caveats.empty());  // nothing approximate in this scenario
  for (const Comparison& c : compare(simulated_means(), m)) {
    INFO(c.what << ": " << c.verdict.detail);
    CHECK(c.verdict.pass);
  }
  // Every channel contributes, so each comparison above tests something.
  for (const double v : m.by_channel) CHECK(v > 5);
  CHECK(m.lapsed > 5);
}

// The comparison above, shown able to fail: a mean-field computed with the walk-in rate 10 %
// too high predicts about 4.7 more walk-in sign-ups (some 14 standard errors) and 4.7 more
// members at the end (7 standard errors), and the same comparison against the same simulated
// means rejects both. (At 5 % the final count is only 3.4 standard errors off: a bias that
// small in one channel is caught by that channel's comparison, not by the total's.)
TEST_CASE("mean-field: the comparison rejects a mean-field with a mis-specified rate", "[mean_field][statistical]") {
  model::Scenario wrong = linear_scenario();
  wrong.walk_in.per_day *= 1.1;
  const std::vector<Comparison> comparisons = compare(simulated_means(), model::mean_field(wrong));
  std::string details;
  for (const Comparison& c : comparisons) details += c.what + ": " + c.verdict.detail + "\n";
  INFO(details);
  CHECK_FALSE(passes(comparisons, "walk_in"));
  CHECK_FALSE(passes(comparisons, "final count (active members)"));
}

TEST_CASE("mean-field: quotas and a depleted pool are flagged as approximate", "[mean_field]") {
  model::Scenario s = linear_scenario();
  s.door_to_door->quota_per_staff = 3;
  s.agents[0].quota = 2;
  s.communes[0].eligible = 1000;  // 4 staff × 2.5 visits a day reach most of it
  const model::MeanField m = model::mean_field(s);
  REQUIRE(m.caveats.size() >= 3);
  CHECK(m.caveats[0].find("door-to-door quota") != std::string::npos);
  CHECK(m.caveats[1].find("quota of agents 'agents'") != std::string::npos);
  CHECK(m.caveats[2].find("door-to-door: ") != std::string::npos);
  // The quota stops staff: far fewer door-to-door sign-ups than without it.
  const model::MeanField free = model::mean_field(linear_scenario());
  CHECK(m.by_channel[1] < 0.5 * free.by_channel[1]);
}

TEST_CASE("mean-field: outreach check prints the preview", "[mean_field]") {
  test_support::Scratch scratch;
  const auto r = test_support::run_outreach("check scenarios/chi_lang_2018_plan.toml", scratch.path);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Mean-field preview") != std::string::npos);
  CHECK(r.out.find("expected final count") != std::string::npos);
  CHECK(r.out.find("against the target 232") != std::string::npos);
  CHECK(r.out.find("approximate: door-to-door quota") != std::string::npos);
}

TEST_CASE("mean-field: agents' allowance and training are in the expected cost, as in the simulation's", "[mean_field]") {
  const std::string text =
      "[scenario]\nname = \"paid agents\"\nstart = 2018-09-05\nend = 2018-12-31\ntarget = 100\n"
      "[[agents]]\ncount = 10\ncommission = 0\nmonthly_allowance = 1_000_000\ntraining_cost = 500_000\n";
  const model::Scenario s =
      model::load_scenario_text(text, (test_support::repo_root() / "scenarios/examples/paid.toml").string());
  const model::Costs k(s);
  CHECK(k.agent_training == 5'000'000);
  CHECK(k.agent_allowances == Approx(10 * 1e6 * 117 / (365.25 / 12)));  // 6 September to 31 December
  CHECK(model::mean_field(s).cost == Approx(k.total()));
}
