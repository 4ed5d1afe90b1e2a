#pragma once
// Partial rank correlation coefficients (PRCC): how strongly each input moves an output once the
// other inputs are accounted for, for outputs that rise or fall monotonically but not linearly
// with the inputs (Marino, Hogue, Ray & Kirschner 2008, "A methodology for performing global
// uncertainty and sensitivity analysis in systems biology", J. Theor. Biol. 254:178-196).
//
// Inputs and output are rank-transformed (ties take their average rank); for input j, the ranks
// of x_j and of y are each regressed by least squares (Eigen, column-pivoting QR) on an
// intercept and the ranks of the k other inputs, and the PRCC is the Pearson correlation of the
// two residuals. Its 95 % interval uses Fisher's z transform: atanh(r) is about normal with
// standard error 1 / sqrt(n - k - 3), one less than the n - 2 - k degrees of freedom of the
// partial correlation's t test (Fisher 1924), transformed back with tanh.
#include <vector>

#include <Eigen/Core>

namespace model {

// Ranks from 1 to n; tied values share the average of the ranks they span.
Eigen::VectorXd midranks(const Eigen::VectorXd& x);

struct PartialCorrelation {
  double r = 0;         // NaN when an input or the output does not vary once the others are removed
  double lo = 0, hi = 0;  // NaN when n - k - 3 < 1
};

// The PRCC of each column of `inputs` (n rows, one per sample) with `output` (n values).
std::vector<PartialCorrelation> prcc(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& output,
                                     double level = 0.95);

}  // namespace model
