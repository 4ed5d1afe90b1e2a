#pragma once
// The share of an output's variance that one input explains on its own: the first-order
// (main-effect) sensitivity index S = Var(E[Y | X]) / Var(Y) (Saltelli et al. 2008, "Global
// Sensitivity Analysis: The Primer", ch. 1). It answers "how much would the variance fall, on
// average, if X were known exactly?", the question of which unknown to measure first (their
// "factor prioritisation" setting).
//
// Estimated from the same random sample as the PRCC (no extra runs), by binning: the samples
// are sorted by X and cut into B groups of equal size (B = round(n^(1/3)), at least 2); E[Y | X]
// is taken as each group's mean, and S as the between-group share of the sum of squares with
// Kelley's (1935) correction for the noise in the group means (epsilon-squared):
//
//   S = (SS_between - (B - 1) SS_within / (n - B)) / SS_total.
//
// Biases: without the correction the raw ratio is biased up by about (B - 1)/n (1 - S); the
// correction removes that for equal within-group variances, so what is left is a small bias
// down from the variation of E[Y | X] inside each group, of order 1/B^2 of Var(E[Y | X]) for a
// smooth E[Y | X]. The estimate can fall a little below 0 when X explains nothing. The shares
// of several inputs need not add to 1: the rest is interactions and the simulation's own noise.
#include <cstddef>

#include <Eigen/Core>

namespace model {

std::size_t variance_share_bins(std::size_t n);

// NaN when the output does not vary or there are fewer than two samples per bin.
double first_order_share(const Eigen::VectorXd& x, const Eigen::VectorXd& y, std::size_t bins);

}  // namespace model
