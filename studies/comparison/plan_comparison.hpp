#pragma once
// Plans compared on the same replications under common random numbers: each replication runs
// every plan with the same streams, so differences are paired and the noise the plans share
// cancels. Fed in replication order, like BatchSummary.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "model/run/batch_summary.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/statistics.hpp"

namespace model {

struct PlanDifference {
  sim::PairedDifference met, final_count, cost;  // plan − first plan, per replication
  std::uint64_t better = 0, equal = 0, worse = 0;  // by final count
  // The paired t interval of the P(met) difference, clipped to [−1, 1] where it can lie.
  sim::Interval p_met_interval() const;
};

struct DifferenceRow {
  std::uint64_t replication;
  std::size_t plan;
  std::int64_t final_diff;
  double cost_diff;
  int met_diff;
};

class PlanComparison {
 public:
  // names: one per plan, the first is the reference.
  PlanComparison(std::vector<const Scenario*> plans, std::vector<std::string> names);
  // results[i] is plan i's result for this replication.
  void add(std::uint64_t replication, const std::vector<ReplicationResult>& results);

  std::size_t plans() const { return plans_.size(); }
  const std::string& name(std::size_t i) const { return names_[i]; }
  const BatchSummary& summary(std::size_t i) const { return summaries_[i]; }
  const PlanDifference& difference(std::size_t i) const { return differences_[i]; }
  // The widest half-width among the 95 % intervals of the plans' p_met differences.
  double p_met_difference_half_width() const;
  // Var(final A) + Var(final B) over Var(final B − final A): how much narrower the paired
  // interval is than an unpaired one, squared.
  double variance_reduction(std::size_t i) const;

  void write_comparison_csv(std::ostream& os) const;
  void write_differences_csv(std::ostream& os) const;
  void write_attribution_csv(std::ostream& os) const;

 private:
  std::vector<const Scenario*> plans_;
  std::vector<std::string> names_;
  std::vector<BatchSummary> summaries_;
  std::vector<PlanDifference> differences_;
  std::vector<DifferenceRow> rows_;
};

}  // namespace model
