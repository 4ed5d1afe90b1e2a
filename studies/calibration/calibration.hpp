#pragma once
// Calibration of a scenario's parameters to observed cumulative counts (`outreach calibrate`):
// which keys are fitted and their priors, and how one candidate is simulated. The method is
// ABC-SMC (studies/calibration/abc_smc.hpp); its summaries are the simulated counts at the observed dates.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/io/input_error.hpp"
#include "studies/calibration/abc_smc.hpp"
#include "studies/calibration/observed_counts.hpp"

namespace model {

// A fitted key that cannot be fitted: unknown, fixed (no prior), repeated, or with a prior of
// one value. what() names the key and says what to do.
struct FitKeyError : sim::InputError {
  using sim::InputError::InputError;
};

// The positions in s.uncertain of `keys`, in the order given. Throws FitKeyError.
std::vector<std::size_t> fitted_parameters(const Scenario& s, const std::vector<std::string>& keys);

// The prior of the fitted parameters: their distributions in the scenario.
AbcPrior fitted_prior(const Scenario& s, const std::vector<std::size_t>& fitted);

// Simulates the scenario with the fitted parameters set to a candidate's values. The other
// uncertain parameters keep their own distributions and are drawn per replication as `run`
// draws them (they are integrated over, not fitted). Thread-safe.
class CandidateSimulator {
 public:
  CandidateSimulator(const Scenario& s, std::vector<std::size_t> fitted);
  const Scenario& scenario() const { return *s_; }
  // theta in the order of `fitted`.
  ReplicationResult run(const Eigen::VectorXd& theta, std::uint64_t seed, std::uint64_t replication) const;
  // The summaries ABC compares: the count at the first observed date, then the change between
  // consecutive observed dates (the same information as the counts, but a distance on the
  // counts themselves would weigh the common level many times and a late burst, such as 6
  // sign-ups in 5 days, hardly at all).
  static Eigen::VectorXd summaries(const ReplicationResult& r, const std::vector<std::size_t>& days);

 private:
  const Scenario* s_;
  Scenario lean_;  // s without what only describes it, copied per simulation
  CompiledScenario compiled_;  // its layout, shared by every simulation's recompiled draws
  std::vector<std::size_t> fitted_;
};

// The observations as summaries (first count, then changes), as CandidateSimulator::summaries.
Eigen::VectorXd observed_summaries(const ObservedCounts& obs);
// Summaries back to cumulative counts.
Eigen::VectorXd cumulative_of(const Eigen::VectorXd& summaries);

// The observations' indexes into ReplicationResult::cumulative.
std::vector<std::size_t> observation_days(const Scenario& s, const ObservedCounts& obs);

// Posterior summary of one fitted parameter over the weighted particles.
struct PosteriorSummary {
  double mean = 0, sd = 0, median = 0, lo = 0, hi = 0;  // lo, hi: the 5 % and 95 % quantiles
};
PosteriorSummary summarise_posterior(const Eigen::VectorXd& values, const Eigen::VectorXd& weights);

}  // namespace model
