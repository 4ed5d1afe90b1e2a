#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/statistics.hpp"
#include "tests/support/statistical_check.hpp"

namespace {

// Type-7 quantile of a sorted sample, written out independently of IntHistogram.
double type7(const std::vector<std::int64_t>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double j = std::floor(h);
  const double g = h - j;
  const auto k = static_cast<std::size_t>(j);
  const double lo = static_cast<double>(sorted[k]);
  if (g == 0.0) return lo;
  return lo + g * (static_cast<double>(sorted[k + 1]) - lo);
}

// The reference: two passes in extended precision, so its own rounding is far below the
// tolerance (a double sum of 1e5 values near 1e9 would already err by ~1e-9 relative).
double two_pass_variance(const std::vector<double>& x) {
  long double mean = 0;
  for (const double v : x) mean += v;
  mean /= static_cast<long double>(x.size());
  long double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return static_cast<double>(ss / static_cast<long double>(x.size() - 1));
}

// Mean 1e9 and variance sd² of n normal draws, each within 5 standard errors: sd/√n for the
// mean, sd² √(2/(n − 1)) for the variance (normal data), so a correct sample fails with
// probability about 1e-6.
bool matches_noise(const sim::RunningStats& s, double sd) {
  const double n = static_cast<double>(s.count());
  const auto mean = test_support::within_standard_errors(s.mean(), 1e9, sd / std::sqrt(n), 5);
  const auto variance =
      test_support::within_standard_errors(s.variance(), sd * sd, sd * sd * std::sqrt(2 / (n - 1)), 5);
  UNSCOPED_INFO("mean " << mean.detail << "\nvariance " << variance.detail);
  return mean.pass && variance.pass;
}

}  // namespace

// ---- IntHistogram ----------------------------------------------------------------------------

TEST_CASE("histogram quantiles equal type-7 quantiles of the sorted sample", "[statistics]") {
  std::mt19937_64 rng(20180905);
  struct Case {
    std::size_t n;
    std::int64_t lo, hi;
  };
  // Few distinct values (many ties), wide ranges, negatives, and single observations.
  const Case cases[] = {{1, 0, 0},       {2, 0, 1},           {3, -5, 5},
                        {10, 0, 3},      {101, 0, 1000},      {1000, 0, 9},
                        {997, -1000000, 1000000}, {5000, 0, 60}, {64, -(std::int64_t{1} << 40),
                                                                  std::int64_t{1} << 40}};
  std::vector<double> ps;
  for (int i = 0; i <= 1000; ++i) ps.push_back(i / 1000.0);
  for (const double p : {0.025, 0.975, 1.0 / 3, 2.0 / 3, 0.999999, 1e-9}) ps.push_back(p);

  for (const auto& c : cases) {
    std::uniform_int_distribution<std::int64_t> dist(c.lo, c.hi);
    std::vector<std::int64_t> sample(c.n);
    sim::IntHistogram h;
    for (auto& v : sample) {
      v = dist(rng);
      h.add(v);
    }
    std::sort(sample.begin(), sample.end());
    REQUIRE(h.count() == c.n);
    CHECK(h.min() == sample.front());
    CHECK(h.max() == sample.back());
    int mismatches = 0;
    for (const double p : ps)
      if (h.quantile(p) != type7(sample, p) && ++mismatches <= 3)
        FAIL_CHECK("n=" << c.n << " p=" << p << ": " << h.quantile(p)
                        << " != " << type7(sample, p));
    CHECK(mismatches == 0);
  }
}

TEST_CASE("histogram quantiles match R's quantile() on a small sample", "[statistics]") {
  sim::IntHistogram h;
  for (const int v : {4, 1, 3, 2}) h.add(v);
  // R: quantile(1:4, c(0, .25, .5, .75, 1)) = 1, 1.75, 2.5, 3.25, 4
  CHECK(h.quantile(0.0) == 1.0);
  CHECK(h.quantile(0.25) == 1.75);
  CHECK(h.quantile(0.5) == 2.5);
  CHECK(h.quantile(0.75) == 3.25);
  CHECK(h.quantile(1.0) == 4.0);
  sim::IntHistogram one;
  one.add(7);
  CHECK(one.quantile(0.3) == 7.0);
}

TEST_CASE("histogram memory grows with distinct values, not observations", "[statistics]") {
  sim::IntHistogram h;
  for (int i = 0; i < 100'000; ++i) h.add(i % 10);
  h.add(3, 5);
  h.add(99, 0);  // adding nothing leaves no trace
  CHECK(h.count() == 100'005);
  CHECK(h.counts().size() == 10);
  CHECK(h.counts().at(3) == 10'005);
  CHECK(h.max() == 9);
}

TEST_CASE("merged histograms equal one histogram of all observations", "[statistics]") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> dist(-20, 20);
  sim::IntHistogram all, a, b, empty;
  for (int i = 0; i < 3000; ++i) {
    const int v = dist(rng);
    all.add(v);
    (i % 3 == 0 ? a : b).add(v);
  }
  sim::IntHistogram merged = a;
  merged.merge(b);
  merged.merge(empty);
  CHECK(merged.counts() == all.counts());
  CHECK(merged.count() == all.count());
  empty.merge(all);
  CHECK(empty.counts() == all.counts());
}

TEST_CASE("an empty histogram or a probability outside 0..1 is an error", "[statistics]") {
  sim::IntHistogram h;
  CHECK(h.empty());
  CHECK_THROWS_AS(h.quantile(0.5), std::domain_error);
  CHECK_THROWS_AS(h.min(), std::domain_error);
  CHECK_THROWS_AS(h.max(), std::domain_error);
  h.add(1);
  CHECK_THROWS_AS(h.quantile(-0.01), std::domain_error);
  CHECK_THROWS_AS(h.quantile(1.01), std::domain_error);
  CHECK_THROWS_AS(h.quantile(std::nan("")), std::domain_error);
}

// ---- RunningStats ----------------------------------------------------------------------------

TEST_CASE("Welford's running variance matches two passes despite a large offset",
          "[statistics]") {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> noise(0.0, 0.5);
  std::vector<double> x(100'000);
  for (auto& v : x) v = 1e9 + noise(rng);
  sim::RunningStats s;
  for (const double v : x) s.add(v);
  const double expected = two_pass_variance(x);
  // The data are hard: the textbook one-pass formula (sum of squares) loses every digit.
  double sum = 0, sum_sq = 0;
  for (const double v : x) {
    sum += v;
    sum_sq += v * v;
  }
  const double n = static_cast<double>(x.size());
  const double naive = (sum_sq - sum * sum / n) / (n - 1);
  CHECK(std::fabs(naive - expected) > 0.1 * expected);

  CHECK(s.count() == x.size());
  CHECK(s.variance() == Approx(expected).epsilon(1e-12));
  CHECK(matches_noise(s, 0.5));
  // The same check rejects a sample whose noise is 4 % wider (variance 18 standard errors off).
  sim::RunningStats wider;
  for (const double v : x) wider.add(1e9 + 1.04 * (v - 1e9));
  CHECK_FALSE(matches_noise(wider, 0.5));
  CHECK(s.sd() == Approx(std::sqrt(expected)).epsilon(1e-12));
  CHECK(s.min() == *std::min_element(x.begin(), x.end()));
  CHECK(s.max() == *std::max_element(x.begin(), x.end()));
}

TEST_CASE("running stats merged in chunks equal running stats added in sequence",
          "[statistics]") {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> dist(3.0, 1.0);
  std::vector<double> x(10'007);
  for (auto& v : x) v = 1e6 + dist(rng);
  sim::RunningStats seq;
  for (const double v : x) seq.add(v);

  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{100},
                                  std::size_t{4096}, x.size()}) {
    INFO("chunk size " << chunk);
    sim::RunningStats total;
    for (std::size_t i = 0; i < x.size(); i += chunk) {
      sim::RunningStats part;
      for (std::size_t k = i; k < std::min(x.size(), i + chunk); ++k) part.add(x[k]);
      total.merge(part);
    }
    CHECK(total.count() == seq.count());
    CHECK(total.mean() == Approx(seq.mean()).epsilon(1e-14));
    CHECK(total.variance() == Approx(seq.variance()).epsilon(1e-10));
    CHECK(total.min() == seq.min());
    CHECK(total.max() == seq.max());
  }
  // Merging with nothing changes nothing, on either side.
  sim::RunningStats empty, copy = seq;
  copy.merge(empty);
  CHECK(copy.variance() == seq.variance());
  empty.merge(seq);
  CHECK(empty.mean() == seq.mean());
  CHECK(empty.variance() == seq.variance());
}

TEST_CASE("running stats are NaN when undefined and reject non-finite values",
          "[statistics]") {
  sim::RunningStats s;
  CHECK(std::isnan(s.mean()));
  CHECK(std::isnan(s.variance()));
  CHECK(std::isnan(s.min()));
  s.add(2.0);
  CHECK(s.mean() == 2.0);
  CHECK(std::isnan(s.variance()));
  s.add(4.0);
  CHECK(s.variance() == 2.0);
  CHECK_THROWS_AS(s.add(std::nan("")), std::domain_error);
  CHECK_THROWS_AS(s.add(HUGE_VAL), std::domain_error);
  CHECK(s.count() == 2);
}

// ---- intervals -------------------------------------------------------------------------------

TEST_CASE("Wilson intervals match published values", "[statistics]") {
  struct Known {
    std::uint64_t x, n;
    double lo, hi;
  };
  // Newcombe (1998), Statistics in Medicine 17:857-872, score interval without continuity
  // correction, given there to four decimals; the first two are common textbook examples.
  const Known published[] = {{0, 10, 0.0, 0.2775},      {5, 10, 0.2366, 0.7634},
                             {81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605},
                             {0, 20, 0.0, 0.1611},      {1, 29, 0.0061, 0.1718},
                             {29, 29, 0.8830, 1.0}};
  for (const auto& k : published) {
    INFO(k.x << "/" << k.n);
    const auto ci = sim::wilson_interval(k.x, k.n);
    CHECK(ci.lo == Approx(k.lo).margin(1e-4));
    CHECK(ci.hi == Approx(k.hi).margin(1e-4));
  }
  // Computed to 30 digits (mpmath) from the closed form with z = sqrt(2) erfinv(0.95).
  const Known precise[] = {{0, 10, 0.0, 0.277532799863},
                           {5, 10, 0.236593090513, 0.763406909487},
                           {81, 263, 0.255288519878, 0.366209576983},
                           {6, 100, 0.0277861239632, 0.124768154459},
                           {1, 1, 0.206549314377, 1.0}};
  for (const auto& k : precise) {
    INFO(k.x << "/" << k.n);
    const auto ci = sim::wilson_interval(k.x, k.n);
    CHECK(ci.lo == Approx(k.lo).margin(1e-11));
    CHECK(ci.hi == Approx(k.hi).margin(1e-11));
  }
}

TEST_CASE("Wilson intervals are exact at the edges and reject impossible counts",
          "[statistics]") {
  CHECK(sim::wilson_interval(0, 0).lo == 0.0);
  CHECK(sim::wilson_interval(0, 0).hi == 1.0);
  CHECK(sim::wilson_interval(0, 1'000'000).lo == 0.0);
  CHECK(sim::wilson_interval(1'000'000, 1'000'000).hi == 1.0);
  for (std::uint64_t n : {1u, 2u, 10u, 1000u})
    for (std::uint64_t x = 0; x <= n; x += std::max<std::uint64_t>(1, n / 10)) {
      const auto ci = sim::wilson_interval(x, n);
      const double p = static_cast<double>(x) / static_cast<double>(n);
      CHECK(0.0 <= ci.lo);
      CHECK(ci.lo <= p);
      CHECK(p <= ci.hi);
      CHECK(ci.hi <= 1.0);
    }
  const auto wide = sim::wilson_interval(5, 10, 2.5758293035489004);  // 99 %
  CHECK(wide.lo < sim::wilson_interval(5, 10).lo);
  CHECK_THROWS_AS(sim::wilson_interval(11, 10), std::invalid_argument);
  CHECK_THROWS_AS(sim::wilson_interval(1, 10, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(sim::wilson_interval(1, 10, std::nan("")), std::invalid_argument);
}

TEST_CASE("paired differences give the mean difference with a Student-t interval",
          "[statistics]") {
  sim::PairedDifference d;
  CHECK(std::isnan(d.interval().lo));
  const double a[] = {11, 12, 13, 14, 15};
  const double b[] = {10, 10, 10, 10, 10};
  for (int i = 0; i < 5; ++i) d.add(a[i], b[i]);  // differences 1..5
  CHECK(d.count() == 5);
  CHECK(d.mean() == Approx(3.0));
  CHECK(d.sd() == Approx(std::sqrt(2.5)));
  // 3 -+ t(0.975, 4) sqrt(2.5 / 5), with t from mpmath: 2.7764451051977943578
  const auto ci = d.interval();
  CHECK(ci.lo == Approx(1.0367568385224423).epsilon(1e-12));
  CHECK(ci.hi == Approx(4.9632431614775577).epsilon(1e-12));
  CHECK(d.interval(0.99).lo < ci.lo);
  CHECK_THROWS_AS(d.interval(1.0), std::domain_error);

  // Merging parts gives the same as adding all pairs.
  sim::PairedDifference p1, p2;
  for (int i = 0; i < 2; ++i) p1.add(a[i], b[i]);
  for (int i = 2; i < 5; ++i) p2.add(a[i], b[i]);
  p1.merge(p2);
  CHECK(p1.interval().lo == Approx(ci.lo).epsilon(1e-12));
}

TEST_CASE("normal and Student-t quantiles agree with tables", "[statistics]") {
  CHECK(sim::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(sim::normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  CHECK(sim::students_t_quantile(0.975, 9) == Approx(2.2621571627982055).epsilon(1e-12));
  CHECK(sim::students_t_quantile(0.975, 1) == Approx(12.706204736174705).epsilon(1e-12));
  CHECK(sim::students_t_quantile(0.975, 30) == Approx(2.0422724563012383).epsilon(1e-12));
  CHECK_THROWS_AS(sim::normal_quantile(0.0), std::domain_error);
  CHECK_THROWS_AS(sim::normal_quantile(1.0), std::domain_error);
  CHECK_THROWS_AS(sim::students_t_quantile(0.5, 0.0), std::domain_error);
}
