#pragma once
// The cheapest candidate plan whose probability of meeting the target is at least a chosen
// confidence c, found by racing (Maron & Moore 1994, "Hoeffding races"; here with Wilson score
// intervals) on common random numbers.
//
// Every candidate runs replications [0, n0) on the same streams (model::VariantSet). Then, in
// rounds: each candidate's P(met) gets a Wilson interval at the simultaneous level below; one
// whose upper bound is below c is infeasible, one whose lower bound reaches c is feasible. The
// cheapest feasible candidate (by mean cost; ties to the first in the grid) is the best so far;
// candidates costlier than it no longer matter (dominated: costlier and not needed). Every
// candidate cheaper than it that is still undecided gets its replications doubled, until none
// is left or the cap is reached; what is still undecided at the cap is borderline.
//
// How sure: the intervals use z = Φ⁻¹(1 − α / (2 K L)) for K candidates and at most L looks
// (rounds) each, so by Bonferroni's inequality all the intervals of all rounds cover their
// true P(met) at once with probability ≥ 1 − α (Wilson's coverage being close to nominal). On
// that event every feasible/infeasible verdict is right, so the chosen plan truly meets the
// confidence and every cheaper candidate truly misses it: P(correct selection) ≥ 1 − α, given
// the ordering by mean cost (reported with a paired interval against the runner-up).
// Candidates left borderline at the cap make the selection unsure; they are reported.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/statistics.hpp"
#include "studies/comparison/variant_set.hpp"

namespace model {

struct SearchOptions {
  double confidence = 0.9;
  std::optional<double> budget;          // VND: candidates whose mean cost exceeds it are excluded
  std::uint64_t initial = 200;           // n0, replications of every candidate
  std::uint64_t max_replications = 12800;  // cap per candidate
  double alpha = 0.05;                   // P(some verdict wrong) at most this
  std::function<void(const std::string&)> progress;  // a line after each round (optional)
};

enum class Verdict {
  feasible,     // Wilson lower bound (simultaneous) ≥ confidence
  infeasible,   // Wilson upper bound (simultaneous) < confidence
  borderline,   // undecided at the cap, and it mattered (not costlier than the chosen plan)
  dominated,    // undecided, costlier than the chosen plan: not refined further
  over_budget,  // mean cost above --budget after n0 replications
};
const char* to_string(Verdict v);

struct CandidateOutcome {
  std::uint64_t replications = 0, met = 0;
  sim::RunningStats cost, final_count;
  std::vector<double> costs;           // per replication, for paired comparisons
  double p_met() const { return replications ? double(met) / double(replications) : 0.0; }
  sim::Interval p95() const { return sim::wilson_interval(met, replications); }
  Verdict verdict = Verdict::dominated;
  bool pareto = false;                 // no other candidate is as cheap and as likely, one strictly
};

struct SearchOutcome {
  std::vector<CandidateOutcome> candidates;
  std::optional<std::size_t> chosen;            // the cheapest feasible candidate
  std::optional<std::size_t> best_within_budget;  // when none is feasible: the highest P(met)
  std::optional<std::size_t> runner_up;         // the next cheapest feasible candidate
  // cost(chosen) − cost(runner-up) over their common replications: mean, paired 95 % interval.
  struct CostDifference {
    double mean = 0;
    sim::Interval interval;
    std::uint64_t replications = 0;
  };
  std::optional<CostDifference> cost_vs_runner_up;
  double z = 0;                                 // of the simultaneous intervals
  std::size_t looks = 0;                        // L
  int rounds = 0;
  std::uint64_t replications_run = 0;           // over all candidates
  sim::Interval p_sim(std::size_t i) const {
    return sim::wilson_interval(candidates[i].met, candidates[i].replications, z);
  }
};

// The simulations run as pieces of `work` (its threads, stop request and journal): the same
// outcome for any number of threads, and after any number of interruptions resumed from the
// journal.
SearchOutcome search_plans(const VariantSet& set, const SearchOptions& opt, sim::ResumableWork& work);

}  // namespace model
