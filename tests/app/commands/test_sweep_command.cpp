#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario/input_caps.hpp"
#include "sim/io/csv_reader.hpp"
#include "studies/sweep/sweep.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/sessions_scenario.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/variant_finals.hpp"

using namespace model;
namespace fs = std::filesystem;
using test_support::read_file;
using test_support::run_outreach;
using test_support::TempDir;

namespace {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::vector<std::vector<std::string>> csv_rows(const fs::path& p) {
  sim::CsvReader csv = sim::CsvReader::open(p, model::input_caps::results_table);
  std::vector<std::vector<std::string>> rows{csv.read_header()};
  std::vector<std::string> fields;
  while (csv.next(fields)) rows.push_back(fields);
  return rows;
}

}  // namespace

TEST_CASE("sweep: the same sweep.csv with 1 and 2 threads, one row per grid point") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  // Attendance drawn per replication, so the points also share the parameters' draws.
  const std::string args = "sweep " + quoted(scenario) +
                           " --vary sessions.conversion=0.03:0.09:0.03 --vary scenario.target=30:40:10 -n 24 -q "
                           "--set 'sessions.attendance={ gamma = { mean = 120, sd = 30 } }' --out ";
  const auto one = run_outreach(args + quoted((dir.path / "one").string()) + " -t 1", dir.path / "run1");
  REQUIRE(one.status == 0);
  const auto two = run_outreach(args + quoted((dir.path / "two").string()) + " -t 2", dir.path / "run2");
  REQUIRE(two.status == 0);
  const std::string a = read_file(dir.path / "one/sweep.csv");
  REQUIRE(a == read_file(dir.path / "two/sweep.csv"));
  const auto rows = csv_rows(dir.path / "one/sweep.csv");
  REQUIRE(rows.size() == 1 + 3 * 2);
  CHECK(rows[0][0] == "point");
  CHECK(rows[0][1] == "sessions.conversion");
  CHECK(rows[0][2] == "scenario.target");
  CHECK(rows[0][3] == "replications");
  CHECK(rows[2][1] == "0.03");
  CHECK(rows[2][2] == "40");
  CHECK(rows[2][3] == "24");
  const std::string manifest = read_file(dir.path / "one/manifest.json");
  CHECK_THAT(manifest, Catch::Contains("\"design\": \"grid\"") && Catch::Contains("\"seed\": 7") &&
                           Catch::Contains("\"points\": 6") && Catch::Contains("\"outreach_version\""));
  // A lower target on the same replications is met at least as often.
  for (std::size_t r = 1; r < rows.size(); r += 2) CHECK(std::stod(rows[r][5]) >= std::stod(rows[r + 1][5]));
}

TEST_CASE("sweep: the final count rises with the sessions' conversion on common random numbers") {
  // With sessions alone, an attendee who joins at one conversion rate joins at any higher one
  // (the same uniform draw decides), so every replication's final count is non-decreasing in
  // the rate, and the means strictly increasing once each step adds sign-ups somewhere.
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  const SweepDesign design = grid_design({parse_vary("sessions.conversion=0.02:0.1:0.04", true)}, 100);
  const VariantSet points(scenario, {}, design.overrides(), "sweep point");
  for (const auto& [rep, f] : test_support::variant_finals(points, 20, 2)) {
    REQUIRE(f.size() == 3);
    CHECK(f[0] <= f[1]);
    CHECK(f[1] <= f[2]);
  }
  sim::RunnerOptions two_threads;
  two_threads.threads = 2;
  sim::ResumableWork work(two_threads);
  const auto summaries = run_sweep(points, 20, work);
  REQUIRE(summaries.size() == 3);
  CHECK(summaries[0].final_stats.mean() < summaries[1].final_stats.mean());
  CHECK(summaries[1].final_stats.mean() < summaries[2].final_stats.mean());
  CHECK(summaries[0].p_met() <= summaries[2].p_met());
}

TEST_CASE("sweep: a Sobol design writes its points, and `outreach plot` draws p_met") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  const fs::path out = dir.path / "sobol";
  const auto r = run_outreach("sweep " + quoted(scenario) +
                                  " --design sobol --points 8 --vary sessions.conversion=0.02:0.1 "
                                  "--vary scenario.target=20:40 -n 4 -q --plot --out " + quoted(out.string()),
                              dir.path / "run");
  REQUIRE(r.status == 0);
  const auto rows = csv_rows(out / "sweep.csv");
  REQUIRE(rows.size() == 9);
  CHECK(rows[1][1] == "0.02");  // the origin: LO of every key
  CHECK(rows[1][2] == "20");    // scenario.target is a whole number
  CHECK(fs::is_regular_file(out / "p_met.png"));
  CHECK(fs::is_regular_file(out / "p_met.svg"));
  CHECK_THAT(read_file(out / "p_met.gp"), Catch::Contains("lc palette"));  // two keys: coloured points
  CHECK_THAT(read_file(out / "manifest.json"), Catch::Contains("\"design\": \"sobol\""));
}

TEST_CASE("sweep: bad keys, non-whole steps and huge grids exit 2 and write nothing") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  const fs::path out = dir.path / "out";
  const auto run = [&](const std::string& vary) {
    return run_outreach("sweep " + quoted(scenario) + " " + vary + " -n 2 -q --out " + quoted(out.string()),
                        dir.path / "run");
  };
  auto r = run("--vary sessions.conversoin=0.02:0.1:0.02");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("sessions.conversoin") && Catch::Contains("conversion"));
  r = run("--vary door_to_door.staff=1:5:0.5");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("door_to_door.staff takes whole numbers"));
  r = run("--vary sessions.conversion=0:1:0.0001 --vary scenario.target=1:10:1");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("100010 points") && Catch::Contains("--max-points"));
  r = run("--vary sessions.conversion=0.1:0.02:0.02");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("LO <= HI"));
  r = run("--vary sessions.conversion=0.02:1.5:0.5");  // 1.02 and 1.52 are not probabilities
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("sweep point 3 (sessions.conversion=1.02)"));
  r = run("--design sobol --vary sessions.conversion=0.02:0.1");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("--points"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("sensitivity: a strong parameter ranks above an irrelevant one") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  const fs::path out = dir.path / "sens";
  // The conversion drives the final count; the cost per session cannot touch it but sets the
  // cost exactly (four sessions, nothing else costs).
  const auto r = run_outreach(
      "sensitivity " + quoted(scenario) +
          " --set 'sessions.conversion={ beta = { mean = 0.06, sd = 0.03 } }'"
          " --set 'sessions.cost_per_session={ uniform = [500000, 2000000] }' -n 150 -q --plot --out " +
          quoted(out.string()),
      dir.path / "run");
  REQUIRE(r.status == 0);
  const auto rows = csv_rows(out / "sensitivity.csv");
  REQUIRE(rows.size() == 5);
  REQUIRE(rows[0] == std::vector<std::string>{"parameter", "output", "prcc", "lo", "hi", "variance_share"});
  // Rows: final for each parameter, then cost for each.
  CHECK(rows[1][0] == "sessions.conversion");
  CHECK(rows[1][1] == "final");
  CHECK(std::stod(rows[1][2]) > 0.8);
  CHECK(std::stod(rows[1][5]) > 0.5);
  CHECK(rows[2][0] == "sessions.cost_per_session");
  CHECK(std::stod(rows[2][3]) < 0);  // the interval covers 0
  CHECK(std::stod(rows[2][4]) > 0);
  CHECK(std::stod(rows[2][5]) < std::stod(rows[1][5]));
  CHECK(std::stod(rows[4][2]) > 0.99);  // cost is 4 x cost_per_session
  CHECK_THAT(r.out, Catch::Contains("Measure sessions.conversion first"));
  CHECK(fs::is_regular_file(out / "tornado.png"));
  CHECK(fs::is_regular_file(out / "samples.csv"));
  // What must be true: two rows a parameter (50 % and the confidence), and the sentence said.
  const auto thresholds = csv_rows(out / "thresholds.csv");
  REQUIRE(thresholds.size() == 5);
  CHECK(thresholds[0][0] == "parameter");
  CHECK(thresholds[1][0] == "sessions.conversion");
  CHECK(thresholds[1][1] == "0.5");
  CHECK(thresholds[2][1] == "0.9");
  CHECK(thresholds[3][0] == "sessions.cost_per_session");
  CHECK_THAT(r.out, Catch::Contains("The target was") || Catch::Contains("The plan is more likely to miss") ||
                        Catch::Contains("No single uncertain parameter"));
}

TEST_CASE("sensitivity: --confidence sets the second threshold, and a value outside 0 < c <= 1 is refused") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  const std::string uncertain = " --set 'sessions.conversion={ beta = { mean = 0.06, sd = 0.03 } }' -n 60 -q";
  const fs::path out = dir.path / "sens";
  auto r = run_outreach("sensitivity " + quoted(scenario) + uncertain + " --confidence 0.75 --out " +
                            quoted(out.string()),
                        dir.path / "run");
  REQUIRE(r.status == 0);
  CHECK(csv_rows(out / "thresholds.csv")[2][1] == "0.75");
  CHECK_THAT(read_file(out / "manifest.json"), Catch::Contains("\"threshold_confidence\": 0.75"));
  r = run_outreach("sensitivity " + quoted(scenario) + uncertain + " --confidence 1.5 --out " +
                       quoted((dir.path / "bad").string()),
                   dir.path / "run");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("--confidence"));
  CHECK_FALSE(fs::exists(dir.path / "bad"));
}

TEST_CASE("sensitivity: no uncertain parameter, or too few replications, exit 2 and write nothing") {
  TempDir dir;
  const std::string scenario = test_support::sessions_scenario(dir);
  auto e = run_outreach("sensitivity " + quoted(scenario) + " -q --out " + quoted((dir.path / "none").string()),
                        dir.path / "run");
  CHECK(e.status == 2);
  CHECK_THAT(e.err, Catch::Contains("no uncertain parameters"));
  e = run_outreach("sensitivity " + quoted(scenario) +
                       " --set 'sessions.conversion={ beta = { mean = 0.06, sd = 0.03 } }' -n 10 -q --out " +
                       quoted((dir.path / "few").string()),
                   dir.path / "run");
  CHECK(e.status == 2);
  CHECK_THAT(e.err, Catch::Contains("too few"));
  CHECK_FALSE(fs::exists(dir.path / "none"));
  CHECK_FALSE(fs::exists(dir.path / "few"));
}
