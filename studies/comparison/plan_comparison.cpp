#include "studies/comparison/plan_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/io/csv.hpp"

namespace model {
namespace {

using sim::format_decimal;

// Mean new members by (dimension, level) of one plan: the attribution's raw material.
std::map<std::pair<std::string, std::string>, double> attribution(const Scenario& s,
                                                                 const BatchSummary& b) {
  std::map<std::pair<std::string, std::string>, double> m;
  const double n = double(b.replications());
  for (int c = 0; c < static_cast<int>(s.communes.size()); ++c)
    for (const PovertyClass k : all_poverty_classes)
      for (const Channel ch : new_member_channels) {
        const double v = double(b.breakdown_totals()[Breakdown::index(c, k, ch)]) / n;
        m[{"channel", std::string(to_string(ch))}] += v;
        m[{"commune", s.communes[static_cast<std::size_t>(c)].name}] += v;
        m[{"class", std::string(to_string(k))}] += v;
      }
  return m;
}

}  // namespace

sim::Interval PlanDifference::p_met_interval() const {
  const sim::Interval ci = met.interval();
  return sim::Interval{std::max(-1.0, ci.lo), std::min(1.0, ci.hi)};
}

PlanComparison::PlanComparison(std::vector<const Scenario*> plans, std::vector<std::string> names)
    : plans_(std::move(plans)), names_(std::move(names)), differences_(plans_.size()) {
  if (plans_.empty() || plans_.size() != names_.size())
    throw std::invalid_argument("a comparison needs one name per plan");
  for (const Scenario* s : plans_) summaries_.emplace_back(*s);
}

void PlanComparison::add(std::uint64_t replication, const std::vector<ReplicationResult>& results) {
  const ReplicationResult& ref = results.at(0);
  const double ref_cost = ref.projections.costs.total();
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const ReplicationResult& r = results.at(i);
    summaries_[i].add(replication, r);
    PlanDifference& d = differences_[i];
    const double cost = r.projections.costs.total();
    d.met.add(r.met ? 1.0 : 0.0, ref.met ? 1.0 : 0.0);
    d.final_count.add(double(r.final_count), double(ref.final_count));
    d.cost.add(cost, ref_cost);
    if (r.final_count > ref.final_count) ++d.better;
    else if (r.final_count == ref.final_count) ++d.equal;
    else ++d.worse;
    if (i > 0)
      rows_.push_back(DifferenceRow{replication, i, r.final_count - ref.final_count, cost - ref_cost,
                                    int(r.met) - int(ref.met)});
  }
}

double PlanComparison::p_met_difference_half_width() const {
  double widest = 0;
  for (std::size_t i = 1; i < plans_.size(); ++i) {
    const sim::Interval ci = differences_[i].met.interval();  // unclipped: the rule's width
    if (std::isnan(ci.lo)) return INFINITY;  // fewer than two replications
    widest = std::max(widest, (ci.hi - ci.lo) / 2);
  }
  return widest;
}

double PlanComparison::variance_reduction(std::size_t i) const {
  const double unpaired = summaries_[0].final_stats().variance() + summaries_[i].final_stats().variance();
  const double paired = differences_[i].final_count.differences().variance();
  return paired > 0 ? unpaired / paired : NAN;
}

void PlanComparison::write_comparison_csv(std::ostream& os) const {
  os << "plan,vs,replications,p_met,p_met_diff,p_met_diff_lo,p_met_diff_hi,mean_final,"
        "mean_final_diff,mean_final_diff_lo,mean_final_diff_hi,mean_cost,mean_cost_diff,"
        "mean_cost_diff_lo,mean_cost_diff_hi,share_better,share_equal,share_worse,"
        "incremental_cost_per_member,variance_reduction"
     << sim::csv_eol;
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const BatchSummary& b = summaries_[i];
    const PlanDifference& d = differences_[i];
    const double n = double(b.replications());
    const auto met = d.p_met_interval(), fin = d.final_count.interval(), cost = d.cost.interval();
    const double per_member = d.final_count.mean() > 0 ? d.cost.mean() / d.final_count.mean() : NAN;
    sim::write_csv_field(os, names_[i]);
    os << ',';
    sim::write_csv_field(os, names_[0]);
    os << ',' << b.replications() << ',' << format_decimal(b.p_met()) << ','
       << format_decimal(d.met.mean()) << ',' << format_decimal(met.lo) << ','
       << format_decimal(met.hi) << ',' << format_decimal(b.final_stats().mean(), 4) << ','
       << format_decimal(d.final_count.mean(), 4) << ',' << format_decimal(fin.lo, 4) << ','
       << format_decimal(fin.hi, 4) << ',' << format_decimal(b.cost().mean(), 0) << ','
       << format_decimal(d.cost.mean(), 0) << ',' << format_decimal(cost.lo, 0) << ','
       << format_decimal(cost.hi, 0) << ',' << format_decimal(double(d.better) / n) << ','
       << format_decimal(double(d.equal) / n) << ',' << format_decimal(double(d.worse) / n)
       << ',' << format_decimal(per_member, 0) << ','
       << format_decimal(i == 0 ? NAN : variance_reduction(i), 4) << sim::csv_eol;
  }
}

void PlanComparison::write_differences_csv(std::ostream& os) const {
  os << "replication,plan,final_diff,cost_diff,met_diff" << sim::csv_eol;
  for (const DifferenceRow& r : rows_) {
    os << r.replication << ',';
    sim::write_csv_field(os, names_[r.plan]);
    os << ',' << r.final_diff << ',' << format_decimal(r.cost_diff, 0) << ',' << r.met_diff << sim::csv_eol;
  }
}

void PlanComparison::write_attribution_csv(std::ostream& os) const {
  os << "plan,dimension,level,mean_members,diff_vs_first" << sim::csv_eol;
  const auto first = attribution(*plans_[0], summaries_[0]);
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    for (const auto& [key, value] : attribution(*plans_[i], summaries_[i])) {
      const auto ref = first.find(key);
      sim::write_csv_field(os, names_[i]);
      os << ',' << key.first << ',';
      sim::write_csv_field(os, key.second);
      os << ',' << format_decimal(value, 4) << ','
         << format_decimal(value - (ref == first.end() ? 0.0 : ref->second), 4) << sim::csv_eol;
    }
  }
}

}  // namespace model
