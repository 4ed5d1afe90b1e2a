#include "model/run/batch_summary.hpp"

#include <xxhash.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace model {

BatchSummary::BatchSummary(const Scenario& s)
    : s_(&s),
      daily_(static_cast<std::size_t>(s.end - s.start)),
      breakdown_(s.communes.size() * poverty_class_count * new_member_channel_count, 0) {}

void BatchSummary::add(std::uint64_t replication, const ReplicationResult& r) {
  const double cost = r.projections.costs.total();
  finals_.add(r.final_count);
  final_stats_.add(static_cast<double>(r.final_count));
  shortfall_.add(static_cast<double>(std::max<std::int64_t>(0, s_->target - r.final_count)));
  cost_.add(cost);
  new_members_.add(static_cast<double>(r.new_members));
  pipeline_.add(static_cast<double>(r.pipeline));
  met_ += r.met ? 1 : 0;
  for (std::size_t d = 0; d < daily_.size(); ++d) daily_[d].add(r.cumulative[d]);
  for (std::size_t i = 0; i < breakdown_.size(); ++i) breakdown_[i] += r.projections.breakdown.counts[i];
  for (std::size_t c = 0; c < funnel_.size(); ++c) {
    funnel_[c].contacts += r.projections.funnel.by_channel[c].contacts;
    funnel_[c].enrolled += r.projections.funnel.by_channel[c].enrolled;
    funnel_[c].declined += r.projections.funnel.by_channel[c].declined;
    pipeline_by_channel_[c] += r.pipeline_by_channel[c];
  }
  const Costs& k = r.projections.costs;
  cost_parts_[0] += k.sessions;
  cost_parts_[1] += k.staff_days;
  cost_parts_[2] += k.commissions;
  cost_parts_[3] += k.top_up;
  cost_parts_[4] += k.agent_allowances;
  cost_parts_[5] += k.agent_training;
  if (r.parameters.size() != s_->uncertain.size())
    throw std::logic_error("replication " + std::to_string(replication) + " has " +
                           std::to_string(r.parameters.size()) + " drawn parameters, its scenario " +
                           std::to_string(s_->uncertain.size()));
  rows_.push_back(ReplicationRow{replication, r.final_count, r.met, r.active, cost, r.via, r.parameters});
  engine_events_ += r.engine_events;
  events_ += r.events;
  fingerprint_ = XXH3_64bits_withSeed(&r.fingerprint, sizeof r.fingerprint, fingerprint_);
}

double BatchSummary::cost_per_member() const {
  const double members = new_members_.mean();
  return members > 0 ? cost_.mean() / members : 0.0;
}

}  // namespace model
