#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <sstream>

#include "studies/sensitivity/sensitivity.hpp"
#include "studies/sensitivity/thresholds.hpp"
#include "tests/support/statistical_check.hpp"

using namespace model;

namespace {

// Uniforms from a fixed SplitMix64 sequence: the same numbers on every platform.
struct Uniforms {
  std::uint64_t state;
  double next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
  }
};

// A parameter drawn uniformly on [0, 0.1]; the target is met with probability
// 1 / (1 + exp(−(x − centre) / width)): P(met) crosses 50 % at `centre` and 90 % at
// centre + width·ln 9.
struct Sample {
  Eigen::VectorXd x;
  std::vector<bool> met;
};
Sample logistic_sample(std::uint64_t seed, int n, double centre, double width, int direction = 1) {
  Uniforms u{seed};
  Sample s{Eigen::VectorXd(n), {}};
  for (int i = 0; i < n; ++i) {
    s.x[i] = 0.1 * u.next();
    const double p = 1 / (1 + std::exp(-direction * (s.x[i] - centre) / width));
    s.met.push_back(u.next() < p);
  }
  return s;
}

}  // namespace

TEST_CASE("Thresholds: the 50 % and 90 % crossings of a known P(met | x) are found within their sampling error") {
  const Sample s = logistic_sample(3, 4000, 0.04, 0.008);
  for (const auto& [level, truth] : {std::pair{0.5, 0.04}, std::pair{0.9, 0.04 + 0.008 * std::log(9.0)}}) {
    const Threshold t = threshold_of("sessions.conversion", s.x, s.met, level);
    REQUIRE(t.value);
    CHECK(t.direction == 1);
    const double se = (t.hi - t.lo) / (2 * 1.959963984540054);
    CHECK(test_support::within_standard_errors(*t.value, truth, se, 4).pass);
    // The same check on a wrong truth (the crossing 10 % of the range off) must fail.
    CHECK_FALSE(test_support::within_standard_errors(*t.value, truth + 0.01, se, 4).pass);
  }
}

TEST_CASE("Thresholds: the 95 % interval covers the true crossing about 95 % of the time", "[statistical]") {
  // 200 independent samples; under a correct interval the covered count is Binomial(200, 0.95).
  const int trials = 200;
  int covered = 0, covered_if_shifted = 0;
  for (int k = 0; k < trials; ++k) {
    const Sample s = logistic_sample(100 + static_cast<std::uint64_t>(k), 1500, 0.05, 0.01);
    const Threshold t = threshold_of("x", s.x, s.met, 0.5);
    REQUIRE(t.value);
    covered += t.lo <= 0.05 && 0.05 <= t.hi;
    covered_if_shifted += t.lo <= 0.054 && 0.054 <= t.hi;  // a deliberately wrong truth
  }
  const int fewest = test_support::fewest_successes(trials, 0.95, 0.005);
  CHECK(covered >= fewest);
  CHECK(covered <= trials);
  CHECK(covered_if_shifted < fewest);
}

TEST_CASE("Thresholds: a parameter that lowers P(met) falls, and the sentence says 'above'") {
  const Sample s = logistic_sample(5, 3000, 0.06, 0.01, -1);
  SensitivitySample sample;
  sample.parameters = {"decision_delay.mean_days"};
  sample.drawn = s.x;
  sample.final_count.resize(s.x.size());
  for (Eigen::Index i = 0; i < s.x.size(); ++i) sample.final_count[i] = s.met[static_cast<std::size_t>(i)] ? 240 : 200;
  const auto rows = find_thresholds(sample, 232, 0.9);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].direction == -1);
  REQUIRE(rows[0].value);
  CHECK(*rows[0].value == Approx(0.06).margin(0.006));
  const std::string sentence = what_must_be_true(rows, 0.9);
  CHECK_THAT(sentence, Catch::Contains("decision_delay.mean_days is above 0.06"));
  CHECK_THAT(sentence, Catch::Contains("at most"));
}

TEST_CASE("Thresholds: no crossing in the drawn range, or a target always met, is said rather than extrapolated") {
  // P(met) crosses 50 % at 0.3, far beyond the drawn [0, 0.1]: every P(met) there is below 50 %.
  const Sample far = logistic_sample(7, 2000, 0.3, 0.05);
  const Threshold t = threshold_of("x", far.x, far.met, 0.5);
  CHECK_FALSE(t.value);
  CHECK_THAT(t.note, Catch::StartsWith("none in range: P(target met) stays below 50 %"));

  Sample always = far;
  std::fill(always.met.begin(), always.met.end(), true);
  const Threshold a = threshold_of("x", always.x, always.met, 0.9);
  CHECK_FALSE(a.value);
  CHECK_THAT(a.note, Catch::Contains("met in every replication"));
}

TEST_CASE("Thresholds: outcomes split perfectly by the parameter give no fitted slope, and say so") {
  Sample s = logistic_sample(9, 500, 0.05, 0.01);
  for (Eigen::Index i = 0; i < s.x.size(); ++i) s.met[static_cast<std::size_t>(i)] = s.x[i] > 0.05;
  const Threshold t = threshold_of("x", s.x, s.met, 0.5);
  CHECK_FALSE(t.value);
  CHECK_THAT(t.note, Catch::StartsWith("none estimated"));
}

TEST_CASE("Thresholds: thresholds.csv has one row per parameter and level, numbers as numbers") {
  Threshold t;
  t.parameter = "=sessions.conversion";  // a formula-like name is neutralised
  t.level = 0.5;
  t.direction = 1;
  t.value = 0.04;
  t.lo = 0.035;
  t.hi = 0.045;
  t.drawn_hi = 0.1;
  std::ostringstream os;
  write_thresholds_csv(os, {t});
  CHECK(os.str() == "parameter,level,direction,value,lo95,hi95,drawn_lo,drawn_hi,note\r\n"
                    "'=sessions.conversion,0.5,rises,0.04,0.035,0.045,0,0.1,\r\n");
}
