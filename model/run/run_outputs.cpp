#include "model/run/run_outputs.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "model/run/manifest_fields.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/json_document.hpp"
#include "sim/io/number_text.hpp"
#include "sim/time.hpp"

namespace model {
namespace {

using sim::format_decimal;

std::string q(double p, const sim::IntHistogram& h) { return format_decimal(h.quantile(p), 4); }

}  // namespace

void write_summary_csv(std::ostream& os, const Scenario& s, const BatchSummary& b) {
  os << "scenario,replications,seed,target,p_met,p_met_lo,p_met_hi,mean_final,sd_final,"
        "p05,p25,p50,p75,p95,mean_shortfall,mean_cost,cost_per_member"
     << sim::csv_eol;
  const auto ci = b.p_met_interval();
  const auto& f = b.finals();
  sim::write_csv_field(os, s.name);
  os << ',' << b.replications() << ',' << s.seed << ',' << s.target << ','
     << format_decimal(b.p_met()) << ',' << format_decimal(ci.lo) << ','
     << format_decimal(ci.hi) << ',' << format_decimal(b.final_stats().mean(), 4) << ','
     << format_decimal(b.final_stats().sd(), 4) << ',' << q(0.05, f) << ',' << q(0.25, f) << ','
     << q(0.5, f) << ',' << q(0.75, f) << ',' << q(0.95, f) << ','
     << format_decimal(b.shortfall().mean(), 4) << ',' << format_decimal(b.cost().mean(), 0)
     << ',' << format_decimal(b.cost_per_member(), 0) << sim::csv_eol;
}

void write_replications_csv(std::ostream& os, const BatchSummary& b) {
  os << "replication,final,met,active,cost";
  for (const Channel c : new_member_channels) os << ",via_" << to_string(c);
  for (const UncertainParameter& u : b.scenario().uncertain) {
    os << ',';
    sim::write_csv_field(os, u.key);
  }
  os << sim::csv_eol;
  for (const ReplicationRow& r : b.rows()) {
    os << r.replication << ',' << r.final_count << ',' << (r.met ? 1 : 0) << ',' << r.active
       << ',' << format_decimal(r.cost, 0);
    for (const std::int64_t v : r.via) os << ',' << v;
    for (const double v : r.parameters) os << ',' << sim::shortest_text(v);
    os << sim::csv_eol;
  }
}

void write_daily_csv(std::ostream& os, const Scenario& s, const BatchSummary& b,
                     std::optional<sim::Date> last_day) {
  os << "date,mean,p05,p25,p50,p75,p95" << sim::csv_eol;
  std::size_t days = b.daily().size();
  if (last_day) days = std::min(days, static_cast<std::size_t>(std::max(0, *last_day - s.start)));
  for (std::size_t d = 0; d < days; ++d) {
    const sim::IntHistogram& h = b.daily()[d];
    double sum = 0;
    for (const auto& [value, count] : h.counts()) sum += double(value) * double(count);
    os << sim::to_string(s.start + static_cast<std::int32_t>(d + 1)) << ','
       << format_decimal(sum / double(h.count()), 4) << ',' << q(0.05, h) << ','
       << q(0.25, h) << ',' << q(0.5, h) << ',' << q(0.75, h) << ',' << q(0.95, h) << sim::csv_eol;
  }
}

void write_breakdown_csv(std::ostream& os, const Scenario& s, const BatchSummary& b) {
  os << "commune,class,channel,mean_members" << sim::csv_eol;
  const double n = double(b.replications());
  for (int c = 0; c < static_cast<int>(s.communes.size()); ++c)
    for (const PovertyClass k : all_poverty_classes)
      for (const Channel ch : new_member_channels) {
        sim::write_csv_field(os, s.communes[static_cast<std::size_t>(c)].name);
        os << ',' << to_string(k) << ',' << to_string(ch) << ','
           << format_decimal(double(b.breakdown_totals()[Breakdown::index(c, k, ch)]) / n, 4)
           << sim::csv_eol;
      }
}

void write_funnel_csv(std::ostream& os, const BatchSummary& b) {
  os << "channel,mean_contacts,mean_enrolled,mean_declined,mean_pending" << sim::csv_eol;
  const double n = double(b.replications());
  for (const Channel ch : new_member_channels) {
    const auto& st = b.funnel_totals()[static_cast<std::size_t>(ch)];
    os << to_string(ch) << ',' << format_decimal(double(st.contacts) / n, 4) << ','
       << format_decimal(double(st.enrolled) / n, 4) << ','
       << format_decimal(double(st.declined) / n, 4) << ','
       << format_decimal(double(b.pipeline_totals()[static_cast<std::size_t>(ch)]) / n, 4) << sim::csv_eol;
  }
}

void write_costs_csv(std::ostream& os, const BatchSummary& b) {
  os << "item,mean_cost_vnd" << sim::csv_eol;
  const char* items[] = {"sessions", "staff_days", "agent_commissions", "top_up_subsidy", "agent_allowances",
                         "agent_training"};
  // Agents' pay rows only when a group sets it: commission-only scenarios keep their file as it was.
  const auto& groups = b.scenario().agents;
  const bool pay = std::any_of(groups.begin(), groups.end(), [](const AgentGroup& g) { return g.pay_set; });
  const double n = double(b.replications());
  for (std::size_t i = 0; i < (pay ? 6u : 4u); ++i)
    os << items[i] << ',' << format_decimal(b.cost_totals()[i] / n, 0) << sim::csv_eol;
}

void write_manifest_json(std::ostream& os, const Scenario& s, const BatchSummary& b,
                         const RunInfo& info) {
  sim::JsonDocument m = manifest_head(info.command_line, s.name, info.scenario_path, info.scenario_sha256);
  m["seed"] = info.seed;
  m["replications"] = info.replications;
  m["threads"] = info.threads;
  m["logged_replications"] = info.logged_replications;
  add_build_and_trace(m, b.engine_events(), b.events(), b.fingerprint());
  // Only for uncertain scenarios, so a fixed scenario's manifest is as before.
  for (const UncertainParameter& u : s.uncertain)
    m["uncertain_parameters"].push_back({{"key", u.key}, {"distribution", u.distribution.describe()}, {"source", u.source}});
  m["wall_seconds"] = sim::json_decimal(info.wall_seconds, 3);
  sim::write_json_document(os, m, {"uncertain_parameters"});
}

}  // namespace model
