#include "studies/sweep/sweep.hpp"

#include <cmath>

#include "sim/io/csv.hpp"

namespace model {

PointOutcome point_outcome(const ReplicationResult& r) {
  return PointOutcome{r.final_count, r.met, r.projections.costs.total(), r.new_members};
}

void PointSummary::add(const PointOutcome& o) {
  met += o.met ? 1 : 0;
  finals.add(o.final_count);
  final_stats.add(static_cast<double>(o.final_count));
  cost.add(o.cost);
  new_members.add(static_cast<double>(o.new_members));
}

double PointSummary::cost_per_member() const {
  const double members = new_members.mean();
  return members > 0 ? cost.mean() / members : NAN;
}

sim::RecordCodec<PointOutcome> point_outcome_codec() {
  return sim::numbered_codec<PointOutcome>(
      [](const PointOutcome& o, sim::ByteWriter& w) {
        sim::put_svarint(w, o.final_count);
        w.put<std::uint8_t>(o.met ? 1 : 0);
        w.put(o.cost);
        sim::put_svarint(w, o.new_members);
      },
      [](sim::ByteReader& r) {
        PointOutcome o;
        o.final_count = sim::get_svarint(r);
        o.met = r.get<std::uint8_t>() != 0;
        o.cost = r.get<double>();
        o.new_members = sim::get_svarint(r);
        return o;
      });
}

std::vector<PointSummary> run_sweep(const VariantSet& points, std::uint64_t replications, sim::ResumableWork& work,
                                    std::function<void(const sim::Progress&)> progress) {
  std::vector<PointSummary> summaries(points.size());
  points.run(
      work, 0, replications, [](std::size_t, const ReplicationResult& r) { return point_outcome(r); },
      [&](std::uint64_t, std::vector<PointOutcome>&& kept) {
        for (std::size_t p = 0; p < kept.size(); ++p) summaries[p].add(kept[p]);
      },
      point_outcome_codec(), std::move(progress));
  return summaries;
}

void write_sweep_csv(std::ostream& os, const SweepDesign& design, const std::vector<PointSummary>& points) {
  using sim::format_decimal;
  os << "point";
  for (const std::string& k : design.keys) {
    os << ',';
    sim::write_csv_field(os, k);
  }
  os << ",replications,met,p_met,p_met_lo,p_met_hi,mean_final,sd_final,final_p05,median_final,final_p95,"
        "mean_cost,cost_per_member"
     << sim::csv_eol;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const PointSummary& s = points[p];
    const sim::Interval ci = s.p_met_interval();
    os << p + 1;
    for (const std::string& v : design.values[p]) {
      os << ',';
      sim::write_csv_literal(os, v);
    }
    os << ',' << s.replications() << ',' << s.met << ',' << format_decimal(s.p_met()) << ','
       << format_decimal(ci.lo) << ',' << format_decimal(ci.hi) << ',' << format_decimal(s.final_stats.mean(), 4)
       << ',' << format_decimal(s.final_stats.sd(), 4) << ',' << format_decimal(s.finals.quantile(0.05), 4) << ','
       << format_decimal(s.finals.quantile(0.5), 4) << ',' << format_decimal(s.finals.quantile(0.95), 4) << ','
       << format_decimal(s.cost.mean(), 0) << ',' << format_decimal(s.cost_per_member(), 0) << sim::csv_eol;
  }
}

}  // namespace model
