#include "sim/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace sim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void require_open_probability(double p, const char* what) {
  if (!(p > 0.0 && p < 1.0))
    throw std::domain_error(std::string(what) + ": probability " + std::to_string(p) +
                            " is not in (0, 1)");
}

}  // namespace

// ---- IntHistogram ----------------------------------------------------------------------------

void IntHistogram::add(std::int64_t value, std::uint64_t times) {
  if (times == 0) return;  // keep counts_ free of zero entries so min()/max() stay right
  counts_[value] += times;
  n_ += times;
}

void IntHistogram::merge(const IntHistogram& other) {
  for (const auto& [value, c] : other.counts_) counts_[value] += c;
  n_ += other.n_;
}

std::int64_t IntHistogram::min() const {
  if (empty()) throw std::domain_error("histogram: min of an empty histogram");
  return counts_.begin()->first;
}

std::int64_t IntHistogram::max() const {
  if (empty()) throw std::domain_error("histogram: max of an empty histogram");
  return counts_.rbegin()->first;
}

std::int64_t IntHistogram::order_statistic(std::uint64_t k) const {
  std::uint64_t below = 0;  // observations with smaller values
  for (const auto& [value, c] : counts_) {
    if (k < below + c) return value;
    below += c;
  }
  return counts_.rbegin()->first;  // unreachable for k < n_
}

double IntHistogram::quantile(double p) const {
  if (empty()) throw std::domain_error("histogram: quantile of an empty histogram");
  if (!(p >= 0.0 && p <= 1.0))
    throw std::domain_error("histogram: quantile probability " + std::to_string(p) +
                            " is not in [0, 1]");
  const double h = static_cast<double>(n_ - 1) * p;
  const double j = std::floor(h);
  const double g = h - j;
  const auto k = static_cast<std::uint64_t>(j);
  const double lo = static_cast<double>(order_statistic(k));
  if (g == 0.0) return lo;
  const double hi = static_cast<double>(order_statistic(k + 1));
  return lo + g * (hi - lo);
}

// ---- RunningStats ----------------------------------------------------------------------------

void RunningStats::add(double x) {
  if (!std::isfinite(x))
    throw std::domain_error("running stats: a non-finite value (" + std::to_string(x) + ")");
  ++n_;
  if (n_ == 1) {
    shift_ = min_ = max_ = x;
    mean_ = m2_ = 0;
    return;
  }
  const double y = x - shift_;
  const double delta = y - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (y - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void RunningStats::merge(const RunningStats& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  // Difference of the two means, keeping the shifts apart so their large parts cancel exactly.
  const double delta = (other.shift_ - shift_) + (other.mean_ - mean_);
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double RunningStats::mean() const { return n_ == 0 ? nan : shift_ + mean_; }
double RunningStats::variance() const {
  return n_ < 2 ? nan : m2_ / static_cast<double>(n_ - 1);
}
double RunningStats::sd() const { return std::sqrt(variance()); }
double RunningStats::min() const { return n_ == 0 ? nan : min_; }
double RunningStats::max() const { return n_ == 0 ? nan : max_; }

// ---- intervals -------------------------------------------------------------------------------

Interval wilson_interval(std::uint64_t successes, std::uint64_t n, double z) {
  if (successes > n)
    throw std::invalid_argument("wilson_interval: " + std::to_string(successes) +
                                " successes out of " + std::to_string(n) + " trials");
  if (!(z > 0.0 && std::isfinite(z)))
    throw std::invalid_argument("wilson_interval: z must be positive and finite");
  if (n == 0) return {0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  // At the edges the formula gives 0 and 1 only up to rounding; state them exactly.
  const double lo = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double hi = successes == n ? 1.0 : std::min(1.0, centre + half);
  return {lo, hi};
}

Interval PairedDifference::interval(double level) const {
  if (!(level > 0.0 && level < 1.0))
    throw std::domain_error("paired difference: confidence level " + std::to_string(level) +
                            " is not in (0, 1)");
  if (count() < 2) return {nan, nan};
  const double n = static_cast<double>(count());
  const double t = students_t_quantile(0.5 + level / 2.0, n - 1.0);
  const double half = t * sd() / std::sqrt(n);
  return {mean() - half, mean() + half};
}

double normal_quantile(double p) {
  require_open_probability(p, "normal_quantile");
  return boost::math::quantile(boost::math::normal_distribution<double>{}, p);
}

double students_t_quantile(double p, double degrees_of_freedom) {
  require_open_probability(p, "students_t_quantile");
  if (!(degrees_of_freedom > 0.0))
    throw std::domain_error("students_t_quantile: degrees of freedom must be positive");
  return boost::math::quantile(boost::math::students_t_distribution<double>{degrees_of_freedom},
                               p);
}

}  // namespace sim
