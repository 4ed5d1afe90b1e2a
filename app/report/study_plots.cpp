#include "app/report/study_plots.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "app/outputs/json_fields.hpp"
#include "app/report/plots.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string percent(double share) { return num(100 * share); }

// The manifest's field, or `fallback` when the manifest or the field is missing.
std::string manifest_field(const fs::path& dir, const std::string& key, const std::string& fallback) {
  if (!fs::is_regular_file(dir / "manifest.json")) return fallback;
  return json_field(read_json_fields(dir / "manifest.json"), key, fallback);
}

struct SweepData {
  CsvTable table;
  std::vector<std::string> keys;  // the varied keys with more than one value
  std::string design, scenario, replications;
};

SweepData read_sweep(const fs::path& dir) {
  SweepData d{CsvTable::read(dir / "sweep.csv"), {}, "", "", ""};
  const auto& h = d.table.header();
  const std::size_t first = d.table.column("point") + 1, last = d.table.column("replications");
  if (d.table.rows() == 0) throw sim::ParseError(d.table.source(), 0, "", "expected at least one point, found none");
  for (std::size_t c = first; c < last; ++c) {
    std::set<double> distinct;
    for (std::size_t r = 0; r < d.table.rows(); ++r) distinct.insert(d.table.number(r, h[c]));
    if (distinct.size() > 1 || last - first == 1) d.keys.push_back(h[c]);
  }
  if (d.keys.empty()) d.keys.push_back(h[first]);
  d.design = manifest_field(dir, "design", "grid");
  d.scenario = manifest_field(dir, "scenario", "sweep");
  d.replications = d.table.text(0, "replications");
  return d;
}

std::string common_setup() {
  return "set key below height 1\nset grid\nset ylabel 'P(target met), %'\nset yrange [0:100]\n"
         "set offsets graph 0.02, graph 0.02, 0, 0\n";
}

Chart one_key(const SweepData& d) {
  const CsvTable& t = d.table;
  const std::string& key = d.keys[0];
  std::vector<std::size_t> order(t.rows());
  for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return t.number(a, key) < t.number(b, key); });
  Rows rows;
  for (const std::size_t r : order)
    rows.push_back({num(t.number(r, key)), percent(t.number(r, "p_met")), percent(t.number(r, "p_met_lo")),
                    percent(t.number(r, "p_met_hi"))});
  Chart c;
  c.name = "p_met";
  c.caption = "P(target met) against " + key + ", with its 95 % interval (Wilson), every point on the same replications.";
  c.setup = datablock("$points", rows) +
            title({d.scenario, "P(target met) against " + key + ", " + d.replications + " common replications per point"}) +
            "set xlabel " + gp_quote(key) + "\n" + common_setup() + "set style fill solid 1 noborder\n";
  c.plot = "plot $points using 1:3:4 with filledcurves fc rgb '#c6dbef' title '95 % interval (Wilson)', \\\n"
           "     $points using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#08306b' title 'P(target met)'";
  return c;
}

Chart two_keys(const SweepData& d) {
  const CsvTable& t = d.table;
  const std::string &kx = d.keys[0], &ky = d.keys[1];
  std::vector<std::size_t> order(t.rows());
  for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
  // Scan lines of the image: x fastest.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::make_pair(t.number(a, ky), t.number(a, kx)) < std::make_pair(t.number(b, ky), t.number(b, kx));
  });
  Rows rows;
  for (const std::size_t r : order)
    rows.push_back({num(t.number(r, kx)), num(t.number(r, ky)), percent(t.number(r, "p_met"))});
  Chart c;
  c.name = "p_met";
  const bool grid = d.design == "grid";
  c.caption = "P(target met), %, over " + kx + " and " + ky + (grid ? " (the grid)" : " (each point of the Sobol design)") +
              ", every point on the same replications.";
  c.setup = datablock("$points", rows) +
            title({d.scenario, "P(target met) over " + kx + " and " + ky + ", " + d.replications +
                                   " common replications per point"}) +
            "set xlabel " + gp_quote(kx) + "\nset ylabel " + gp_quote(ky) +
            "\nset cblabel 'P(target met), %'\nset cbrange [0:100]\n"
            "set palette defined (0 '#f7fbff', 40 '#6baed6', 100 '#08306b')\nset key off\n";
  if (grid) {
    // Tics at the grid's own values, when few enough to read.
    for (const auto& [axis, key] : {std::pair{"x", kx}, std::pair{"y", ky}}) {
      std::set<double> values;
      for (std::size_t r = 0; r < t.rows(); ++r) values.insert(t.number(r, key));
      if (values.size() > 15) continue;
      std::string tics;
      for (const double v : values) tics += (tics.empty() ? "" : ", ") + num(v);
      c.setup += std::string("set ") + axis + "tics (" + tics + ")\n";
    }
    c.setup += "set autoscale fix\nset tics out\n";
    c.plot = "plot $points using 1:2:3 with image";
    if (t.rows() <= 150)
      c.plot += ", \\\n     $points using 1:2:(sprintf('%.0f', $3)):($3 > 55 ? 0xffffff : 0x000000) with labels tc rgb variable";
  } else {
    c.setup += "set grid\nset offsets graph 0.03, graph 0.03, graph 0.03, graph 0.03\n";
    c.plot = "plot $points using 1:2:3 with points pt 7 ps 1.4 lc palette";
  }
  return c;
}

Chart panels(const SweepData& d) {
  const CsvTable& t = d.table;
  const std::size_t k = d.keys.size(), cols = std::min<std::size_t>(3, k), rows_n = (k + cols - 1) / cols;
  Chart c;
  c.name = "p_met";
  c.caption = "P(target met) of every point against each varied key" +
              std::string(d.design == "grid" ? "; the line is the mean over the other keys." : ".");
  c.width = 420 * static_cast<int>(cols);
  c.height = 360 * static_cast<int>(rows_n) + 60;
  c.multiplot = true;
  c.setup = common_setup() + "set key off\n";
  c.plot = "set multiplot layout " + std::to_string(rows_n) + "," + std::to_string(cols) + " title " +
           gp_lines({d.scenario + ": P(target met) against each key, " + d.replications +
                     " common replications per point"}) + "\n";
  for (std::size_t i = 0; i < k; ++i) {
    const std::string& key = d.keys[i];
    Rows points;
    std::map<double, std::pair<double, int>> means;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const double x = t.number(r, key), p = t.number(r, "p_met");
      points.push_back({num(x), percent(p)});
      means[x].first += p;
      ++means[x].second;
    }
    Rows line;
    for (const auto& [x, m] : means) line.push_back({num(x), percent(m.first / m.second)});
    const std::string block = "$key" + std::to_string(i);
    c.setup += datablock(block, points) + datablock(block + "m", line);
    c.plot += "set xlabel " + gp_quote(key) + "\nplot " + block + " using 1:2 with points pt 7 ps 0.8 lc rgb '#3182bd'" +
              (d.design == "grid" ? ", " + block + "m using 1:2 with lines lw 2 lc rgb '#08306b'" : std::string()) + "\n";
  }
  c.plot += "unset multiplot";
  return c;
}

}  // namespace

std::vector<Chart> sweep_charts(const fs::path& dir) {
  const SweepData d = read_sweep(dir);
  if (d.keys.size() == 1) return {one_key(d)};
  if (d.keys.size() == 2) return {two_keys(d)};
  return {panels(d)};
}

std::vector<Chart> sensitivity_charts(const fs::path& dir) {
  const CsvTable t = CsvTable::read(dir / "sensitivity.csv");
  struct Bar {
    std::string parameter;
    double final_r = NAN, final_lo = NAN, final_hi = NAN, cost_r = NAN, cost_lo = NAN, cost_hi = NAN;
  };
  std::vector<Bar> bars;
  const auto bar_of = [&](const std::string& p) -> Bar& {
    for (Bar& b : bars)
      if (b.parameter == p) return b;
    bars.push_back(Bar{p});
    return bars.back();
  };
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Bar& b = bar_of(t.text(r, "parameter"));
    const std::string& output = t.text(r, "output");
    if (output == "final") {
      b.final_r = t.number(r, "prcc"), b.final_lo = t.number(r, "lo"), b.final_hi = t.number(r, "hi");
    } else if (output == "cost") {
      b.cost_r = t.number(r, "prcc"), b.cost_lo = t.number(r, "lo"), b.cost_hi = t.number(r, "hi");
    } else {
      throw t.error(r, "output", "expected final or cost, found " + sim::quoted_excerpt(output));
    }
  }
  if (bars.empty()) throw sim::ParseError(t.source(), 0, "", "expected at least one parameter, found none");
  const auto size = [](double r) { return std::isnan(r) ? -1.0 : std::fabs(r); };
  // Smallest first: gnuplot's y axis grows upwards, so the largest ends at the top.
  std::stable_sort(bars.begin(), bars.end(), [&](const Bar& a, const Bar& b) { return size(a.final_r) < size(b.final_r); });
  Rows rows;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    rows.push_back({std::to_string(i + 1), gp_field(b.parameter), num(b.final_r), num(b.final_lo), num(b.final_hi),
                    num(b.cost_r), num(b.cost_lo), num(b.cost_hi)});
  }
  Chart c;
  c.name = "tornado";
  c.caption = "Partial rank correlation (PRCC) of each uncertain parameter with the final count and with cost, "
              "with 95 % intervals; sorted by |PRCC| with the final count.";
  c.height = std::max(360, 140 + 70 * static_cast<int>(bars.size()));
  c.setup = datablock("$bars", rows) +
            title({manifest_field(dir, "scenario", "sensitivity"),
                   "PRCC with the final count and with cost, " + manifest_field(dir, "replications", "?") +
                       " replications"}) +
            "set xlabel 'partial rank correlation coefficient (PRCC)'\nset xrange [-1:1]\n"
            "set yrange [0.4:" + num(double(bars.size()) + 0.6) + "]\nset ytics scale 0\nset grid xtics\n"
            "set key below height 1\nset style fill solid 0.85 noborder\n"
            "set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb '#555555'\n";
  c.plot = "plot $bars using ($3/2):($1+0.17):(($3<0)?$3:0):(($3<0)?0:$3):($1+0.02):($1+0.32):ytic(2) "
           "with boxxyerror fc rgb '#3182bd' title 'final count', \\\n"
           "     $bars using 3:($1+0.17):4:5 with xerrorbars pt -1 lc rgb '#08306b' lw 1.5 notitle, \\\n"
           "     $bars using ($6/2):($1-0.17):(($6<0)?$6:0):(($6<0)?0:$6):($1-0.32):($1-0.02) "
           "with boxxyerror fc rgb '#fd8d3c' title 'cost', \\\n"
           "     $bars using 6:($1-0.17):7:8 with xerrorbars pt -1 lc rgb '#a63603' lw 1.5 notitle";
  return {c};
}

std::vector<Chart> frontier_charts(const fs::path& dir) {
  const CsvTable t = CsvTable::read(dir / "frontier.csv");
  // The lever columns sit between `candidate` and `replications`.
  const std::size_t first_lever = t.column("candidate") + 1, end_lever = t.column("replications");
  Rows candidates, frontier, chosen;
  std::vector<std::size_t> by_cost(t.rows());
  for (std::size_t r = 0; r < t.rows(); ++r) by_cost[r] = r;
  std::stable_sort(by_cost.begin(), by_cost.end(),
                   [&](std::size_t a, std::size_t b) { return t.number(a, "mean_cost") < t.number(b, "mean_cost"); });
  for (const std::size_t r : by_cost) {
    std::string label;
    for (std::size_t c = first_lever; c < end_lever; ++c)
      label += (label.empty() ? "" : ", ") + t.header()[c] + " " + t.row(r)[c];
    // Costs in millions of VND, for readable axes.
    const std::vector<std::string> row{num(t.number(r, "mean_cost") / 1e6), num(t.number(r, "p_met")),
                                       num(t.number(r, "p_met_lo")), num(t.number(r, "p_met_hi")), gp_field(label)};
    candidates.push_back(row);
    if (t.text(r, "pareto") == "1") frontier.push_back(row);
    if (t.text(r, "chosen") == "1") chosen.push_back(row);
  }
  const std::string confidence = manifest_field(dir, "confidence", "");
  const std::string budget = manifest_field(dir, "budget", "null");
  Chart c;
  c.name = "frontier";
  c.caption = "Mean cost and P(target met) with its 95 % interval of every candidate plan; the Pareto frontier, "
              "the chosen plan, the confidence (dashed) and the budget (dotted).";
  c.setup = datablock("$candidates", candidates) + datablock("$frontier", frontier) + datablock("$chosen", chosen) +
            title({manifest_field(dir, "scenario", "optimize"),
                   "cost and P(target met) of " + std::to_string(t.rows()) + " candidate plans" +
                       (confidence.empty() ? "" : " (confidence " + confidence + ")")}) +
            "set xlabel 'mean cost (million VND)'\nset ylabel 'P(target met), 95 % interval'\n"
            "set yrange [-0.02:1.08]\nset offsets graph 0.05, graph 0.05, 0, 0\nset grid\nset key bottom right\n";
  if (!confidence.empty())
    c.setup += "set arrow from graph 0, first " + confidence + " to graph 1, first " + confidence +
               " nohead dt 2 lc rgb 'black'\n";
  if (budget != "null" && !budget.empty())
    c.setup += "set arrow from first " + num(std::stod(budget) / 1e6) + ", graph 0 to first " +
               num(std::stod(budget) / 1e6) + ", graph 1 nohead dt 3 lc rgb '#aa3333'\n";
  c.plot = "plot $candidates using 1:2:3:4 with yerrorbars pt 7 ps 0.6 lc rgb '#7f7f7f' title 'candidates'" +
           std::string(frontier.empty() ? "" : ", $frontier using 1:2 with linespoints pt 7 ps 0.8 lw 2 lc rgb '#1f77b4' title 'Pareto frontier'") +
           (chosen.empty() ? "" : ", $chosen using 1:2 with points pt 9 ps 2.5 lc rgb '#d62728' title 'chosen', "
                                  "$chosen using 1:2:5 with labels left offset 1,-1.2 notitle");
  return {c};
}

}  // namespace app
