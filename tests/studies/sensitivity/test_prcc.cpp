#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "studies/sensitivity/prcc.hpp"
#include "studies/sensitivity/variance_share.hpp"
#include "tests/support/statistical_check.hpp"

using namespace model;

namespace {

// Uniforms and normals from a fixed SplitMix64 sequence: the same numbers on every platform.
struct Draws {
  std::uint64_t state;
  double uniform() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;  // in (0, 1)
  }
  double normal() {  // Box-Muller
    const double u = uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
};

}  // namespace

TEST_CASE("PRCC: ranks with ties averaged") {
  Eigen::VectorXd x(5);
  x << 3.0, 1.0, 3.0, 2.0, 10.0;
  Eigen::VectorXd want(5);
  want << 3.5, 1.0, 3.5, 2.0, 5.0;
  CHECK(midranks(x) == want);
}

TEST_CASE("PRCC: a monotone, non-linear effect is near 1, an irrelevant input's interval covers 0") {
  // y = exp(6 x1) + small noise: the ranks of y follow x1 almost exactly although y is far from
  // linear in x1; x2 and x3 play no part. Fixed draws, so the result is the same every run.
  const Eigen::Index n = 400;
  Draws d{11};
  Eigen::MatrixXd x(n, 3);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = d.uniform();
    y[i] = std::exp(6 * x(i, 0)) + 0.5 * d.normal();
  }
  const auto c = prcc(x, y);
  REQUIRE(c.size() == 3);
  CHECK(c[0].r > 0.99);
  CHECK(c[0].lo < c[0].r);
  CHECK(c[0].hi > c[0].r);
  for (int j : {1, 2}) {
    CHECK(c[j].lo < 0);
    CHECK(c[j].hi > 0);
    // The interval's half-width is about 1.96 / sqrt(n - k - 3) for r near 0.
    CHECK((c[j].hi - c[j].lo) / 2 == Approx(1.959964 / std::sqrt(double(n) - 2 - 3)).epsilon(0.02));
  }
}

namespace {

// The PRCC of z1 when y = z1 + noise e, z1 and e standard normal and independent: Spearman's
// correlation of (y, z1) for bivariate normals with Pearson rho = 1 / sqrt(1 + noise²),
// (6 / pi) asin(rho / 2).
double spearman_truth(double noise) { return 6 / M_PI * std::asin(0.5 / std::sqrt(1 + noise * noise)); }

// An estimated PRCC within 4 sampling sd of `truth` on Fisher's scale: the sd of atanh(PRCC) is
// about sqrt(1.06 / (n - k - 3)) (Fieller, Hartley & Pearson 1957 for rank correlations), so a
// correct estimate fails with probability about 6e-5.
test_support::Verdict near_prcc(double r, double truth, double n, double k) {
  return test_support::within_standard_errors(std::atanh(r), std::atanh(truth), std::sqrt(1.06 / (n - k - 3)), 4);
}

}  // namespace

TEST_CASE("PRCC: recovers a known partial rank correlation within its sampling error") {
  // y = z1 + 0.5 e with z1, z2, e standard normal: y does not involve z2, so the PRCC of z1 is
  // spearman_truth(0.5) = 0.8808, and that of z2 is 0. The reported 95 % interval must cover
  // the truth. The same check against the truth for noise 0.7 (0.8056, 8 sd away on Fisher's
  // scale) must fail: a PRCC that mixed up its inputs or ranks would be off by as much.
  const Eigen::Index n = 1000;
  Draws d{2024};
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = d.normal();
    x(i, 1) = d.normal();
    y[i] = x(i, 0) + 0.5 * d.normal();
  }
  const auto c = prcc(x, y);
  const double truth = spearman_truth(0.5);
  const auto z1 = near_prcc(c[0].r, truth, double(n), 1), z2 = near_prcc(c[1].r, 0.0, double(n), 1);
  const auto wrong = near_prcc(c[0].r, spearman_truth(0.7), double(n), 1);
  INFO(z1.detail << "\n" << z2.detail << "\nagainst a wrong truth: " << wrong.detail);
  CHECK(z1.pass);
  CHECK(c[0].lo < truth);
  CHECK(c[0].hi > truth);
  CHECK(z2.pass);
  CHECK_FALSE(wrong.pass);
}

TEST_CASE("PRCC: an output that does not vary has no correlation") {
  Eigen::MatrixXd x(20, 2);
  Draws d{5};
  for (Eigen::Index i = 0; i < 20; ++i) x(i, 0) = d.uniform(), x(i, 1) = d.uniform();
  const auto c = prcc(x, Eigen::VectorXd::Constant(20, 3.0));
  CHECK(std::isnan(c[0].r));
  CHECK(std::isnan(c[1].lo));
}

TEST_CASE("Variance share: recovers a known first-order index, near 0 for an irrelevant input") {
  // y = x1 + e, x1 uniform on [0, 1) and e normal with the same variance 1/12: x1 explains
  // half the variance, x2 none. With n = 2000 and B = 13 bins the estimator's sd is about
  // 0.016 at S = 0.5 (delta method) and its bias from within-bin variation 0.5 / 13^2 = 0.003.
  // For the irrelevant x2 the between-bin share is Beta((B-1)/2, (n-B)/2) distributed, sd about
  // sqrt(2 (B - 1)) / n = 0.0025. Each check allows 4 sd. The same checks must reject a wrong
  // truth for x1 (1/3, as if e's variance were doubled: 10 sd off) and an input that explains
  // 4 % of the variance of y + 0.3 x2 (0.3² / 12 of 2.09 / 12: 17 sd off) as irrelevant.
  const Eigen::Index n = 2000;
  Draws d{99};
  Eigen::VectorXd x1(n), x2(n), y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x1[i] = d.uniform();
    x2[i] = d.uniform();
    y[i] = x1[i] + std::sqrt(1.0 / 12) * d.normal();
  }
  const std::size_t bins = variance_share_bins(static_cast<std::size_t>(n));
  CHECK(bins == 13);
  const double bias = 0.5 / (13.0 * 13.0);
  const auto half = [&](double s, double truth) {
    return test_support::within_standard_errors(s - bias, truth, 0.016, 4);
  };
  const auto none = [&](double s) { return test_support::within_standard_errors(s, 0.0, std::sqrt(2.0 * 12) / n, 4); };
  const double s1 = first_order_share(x1, y, bins), s2 = first_order_share(x2, y, bins);
  const double s2_relevant = first_order_share(x2, y + 0.3 * x2, bins);
  INFO("x1 " << half(s1, 0.5).detail << "\nx2 " << none(s2).detail << "\nx2 in y + 0.3 x2 "
             << none(s2_relevant).detail);
  CHECK(half(s1, 0.5).pass);
  CHECK(none(s2).pass);
  CHECK_FALSE(half(s1, 1.0 / 3).pass);
  CHECK_FALSE(none(s2_relevant).pass);
  // Without Kelley's correction the irrelevant input would show about (B - 1) / n = 0.006 on
  // average; with it the estimate centres on 0 and may be negative.
  CHECK(std::isnan(first_order_share(x1, Eigen::VectorXd::Constant(n, 1.0), bins)));
}
