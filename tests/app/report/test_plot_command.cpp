// outreach plot DIR, run as a user runs it: charts drawn by the real gnuplot (a declared
// dependency: these tests fail, not skip, without it), report.html, exit statuses.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/scenario/input_caps.hpp"
#include "sim/io/csv_reader.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// A run of the 2018 plan into `dir`, required to succeed.
void run_plan(const fs::path& dir, const fs::path& scratch) {
  const auto r = run_outreach("run scenarios/chi_lang_2018_plan.toml -n 50 --quiet --out " + quoted(dir), scratch);
  INFO(r.err);
  REQUIRE(r.status == 0);
}

// An empty folder `dir` carrying outreach's marker, as a results folder does (plot draws only
// into one): a run's folder emptied but for its marker, for tests that write the CSVs by hand.
void mark_as_results(const fs::path& dir, const fs::path& scratch) {
  const auto r = run_outreach("run scenarios/examples/minimal.toml -n 1 --events 0 --quiet --out " + quoted(dir), scratch);
  REQUIRE(r.status == 0);
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != ".outreach-output") fs::remove_all(e.path());
}

// outreach with PATH set to `path`, for runs without gnuplot or with a stand-in.
test_support::CommandResult run_with_path(const std::string& path, const std::string& args, const fs::path& scratch) {
  const auto out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  const std::string cmd = "PATH=" + path + " '" + std::string(OUTREACH_BINARY) + "' " + args + " >" + quoted(out) +
                          " 2>" + quoted(err);
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(out), read_file(err)};
}

// The row of a CSV file whose `key` column holds `value`, as column name -> field.
std::vector<std::pair<std::string, std::string>> csv_row(const fs::path& file, const std::string& key,
                                                         const std::string& value) {
  sim::CsvReader csv = sim::CsvReader::open(file, model::input_caps::results_table);
  const auto header = csv.read_header();
  std::vector<std::string> fields;
  while (csv.next(fields)) {
    if (fields[csv.column(key)] != value) continue;
    std::vector<std::pair<std::string, std::string>> row;
    for (std::size_t i = 0; i < header.size(); ++i) row.emplace_back(header[i], fields[i]);
    return row;
  }
  FAIL("no row with " << key << " = " << value << " in " << file);
  return {};
}

std::string field(const std::vector<std::pair<std::string, std::string>>& row, const std::string& name) {
  for (const auto& [k, v] : row)
    if (k == name) return v;
  FAIL("no column " << name);
  return {};
}

// The fields of the data line of a gnuplot script that starts with `first` and a tab.
std::vector<std::string> data_line(const std::string& script, const std::string& first) {
  std::istringstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(first + "\t", 0) != 0) continue;
    std::vector<std::string> fields;
    std::istringstream fs_(line);
    for (std::string f; std::getline(fs_, f, '\t');) fields.push_back(f);
    return fields;
  }
  FAIL("no data line for " << first);
  return {};
}

bool is_png(const fs::path& p) {
  const std::string bytes = read_file(p);
  return bytes.size() > 1000 && bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0;
}

bool is_svg(const fs::path& p) {
  const std::string text = read_file(p);
  return text.find("<svg") != std::string::npos && text.find("</svg>") != std::string::npos;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100 * share);
  return buf;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("gnuplot, which outreach plot runs, is installed as scripts/setup.sh promises") {
  INFO("install the Debian package gnuplot-nox (bash scripts/setup.sh)");
  REQUIRE(std::system("gnuplot --version >/dev/null 2>&1") == 0);
}

TEST_CASE("outreach plot draws a run's charts as PNG and SVG from the run's own numbers") {
  Scratch tmp;
  const fs::path dir = tmp.path / "run";
  run_plan(dir, tmp.path);
  const auto r = run_outreach("plot " + quoted(dir), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  for (const char* chart : {"fan", "final", "attribution", "communes"}) {
    INFO(chart);
    CHECK(is_png(dir / (std::string(chart) + ".png")));
    CHECK(is_svg(dir / (std::string(chart) + ".svg")));
    CHECK(fs::is_regular_file(dir / (std::string(chart) + ".gp")));
  }
  // The fan chart's data is daily.csv's: the quantiles of 15 October, in order.
  const auto day = csv_row(dir / "daily.csv", "date", "2018-10-15");
  const auto fan = data_line(read_file(dir / "fan.gp"), "2018-10-15");
  REQUIRE(fan.size() == 6);
  CHECK(std::stod(fan[1]) == std::stod(field(day, "p05")));
  CHECK(std::stod(fan[3]) == std::stod(field(day, "p50")));
  CHECK(std::stod(fan[5]) == std::stod(field(day, "p95")));
  // Titles and commune names come out as UTF-8, diacritics intact.
  const std::string fan_svg = read_file(dir / "fan.svg");
  CHECK(fan_svg.find("Chi Lăng 2018, the article's plan") != std::string::npos);
  CHECK(fan_svg.find("deadline 2018-12-31") != std::string::npos);
  CHECK(read_file(dir / "communes.svg").find("Thị trấn Đồng Mỏ") != std::string::npos);
  CHECK(read_file(dir / "final.svg").find("target 232") != std::string::npos);
  // Nothing of the staging is left behind.
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().rfind(".plot-partial", 0) != 0);
}

TEST_CASE("outreach plot writes a self-contained report with the answer, the tables and the provenance") {
  Scratch tmp;
  const fs::path dir = tmp.path / "run";
  run_plan(dir, tmp.path);
  REQUIRE(run_outreach("plot " + quoted(dir), tmp.path).status == 0);
  const std::string report = read_file(dir / "report.html");
  const auto summary = csv_row(dir / "summary.csv", "replications", "50");
  CHECK(report.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(report.find("P(target met): <strong>" + percent(std::stod(field(summary, "p_met"))) + "</strong>") !=
        std::string::npos);
  char median[32];
  std::snprintf(median, sizeof median, "%g", std::stod(field(summary, "p50")));
  CHECK(report.find(std::string("median <strong>") + median + "</strong>") != std::string::npos);
  CHECK(report.find("Thị trấn Đồng Mỏ") != std::string::npos);
  CHECK(report.find("Chi Lăng 2018, the article&#39;s plan") != std::string::npos);  // escaped, not mangled
  CHECK(report.find("door to door") != std::string::npos);                          // funnel and communes tables
  CHECK(report.find("staff_days") != std::string::npos);                            // costs table
  const std::string manifest = read_file(dir / "manifest.json");
  const auto sha_at = manifest.find("\"scenario_sha256\": \"") + 20;
  CHECK(report.find(manifest.substr(sha_at, 64)) != std::string::npos);
  CHECK(report.find("libraries.random") != std::string::npos);
  // Four charts inlined; nothing fetched from elsewhere, no scripts.
  CHECK(count(report, "<img src=\"data:image/png;base64,iVBORw0KGgo") == 4);
  CHECK(count(report, "<img ") == 4);
  CHECK(report.find("<script") == std::string::npos);
  CHECK(report.find("src=\"http") == std::string::npos);
}

TEST_CASE("outreach plot of a folder without summary.csv, or of no folder, exits 2 and says why") {
  Scratch tmp;
  fs::create_directories(tmp.path / "empty");
  const auto empty = run_outreach("plot " + quoted(tmp.path / "empty"), tmp.path);
  CHECK(empty.status == 2);
  CHECK(empty.err.find("summary.csv") != std::string::npos);
  CHECK(fs::is_empty(tmp.path / "empty"));
  const auto missing = run_outreach("plot " + quoted(tmp.path / "missing"), tmp.path);
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no such folder") != std::string::npos);
  CHECK(run_outreach("plot", tmp.path).status == 2);
  const auto help = run_outreach("plot --help", tmp.path);
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: outreach plot DIR") != std::string::npos);
}

TEST_CASE("outreach plot of a run folder with a malformed CSV exits 2 naming the file and line") {
  Scratch tmp;
  const fs::path dir = tmp.path / "run";
  run_plan(dir, tmp.path);
  std::string daily = read_file(dir / "daily.csv");
  const auto p05 = daily.find(',', daily.find("2018-09-07,") + 11) + 1;  // after date and mean
  daily[p05] = 'x';
  std::ofstream(dir / "daily.csv", std::ios::binary) << daily;
  const auto r = run_outreach("plot " + quoted(dir), tmp.path);
  CHECK(r.status == 2);
  CHECK(r.err.find("daily.csv:3: column 'p05': expected a number") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "fan.png"));
}

TEST_CASE("outreach plot without gnuplot on PATH exits 1 with a clear message") {
  Scratch tmp;
  const fs::path dir = tmp.path / "run";
  run_plan(dir, tmp.path);
  const auto r = run_with_path(quoted(tmp.path / "no-such-bin"), "plot " + quoted(dir), tmp.path);
  CHECK(r.status == 1);
  CHECK(r.err.find("gnuplot not found") != std::string::npos);
  CHECK(r.err.find("gnuplot-nox") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "report.html"));
}

TEST_CASE("A gnuplot failure leaves the folder's earlier charts whole and no half-written file") {
  Scratch tmp;
  const fs::path dir = tmp.path / "run";
  run_plan(dir, tmp.path);
  REQUIRE(run_outreach("plot " + quoted(dir), tmp.path).status == 0);
  const std::string fan = read_file(dir / "fan.png"), report = read_file(dir / "report.html");
  // A stand-in that writes half a chart and fails.
  const fs::path bin = tmp.path / "bin";
  fs::create_directories(bin);
  std::ofstream(bin / "gnuplot") << "#!/bin/sh\nprintf 'half' > fan.png\necho 'stand-in gnuplot fails' >&2\nexit 1\n";
  fs::permissions(bin / "gnuplot", fs::perms::owner_all);
  const auto r = run_with_path(quoted(bin) + ":/usr/bin:/bin", "plot " + quoted(dir), tmp.path);
  CHECK(r.status == 1);
  CHECK(r.err.find("stand-in gnuplot fails") != std::string::npos);
  CHECK(read_file(dir / "fan.png") == fan);
  CHECK(read_file(dir / "report.html") == report);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().rfind(".plot-partial", 0) != 0);
}

TEST_CASE("outreach plot of a comparison draws every plan, the overlaid fans and the paired differences") {
  Scratch tmp;
  const fs::path dir = tmp.path / "cmp";
  const auto c = run_outreach("compare scenarios/chi_lang_2018_baseline.toml scenarios/chi_lang_2018_plan.toml "
                              "-n 30 --quiet --out " + quoted(dir), tmp.path);
  INFO(c.err);
  REQUIRE(c.status == 0);
  const auto r = run_outreach("plot " + quoted(dir), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* chart : {"fans", "difference"}) {
    INFO(chart);
    CHECK(is_png(dir / (std::string(chart) + ".png")));
    CHECK(is_svg(dir / (std::string(chart) + ".svg")));
  }
  for (const char* plan : {"chi_lang_2018_baseline", "chi_lang_2018_plan"}) {
    INFO(plan);
    CHECK(is_png(dir / "plans" / plan / "fan.png"));
    CHECK(fs::is_regular_file(dir / "plans" / plan / "report.html"));
  }
  // The difference chart counts each plan's paired differences: 30 replications.
  std::istringstream diff(read_file(dir / "difference.gp"));
  long long replications = 0;
  bool in_block = false;
  for (std::string line; std::getline(diff, line);) {
    if (line.rfind("$diff1 << EOD", 0) == 0) in_block = true;
    else if (line == "EOD") in_block = false;
    else if (in_block) replications += std::stoll(line.substr(line.find('\t') + 1));
  }
  CHECK(replications == 30);
  const std::string report = read_file(dir / "report.html");
  CHECK(report.find("Each plan against chi_lang_2018_baseline") != std::string::npos);
  CHECK(report.find("plans/chi_lang_2018_plan/report.html") != std::string::npos);
  CHECK(count(report, "<img src=\"data:image/png;base64,") == 2);
}

TEST_CASE("run --plot draws the charts and the report into the run's folder") {
  Scratch tmp;
  const auto r = run_outreach("run scenarios/chi_lang_2018_baseline.toml -n 20 --quiet --plot --out '" +
                                  (tmp.path / "r").string() + "'", tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* f : {"summary.csv", "fan.png", "fan.svg", "final.png", "report.html"})
    CHECK(fs::exists(tmp.path / "r" / f));
}

TEST_CASE("run --plot of a scenario with offices draws each office's P(met) and the total against the goal") {
  Scratch tmp;
  const fs::path dir = tmp.path / "r";
  const auto r = run_outreach("run scenarios/lang_son_2018_province.toml -n 20 --quiet --plot --out " + quoted(dir), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* chart : {"offices", "total"}) {
    INFO(chart);
    CHECK(is_png(dir / (std::string(chart) + ".png")));
    CHECK(is_svg(dir / (std::string(chart) + ".svg")));
  }
  // offices: the 11 offices, the one with the lowest P(met) at the top (y = 11).
  sim::CsvReader csv = sim::CsvReader::open(dir / "offices.csv", model::input_caps::results_table);
  csv.read_header();
  std::vector<std::string> fields;
  double lowest = 2;
  std::size_t offices = 0;
  while (csv.next(fields)) {
    lowest = std::min(lowest, std::stod(fields[csv.column("p_met")]));
    ++offices;
  }
  REQUIRE(offices == 11);
  const std::string script = read_file(dir / "offices.gp");
  CHECK(std::stod(data_line(script, "11")[2]) == Approx(100 * lowest));
  CHECK_NOTHROW(data_line(script, "1"));
  // total: the shares of the replications add up to 100 %, and the goal is the targets' sum.
  const std::string total = read_file(dir / "total.gp");
  double shares = 0;
  std::istringstream in(total.substr(total.find("$total << EOD\n") + 14));
  for (std::string line; std::getline(in, line) && line != "EOD";) shares += std::stod(line.substr(line.find('\t') + 1));
  CHECK(shares == Approx(100));
  CHECK(read_file(dir / "total.svg").find("goal 2443") != std::string::npos);
}

TEST_CASE("outreach plot of more offices than a chart can name shows the 40 most at risk, ties to the larger shortfall") {
  Scratch tmp;
  const fs::path dir = tmp.path / "offices";
  mark_as_results(dir, tmp.path);
  {
    std::ofstream offices(dir / "offices.csv");
    offices << "office,p_met,p_met_lo,p_met_hi,mean_shortfall\n";
    for (int i = 1; i <= 43; ++i) offices << "o" << i << "," << i / 100.0 << ",0,1,0\n";
    offices << "tie-small,0.385,0,1,1\ntie-large,0.385,0,1,9\n";  // 45 offices
    std::ofstream(dir / "aggregate.csv") << "scenario,replications,total_target,p_total_met,p_every_met\nmany,3,100,0.5,0\n";
    std::ofstream(dir / "replications.csv") << "replication,total\n0,90\n1,100\n2,110\n";
  }
  const auto r = run_outreach("plot " + quoted(dir), tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string script = read_file(dir / "offices.gp");
  CHECK(data_line(script, "40")[1] == "\"o1\"");  // the most at risk at the top
  CHECK(data_line(script, "1")[1] == "\"tie-small\"");
  CHECK(data_line(script, "2")[1] == "\"tie-large\"");
  CHECK(data_line(script, "3")[1] == "\"o38\"");
  CHECK(script.find("\"o39\"") == std::string::npos);
  CHECK(script.find("the 40 offices most at risk of 45") != std::string::npos);
}

TEST_CASE("outreach plot of an offices folder with an empty P(met) exits 2 naming the file, line and column") {
  Scratch tmp;
  const fs::path dir = tmp.path / "offices";
  mark_as_results(dir, tmp.path);
  std::ofstream(dir / "offices.csv") << "office,p_met,p_met_lo,p_met_hi,mean_shortfall\na,0.5,0,1,0\nb,,0,1,0\n";
  std::ofstream(dir / "aggregate.csv") << "scenario,replications,total_target,p_total_met,p_every_met\nx,1,1,0,0\n";
  std::ofstream(dir / "replications.csv") << "replication,total\n0,1\n";
  const auto r = run_outreach("plot " + quoted(dir), tmp.path);
  CHECK(r.status == 2);
  CHECK(r.err.find("offices.csv:3: column 'p_met': expected a number, found none") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "offices.png"));
}
