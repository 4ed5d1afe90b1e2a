#pragma once
// The reduction of a batch of replications, fed in replication order so that every figure is
// identical for any number of threads.
#include <array>
#include <cstdint>
#include <vector>

#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/statistics.hpp"

namespace model {

struct ReplicationRow {
  std::uint64_t replication = 0;
  std::int64_t final_count = 0;
  bool met = false;
  std::int64_t active = 0;
  double cost = 0;
  std::array<std::int64_t, new_member_channel_count> via{};
  std::vector<double> parameters;  // the drawn values of Scenario::uncertain
};

class BatchSummary {
 public:
  explicit BatchSummary(const Scenario& s);
  const Scenario& scenario() const { return *s_; }
  void add(std::uint64_t replication, const ReplicationResult& r);

  std::uint64_t replications() const { return finals_.count(); }
  std::uint64_t met() const { return met_; }
  double p_met() const { return replications() ? double(met_) / double(replications()) : 0.0; }
  sim::Interval p_met_interval() const { return sim::wilson_interval(met_, replications()); }
  const sim::IntHistogram& finals() const { return finals_; }
  const sim::RunningStats& final_stats() const { return final_stats_; }
  const sim::RunningStats& shortfall() const { return shortfall_; }
  const sim::RunningStats& cost() const { return cost_; }
  const sim::RunningStats& new_members() const { return new_members_; }
  const sim::RunningStats& pipeline() const { return pipeline_; }
  // Mean cost per new member: mean cost over mean new members (a ratio of means, so a run
  // with few new members does not dominate).
  double cost_per_member() const;

  const std::vector<sim::IntHistogram>& daily() const { return daily_; }
  const std::vector<std::int64_t>& breakdown_totals() const { return breakdown_; }
  const std::array<Funnel::Stage, new_member_channel_count>& funnel_totals() const { return funnel_; }
  const std::array<std::int64_t, new_member_channel_count>& pipeline_totals() const { return pipeline_by_channel_; }
  // Summed over replications: sessions, staff, commissions, top-up, agents' allowances, training.
  const std::array<double, 6>& cost_totals() const { return cost_parts_; }
  const std::vector<ReplicationRow>& rows() const { return rows_; }
  std::uint64_t engine_events() const { return engine_events_; }
  std::uint64_t events() const { return events_; }
  // A hash of every replication's event-trace fingerprint, in order.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  const Scenario* s_;
  std::uint64_t met_ = 0;
  sim::IntHistogram finals_;
  sim::RunningStats final_stats_, shortfall_, cost_, new_members_, pipeline_;
  std::vector<sim::IntHistogram> daily_;
  std::vector<std::int64_t> breakdown_;
  std::array<Funnel::Stage, new_member_channel_count> funnel_{};
  std::array<std::int64_t, new_member_channel_count> pipeline_by_channel_{};
  std::array<double, 6> cost_parts_{};
  std::vector<ReplicationRow> rows_;
  std::uint64_t engine_events_ = 0, events_ = 0, fingerprint_ = 0;
};

}  // namespace model
