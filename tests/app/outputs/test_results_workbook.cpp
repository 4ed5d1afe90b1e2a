// results.xlsx, read back with the standard library's zip and XML readers
// (tests/app/outputs/xlsx_probe.py): its sheets, typed cells, the Daily chart and its bytes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "sim/io/csv_reader.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

std::string probe(const fs::path& workbook, const std::string& cells, const fs::path& scratch) {
  const fs::path out = scratch / "probe.txt";
  const std::string cmd = "python3 '" + (test_support::repo_root() / "tests/app/outputs/xlsx_probe.py").string() +
                          "' '" + workbook.string() + "' " + cells + " >'" + out.string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  INFO(read_file(out));
  REQUIRE(rc == 0);
  return read_file(out);
}

// The value of `column` in the one data row of a CSV written by outreach (names may hold commas).
std::string csv_value(const std::string& csv, const std::string& column) {
  std::istringstream in(csv);
  sim::CsvReader r(in, "summary.csv");
  r.read_header();
  std::vector<std::string> row;
  REQUIRE(r.next(row));
  return row[r.column(column)];
}

}  // namespace

TEST_CASE("outreach run writes results.xlsx with its sheets and typed cells and the fan chart") {
  Scratch tmp;
  const fs::path out = tmp.path / "run";
  const auto r = run_outreach("run scenarios/chi_lang_2018_plan.toml -n 40 --quiet --out '" + out.string() + "'", tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string facts = probe(out / "results.xlsx", "Summary!B7 Summary!B3 Daily!A2 Daily!E2 Plan!A3", tmp.path);
  INFO(facts);
  CHECK(facts.find("sheets: Summary,Plan,Daily,Channels,Communes,Costs\n") != std::string::npos);
  // P(target met) as a number with a percent format, equal to summary.csv's p_met.
  const double p_met = std::stod(csv_value(read_file(out / "summary.csv"), "p_met"));
  const std::string tag = "cell Summary!B7: n ";
  const std::size_t at = facts.find(tag);
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(facts.substr(at + tag.size())) == Approx(p_met).margin(1e-12));
  CHECK(facts.find("0.0%", at) == facts.find('\n', at) - 4);
  // Dates are numbers with a date format: the start 2018-09-05 is Excel serial 43348.
  CHECK(facts.find("cell Summary!B3: n 43348 yyyy-mm-dd\n") != std::string::npos);
  CHECK(facts.find("cell Daily!A2: n 43349 yyyy-mm-dd\n") != std::string::npos);
  CHECK(facts.find("cell Daily!E2: n ") != std::string::npos);  // the median, a number
  CHECK(facts.find("cell Plan!A3: n ") != std::string::npos);   // the first session's date
  CHECK(facts.find("chart: yes\n") != std::string::npos);
  // The CSVs stay as R and pandas read them: UTF-8 without a byte-order mark.
  CHECK(read_file(out / "summary.csv").rfind("scenario,", 0) == 0);
}

TEST_CASE("results.xlsx is byte-identical for 1 and 2 threads") {
  Scratch tmp;
  const std::string common = "run scenarios/chi_lang_2018_baseline.toml -n 30 --quiet ";
  const auto one = run_outreach(common + "--threads 1 --out '" + (tmp.path / "t1").string() + "'", tmp.path);
  const auto two = run_outreach(common + "--threads 2 --out '" + (tmp.path / "t2").string() + "'", tmp.path);
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  const std::string a = read_file(tmp.path / "t1" / "results.xlsx");
  REQUIRE(a.size() > 1000);
  CHECK(a == read_file(tmp.path / "t2" / "results.xlsx"));
  // No leftover of the workbook's scratch file.
  CHECK_FALSE(fs::exists(tmp.path / "t1" / ".results-workbook.tmp"));
}
