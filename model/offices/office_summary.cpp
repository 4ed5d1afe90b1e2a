#include "model/offices/office_summary.hpp"

#include <xxhash.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace model {

OfficeSetSummary::OfficeSetSummary(const OfficeSet& set) : set_(&set), offices_(set.offices.size()) {}

void OfficeSetSummary::add(std::uint64_t replication, const std::vector<ReplicationResult>& results) {
  if (results.size() != offices_.size())
    throw std::logic_error("replication " + std::to_string(replication) + " has " + std::to_string(results.size()) +
                           " office results for " + std::to_string(offices_.size()) + " offices");
  OfficeSetRow row;
  row.replication = replication;
  row.every_met = true;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ReplicationResult& r = results[i];
    const std::int64_t target = set_->offices[i].scenario.target;
    const double cost = r.projections.costs.total();
    OfficeTally& t = offices_[i];
    t.met += r.met ? 1 : 0;
    t.finals.add(r.final_count);
    t.final_stats.add(static_cast<double>(r.final_count));
    t.shortfall.add(static_cast<double>(std::max<std::int64_t>(0, target - r.final_count)));
    t.cost.add(cost);
    row.total_final += r.final_count;
    row.offices_met += r.met ? 1 : 0;
    row.every_met = row.every_met && r.met;
    row.cost += cost;
    engine_events_ += r.engine_events;
    events_ += r.events;
    fingerprint_ = XXH3_64bits_withSeed(&r.fingerprint, sizeof r.fingerprint, fingerprint_);
  }
  const std::int64_t goal = set_->total_goal();
  row.total_met = row.total_final >= goal;
  every_met_ += row.every_met ? 1 : 0;
  total_met_ += row.total_met ? 1 : 0;
  totals_.add(row.total_final);
  total_stats_.add(static_cast<double>(row.total_final));
  total_shortfall_.add(static_cast<double>(std::max<std::int64_t>(0, goal - row.total_final)));
  offices_met_.add(static_cast<double>(row.offices_met));
  cost_.add(row.cost);
  rows_.push_back(row);
}

std::vector<std::size_t> OfficeSetSummary::most_at_risk(std::size_t k) const {
  std::vector<std::size_t> order(offices_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // P(met) compared as counts: every office has the same number of replications.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (offices_[a].met != offices_[b].met) return offices_[a].met < offices_[b].met;
    return offices_[a].shortfall.mean() > offices_[b].shortfall.mean();
  });
  order.resize(std::min(k, order.size()));
  return order;
}

}  // namespace model
