#include "studies/sensitivity/variance_share.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace model {

std::size_t variance_share_bins(std::size_t n) {
  return std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(std::cbrt(static_cast<double>(n)))));
}

double first_order_share(const Eigen::VectorXd& x, const Eigen::VectorXd& y, std::size_t bins) {
  const std::size_t n = static_cast<std::size_t>(x.size());
  if (static_cast<std::size_t>(y.size()) != n) throw std::invalid_argument("first_order_share: x and y differ in length");
  if (bins < 2 || n < 2 * bins) return NAN;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return x[static_cast<Eigen::Index>(a)] < x[static_cast<Eigen::Index>(b)];
  });
  const double mean = y.mean();
  double between = 0, within = 0;
  for (std::size_t b = 0; b < bins; ++b) {
    const std::size_t from = n * b / bins, to = n * (b + 1) / bins;  // sizes differ by at most 1
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) sum += y[static_cast<Eigen::Index>(order[i])];
    const double group_mean = sum / static_cast<double>(to - from);
    between += static_cast<double>(to - from) * (group_mean - mean) * (group_mean - mean);
    for (std::size_t i = from; i < to; ++i) {
      const double d = y[static_cast<Eigen::Index>(order[i])] - group_mean;
      within += d * d;
    }
  }
  const double total = between + within;
  if (!(total > 0)) return NAN;
  return (between - static_cast<double>(bins - 1) * within / static_cast<double>(n - bins)) / total;
}

}  // namespace model
