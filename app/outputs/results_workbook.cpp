#include "app/outputs/results_workbook.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "app/outputs/plan_sheet.hpp"
#include "app/outputs/xlsx_book.hpp"

namespace app {
namespace {

using model::BatchSummary;
using model::Scenario;

void label(XlsxBook& b, lxw_worksheet* ws, int row, const char* text) { b.heading(ws, row, 0, text); }

// Label in column A, value in B; P(target met) is B7 (results_workbook.hpp says so).
void summary_sheet(XlsxBook& b, lxw_worksheet* ws, const Scenario& s, const BatchSummary& r) {
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 18, nullptr);
  const auto ci = r.p_met_interval();
  const auto& f = r.finals();
  label(b, ws, 0, "Scenario");          b.text(ws, 0, 1, s.name);
  label(b, ws, 1, "Target");            b.number(ws, 1, 1, double(s.target));
  label(b, ws, 2, "Start (as of)");     b.date(ws, 2, 1, s.start);
  label(b, ws, 3, "End (deadline)");    b.date(ws, 3, 1, s.end);
  label(b, ws, 4, "Enrolled at start"); b.number(ws, 4, 1, double(s.enrolled_at_start));
  label(b, ws, 5, "Replications");      b.number(ws, 5, 1, double(r.replications()));
  label(b, ws, 6, "P(target met)");     b.percent(ws, 6, 1, r.p_met());
  label(b, ws, 7, "P(met), 95% interval low");  b.percent(ws, 7, 1, ci.lo);
  label(b, ws, 8, "P(met), 95% interval high"); b.percent(ws, 8, 1, ci.hi);
  label(b, ws, 9, "Final count, median");       b.number(ws, 9, 1, f.quantile(0.5));
  label(b, ws, 10, "Final count, 90% band low (p05)");  b.number(ws, 10, 1, f.quantile(0.05));
  label(b, ws, 11, "Final count, 90% band high (p95)"); b.number(ws, 11, 1, f.quantile(0.95));
  label(b, ws, 12, "Final count, mean");        b.number(ws, 12, 1, r.final_stats().mean(), 1);
  label(b, ws, 13, "Mean cost (VND)");          b.money(ws, 13, 1, r.cost().mean());
  label(b, ws, 14, "Cost per new member (VND)"); b.money(ws, 14, 1, r.cost_per_member());
}

// daily.csv's columns (date, mean, p05..p95) and the target; returns the number of days.
int daily_table(XlsxBook& b, lxw_worksheet* ws, const Scenario& s, const BatchSummary& r) {
  int col = 0;
  for (const char* h : {"date", "mean", "p05", "p25", "p50", "p75", "p95", "target"}) b.heading(ws, 0, col++, h);
  const int days = static_cast<int>(r.daily().size());
  for (int d = 0; d < days; ++d) {
    const sim::IntHistogram& h = r.daily()[static_cast<std::size_t>(d)];
    double sum = 0;
    for (const auto& [value, count] : h.counts()) sum += double(value) * double(count);
    b.date(ws, d + 1, 0, s.start + (d + 1));
    b.number(ws, d + 1, 1, h.count() ? sum / double(h.count()) : 0, 4);
    col = 2;
    for (const double p : {0.05, 0.25, 0.5, 0.75, 0.95}) b.number(ws, d + 1, col++, h.quantile(p));
    b.number(ws, d + 1, 7, double(s.target));
  }
  worksheet_set_column(ws, 0, 0, 12, nullptr);
  return days;
}

// The fan as a native line chart: the 90 % and 50 % bands' edges, the median and the target.
void fan_chart(XlsxBook& b, lxw_worksheet* ws, int days) {
  if (days == 0) return;
  lxw_chart* chart = workbook_add_chart(b.get(), LXW_CHART_LINE);
  const struct { int col; const char* name; } lines[] = {
      {2, "p05"}, {3, "p25"}, {4, "median (p50)"}, {5, "p75"}, {6, "p95"}, {7, "target"}};
  for (const auto& l : lines) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, "Daily", 1, 0, static_cast<lxw_row_t>(days), 0);
    chart_series_set_values(series, "Daily", 1, static_cast<lxw_col_t>(l.col), static_cast<lxw_row_t>(days),
                            static_cast<lxw_col_t>(l.col));
    chart_series_set_name(series, l.name);
  }
  chart_title_set_name(chart, "Members by date: median and bands over the replications");
  chart_axis_set_num_format(chart->x_axis, "yyyy-mm-dd");
  chart_axis_set_name(chart->y_axis, "members");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options where{};
  where.x_scale = 2;
  where.y_scale = 1.5;
  worksheet_insert_chart_opt(ws, 1, 9, chart, &where);
}

void channels_sheet(XlsxBook& b, lxw_worksheet* ws, const Scenario& s, const BatchSummary& r) {
  int col = 0;
  for (const char* h : {"channel", "mean_members", "mean_contacts", "mean_enrolled", "mean_declined", "mean_pending"})
    b.heading(ws, 0, col++, h);
  const double n = double(r.replications());
  int row = 1;
  for (const model::Channel ch : model::new_member_channels) {
    double members = 0;
    for (int c = 0; c < static_cast<int>(s.communes.size()); ++c)
      for (const model::PovertyClass k : model::all_poverty_classes)
        members += double(r.breakdown_totals()[model::Breakdown::index(c, k, ch)]);
    const auto& st = r.funnel_totals()[static_cast<std::size_t>(ch)];
    b.text(ws, row, 0, std::string(model::to_string(ch)));
    b.number(ws, row, 1, members / n, 1);
    b.number(ws, row, 2, double(st.contacts) / n, 1);
    b.number(ws, row, 3, double(st.enrolled) / n, 1);
    b.number(ws, row, 4, double(st.declined) / n, 1);
    b.number(ws, row++, 5, double(r.pipeline_totals()[static_cast<std::size_t>(ch)]) / n, 1);
  }
  worksheet_set_column(ws, 0, 5, 15, nullptr);
}

void communes_sheet(XlsxBook& b, lxw_worksheet* ws, const Scenario& s, const BatchSummary& r) {
  int col = 0;
  for (const char* h : {"commune", "households", "eligible", "urban", "mean_new_members"}) b.heading(ws, 0, col++, h);
  for (const model::Channel ch : model::new_member_channels) b.heading(ws, 0, col++, "via_" + std::string(model::to_string(ch)));
  const double n = double(r.replications());
  for (int c = 0; c < static_cast<int>(s.communes.size()); ++c) {
    const model::Commune& m = s.communes[static_cast<std::size_t>(c)];
    b.text(ws, c + 1, 0, m.name);
    b.number(ws, c + 1, 1, double(m.households));
    b.number(ws, c + 1, 2, double(m.eligible));
    b.text(ws, c + 1, 3, m.urban ? "urban" : "rural");
    double total = 0;
    col = 5;
    for (const model::Channel ch : model::new_member_channels) {
      double v = 0;
      for (const model::PovertyClass k : model::all_poverty_classes)
        v += double(r.breakdown_totals()[model::Breakdown::index(c, k, ch)]);
      total += v;
      b.number(ws, c + 1, col++, v / n, 1);
    }
    b.number(ws, c + 1, 4, total / n, 1);
  }
  worksheet_set_column(ws, 0, 0, 22, nullptr);
  worksheet_set_column(ws, 1, 9, 14, nullptr);
}

void costs_sheet(XlsxBook& b, lxw_worksheet* ws, const BatchSummary& r) {
  b.heading(ws, 0, 0, "item");
  b.heading(ws, 0, 1, "mean_cost_vnd");
  const char* items[] = {"sessions", "staff_days", "agent_commissions", "top_up_subsidy"};
  const double n = double(r.replications());
  double total = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    b.text(ws, static_cast<int>(i) + 1, 0, items[i]);
    b.money(ws, static_cast<int>(i) + 1, 1, r.cost_totals()[i] / n);
    total += r.cost_totals()[i] / n;
  }
  b.heading(ws, 5, 0, "total");
  b.money(ws, 5, 1, total);
  worksheet_set_column(ws, 0, 1, 20, nullptr);
}

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("cannot read back " + p.string());
  return bytes;
}

}  // namespace

void write_results_workbook(StagedFolder& out, const std::string& name, const Scenario& s, const BatchSummary& r) {
  // libxlsxwriter writes to a file name; a scratch file in the staging folder, copied through
  // StagedFolder::write, gets the same exclusive creation and fsync as every other output.
  const std::filesystem::path scratch = out.path(".results-workbook.tmp");
  {
    XlsxBook book(scratch, s.start);
    summary_sheet(book, book.sheet("Summary"), s, r);
    write_plan_sheet(book, book.sheet("Plan"), s);
    lxw_worksheet* daily = book.sheet("Daily");
    fan_chart(book, daily, daily_table(book, daily, s, r));
    channels_sheet(book, book.sheet("Channels"), s, r);
    communes_sheet(book, book.sheet("Communes"), s, r);
    costs_sheet(book, book.sheet("Costs"), r);
    book.close();
  }
  const std::string bytes = read_bytes(scratch);
  std::filesystem::remove(scratch);
  out.write(name, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

}  // namespace app
