#include "app/report/html_report.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <utility>

#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"
#include "sim/date.hpp"
#include "sim/io/csv.hpp"

namespace app {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

using text::Msg;
using text::say;
using Pairs = std::vector<std::pair<std::string, std::string>>;  // label, HTML

constexpr const char* style = R"(body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.answer{font-size:1.15rem}figure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#555;font-size:.9rem}code{font-size:.9rem;word-break:break-all})";

std::string tag(const std::string& name, const std::string& html, const std::string& attributes = "") {
  return "<" + name + attributes + ">" + html + "</" + name + ">";
}

bool is_number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

// A number for reading: in English, thousands grouped with narrow no-break spaces (30 000 000)
// from five digits on; in Vietnamese, as its reports write it (30.000.000,5). Other text
// escaped as is.
std::string display(std::string_view text) {
  if (!is_number(text)) return html_escape(text);
  if (text::current_language() != text::Language::en) return text::localised_number(text, text::current_language());
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  const std::size_t point = std::min(text.find('.'), text.size());
  const std::string_view digits = text.substr(sign, point - sign);
  if (digits.size() < 5) return std::string(text);
  std::string out(text.substr(0, sign));
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  return out + std::string(text.substr(point));
}

std::string display(double x, int decimals = 1) { return display(sim::format_decimal(x, decimals)); }

// A difference with its sign and fixed decimals: +12.0, -3.5, +72 566 250.
std::string signed_display(double x, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(x));
  return (x < 0 ? "-" : "+") + display(std::string_view(buf));
}

// A table cell: numbers right-aligned, grouped unless `verbatim` (seeds, identifiers).
std::string cell(const std::string& text, bool verbatim = false) {
  if (!is_number(text)) return tag("td", html_escape(text));
  return tag("td", verbatim ? html_escape(text) : display(text), " class=\"n\"");
}

// A CSV table as an HTML table, column names with spaces for underscores.
std::string csv_table(const CsvTable& t) {
  std::string head, body;
  for (const std::string& name : t.header()) head += tag("th", html_escape(spaced_name(name)));
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::string row;
    for (std::size_t i = 0; i < t.row(r).size(); ++i) row += cell(t.row(r)[i], t.header()[i] == "seed");
    body += tag("tr", row) + "\n";
  }
  return tag("table", tag("tr", head) + "\n" + body) + "\n";
}

// Rows of label and value (HTML already).
std::string label_table(const Pairs& rows) {
  std::string body;
  for (const auto& [label, html] : rows) body += tag("tr", tag("th", html_escape(label)) + tag("td", html)) + "\n";
  return tag("table", body) + "\n";
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string figures_html(const std::vector<ReportFigure>& figures) {
  std::string out;
  for (const ReportFigure& f : figures)
    out += tag("figure", "<img src=\"data:image/png;base64," + base64(read_bytes(f.png)) + "\" alt=\"" +
                             html_escape(f.caption) + "\">" + tag("figcaption", html_escape(f.caption))) + "\n";
  return out;
}

// A share as the report's language writes percentages.
std::string report_percent(double share) { return text::percent(share, text::current_language()); }

std::string verdict(double p_met) {
  if (p_met >= 0.95) return say(Msg::verdict_almost_certainly);
  if (p_met >= 0.75) return say(Msg::verdict_likely);
  if (p_met >= 0.5) return say(Msg::verdict_more_likely_than_not);
  if (p_met >= 0.25) return say(Msg::verdict_unlikely);
  if (p_met >= 0.05) return say(Msg::verdict_very_unlikely);
  return say(Msg::verdict_almost_certainly_not);
}

// The deadline, as the report's language writes dates.
std::string deadline(const RunFolder& run) {
  return text::localised_date(run.daily.text(run.daily.rows() - 1, "date"), text::current_language());
}

// The day the count starts from: the day before daily.csv's first.
std::string start_date(const RunFolder& run) {
  return text::date_text(sim::parse_date(run.daily.text(0, "date")) - 1, text::current_language());
}

double total(const CsvTable& t, std::string_view column) {
  double sum = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) sum += t.number(r, column);
  return sum;
}

std::string interval(const RunFolder& run) {
  return report_percent(run.summary_number("p_met_lo")) + " – " + report_percent(run.summary_number("p_met_hi"));
}

std::string band(const RunFolder& run) {
  return display(run.summary_number("p05")) + " – " + display(run.summary_number("p95"));
}

std::string run_question(const RunFolder& run) {
  return tag("h2", say(Msg::report_question_heading)) +
         tag("p", say(Msg::report_question, {{"target", display(run.summary_number("target"), 0)},
                                             {"deadline", html_escape(deadline(run))},
                                             {"scenario", html_escape(run.scenario())}})) + "\n";
}

std::string answer_items(const RunFolder& run) {
  std::string items =
      tag("li", say(Msg::report_p_met_item, {{"p", report_percent(run.summary_number("p_met"))}, {"interval", interval(run)}})) +
      tag("li", say(Msg::report_final_item, {{"median", display(run.summary_number("p50"))}, {"band", band(run)},
                                             {"mean", display(run.summary_number("mean_final"))}})) +
      tag("li", say(Msg::report_shortfall_item, {{"n", display(run.summary_number("mean_shortfall"))}}));
  if (run.funnel.has_column("mean_pending"))
    items += tag("li", say(Msg::report_pending_item, {{"n", display(total(run.funnel, "mean_pending"))}}));
  return items + tag("li", say(Msg::report_cost_item, {{"cost", display(run.summary_number("mean_cost"), 0)},
                                                       {"per", display(run.summary_number("cost_per_member"), 0)}}));
}

std::string run_answer(const RunFolder& run) {
  const double p = run.summary_number("p_met");
  return tag("h2", say(Msg::report_answer_heading)) +
         tag("p", say(Msg::report_answer, {{"verdict", verdict(p)}, {"p", report_percent(p)},
                                           {"n", display(run.summary_number("replications"), 0)}}),
             " class=\"answer\"") +
         "\n" + tag("ul", answer_items(run)) + "\n";
}

std::string run_plan(const RunFolder& run) {
  const Pairs rows{
      {say(Msg::plan_scenario), html_escape(run.scenario())},
      {say(Msg::plan_scenario_file), tag("code", html_escape(json_field(run.manifest, "scenario_path")))},
      {say(Msg::plan_count_as_of), html_escape(start_date(run))},
      {say(Msg::plan_deadline), html_escape(deadline(run))},
      {say(Msg::plan_target), display(run.summary.text(0, "target"))},
      {say(Msg::plan_replications), display(run.summary.text(0, "replications"))},
      {say(Msg::plan_seed), html_escape(run.summary.text(0, "seed"))},
      {say(Msg::plan_mean_cost), display(run.summary.text(0, "mean_cost"))},
      {say(Msg::plan_cost_per_member), display(run.summary.text(0, "cost_per_member"))},
  };
  return tag("h2", say(Msg::report_plan_heading)) + "\n" + label_table(rows) + tag("h3", "summary.csv") + "\n" + csv_table(run.summary);
}

// Mean new members by commune (rows, in the scenario's order) and channel (columns).
std::string commune_table(const RunFolder& run) {
  const auto channels = run.totals_by("channel");
  std::map<std::pair<std::string, std::string>, double> members;
  for (std::size_t r = 0; r < run.breakdown.rows(); ++r)
    members[{run.breakdown.text(r, "commune"), run.breakdown.text(r, "channel")}] += run.breakdown.number(r, "mean_members");
  std::string head = tag("th", say(Msg::table_commune));
  for (const NamedTotal& ch : channels) head += tag("th", html_escape(spaced_name(ch.name)));
  std::string body = tag("tr", head + tag("th", say(Msg::table_all_channels))) + "\n";
  const auto number = [](double x) { return tag("td", display(x), " class=\"n\""); };
  for (const NamedTotal& commune : run.totals_by("commune")) {
    std::string row = tag("td", html_escape(commune.name));
    for (const NamedTotal& ch : channels) row += number(members[{commune.name, ch.name}]);
    body += tag("tr", row + number(commune.members)) + "\n";
  }
  std::string all = tag("th", say(Msg::table_all_communes));
  double total = 0;
  for (const NamedTotal& ch : channels) {
    all += number(ch.members);
    total += ch.members;
  }
  return tag("table", body + tag("tr", all + number(total))) + "\n";
}

std::string provenance(const JsonFields& manifest) {
  Pairs rows;
  for (const auto& [key, value] : manifest) rows.emplace_back(key, tag("code", html_escape(value)));
  return label_table(rows);
}

std::string run_sections(const RunFolder& run, const std::vector<ReportFigure>& figures) {
  return run_question(run) + run_answer(run) + run_plan(run) + tag("h2", say(Msg::report_charts_heading)) + "\n" +
         figures_html(figures) + tag("h2", say(Msg::report_communes_heading)) + "\n" + commune_table(run) +
         tag("h2", say(Msg::report_funnel_heading)) + "\n" + csv_table(run.funnel) +
         tag("h2", say(Msg::report_costs_heading)) + "\n" + csv_table(run.costs) +
         tag("h2", say(Msg::report_provenance_heading)) + "\n" + provenance(run.manifest);
}

// The plans with the highest P(target met) and, among them, the cheapest per new member.
std::string best_plans(const ComparisonFolder& c) {
  double top = -1;
  for (const RunFolder& p : c.plans) top = std::max(top, p.summary_number("p_met"));
  std::string names;
  std::size_t count = 0, cheapest = c.plans.size();
  for (std::size_t i = 0; i < c.plans.size(); ++i) {
    if (c.plans[i].summary_number("p_met") != top) continue;
    names += (names.empty() ? "" : ", ") + tag("strong", html_escape(c.names[i]));
    ++count;
    const double cost = c.plans[i].summary_number("cost_per_member");
    if (cheapest == c.plans.size() || cost < c.plans[cheapest].summary_number("cost_per_member")) cheapest = i;
  }
  std::string html = "Highest P(target met), " + report_percent(top) + ": " + names + (count > 1 ? " (tied)" : "") + ".";
  if (count > 1)
    html += " The cheapest of these per new member: " + tag("strong", html_escape(c.names[cheapest])) + ", " +
            display(c.plans[cheapest].summary_number("cost_per_member"), 0) + " VND.";
  return html;
}

std::string plan_answers(const ComparisonFolder& c) {
  std::string rows = tag("tr", tag("th", "plan") + tag("th", "scenario") + tag("th", "P(target met)") +
                                   tag("th", "95 % interval") + tag("th", "median final") + tag("th", "90 % band") +
                                   tag("th", "mean shortfall") + tag("th", "mean cost (VND)") +
                                   tag("th", "cost per new member (VND)")) + "\n";
  for (std::size_t i = 0; i < c.plans.size(); ++i) {
    const RunFolder& p = c.plans[i];
    rows += tag("tr", tag("td", html_escape(c.names[i])) + tag("td", html_escape(p.scenario())) +
                          tag("td", report_percent(p.summary_number("p_met")), " class=\"n\"") +
                          tag("td", interval(p), " class=\"n\"") + cell(p.summary.text(0, "p50")) +
                          tag("td", band(p), " class=\"n\"") + cell(p.summary.text(0, "mean_shortfall")) +
                          cell(p.summary.text(0, "mean_cost")) + cell(p.summary.text(0, "cost_per_member"))) + "\n";
  }
  return tag("h2", "The answer") + "\n" + tag("p", best_plans(c), " class=\"answer\"") + "\n" + tag("table", rows) + "\n";
}

// A difference and its 95 % interval from comparison.csv, scaled (100 for percentage points).
std::string difference_cell(const CsvTable& t, std::size_t r, const std::string& column, double scale) {
  std::string html = signed_display(scale * t.number(r, column));
  if (t.has_column(column + "_lo") && t.has_column(column + "_hi"))
    html += " (" + signed_display(scale * t.number(r, column + "_lo")) + " to " +
            signed_display(scale * t.number(r, column + "_hi")) + ")";
  return tag("td", html, " class=\"n\"");
}

std::string comparison_table(const ComparisonFolder& c) {
  const CsvTable& t = c.comparison;
  std::string rows = tag("tr", tag("th", "plan") + tag("th", "vs") + tag("th", "P(target met)") +
                                   tag("th", "difference in P(met), points (95 %)") +
                                   tag("th", "difference in mean final count (95 %)") +
                                   tag("th", "difference in mean cost (VND)")) + "\n";
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const bool reference = t.text(r, "plan") == t.text(r, "vs");
    rows += tag("tr", tag("td", html_escape(t.text(r, "plan"))) + tag("td", html_escape(t.text(r, "vs"))) +
                          tag("td", report_percent(t.number(r, "p_met")), " class=\"n\"") +
                          (reference ? tag("td", "reference") + tag("td", "reference") + tag("td", "reference")
                                     : difference_cell(t, r, "p_met_diff", 100) +
                                           difference_cell(t, r, "mean_final_diff", 1) +
                                           tag("td", signed_display(t.number(r, "mean_cost_diff"), 0), " class=\"n\""))) +
            "\n";
  }
  return tag("h2", "Each plan against " + html_escape(c.names[0]) + " (paired, common random numbers)") + "\n" +
         tag("table", rows) + "\n" + tag("h3", "comparison.csv") + "\n" + csv_table(t);
}

std::string comparison_provenance(const ComparisonFolder& c) {
  std::string rows = tag("tr", tag("th", "plan") + tag("th", "scenario file") + tag("th", "SHA-256") +
                                   tag("th", "seed") + tag("th", "replications") + tag("th", "fingerprint") +
                                   tag("th", "full report")) + "\n";
  for (std::size_t i = 0; i < c.plans.size(); ++i) {
    const JsonFields& m = c.plans[i].manifest;
    const std::string link = "plans/" + c.names[i] + "/report.html";
    rows += tag("tr", tag("td", html_escape(c.names[i])) + tag("td", tag("code", html_escape(json_field(m, "scenario_path")))) +
                          tag("td", tag("code", html_escape(json_field(m, "scenario_sha256")))) +
                          cell(json_field(m, "seed"), true) + cell(json_field(m, "replications")) +
                          tag("td", tag("code", html_escape(json_field(m, "fingerprint")))) +
                          tag("td", tag("a", html_escape(link), " href=\"" + html_escape(link) + "\""))) + "\n";
  }
  return tag("h2", "Provenance") + "\n" + tag("table", rows) + "\n" +
         tag("h3", "manifest.json of " + html_escape(c.names[0])) + "\n" + provenance(c.plans[0].manifest);
}

std::string comparison_sections(const ComparisonFolder& c, const std::vector<ReportFigure>& figures) {
  const RunFolder& first = c.plans[0];
  std::string plans;
  for (const std::string& n : c.names) plans += (plans.empty() ? "" : ", ") + html_escape(n);
  return tag("h2", "The question") +
         tag("p", "Will the office reach its target of <strong>" + display(first.summary_number("target"), 0) +
                      "</strong> by <strong>" + html_escape(deadline(first)) +
                      "</strong>, and which plan makes that likeliest? Plans: " + plans + ".") + "\n" +
         plan_answers(c) + comparison_table(c) + tag("h2", "Charts") + "\n" + figures_html(figures) +
         comparison_provenance(c);
}

std::string page_title(const ReportInput& in) {
  if (in.run) return "outreach: " + in.run->scenario();
  std::string names;
  for (const std::string& n : in.comparison->names) names += (names.empty() ? "" : " vs ") + n;
  return "outreach: " + names;
}

}  // namespace

std::string report_html(const ReportInput& in) {
  if (!in.run && !in.comparison) throw std::logic_error("report_html: nothing to report");
  const std::string title = page_title(in);
  std::string body = tag("h1", html_escape(title)) + "\n";
  if (in.comparison) body += comparison_sections(*in.comparison, in.comparison_figures);
  if (in.run) body += (in.comparison ? tag("h2", "This folder's own run") : "") + run_sections(*in.run, in.run_figures);
  const std::string lang = text::current_language() == text::Language::vi ? "vi" : "en";
  return "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
         tag("title", html_escape(title)) + "\n" + tag("style", style) + "\n</head>\n<body>\n" + body +
         "\n<p><small>" + say(Msg::report_footer) + "</small></p>\n</body>\n</html>\n";
}

}  // namespace app
