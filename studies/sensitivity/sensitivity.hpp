#pragma once
// Sensitivity of a scenario's outputs to its uncertain parameters (Scenario::uncertain): each
// replication draws the parameters, so a batch of replications is a random sample of
// (parameters, final count, cost). Over that sample: the PRCC of each parameter with each
// output, with its 95 % interval (studies/sensitivity/prcc.hpp), and the first-order share of the output's
// variance it explains (studies/sensitivity/variance_share.hpp). Written as sensitivity.csv
// (results/README.md).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace model {

// The drawn parameters and outputs of each replication, in replication order.
struct SensitivitySample {
  std::vector<std::string> parameters;  // the keys, in the order of Scenario::uncertain
  std::vector<std::uint64_t> replications;
  Eigen::MatrixXd drawn;                // one row per replication, one column per parameter
  Eigen::VectorXd final_count, cost;
};

struct SensitivityRow {
  std::string parameter;
  std::string output;  // "final" or "cost"
  double prcc = 0, lo = 0, hi = 0;
  double variance_share = 0;
};

// The fewest replications for an analysis of `parameters` parameters: ten per coefficient of the
// rank regressions (the intercept and every parameter), and at least 30.
std::uint64_t minimum_sensitivity_replications(std::size_t parameters);

// Rows for the final count, then for cost; parameters in the sample's order.
std::vector<SensitivityRow> analyse_sensitivity(const SensitivitySample& sample);

// sensitivity.csv: parameter, output, prcc, lo, hi, variance_share.
void write_sensitivity_csv(std::ostream& os, const std::vector<SensitivityRow>& rows);
// samples.csv: replication, each parameter, final, cost.
void write_samples_csv(std::ostream& os, const SensitivitySample& sample);

// The answer to "which unknown should the office measure first?", a few lines of text: the
// parameter whose first-order share of the final count's variance is largest.
std::string measure_first(const std::vector<SensitivityRow>& rows);

}  // namespace model
