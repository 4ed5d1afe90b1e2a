#include "studies/sensitivity/prcc.hpp"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/statistics.hpp"

namespace model {

Eigen::VectorXd midranks(const Eigen::VectorXd& x) {
  const Eigen::Index n = x.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  Eigen::VectorXd ranks(n);
  for (Eigen::Index i = 0; i < n;) {
    Eigen::Index j = i;
    while (j + 1 < n && x[order[static_cast<std::size_t>(j + 1)]] == x[order[static_cast<std::size_t>(i)]]) ++j;
    const double average = 0.5 * static_cast<double>(i + j) + 1;  // ranks i+1 .. j+1
    for (Eigen::Index t = i; t <= j; ++t) ranks[order[static_cast<std::size_t>(t)]] = average;
    i = j + 1;
  }
  return ranks;
}

std::vector<PartialCorrelation> prcc(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& output, double level) {
  const Eigen::Index n = inputs.rows(), p = inputs.cols();
  if (output.size() != n) throw std::invalid_argument("prcc: inputs and output differ in length");
  Eigen::MatrixXd ranks(n, p);
  for (Eigen::Index j = 0; j < p; ++j) ranks.col(j) = midranks(inputs.col(j));
  const Eigen::VectorXd y = midranks(output);
  const double k = static_cast<double>(p - 1);  // the other inputs each PRCC controls for
  const double z_se = static_cast<double>(n) - k - 3 >= 1 ? 1 / std::sqrt(static_cast<double>(n) - k - 3) : NAN;
  const double q = sim::normal_quantile(0.5 + level / 2);

  std::vector<PartialCorrelation> out;
  for (Eigen::Index j = 0; j < p; ++j) {
    // An intercept and the other inputs' ranks.
    Eigen::MatrixXd others(n, p);
    others.col(0).setOnes();
    for (Eigen::Index c = 0, to = 1; c < p; ++c)
      if (c != j) others.col(to++) = ranks.col(c);
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(others);
    const Eigen::VectorXd ex = ranks.col(j) - others * qr.solve(ranks.col(j));
    const Eigen::VectorXd ey = y - others * qr.solve(y);
    const double sx = ex.norm(), sy = ey.norm();
    // Residuals of a constant are rounding noise: no correlation to speak of.
    const double tiny = 1e-9 * static_cast<double>(n);
    PartialCorrelation c;
    c.r = sx > tiny && sy > tiny ? std::clamp(ex.dot(ey) / (sx * sy), -1.0, 1.0) : NAN;
    const double z = std::atanh(std::clamp(c.r, -1 + 1e-15, 1 - 1e-15));
    c.lo = std::isnan(c.r) ? NAN : std::tanh(z - q * z_se);
    c.hi = std::isnan(c.r) ? NAN : std::tanh(z + q * z_se);
    out.push_back(c);
  }
  return out;
}

}  // namespace model
