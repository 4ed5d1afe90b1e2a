#pragma once
// The statistical checks the tests share. Each returns a Verdict rather than asserting, so a
// test can apply the very check it relies on to a deliberately wrong input and assert that it
// fails: a check that cannot fail tests nothing. Every tolerance is derived from the sampling
// error at a stated false-alarm rate, never a hand-picked number.
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace test_support {

struct Verdict {
  bool pass;
  std::string detail;  // the figures, for INFO
};

// |estimate − expected| ≤ z × standard error. Under a normal sampling law a correct estimate
// fails with probability 2(1 − Φ(z)): 6e-5 at z = 4, 6e-7 at z = 5.
inline Verdict within_standard_errors(double estimate, double expected, double standard_error, double z) {
  const double tolerance = z * standard_error;
  std::ostringstream os;
  os << "estimate " << estimate << ", expected " << expected << ", off by "
     << std::abs(estimate - expected) / standard_error << " standard errors of " << standard_error
     << " (allowed " << z << ")";
  return {std::abs(estimate - expected) <= tolerance, os.str()};
}

// Pearson's chi-square of (expected, observed) cells, every cell expecting at least 5. Under the
// law the statistic is chi-square with cells − 1 degrees of freedom; the check fails above its
// 1 − alpha quantile, a false alarm of alpha at any seed.
inline Verdict chi_square_fits(const std::vector<std::pair<double, double>>& cells, double alpha) {
  double chi2 = 0;
  for (const auto& [e, o] : cells) chi2 += (o - e) * (o - e) / e;
  const double threshold =
      boost::math::quantile(boost::math::chi_squared(double(cells.size() - 1)), 1 - alpha);
  std::ostringstream os;
  os << "chi-square " << chi2 << " over " << cells.size() << " cells, threshold " << threshold;
  return {chi2 < threshold, os.str()};
}

// The fewest successes of `trials` that a success probability `p` allows at false-alarm rate
// alpha: one more than the largest k with P(X ≤ k) < alpha under Binomial(trials, p).
inline int fewest_successes(int trials, double p, double alpha) {
  const boost::math::binomial_distribution<double> law(trials, p);
  int k = -1;
  while (k + 1 <= trials && boost::math::cdf(law, k + 1) < alpha) ++k;
  return k + 1;
}

// P(the check rejects) when the successes are in truth Binomial(trials, p): the check is applied
// to every possible count, weighted by its probability, so no sampling noise enters the power.
template <class Check>
double rejection_probability(int trials, double p, Check check) {
  const boost::math::binomial_distribution<double> law(trials, p);
  double rejected = 0;
  for (int k = 0; k <= trials; ++k)
    if (!check(k).pass) rejected += boost::math::pdf(law, k);
  return rejected;
}

}  // namespace test_support
