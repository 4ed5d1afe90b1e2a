#include "model/offices/office_outputs.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "model/run/manifest_fields.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/json_document.hpp"
#include "sim/time.hpp"

namespace model {
namespace {

using sim::format_decimal;

std::string quantile_text(double p, const sim::IntHistogram& h) { return format_decimal(h.quantile(p), 4); }

// p, lo, hi of a Wilson interval.
std::string proportion_with_interval(std::uint64_t k, std::uint64_t n) {
  const sim::Interval ci = sim::wilson_interval(k, n);
  return format_decimal(n ? double(k) / double(n) : 0.0) + ',' + format_decimal(ci.lo) + ',' +
         format_decimal(ci.hi);
}

}  // namespace

void write_offices_csv(std::ostream& os, const OfficeSetSummary& b) {
  os << "office,target,enrolled_at_start,eligible,p_met,p_met_lo,p_met_hi,mean_final,sd_final,"
        "p05,p50,p95,mean_shortfall,mean_cost"
     << sim::csv_eol;
  const auto& offices = b.set().offices;
  for (std::size_t i = 0; i < offices.size(); ++i) {
    const Scenario& s = offices[i].scenario;
    const OfficeTally& t = b.offices()[i];
    std::int64_t eligible = 0;
    for (const Commune& c : s.communes) eligible += c.eligible;
    sim::write_csv_field(os, offices[i].name);
    os << ',' << s.target << ',' << s.enrolled_at_start << ',' << eligible << ','
       << proportion_with_interval(t.met, b.replications()) << ',' << format_decimal(t.final_stats.mean(), 4) << ','
       << format_decimal(t.final_stats.sd(), 4) << ',' << quantile_text(0.05, t.finals) << ',' << quantile_text(0.5, t.finals) << ','
       << quantile_text(0.95, t.finals) << ',' << format_decimal(t.shortfall.mean(), 4) << ','
       << format_decimal(t.cost.mean(), 0) << sim::csv_eol;
  }
}

void write_aggregate_csv(std::ostream& os, const OfficeSetSummary& b) {
  const OfficeSet& set = b.set();
  os << "scenario,replications,seed,offices,total_target,p_every_met,p_every_met_lo,p_every_met_hi,"
        "p_total_met,p_total_met_lo,p_total_met_hi,mean_offices_met,mean_total,sd_total,p05,p50,p95,"
        "mean_total_shortfall,mean_cost"
     << sim::csv_eol;
  const auto& t = b.totals();
  sim::write_csv_field(os, set.name);
  os << ',' << b.replications() << ',' << set.seed << ',' << set.offices.size() << ',' << set.total_goal()
     << ',' << proportion_with_interval(b.every_met(), b.replications()) << ',' << proportion_with_interval(b.total_met(), b.replications())
     << ',' << format_decimal(b.offices_met().mean(), 4) << ',' << format_decimal(b.total_stats().mean(), 4)
     << ',' << format_decimal(b.total_stats().sd(), 4) << ',' << quantile_text(0.05, t) << ',' << quantile_text(0.5, t) << ','
     << quantile_text(0.95, t) << ',' << format_decimal(b.total_shortfall().mean(), 4) << ','
     << format_decimal(b.cost().mean(), 0) << sim::csv_eol;
}

void write_office_replications_csv(std::ostream& os, const OfficeSetSummary& b) {
  os << "replication,total,offices_met,every_met,total_met,cost" << sim::csv_eol;
  for (const OfficeSetRow& r : b.rows())
    os << r.replication << ',' << r.total_final << ',' << r.offices_met << ',' << (r.every_met ? 1 : 0) << ','
       << (r.total_met ? 1 : 0) << ',' << format_decimal(r.cost, 0) << sim::csv_eol;
}

void write_office_manifest_json(std::ostream& os, const OfficeSetSummary& b, const RunInfo& info) {
  sim::JsonDocument m = manifest_head(info.command_line, b.set().name, info.scenario_path, info.scenario_sha256);
  m["offices"] = b.set().offices.size();
  m["eligible"] = b.set().eligible();
  m["seed"] = info.seed;
  m["replications"] = info.replications;
  m["threads"] = info.threads;
  add_build_and_trace(m, b.engine_events(), b.events(), b.fingerprint());
  m["wall_seconds"] = sim::json_decimal(info.wall_seconds, 3);
  sim::write_json_document(os, m);
}

std::string office_set_summary(const OfficeSetSummary& b, std::size_t at_risk) {
  const OfficeSet& set = b.set();
  const std::uint64_t n = b.replications();
  std::ostringstream os;
  char line[320];
  os << set.name << ": " << set.offices.size() << " offices, " << set.eligible() << " eligible people, total target "
     << set.total_goal() << (set.total_target ? "" : " (the sum of the offices' targets)") << " (" << n
     << " replications, seed " << set.seed << ")\n";
  const auto every = sim::wilson_interval(b.every_met(), n), total = sim::wilson_interval(b.total_met(), n);
  std::snprintf(line, sizeof line, "  P(every office meets its target)  %.1f %%  (95 %% interval %.1f – %.1f %%)\n",
                n ? 100.0 * double(b.every_met()) / double(n) : 0.0, 100 * every.lo, 100 * every.hi);
  os << line;
  std::snprintf(line, sizeof line, "  P(the total meets its target)     %.1f %%  (95 %% interval %.1f – %.1f %%)\n",
                n ? 100.0 * double(b.total_met()) / double(n) : 0.0,
                100 * total.lo, 100 * total.hi);
  os << line;
  std::snprintf(line, sizeof line, "  total             median %.0f, 90 %% band %.0f – %.0f; offices meeting their target: mean %.1f of %zu\n",
                b.totals().quantile(0.5), b.totals().quantile(0.05), b.totals().quantile(0.95), b.offices_met().mean(),
                set.offices.size());
  os << line;
  std::snprintf(line, sizeof line, "  mean cost         %.0f VND\n", b.cost().mean());
  os << line;
  os << "  most at risk (lowest P(target met)):\n";
  for (const std::size_t i : b.most_at_risk(at_risk)) {
    const OfficeTally& t = b.offices()[i];
    const auto ci = sim::wilson_interval(t.met, n);
    // Padded by characters, not bytes: names are UTF-8.
    std::string name = set.offices[i].name;
    const auto chars = std::count_if(name.begin(), name.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (chars < 24) name.append(static_cast<std::size_t>(24 - chars), ' ');
    std::snprintf(line, sizeof line, "    %s P(met) %5.1f %% (%.1f – %.1f %%), target %lld, median %.0f, mean shortfall %.1f\n",
                  name.c_str(), 100.0 * double(t.met) / double(n), 100 * ci.lo, 100 * ci.hi,
                  static_cast<long long>(set.offices[i].scenario.target), t.finals.quantile(0.5), t.shortfall.mean());
    os << line;
  }
  return os.str();
}

}  // namespace model
