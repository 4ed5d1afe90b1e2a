#pragma once
// The reduction of a batch of office-set replications (model/scenario/office_set.hpp), fed in
// replication order so that every figure is identical for any number of threads: per office,
// P(target met) and its final count, shortfall and cost; over the set, P(every office meets its
// target), P(the total meets the set's goal) and the total's distribution. Its memory grows
// with offices and distinct counts, not with replications × offices.
#include <cstdint>
#include <vector>

#include "model/run/replication.hpp"
#include "model/scenario/office_set.hpp"
#include "sim/statistics.hpp"

namespace model {

struct OfficeTally {
  std::uint64_t met = 0;
  sim::IntHistogram finals;
  sim::RunningStats final_stats, shortfall, cost;
};

// One replication of the whole set, for replications.csv.
struct OfficeSetRow {
  std::uint64_t replication = 0;
  std::int64_t total_final = 0;
  std::uint64_t offices_met = 0;
  bool every_met = false;
  bool total_met = false;
  double cost = 0;
};

class OfficeSetSummary {
 public:
  explicit OfficeSetSummary(const OfficeSet& set);
  const OfficeSet& set() const { return *set_; }
  // `results` holds the replication of every office, in the set's order.
  void add(std::uint64_t replication, const std::vector<ReplicationResult>& results);

  std::uint64_t replications() const { return rows_.size(); }
  const std::vector<OfficeTally>& offices() const { return offices_; }
  std::uint64_t every_met() const { return every_met_; }
  std::uint64_t total_met() const { return total_met_; }
  const sim::IntHistogram& totals() const { return totals_; }
  const sim::RunningStats& total_stats() const { return total_stats_; }
  const sim::RunningStats& total_shortfall() const { return total_shortfall_; }
  const sim::RunningStats& offices_met() const { return offices_met_; }
  const sim::RunningStats& cost() const { return cost_; }
  const std::vector<OfficeSetRow>& rows() const { return rows_; }
  std::uint64_t engine_events() const { return engine_events_; }
  std::uint64_t events() const { return events_; }
  // A hash of every office's event-trace fingerprint, replication by replication.
  std::uint64_t fingerprint() const { return fingerprint_; }

  // The `k` offices least likely to meet their targets: lowest P(met), then the larger mean
  // shortfall, then the set's order.
  std::vector<std::size_t> most_at_risk(std::size_t k) const;

 private:
  const OfficeSet* set_;
  std::vector<OfficeTally> offices_;
  std::uint64_t every_met_ = 0, total_met_ = 0;
  sim::IntHistogram totals_;
  sim::RunningStats total_stats_, total_shortfall_, offices_met_, cost_;
  std::vector<OfficeSetRow> rows_;
  std::uint64_t engine_events_ = 0, events_ = 0, fingerprint_ = 0;
};

}  // namespace model
