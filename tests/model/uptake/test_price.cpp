// Issue 18, item 1: the price level moves uptake, against the price the conversions were
// estimated at (docs/model.md, section 7.2).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "model/domain/contribution_schedule.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/uptake/conversion.hpp"
#include "sim/statistics.hpp"
#include "tests/support/statistical_check.hpp"

using namespace model;

TEST_CASE("Class factors by hand: burden over the 2018 reference burden, to the power -0.43") {
  const Pricing p;  // 2018: 22 % of 700,000; support 30 / 25 / 10 %; incomes 550k / 850k / 2M
  const PerClass<double> f = uptake_factors(p);
  const double ref = 138'600.0 / 2'000'000;
  CHECK(f[PovertyClass::other] == Approx(1.0));
  CHECK(f[PovertyClass::poor] == Approx(std::pow(0.22 * 700'000 * 0.70 / 550'000 / ref, -0.43)));
  CHECK(f[PovertyClass::near_poor] == Approx(std::pow(0.22 * 700'000 * 0.75 / 850'000 / ref, -0.43)));
  CHECK(price_level_factor(p) == Approx(1.0));
}

TEST_CASE("Doubling the price lowers every class's factor by 2^-0.43, and a top-up raises its own class's most") {
  const Pricing base;
  Pricing dear = base;
  dear.contribution_rate = 0.44;
  for (const PovertyClass c : all_poverty_classes)
    CHECK(uptake_factors(dear)[c] == Approx(uptake_factors(base)[c] * std::pow(2.0, -0.43)));
  CHECK(price_level_factor(dear) == Approx(std::pow(2.0, -0.43)));
  // A richer reference income is the same price rise.
  Pricing richer = base;
  richer.reference_income = 1'400'000;
  CHECK(uptake_factors(richer)[PovertyClass::poor] == Approx(uptake_factors(dear)[PovertyClass::poor]));

  Pricing topped = base;
  topped.local_top_up[PovertyClass::poor] = 0.3;
  CHECK(uptake_factors(topped)[PovertyClass::poor] > uptake_factors(base)[PovertyClass::poor] * 1.15);
  CHECK(uptake_factors(topped)[PovertyClass::other] == Approx(uptake_factors(base)[PovertyClass::other]));
  CHECK(price_level_factor(topped) == Approx(1.0));  // a top-up moves the mix, not the level
}

TEST_CASE("The reference year sets the reference price: 2018-2021 and 2022-2024 from the sources, others stated") {
  CHECK(lowest_net_payment_of_others(2018) == Approx(138'600));
  CHECK(lowest_net_payment_of_others(2021) == Approx(138'600));
  CHECK(lowest_net_payment_of_others(2022) == Approx(297'000));
  CHECK_FALSE(lowest_net_payment_of_others(2025).has_value());
  CHECK_FALSE(lowest_net_payment_of_others(2017).has_value());
  // Conversions estimated in 2022, at 2022's price, with 2022's prices in force: factor 1.
  Pricing p;
  p.reference_income = 1'500'000;
  p.reference_year = 2022;
  p.reference_payment = *lowest_net_payment_of_others(2022);
  CHECK(uptake_factors(p)[PovertyClass::other] == Approx(1.0));
}

TEST_CASE("A scenario states its reference year and price in [pricing.reference], or is told what is missing") {
  const std::string head =
      "[scenario]\nname = \"t\"\nstart = 2025-09-05\nend = 2025-12-31\ntarget = 10\n"
      "[walk_in]\nper_day = 0.5\n";
  const std::string path = "scenarios/examples/reference.toml";
  CHECK(load_scenario_text(head, path).pricing.reference_payment == Approx(138'600));
  CHECK(load_scenario_text(head + "[pricing.reference]\nyear = 2022\n", path).pricing.reference_payment ==
        Approx(297'000));
  const Scenario stated = load_scenario_text(head + "[pricing.reference]\nyear = 2025\npayment = 264000\n", path);
  CHECK(stated.pricing.reference_year == 2025);
  CHECK(stated.pricing.reference_payment == 264'000);
  CHECK_THROWS_WITH(load_scenario_text(head + "[pricing.reference]\nyear = 2025\n", path),
                    Catch::Contains("pricing.reference.year") && Catch::Contains("2018-2024 only, found 2025"));
}

namespace {

// Mean new sign-ups over `n` replications of four sessions and nothing else, at `rate`.
sim::RunningStats sessions_only(double rate, int n) {
  Scenario s = load_scenario("scenarios/examples/minimal.toml", {"walk_in.per_day=0"});
  for (const char* day : {"2018-09-20", "2018-10-10", "2018-10-31", "2018-11-21"}) {
    Session session;
    session.date = sim::parse_date(day);
    session.attendance = 150;
    s.sessions.list.push_back(session);
  }
  s.sessions.fixed_attendance = true;
  s.pricing.contribution_rate = rate;
  const ScenarioRunner runner(s);
  sim::RunningStats m;
  for (int rep = 0; rep < n; ++rep) m.add(static_cast<double>(runner.run(11, static_cast<std::uint64_t>(rep)).new_members));
  return m;
}

// The ratio of two independent means and its standard error (delta method).
struct Ratio {
  double value, se;
};
Ratio ratio_of(const sim::RunningStats& a, const sim::RunningStats& b) {
  const double r = a.mean() / b.mean();
  const double rel_a = a.sd() / std::sqrt(double(a.count())) / a.mean();
  const double rel_b = b.sd() / std::sqrt(double(b.count())) / b.mean();
  return {r, r * std::sqrt(rel_a * rel_a + rel_b * rel_b)};
}

}  // namespace

TEST_CASE("Doubling the contribution rate cuts a plan's sign-ups by the elasticity's 2^-0.43, far beyond the noise",
          "[statistical]") {
  const sim::RunningStats base = sessions_only(0.22, 400), dear = sessions_only(0.44, 400);
  const double se_difference = std::sqrt(base.variance() / base.count() + dear.variance() / dear.count());
  INFO("mean " << base.mean() << " at 22 %, " << dear.mean() << " at 44 %");
  CHECK(base.mean() - dear.mean() > 4 * se_difference);
  // The size: every conversion scales by 2^-0.43 = 0.742 (no quota or depletion here), so the
  // ratio of the means is that, within 4 standard errors (a false alarm of 6e-5).
  const Ratio r = ratio_of(dear, base);
  const auto right = test_support::within_standard_errors(r.value, std::pow(2.0, -0.43), r.se, 4);
  INFO(right.detail);
  CHECK(right.pass);
  // The same check rejects the model before issue 18, in which the price level cancelled out.
  const auto cancelled = test_support::within_standard_errors(r.value, 1.0, r.se, 4);
  INFO(cancelled.detail);
  CHECK_FALSE(cancelled.pass);
}
