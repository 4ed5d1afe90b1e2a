// Outputs that are safe to open (issue 16, section 5): names that a spreadsheet would evaluate
// reach the CSVs marked with a leading ', numbers stay numbers, and control characters in an
// input never reach the terminal.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

const char* const formula_names = R"toml([scenario]
name = '=HYPERLINK("http://x")'
start = 2018-09-05
end = 2018-10-05
target = 5
[[population.commune]]
name = "-Town"
households = 100
poor_share = 0.2
near_poor_share = 0.1
eligible = 300
urban = true
[walk_in]
per_day = 1
)toml";

}  // namespace

TEST_CASE("Names that start like a formula are written marked, and numbers are not") {
  const test_support::TempDir dir;
  const std::string scenario = dir.write("formula.toml", formula_names);
  const auto r = test_support::run_outreach(
      "run '" + scenario + "' -n 2 --quiet --out '" + (dir.path / "out").string() + "'", dir.path / "console");
  REQUIRE(r.status == 0);
  const std::string summary = test_support::read_file(dir.path / "out" / "summary.csv");
  CHECK(summary.find("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",2,") != std::string::npos);
  const std::string breakdown = test_support::read_file(dir.path / "out" / "breakdown.csv");
  CHECK(breakdown.find("\r\n'-Town,") != std::string::npos);
  CHECK(breakdown.find("\r\n-Town,") == std::string::npos);
}

TEST_CASE("A control character given on the command line is shown escaped in the message") {
  const test_support::TempDir dir;
  const std::string scenario = dir.write("formula.toml", formula_names);
  const auto r = test_support::run_outreach("check '" + scenario + "' --set 'scenario.name=\"a\\u001b[2Jb\"'",
                                            dir.path / "console");
  CHECK(r.status == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("key 'scenario.name': expected text without control characters") != std::string::npos);
}
