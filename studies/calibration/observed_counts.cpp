#include "studies/calibration/observed_counts.hpp"

#include <charconv>
#include <map>
#include <sstream>

#include "model/scenario/input_caps.hpp"
#include "model/scenario/ledger.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/io/parse_error.hpp"

namespace model {
namespace {

const std::string ledger_header = "date,kind,record,commune,class,channel,attendance,group";

std::string run_span(const Scenario& s) {
  return "(" + sim::to_string(s.start) + ", " + sim::to_string(s.end) + "]";
}

ObservedCounts read_counts(std::istream& in, const std::string& path, const Scenario& s) {
  sim::CsvReader r(in, path);
  r.expect_header({"date", "cumulative"});
  ObservedCounts out;
  out.source = path;
  out.format = "counts";
  const bool net = s.metric == TargetMetric::active_members;
  std::vector<std::string> f;
  while (r.next(f)) {
    Observation o;
    o.line = r.line();
    try {
      o.date = sim::parse_date(f[0]);
    } catch (const sim::DateError& e) {
      throw r.error(0, e.what());
    }
    if (o.date <= s.start || o.date > s.end)
      throw r.error(0, "expected a date in the scenario's run " + run_span(s) + ", found " + f[0]);
    if (!out.points.empty() && o.date <= out.points.back().date)
      throw r.error(0, "expected a date after the previous row's " + sim::to_string(out.points.back().date) +
                           ", found " + f[0]);
    const std::string& text = f[1];
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), o.cumulative);
    if (ec != std::errc() || ptr != text.data() + text.size() || o.cumulative < 0)
      throw r.error(1, "expected a whole number of people >= 0, found " + sim::quoted_excerpt(text));
    if (!net && o.cumulative < s.enrolled_at_start)
      throw r.error(1, "expected at least the scenario's count at the start, scenario.enrolled_at_start = " +
                           std::to_string(s.enrolled_at_start) + ", found " + text);
    if (!net && !out.points.empty() && o.cumulative < out.points.back().cumulative)
      throw r.error(1, "expected at least the previous row's " + std::to_string(out.points.back().cumulative) +
                           " (cumulative sign-ups never fall), found " + text);
    out.points.push_back(o);
  }
  if (out.points.empty()) throw sim::ParseError(path, 0, "", "expected at least one row of date,cumulative, found none");
  return out;
}

ObservedCounts read_ledger(std::istream& in, const std::string& path, const Scenario& s) {
  // Rows may run past the scenario's start (that is the point): check dates against the run here.
  LedgerContext ctx{sim::Date::from_ymd(9999, 12, 31), &s.communes, {}};
  for (const AgentGroup& g : s.agents) ctx.agent_groups.push_back(g.name);
  const Ledger ledger = load_ledger_csv(in, path, ctx);
  const bool net = s.metric == TargetMetric::active_members;
  // Count change by date, and the line of the last row counted on that date.
  std::map<sim::Date, std::pair<std::int64_t, int>> change;
  sim::Date last{};
  bool any = false;
  std::int64_t before_run = 0;
  for (const LedgerEntry& e : ledger.entries) {
    if (!any || e.date > last) last = e.date;
    any = true;
    const std::int64_t delta = e.kind == LedgerKind::enrolled ? 1 : (net && e.kind == LedgerKind::lapsed ? -1 : 0);
    if (delta == 0) continue;
    if (e.date > s.end)
      throw sim::ParseError(path, e.line, "date",
                            "expected a date up to scenario.end " + sim::to_string(s.end) +
                                " (the ledger is compared with the run " + run_span(s) + "), found " +
                                sim::to_string(e.date));
    if (e.date <= s.start) {
      before_run += delta;
      continue;
    }
    auto& c = change[e.date];
    c.first += delta;
    c.second = e.line;
  }
  if (!any) throw sim::ParseError(path, 0, "", "expected ledger rows, found none");
  if (before_run != s.enrolled_at_start)
    throw sim::ParseError(path, 0, "",
                          "the ledger counts " + std::to_string(before_run) + " up to scenario.start " +
                              sim::to_string(s.start) + " but the scenario starts from enrolled_at_start = " +
                              std::to_string(s.enrolled_at_start) + "; they must agree");
  if (last <= s.start)
    throw sim::ParseError(path, 0, "date", "expected rows dated in the scenario's run " + run_span(s) +
                                               ", found none after " + sim::to_string(s.start));
  if (last > s.end) last = s.end;

  // Observed at every month's end in the run up to the last date, and on the last date.
  std::vector<sim::Date> dates;
  for (sim::Date d = s.start + 1; d < last; d = d + 1)
    if ((d + 1).day_of_month() == 1) dates.push_back(d);
  dates.push_back(last);
  ObservedCounts out;
  out.source = path;
  out.format = "ledger";
  std::int64_t count = s.enrolled_at_start;
  int line = 0;
  auto it = change.begin();
  for (const sim::Date d : dates) {
    for (; it != change.end() && it->first <= d; ++it) {
      count += it->second.first;
      line = it->second.second;
    }
    out.points.push_back({d, count, line});
  }
  return out;
}

}  // namespace

std::size_t ObservedCounts::day_index(const Scenario& s, sim::Date date) {
  return static_cast<std::size_t>(date - (s.start + 1));
}

ObservedCounts load_observed_counts(const std::string& path, const Scenario& s) {
  const std::string text = sim::read_whole_file(path, input_caps::observed);
  // The header decides the format; CsvReader reads it as the files are read (BOM, comments).
  std::istringstream probe(text);
  sim::CsvReader r(probe, path);
  std::vector<std::string> header;
  if (!r.next(header)) throw sim::ParseError(path, 0, "", "expected a header line, found no lines");
  std::string joined;
  for (std::size_t i = 0; i < header.size(); ++i) joined += (i ? "," : "") + header[i];
  std::istringstream in(text);
  if (joined == ledger_header) return read_ledger(in, path, s);
  if (joined != "date,cumulative")
    throw r.error("expected the header \"date,cumulative\" (cumulative sign-ups by date) or a ledger's \"" +
                  ledger_header + "\", found " + sim::quoted_excerpt(joined, 200));
  return read_counts(in, path, s);
}

}  // namespace model
