#pragma once
// Summaries of replication outcomes: exact histograms of integer outcomes (enrolments, visits),
// running moments, and the intervals reported with them.
//
// Merging is for combining per-replication or per-thread results. Floating-point merges are
// not associative bit for bit, so combine parts in a fixed order (e.g. by replication index) to
// keep reported numbers identical from run to run regardless of thread scheduling.
//
// Statistics that are undefined for too few observations (the mean of nothing, the variance of
// one value, an interval from one pair) return NaN rather than throwing, so a report can print
// them; order statistics of an empty histogram throw, as asking for them is a caller's bug.
#include <cstdint>
#include <map>

namespace sim {

struct Interval {
  double lo = 0;
  double hi = 0;
};

// Counts per integer value. Memory grows with the number of distinct values, not with the
// number of observations, and quantiles are exact.
class IntHistogram {
 public:
  void add(std::int64_t value, std::uint64_t times = 1);
  void merge(const IntHistogram& other);  // exact and order-independent

  std::uint64_t count() const { return n_; }
  bool empty() const { return n_ == 0; }
  // Throw std::domain_error when empty.
  std::int64_t min() const;
  std::int64_t max() const;

  // Type-7 quantile (Hyndman & Fan 1996; R's and numpy's default): with the sample sorted as
  // x[0] <= ... <= x[n-1], h = (n-1)p, j = floor(h), g = h - j,
  //   Q(p) = x[j] + g * (x[j+1] - x[j])   (just x[j] when g == 0),
  // computed in double with exactly these operations, so it equals the same formula applied to
  // the sorted sample bit for bit. Values beyond 2^53 in magnitude lose precision as doubles.
  // Throws std::domain_error when empty or p is not in [0, 1].
  double quantile(double p) const;

  // value -> count, ascending by value; for writing the distribution out.
  const std::map<std::int64_t, std::uint64_t>& counts() const { return counts_; }

 private:
  std::int64_t order_statistic(std::uint64_t k) const;  // x[k], 0-based

  std::map<std::int64_t, std::uint64_t> counts_;
  std::uint64_t n_ = 0;
};

// Count, mean and variance in one pass: Welford's update applied to the values less the first
// one, so a large common offset (1e9 + noise) costs no accuracy. merge() combines two parts as
// if the values had been added in sequence (Chan, Golub & LeVeque's pairwise formula), equal up
// to rounding.
class RunningStats {
 public:
  // Throws std::domain_error for NaN or infinity, which would otherwise poison every result.
  void add(double x);
  void merge(const RunningStats& other);

  std::uint64_t count() const { return n_; }
  double mean() const;      // NaN when empty
  double variance() const;  // sample variance, divisor n - 1; NaN when count < 2
  double sd() const;        // sqrt(variance())
  double min() const;       // NaN when empty
  double max() const;       // NaN when empty

 private:
  std::uint64_t n_ = 0;
  double shift_ = 0;  // the first value; the moments below are of (x - shift_)
  double mean_ = 0;
  double m2_ = 0;     // sum of squared deviations from the mean
  double min_ = 0;
  double max_ = 0;
};

// Wilson score interval for a binomial proportion (no continuity correction). The default z is
// the two-sided 95 % normal quantile. Exact edges: lo = 0 when successes = 0 and hi = 1 when
// successes = n; n = 0 gives [0, 1], as the data say nothing. Throws std::invalid_argument
// when successes > n or z is not a positive finite number.
Interval wilson_interval(std::uint64_t successes, std::uint64_t n,
                         double z = 1.959963984540054);

// Differences a - b of paired outcomes, e.g. two policies run on the same random streams
// (common random numbers), where the pairing removes the shared noise.
class PairedDifference {
 public:
  void add(double a, double b) { diffs_.add(a - b); }
  void merge(const PairedDifference& other) { diffs_.merge(other.diffs_); }

  std::uint64_t count() const { return diffs_.count(); }
  double mean() const { return diffs_.mean(); }
  double sd() const { return diffs_.sd(); }

  // Student-t interval for the mean difference, with n - 1 degrees of freedom:
  //   mean +- t_{(1+level)/2, n-1} * sd / sqrt(n).
  // The t rather than the normal quantile, because replication counts can be small (t widens
  // the interval to match). NaN bounds when count < 2; std::domain_error unless 0 < level < 1.
  Interval interval(double level = 0.95) const;

  const RunningStats& differences() const { return diffs_; }

 private:
  RunningStats diffs_;
};

// Quantile functions (Boost.Math). Throw std::domain_error unless 0 < p < 1 (and df > 0).
double normal_quantile(double p);
double students_t_quantile(double p, double degrees_of_freedom);

}  // namespace sim
