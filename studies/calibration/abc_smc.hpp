#pragma once
// Approximate Bayesian computation by sequential Monte Carlo: population Monte Carlo of
// Beaumont, Cornuet, Marin and Robert (2009, Biometrika 96:983-990) with the tolerance of each
// generation set adaptively to a quantile of the previous generation's distances (as in
// Del Moral, Doucet and Jasra 2012; Drovandi and Pettitt 2011).
//
// Generation 0 draws `particles` values from the prior and simulates each once; the summaries'
// scales (median absolute deviations of that prior predictive) fix the distance
//   d(x, y) = sqrt( sum_k ((x_k - y_k) / scale_k)^2 ).
// Generation t >= 1 sets its tolerance eps_t to the `quantile` of generation t-1's distances,
// then proposes: pick a particle of t-1 by its weight, move it by a Gaussian kernel with twice
// the weighted covariance of generation t-1, discard moves outside the prior's support,
// simulate once and keep the move if its distance is at most eps_t, until `particles` are kept.
// A kept particle's weight is prior(theta) / sum_j w_j K(theta | theta_j), which makes the
// population a weighted sample of the ABC posterior  prior(theta) P(d(x, y) <= eps_t | theta).
// The run stops after a generation whose acceptance rate fell below `min_acceptance`, whose
// tolerance reached `tolerance` (or 0), after `max_generations`, or when a generation cannot
// finish within `max_simulations` in all (that generation is then dropped).
//
// Determinism: the algorithm's own draws come from streams keyed by (seed, generation, purpose,
// proposal number); proposals are simulated in fixed-size batches whose results are consumed
// in proposal order, so the result is identical for any thread count. Each proposal is
// simulated on its own replication key (simulation_replication below), never shared with
// another proposal: common random numbers across candidates would condition the posterior on one
// realisation of the noise instead of integrating over it.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/scenario/uncertain_parameter.hpp"
#include "sim/resumable_work.hpp"

namespace model {

// The prior: independent marginals, one per fitted parameter.
struct AbcPrior {
  std::vector<Distribution> marginals;

  std::size_t size() const { return marginals.size(); }
  // log density at theta; -infinity outside the support.
  double log_density(const Eigen::VectorXd& theta) const;
  bool in_support(const Eigen::VectorXd& theta) const;
};

struct AbcSettings {
  std::size_t particles = 500;
  std::size_t max_generations = 12;
  double quantile = 0.5;           // eps_t = this quantile of generation t-1's distances
  double min_acceptance = 0.015;   // stop after a generation accepting less than this
  double tolerance = 0;            // stop once eps_t <= tolerance (0: only at eps 0)
  std::uint64_t max_simulations = 1'000'000;
  std::uint64_t seed = 0;
};

struct AbcGeneration {
  double epsilon = 0;          // infinity for generation 0
  std::uint64_t proposals = 0; // simulations run until the last particle was kept
  std::size_t accepted = 0;
  double ess = 0;              // effective sample size of the weights
};

struct AbcResult {
  Eigen::MatrixXd particles;   // particles x parameters
  Eigen::VectorXd weights;     // normalised to sum 1
  Eigen::VectorXd distances;
  Eigen::MatrixXd summaries;   // particles x summaries: each particle's simulated summaries
  Eigen::VectorXd scale;       // the distance's scale per summary
  std::vector<AbcGeneration> generations;  // the last one is the result's
  std::uint64_t simulations = 0;           // in all, dropped generation included
  std::string stopped;                     // why the run stopped, in words
};

// The summaries of one simulation of theta on replication key `replication`. Called
// concurrently from several threads: it must be thread-safe and depend on its arguments only.
using AbcSimulator = std::function<Eigen::VectorXd(const Eigen::VectorXd& theta, std::uint64_t replication)>;

// Progress after each generation.
using AbcProgress = std::function<void(std::size_t generation, const AbcGeneration&)>;

// The replication key of proposal `proposal` of generation `generation`: distinct for every
// pair, and far from the small numbers 0, 1, ... that `outreach run` uses.
std::uint64_t simulation_replication(std::size_t generation, std::uint64_t proposal);

// The simulations run as pieces of `work` (its threads, stop request and journal): the same
// result for any number of threads, and after any number of interruptions resumed from the
// journal, since the algorithm's every step depends only on the simulations consumed before it.
AbcResult run_abc_smc(const AbcPrior& prior, const Eigen::VectorXd& observed, const AbcSimulator& simulate,
                      const AbcSettings& settings, sim::ResumableWork& work, const AbcProgress& progress = {});

// Weighted quantile of values (linear in the cumulative weight, the lowest value at 0).
double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double q);

}  // namespace model
