#include "app/report/office_plots.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "app/report/plots.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

// More names than this do not fit down a chart's side.
constexpr std::size_t named_offices = 40;
// About this many bars in the total's histogram.
constexpr double total_bins = 40;

Chart offices_chart(const CsvTable& offices, const CsvTable& aggregate) {
  std::vector<std::size_t> order(offices.rows());
  for (std::size_t r = 0; r < order.size(); ++r) {
    order[r] = r;
    for (const char* column : {"p_met", "mean_shortfall"})
      if (std::isnan(offices.number(r, column))) throw offices.error(r, column, "expected a number, found none");
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double pa = offices.number(a, "p_met"), pb = offices.number(b, "p_met");
    if (pa != pb) return pa < pb;
    return offices.number(a, "mean_shortfall") > offices.number(b, "mean_shortfall");
  });
  const std::size_t shown = std::min(order.size(), named_offices);
  Rows rows;
  // gnuplot's y axis grows upwards: the most at risk gets the largest y, at the top.
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t r = order[i];
    rows.push_back({std::to_string(shown - i), gp_field(offices.text(r, "office")), num(100 * offices.number(r, "p_met")),
                    num(100 * offices.number(r, "p_met_lo")), num(100 * offices.number(r, "p_met_hi"))});
  }
  const std::string scenario = aggregate.text(0, "scenario"), replications = aggregate.text(0, "replications");
  Chart c;
  c.name = "offices";
  c.caption = shown < order.size()
                  ? "P(target met) of the " + std::to_string(shown) + " offices most at risk of " +
                        std::to_string(order.size()) + ", with 95 % intervals."
                  : "P(target met) of each office, with 95 % intervals; the most at risk at the top.";
  c.height = std::max(360, 140 + 22 * static_cast<int>(shown));
  c.setup = datablock("$offices", rows) +
            title({scenario, (shown < order.size() ? "the " + std::to_string(shown) + " offices most at risk of " +
                                                         std::to_string(order.size())
                                                   : std::to_string(shown) + " offices") +
                                 ", " + replications + " replications"}) +
            "set xlabel 'P(target met), % (95 % interval)'\nset xrange [0:100]\n"
            "set yrange [0.4:" + num(double(shown) + 0.6) + "]\nset ytics scale 0\nset grid xtics\nunset key\n";
  c.plot = "plot $offices using 3:1:4:5:ytic(2) with xerrorbars pt 7 ps 0.8 lc rgb '#3182bd' lw 1.5";
  return c;
}

Chart total_chart(const CsvTable& replications, const CsvTable& aggregate) {
  if (replications.rows() == 0)
    throw sim::ParseError(replications.source(), 0, "", "expected at least one replication, found none");
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t r = 0; r < replications.rows(); ++r) {
    const double t = replications.number(r, "total");
    lo = std::min(lo, t), hi = std::max(hi, t);
  }
  const double width = std::max(1.0, std::ceil((hi - lo + 1) / total_bins));
  std::map<long long, std::size_t> counts;  // by bin
  for (std::size_t r = 0; r < replications.rows(); ++r)
    ++counts[static_cast<long long>(std::floor((replications.number(r, "total") - lo) / width))];
  Rows rows;
  const double n = static_cast<double>(replications.rows());
  for (const auto& [bin, count] : counts)
    rows.push_back({num(lo + (static_cast<double>(bin) + 0.5) * width - 0.5), num(100 * static_cast<double>(count) / n)});
  const double goal = aggregate.number(0, "total_target");
  Chart c;
  c.name = "total";
  c.caption = "The offices' total enrolment at the end, over the replications, against the goal (the sum of the targets); P(total met) " +
              format_percent(aggregate.number(0, "p_total_met")) + ", P(every office met) " +
              format_percent(aggregate.number(0, "p_every_met")) + ".";
  c.setup = datablock("$total", rows) +
            title({aggregate.text(0, "scenario"), "the offices' total enrolment at the end, " + aggregate.text(0, "replications") +
                                                      " replications; goal " + num(goal)}) +
            "set xlabel 'enrolled in all offices at the end'\nset ylabel 'share of replications, %'\nset yrange [0:*]\n"
            "set boxwidth " + num(width) + " absolute\nset style fill solid 0.85 noborder\nset grid ytics\n"
            "set key below\n"
            "set arrow 1 from " + num(goal) + ", graph 0 to " + num(goal) + ", graph 1 nohead front lc rgb '#a50f15' lw 2\n";
  c.plot = "plot $total using 1:2 with boxes fc rgb '#3182bd' title 'replications', \\\n"
           "     NaN with lines lc rgb '#a50f15' lw 2 title 'goal'";
  return c;
}

}  // namespace

std::vector<Chart> office_charts(const fs::path& dir) {
  for (const char* file : {"aggregate.csv", "replications.csv"})
    if (!fs::is_regular_file(dir / file))
      throw PlotInputError((dir / file).string() + ": missing (a run of many offices writes it beside offices.csv)");
  const CsvTable offices = CsvTable::read(dir / "offices.csv");
  const CsvTable aggregate = CsvTable::read(dir / "aggregate.csv");
  const CsvTable replications = CsvTable::read(dir / "replications.csv");
  if (offices.rows() == 0) throw sim::ParseError(offices.source(), 0, "", "expected at least one office, found none");
  if (aggregate.rows() != 1)
    throw sim::ParseError(aggregate.source(), 0, "", "expected one row, found " + std::to_string(aggregate.rows()));
  return {offices_chart(offices, aggregate), total_chart(replications, aggregate)};
}

}  // namespace app
