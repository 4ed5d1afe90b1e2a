#include "app/report/plots.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "app/cli/exit_status.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "app/report/gnuplot_script.hpp"
#include "app/report/html_report.hpp"
#include "app/report/office_plots.hpp"
#include "app/report/plot_stage.hpp"
#include "app/report/study_plots.hpp"
#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"
#include "model/scenario/input_caps.hpp"
#include "sim/date.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/io/new_file.hpp"
#include "sim/rank_group.hpp"

extern char** environ;

namespace app {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- reading results folders

CsvTable CsvTable::read(const fs::path& path) {
  sim::CsvReadOptions options;
  options.comment_lines = false;  // outreach writes none; a commune may start with '#'
  sim::CsvReader csv = sim::CsvReader::open(path, model::input_caps::results_table, options);
  CsvTable t;
  t.source_ = path.string();
  t.header_ = csv.read_header();
  for (std::string& name : t.header_) name = sim::csv_unmarked(name);
  std::vector<std::string> fields;
  while (csv.next(fields)) {
    // Text cells were written with a ' before a leading = + - @ (sim/io/csv.hpp): read the names back.
    for (std::string& f : fields) f = sim::csv_unmarked(f);
    t.rows_.push_back(fields);
    t.lines_.push_back(csv.line());
  }
  return t;
}

bool CsvTable::has_column(std::string_view name) const {
  return std::find(header_.begin(), header_.end(), name) != header_.end();
}

std::size_t CsvTable::column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) throw sim::ParseError(source_, 1, std::string(name), "no such column in the header");
  return static_cast<std::size_t>(it - header_.begin());
}

const std::string& CsvTable::text(std::size_t r, std::string_view name) const {
  return rows_.at(r)[column(name)];
}

double CsvTable::number(std::size_t r, std::string_view name) const {
  const std::string& s = text(r, name);
  if (s.empty()) return NAN;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    throw error(r, name, "expected a number, found " + sim::quoted_excerpt(s));
  return v;
}

sim::ParseError CsvTable::error(std::size_t r, std::string_view column, std::string detail) const {
  return sim::ParseError(source_, lines_.at(r), std::string(column), std::move(detail));
}

std::vector<NamedTotal> RunFolder::totals_by(std::string_view column) const {
  std::vector<NamedTotal> totals;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < breakdown.rows(); ++r) {
    const std::string& name = breakdown.text(r, column);
    const auto [it, added] = index.emplace(name, totals.size());
    if (added) totals.push_back(NamedTotal{name, 0});
    totals[it->second].members += breakdown.number(r, "mean_members");
  }
  return totals;
}

namespace {

void require_rows(const CsvTable& t, std::size_t at_least, std::size_t at_most = SIZE_MAX) {
  if (t.rows() < at_least || t.rows() > at_most)
    throw sim::ParseError(t.source(), 0, "",
                          "expected " + (at_least == at_most ? std::to_string(at_least)
                                                             : "at least " + std::to_string(at_least)) +
                              " data rows, found " + std::to_string(t.rows()));
}

// A plan's name names a folder under plans/: it must not lead out of it.
void check_plan_name(const std::string& name, const std::string& source) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos)
    throw PlotInputError(source + ": plan name " + sim::quoted_excerpt(name) + " cannot name a folder");
}

}  // namespace

RunFolder read_run_folder(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "summary.csv"))
    throw PlotInputError(dir.string() + ": no summary.csv; not a folder written by `outreach run`");
  RunFolder run;
  run.dir = dir;
  run.summary = CsvTable::read(dir / "summary.csv");
  run.daily = CsvTable::read(dir / "daily.csv");
  run.replications = CsvTable::read(dir / "replications.csv");
  run.breakdown = CsvTable::read(dir / "breakdown.csv");
  run.funnel = CsvTable::read(dir / "funnel.csv");
  run.costs = CsvTable::read(dir / "costs.csv");
  run.manifest = read_json_fields(dir / "manifest.json");
  require_rows(run.summary, 1, 1);
  require_rows(run.daily, 1);
  require_rows(run.replications, 1);
  return run;
}

ComparisonFolder read_comparison_folder(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "comparison.csv"))
    throw PlotInputError(dir.string() + ": no comparison.csv; not a folder written by `outreach compare`");
  ComparisonFolder c;
  c.dir = dir;
  c.comparison = CsvTable::read(dir / "comparison.csv");
  c.differences = CsvTable::read(dir / "differences.csv");
  require_rows(c.comparison, 1);
  for (std::size_t r = 0; r < c.comparison.rows(); ++r) {
    const std::string& name = c.comparison.text(r, "plan");
    check_plan_name(name, c.comparison.source());
    if (!fs::is_regular_file(dir / "plans" / name / "summary.csv"))
      throw PlotInputError(c.comparison.source() + ": plan '" + name + "' has no folder plans/" + name +
                           "/ with a summary.csv");
    c.names.push_back(name);
    c.plans.push_back(read_run_folder(dir / "plans" / name));
  }
  return c;
}

std::string format_percent(double share) {
  if (!std::isfinite(share)) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100 * share);
  return buf;
}

std::string read_bytes(const fs::path& p) {
  // gnuplot's charts and logs, in the staging folder: a chart is a few hundred kilobytes.
  return sim::read_whole_file(p, sim::InputCap{"a chart or gnuplot log", 256u << 20});
}

std::string spaced_name(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

namespace {

// ---------------------------------------------------------------- running gnuplot

struct GnuplotError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::optional<fs::path> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string_view rest = path;
  for (;;) {
    const std::size_t colon = rest.find(':');
    const std::string_view folder = rest.substr(0, colon);
    const fs::path candidate = fs::path(folder.empty() ? "." : std::string(folder)) / program;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate);
    if (colon == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

// Runs `exe script` in `folder` with stdin from /dev/null and stdout and stderr into `log`
// (absolute paths); returns the wait status.
int run_in_folder(const fs::path& exe, const fs::path& folder, const std::string& script, const fs::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::string arg0 = exe.string(), arg1 = script;
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw GnuplotError("cannot start " + exe.string() + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  return status;
}

constexpr const char* font = "DejaVu Sans,11";

// Vietnamese axes write decimals with a comma, as its reports do; English scripts are unchanged.
std::string tick_format() {
  return text::current_language() == text::Language::vi ? "set decimalsign ','\n" : "";
}

std::string script_text(const Chart& c) {
  const std::string size = " size " + std::to_string(c.width) + "," + std::to_string(c.height);
  return "# Drawn by outreach plot; \"gnuplot " + c.name + ".gp\" in this folder redraws it.\n"
         "set encoding utf8\n"
         "set datafile separator \"\\t\"\n"
         "set datafile commentschars \"\"\n" + tick_format() +
         c.setup + "set terminal pngcairo" + size + " noenhanced font '" + font + "'\n" +
         "set output '" + c.name + ".png'\n" + c.plot + "\n" + "set terminal svg" + size +
         " noenhanced font '" + font + "' background rgb 'white'\n" + "set output '" + c.name +
         ".svg'\n" + (c.multiplot ? c.plot + "\n" : "replot\n") + "unset output\n";
}

void require_output(const fs::path& p, std::string_view starts_with) {
  std::string head(starts_with.size(), '\0');
  std::size_t n = 0;
  try {
    const sim::InputFd fd = sim::open_regular_file(p);  // not a FIFO or device left in its place
    n = sim::read_chunk(fd.get(), head.data(), head.size(), p);
  } catch (const sim::InputFileError&) {
  }
  if (n != head.size() || head != starts_with) throw GnuplotError("gnuplot did not write " + p.filename().string());
}

// Draws `chart` into <rel_dir>/ of the stage: <name>.gp, .png and .svg.
void draw(const fs::path& gnuplot, PlotStage& stage, const fs::path& rel_dir, const Chart& chart) {
  const fs::path script = rel_dir / (chart.name + ".gp");
  stage.write(script, script_text(chart));
  const fs::path folder = stage.path(script).parent_path();
  const fs::path log = folder / ("." + chart.name + ".log");
  const int status = run_in_folder(gnuplot, folder, chart.name + ".gp", log);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw GnuplotError("gnuplot failed on " + script.string() + ":\n" + read_bytes(log));
  require_output(folder / (chart.name + ".png"), "\x89PNG\r\n\x1a\n");
  require_output(folder / (chart.name + ".svg"), "<?xml");
  stage.keep(rel_dir / (chart.name + ".png"));
  stage.keep(rel_dir / (chart.name + ".svg"));
}

// ---------------------------------------------------------------- gnuplot script pieces

std::string one_decimal(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string checked_date(const CsvTable& t, std::size_t r) {
  const std::string& text = t.text(r, "date");
  try {
    sim::parse_date(text);
  } catch (const sim::DateError& e) {
    throw t.error(r, "date", e.what());
  }
  return text;
}

// date, then the given columns of daily.csv.
Rows daily_rows(const CsvTable& daily, const std::vector<std::string_view>& columns) {
  Rows rows;
  for (std::size_t r = 0; r < daily.rows(); ++r) {
    rows.push_back({checked_date(daily, r)});
    for (const std::string_view c : columns) rows.back().push_back(num(daily.number(r, c)));
  }
  return rows;
}

std::string time_axis(const CsvTable& daily) {
  const std::string first = daily.text(0, "date").substr(0, 4);
  const std::string last = daily.text(daily.rows() - 1, "date").substr(0, 4);
  // Month names would be English: Vietnamese writes day/month.
  const char* format = text::current_language() == text::Language::vi ? "%d/%m" : "%d %b";
  return "set xdata time\nset timefmt '%Y-%m-%d'\nset format x '" + std::string(format) + "'\nset xlabel " +
         gp_quote(text::say(text::Msg::chart_date_axis, {{"years", first == last ? first : first + "–" + last}})) + "\n" +
         "set offsets 0, graph 0.04, graph 0.05, graph 0.05\n";
}

std::string deadline_marker(const std::string& date, int id) {
  const std::string n = std::to_string(id), at = gp_quote(date);
  return "set arrow " + n + " from " + at + ", graph 0 to " + at +
         ", graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'\n" + "set label " + n + " " +
         gp_quote(text::say(text::Msg::chart_deadline, {{"date", text::localised_date(date, text::current_language())}})) +
         " at " + at +
         ", graph 0.04 right offset -0.5,0 tc rgb '#555555'\n";
}

std::string target_line(double target, const std::string& color) {
  return num(target) + " with lines dt 2 lw 2 lc rgb '" + color + "' title " +
         gp_quote(text::say(text::Msg::chart_target, {{"n", text::localised_number(num(target), text::current_language())}}));
}

// A share as the chart's language writes percentages.
std::string chart_percent(double share) { return text::percent(share, text::current_language()); }

std::string replications_text(const RunFolder& run) {
  return text::say(text::Msg::chart_replications,
                   {{"n", text::localised_number(num(run.summary_number("replications")), text::current_language())}});
}

// ---------------------------------------------------------------- histograms

// Bins of `width` whole numbers starting at anchor + k·width; a bar per value when width is 1.
struct Bin {
  long long low = 0;  // first value of the bin
  long long count = 0;
};

long long bin_width(long long lo, long long hi) {
  const long long values = hi - lo + 1;
  return values <= 60 ? 1 : (values + 39) / 40;  // a bar per value, else about 40 bars
}

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::vector<Bin> bin_counts(const std::vector<long long>& values, long long anchor, long long width) {
  std::map<long long, long long> counts;
  for (const long long v : values) ++counts[anchor + floor_div(v - anchor, width) * width];
  std::vector<Bin> bins;
  for (const auto& [low, count] : counts) bins.push_back(Bin{low, count});
  return bins;
}

// Box centre, height and width of each bin.
Rows bin_rows(const std::vector<Bin>& bins, long long width) {
  Rows rows;
  for (const Bin& b : bins)
    rows.push_back({num(double(b.low) + double(width - 1) / 2), std::to_string(b.count), num(double(width) * 0.9)});
  return rows;
}

// An x range around [lo, hi] with room for the outer bars and a margin.
std::string x_range(double lo, double hi, long long width) {
  const double pad = std::max(double(width), 0.02 * (hi - lo));
  return "set xrange [" + num(lo - pad) + ":" + num(hi + pad) + "]\n";
}

std::vector<long long> whole_numbers(const CsvTable& t, std::string_view column,
                                     std::string_view filter_column = {}, std::string_view filter = {}) {
  std::vector<long long> values;
  for (std::size_t r = 0; r < t.rows(); ++r)
    if (filter_column.empty() || t.text(r, filter_column) == filter)
      values.push_back(std::llround(t.number(r, column)));
  return values;
}

// ---------------------------------------------------------------- a run's charts

Chart fan_chart(const RunFolder& run) {
  Chart c;
  c.name = "fan";
  c.caption = text::say(text::Msg::chart_fan_caption);
  const CsvTable& d = run.daily;
  const std::string deadline = d.text(d.rows() - 1, "date");
  c.setup = datablock("$daily", daily_rows(d, {"p05", "p25", "p50", "p75", "p95"})) + time_axis(d) +
            deadline_marker(deadline, 1) +
            title({run.scenario(), text::say(text::Msg::chart_fan_title, {{"p", chart_percent(run.summary_number("p_met"))},
                                                                          {"lo", chart_percent(run.summary_number("p_met_lo"))},
                                                                          {"hi", chart_percent(run.summary_number("p_met_hi"))},
                                                                          {"replications", replications_text(run)}})}) +
            "set ylabel " + gp_quote(text::say(text::Msg::chart_members_axis)) + "\nset key below height 1\nset grid ytics\n"
            "set style fill solid 1 noborder\n";
  c.plot = "plot $daily using 1:2:6 with filledcurves fc rgb '#c6dbef' title " + gp_quote(text::say(text::Msg::chart_band_90)) +
           ", \\\n     $daily using 1:3:5 with filledcurves fc rgb '#6baed6' title " + gp_quote(text::say(text::Msg::chart_band_50)) +
           ", \\\n     $daily using 1:4 with lines lw 2 lc rgb '#08306b' title " + gp_quote(text::say(text::Msg::chart_median)) +
           ", \\\n     " + target_line(run.summary_number("target"), "#d62728");
  return c;
}

Chart final_chart(const RunFolder& run) {
  Chart c;
  c.name = "final";
  c.caption = text::say(text::Msg::chart_final_caption);
  const auto finals = whole_numbers(run.replications, "final");
  const long long target = std::llround(run.summary_number("target"));
  const auto [lo, hi] = std::minmax_element(finals.begin(), finals.end());
  const long long width = bin_width(*lo, *hi);
  std::vector<Bin> missed, met;
  for (const Bin& b : bin_counts(finals, target, width)) (b.low >= target ? met : missed).push_back(b);
  const auto total = [](const std::vector<Bin>& bins) {
    long long n = 0;
    for (const Bin& b : bins) n += b.count;
    return n;
  };
  const long long n_met = total(met), n = static_cast<long long>(finals.size());
  const double edge = double(target) - 0.5;
  c.setup = datablock("$missed", bin_rows(missed, width)) + datablock("$met", bin_rows(met, width)) +
            title({run.scenario(), text::say(text::Msg::chart_final_title, {{"replications", replications_text(run)},
                                                                            {"p", chart_percent(double(n_met) / double(n))}})}) +
            "set xlabel " + gp_quote(width == 1 ? text::say(text::Msg::chart_final_axis)
                                                : text::say(text::Msg::chart_final_axis_bins, {{"width", std::to_string(width)}})) +
            "\nset ylabel " + gp_quote(text::say(text::Msg::chart_replications_axis)) + "\nset yrange [0:*]\nset key below height 1\nset grid ytics\n"
            "set style fill solid 0.85 noborder\n" +
            x_range(std::min(double(*lo), edge), std::max(double(*hi), edge), width) +
            "set arrow 1 from " + num(edge) + ", graph 0 to " + num(edge) +
            ", graph 1 nohead dt 2 lw 2 lc rgb '#d62728'\n";
  std::vector<std::string> series;
  if (!missed.empty())
    series.push_back("$missed using 1:2:3 with boxes lc rgb '#fd8d3c' title " +
                     gp_quote(text::say(text::Msg::chart_missed, {{"k", std::to_string(n - n_met)}, {"n", std::to_string(n)}})));
  if (!met.empty())
    series.push_back("$met using 1:2:3 with boxes lc rgb '#3182bd' title " +
                     gp_quote(text::say(text::Msg::chart_met, {{"k", std::to_string(n_met)}, {"n", std::to_string(n)}})));
  series.push_back("keyentry with lines dt 2 lw 2 lc rgb '#d62728' title " +
                   gp_quote(text::say(text::Msg::chart_target, {{"n", text::localised_number(std::to_string(target), text::current_language())}})));
  c.plot = "plot ";
  for (std::size_t i = 0; i < series.size(); ++i) c.plot += (i ? ", \\\n     " : "") + series[i];
  return c;
}

Chart channels_chart(const RunFolder& run) {
  Chart c;
  c.name = "attribution";
  c.caption = text::say(text::Msg::chart_channels_caption);
  Rows rows;
  double total = 0;
  for (const NamedTotal& t : run.totals_by("channel")) {
    rows.push_back({gp_field(spaced_name(t.name)), num(t.members)});
    total += t.members;
  }
  c.setup = datablock("$channels", rows) +
            title({run.scenario(), text::say(text::Msg::chart_channels_title,
                                             {{"replications", replications_text(run)},
                                              {"total", text::localised_number(sim::format_decimal(total, 1), text::current_language())}})}) +
            "set ylabel " + gp_quote(text::say(text::Msg::chart_mean_members_axis)) + "\nset yrange [0:*]\nset offsets 0.5, 0.5, graph 0.1, 0\n"
            "set boxwidth 0.6\nset style fill solid 0.85 noborder\nset grid ytics\nset xtics nomirror scale 0\n";
  c.plot = "plot $channels using 0:2:xtic(1) with boxes lc rgb '#3182bd' notitle, \\\n"
           "     $channels using 0:2:(sprintf('%.1f', $2)) with labels offset 0,0.8 notitle";
  return c;
}

Chart communes_chart(const RunFolder& run) {
  Chart c;
  c.name = "communes";
  c.caption = text::say(text::Msg::chart_communes_caption);
  auto totals = run.totals_by("commune");
  std::stable_sort(totals.begin(), totals.end(),
                   [](const NamedTotal& a, const NamedTotal& b) { return a.members < b.members; });
  Rows rows;  // the largest at the top
  for (std::size_t i = 0; i < totals.size(); ++i)
    rows.push_back({std::to_string(i + 1), gp_field(totals[i].name), num(totals[i].members)});
  c.height = std::max(360, 110 + 24 * static_cast<int>(totals.size()));
  c.setup = datablock("$communes", rows) +
            title({run.scenario(), text::say(text::Msg::chart_communes_title, {{"replications", replications_text(run)}})}) +
            "set xlabel " + gp_quote(text::say(text::Msg::chart_mean_members_axis)) + "\nset xrange [0:*]\nset offsets 0, graph 0.08, 0, 0\n"
            "set yrange [0.4:" + num(double(totals.size()) + 0.6) + "]\nset ytics scale 0\nset grid xtics\n"
            "set style fill solid 0.85 noborder\n";
  c.plot = "plot $communes using (0):1:(0):3:($1-0.35):($1+0.35):ytic(2) with boxxyerror fc rgb '#3182bd' notitle, \\\n"
           "     $communes using 3:1:(sprintf('%.1f', $3)) with labels left offset 0.5,0 notitle";
  return c;
}

std::vector<Chart> run_charts(const RunFolder& run) {
  return {fan_chart(run), final_chart(run), channels_chart(run), communes_chart(run)};
}

// ---------------------------------------------------------------- a comparison's charts

Chart fans_chart(const ComparisonFolder& c) {
  Chart chart;
  chart.name = "fans";
  chart.caption = "Every plan's median and 90 % band of the cumulative count; targets and deadlines dashed.";
  std::string plot, data;
  std::set<double> targets;
  std::set<std::string> deadlines;
  for (std::size_t i = 0; i < c.plans.size(); ++i) {
    const RunFolder& p = c.plans[i];
    const std::string block = "$plan" + std::to_string(i), name = gp_quote(c.names[i] + ": 90 % band");
    data += datablock(block, daily_rows(p.daily, {"p05", "p50", "p95"}));
    plot += (i ? ", \\\n     " : "plot ") + block + " using 1:2:4 with filledcurves fc rgb '" + colour(i) +
            "' fs transparent solid 0.18 noborder title " + name + ", \\\n     " + block +
            " using 1:3 with lines lw 2 lc rgb '" + colour(i) + "' title " + gp_quote(c.names[i] + ": median");
    targets.insert(p.summary_number("target"));
    deadlines.insert(p.daily.text(p.daily.rows() - 1, "date"));
  }
  for (const double t : targets) plot += ", \\\n     " + target_line(t, "#000000");
  std::string markers;  // after time_axis(), which makes their dates readable as dates
  int id = 1;
  for (const std::string& d : deadlines) markers += deadline_marker(d, id++);
  chart.setup = data + time_axis(c.plans[0].daily) + markers +
                title({"Plans compared on common random numbers", replications_text(c.plans[0])}) +
                "set ylabel 'members (people)'\nset key below height 1\nset grid ytics\n";
  chart.plot = plot;
  return chart;
}

// The key entry of a plan's difference: its mean with the 95 % interval, from comparison.csv.
std::string difference_label(const ComparisonFolder& c, std::size_t plan) {
  const CsvTable& t = c.comparison;
  std::string label = c.names[plan];
  if (t.has_column("mean_final_diff_lo") && t.has_column("mean_final_diff_hi"))
    label += ": mean " + one_decimal(t.number(plan, "mean_final_diff")) + " (95 % " +
             one_decimal(t.number(plan, "mean_final_diff_lo")) + " to " + one_decimal(t.number(plan, "mean_final_diff_hi")) + ")";
  return label;
}

std::optional<Chart> difference_chart(const ComparisonFolder& c) {
  const CsvTable& d = c.differences;
  if (d.rows() == 0 || c.names.size() < 2) return std::nullopt;
  const auto all = whole_numbers(d, "final_diff");
  const auto [min, max] = std::minmax_element(all.begin(), all.end());
  const long long lo = std::min(*min, 0LL), hi = std::max(*max, 0LL);  // zero, no difference, in view
  const long long width = bin_width(lo, hi);
  Chart chart;
  chart.name = "difference";
  chart.caption = "Paired difference in the final count, each plan minus " + c.names[0] +
                  ", replication by replication.";
  std::string plot;
  for (std::size_t i = 1; i < c.names.size(); ++i) {
    const auto values = whole_numbers(d, "final_diff", "plan", c.names[i]);
    if (values.empty()) continue;
    const std::string block = "$diff" + std::to_string(i);
    chart.setup += datablock(block, bin_rows(bin_counts(values, -(width / 2), width), width));
    plot += (plot.empty() ? "plot " : ", \\\n     ") + block + " using 1:2:3 with boxes lc rgb '" + colour(i) +
            "' title " + gp_quote(difference_label(c, i));
  }
  if (plot.empty()) return std::nullopt;
  plot += ", \\\n     keyentry with lines dt 2 lw 1.5 lc rgb '#555555' title 'no difference'";
  chart.setup += title({"Final count, each plan minus " + c.names[0] + " on the same replications",
                        replications_text(c.plans[0])}) +
                 "set xlabel " + gp_quote("difference in the final count (people)" +
                                          (width == 1 ? std::string() : ", bins of " + std::to_string(width))) +
                 "\nset ylabel 'replications'\nset yrange [0:*]\nset key below height 1\nset grid ytics\n"
                 "set style fill transparent solid 0.5 noborder\n" + x_range(double(lo), double(hi), width) +
                 "set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'\n";
  chart.plot = plot;
  return chart;
}

// ---------------------------------------------------------------- drawing folders

std::vector<ReportFigure> draw_charts(const fs::path& gnuplot, PlotStage& stage, const fs::path& rel_dir,
                                      const std::vector<Chart>& charts) {
  std::vector<ReportFigure> figures;
  for (const Chart& c : charts) {
    draw(gnuplot, stage, rel_dir, c);
    figures.push_back(ReportFigure{c.caption, stage.path(rel_dir / (c.name + ".png"))});
  }
  return figures;
}

void draw_run(const fs::path& gnuplot, PlotStage& stage, const fs::path& rel_dir, const RunFolder& run) {
  ReportInput report;
  report.run = &run;
  report.run_figures = draw_charts(gnuplot, stage, rel_dir, run_charts(run));
  stage.write(rel_dir / "report.html", report_html(report));
}

struct Folder {
  std::optional<RunFolder> run;
  std::optional<ComparisonFolder> comparison;
  std::vector<Chart> study;  // a sweep's, sensitivity analysis's or optimization's charts (app/report/study_plots.hpp)
  std::string study_names;
};

Folder read_folder(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw PlotInputError(dir.string() + ": no such folder");
  Folder f;
  if (fs::is_regular_file(dir / "summary.csv")) f.run = read_run_folder(dir);
  if (fs::is_regular_file(dir / "comparison.csv")) f.comparison = read_comparison_folder(dir);
  for (const auto& [file, charts] : {std::pair{"sweep.csv", &sweep_charts}, std::pair{"sensitivity.csv", &sensitivity_charts},
                                       std::pair{"frontier.csv", &frontier_charts}, std::pair{"offices.csv", &office_charts}})
    if (fs::is_regular_file(dir / file))
      for (Chart& c : charts(dir)) {
        f.study_names += (f.study_names.empty() ? "" : ", ") + c.name;
        f.study.push_back(std::move(c));
      }
  if (!f.run && !f.comparison && f.study.empty())
    throw PlotInputError(dir.string() + ": nothing to plot: neither summary.csv (a run's results), comparison.csv "
                                        "(a comparison's), sweep.csv, sensitivity.csv, frontier.csv nor offices.csv");
  return f;
}

// Draws everything of `f` into the stage; returns what was drawn, for the message.
std::string draw_folder(const fs::path& gnuplot, PlotStage& stage, const Folder& f) {
  ReportInput report;
  std::string drawn;
  if (f.run) {
    report.run = &*f.run;
    report.run_figures = draw_charts(gnuplot, stage, "", run_charts(*f.run));
    drawn = "fan, final, attribution, communes";
  }
  if (f.comparison) {
    const ComparisonFolder& c = *f.comparison;
    for (std::size_t i = 0; i < c.plans.size(); ++i) draw_run(gnuplot, stage, fs::path("plans") / c.names[i], c.plans[i]);
    std::vector<Chart> charts{fans_chart(c)};
    if (auto d = difference_chart(c)) charts.push_back(std::move(*d));
    report.comparison = &c;
    report.comparison_figures = draw_charts(gnuplot, stage, "", charts);
    drawn += std::string(drawn.empty() ? "" : ", ") + (charts.size() > 1 ? "fans, difference" : "fans") +
             " (and each plan's charts and report under plans/)";
  }
  if (!f.study.empty()) {
    draw_charts(gnuplot, stage, "", f.study);
    drawn += (drawn.empty() ? "" : ", ") + f.study_names;
  }
  if (f.run || f.comparison) stage.write("report.html", report_html(report));
  return drawn;
}

}  // namespace

int plot_folder(const fs::path& dir) {
  if (!sim::is_root()) return exit_ok;  // rank 0 draws the folder it wrote
  try {
    const Folder folder = read_folder(dir);
    PlotStage stage(dir);  // refuses a folder outreach did not write, gnuplot or not
    const std::optional<fs::path> gnuplot = find_on_path("gnuplot");
    if (!gnuplot) {
      std::cerr << "outreach plot: gnuplot not found on PATH; install it (Debian: apt-get install gnuplot-nox, "
                   "which scripts/setup.sh does)\n";
      return exit_failure;
    }
    const std::string drawn = draw_folder(*gnuplot, stage, folder);
    stage.commit();
    std::cout << "charts " << drawn << " (.png, .svg, .gp)" << (folder.run || folder.comparison ? " and report.html" : "")
              << " in " << dir.string() << "/\n";
    return exit_ok;
  } catch (const sim::InputError&) {
    throw;  // bad input: main() says so and exits with status 2
  } catch (const sim::Cancelled&) {
    throw;  // Ctrl-C: main() says so and exits with 128 + the signal
  } catch (const std::exception& e) {
    std::cerr << "outreach plot: " << e.what() << "\n";
    return exit_failure;
  }
}

bool draw_chart_file(const fs::path& folder, const std::string& name, const std::string& setup,
                     const std::string& plot) {
  if (!sim::is_root()) return true;  // another MPI rank's scratch folder, discarded
  Chart c;
  c.name = name;
  c.setup = setup;
  c.plot = plot;
  sim::write_new_file(folder / (name + ".gp"), script_text(c));
  const std::optional<fs::path> gnuplot = find_on_path("gnuplot");
  if (!gnuplot) return false;
  const fs::path log = fs::absolute(folder) / ("." + name + ".log");
  const int status = run_in_folder(*gnuplot, fs::absolute(folder), name + ".gp", log);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw GnuplotError("gnuplot failed on " + name + ".gp:\n" + read_bytes(log));
  require_output(folder / (name + ".png"), "\x89PNG\r\n\x1a\n");
  require_output(folder / (name + ".svg"), "<?xml");
  std::error_code ec;
  fs::remove(log, ec);
  return true;
}

}  // namespace app
