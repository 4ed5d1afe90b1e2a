#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/scenario/scenario_loader.hpp"
#include "studies/sweep/sweep_design.hpp"
#include "tests/support/run_binary.hpp"

using namespace model;

namespace {

std::string design_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const DesignError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("Sweep: a grid axis steps from LO to HI with the decimals typed, whatever the rounding") {
  CHECK(grid_axis(parse_vary("sessions.conversion=0.02:0.1:0.02", true)) ==
        std::vector<std::string>{"0.02", "0.04", "0.06", "0.08", "0.1"});
  // 0.1 + 2 * 0.1 is 0.30000000000000004: still three values, written as typed.
  CHECK(grid_axis(parse_vary("x=0.1:0.3:0.1", true)) == std::vector<std::string>{"0.1", "0.2", "0.3"});
  // A step that does not land on HI stops below it; LO = HI is one point.
  CHECK(grid_axis(parse_vary("x=1:2:0.4", true)) == std::vector<std::string>{"1", "1.4", "1.8"});
  CHECK(grid_axis(parse_vary("x=5:5:1", true)) == std::vector<std::string>{"5"});
  CHECK(grid_axis(parse_vary("x=2.5e-3:5e-3:2.5e-3", true)) == std::vector<std::string>{"0.0025", "0.005"});
}

TEST_CASE("Sweep: a grid is every combination, the last key fastest") {
  const SweepDesign d = grid_design({parse_vary("a=1:2:1", true), parse_vary("b=0.1:0.3:0.1", true)}, 100);
  REQUIRE(d.kind == "grid");
  REQUIRE(d.keys == std::vector<std::string>{"a", "b"});
  REQUIRE(d.size() == 6);
  CHECK(d.values[0] == std::vector<std::string>{"1", "0.1"});
  CHECK(d.values[2] == std::vector<std::string>{"1", "0.3"});
  CHECK(d.values[3] == std::vector<std::string>{"2", "0.1"});
  CHECK(d.overrides()[5] == std::vector<std::string>{"a=2", "b=0.3"});
  CHECK(grid_size({parse_vary("a=1:2:1", true), parse_vary("b=0.1:0.3:0.1", true)}) == 6);
}

TEST_CASE("Sweep: malformed or unreasonable ranges are refused with the option named") {
  CHECK_THAT(design_error([] { parse_vary("x=0.3:0.1:0.1", true); }),
             Catch::Contains("--vary x=0.3:0.1:0.1") && Catch::Contains("LO <= HI"));
  CHECK_THAT(design_error([] { parse_vary("x=0.1:0.3:0", true); }), Catch::Contains("STEP > 0"));
  CHECK_THAT(design_error([] { parse_vary("x=0.1:0.3:-0.1", true); }), Catch::Contains("STEP > 0"));
  CHECK_THAT(design_error([] { parse_vary("x=0.1:0.3", true); }), Catch::Contains("a grid needs a step"));
  CHECK_THAT(design_error([] { parse_vary("x=0.1:0.3:0.1", false); }), Catch::Contains("takes no step"));
  CHECK_THAT(design_error([] { parse_vary("x=a:0.3:0.1", true); }), Catch::Contains("LO to be a number"));
  CHECK_THAT(design_error([] { parse_vary("0.1:0.3:0.1", true); }), Catch::Contains("KEY=LO:HI:STEP"));
  CHECK_THAT(design_error([] { grid_design({parse_vary("a=1:2:1", true), parse_vary("a=1:3:1", true)}, 100); }),
             Catch::Contains("a is varied twice"));
  // 101 x 101 points: over a limit of 10000, with the axes' sizes in the message.
  CHECK_THAT(design_error([] { grid_design({parse_vary("a=0:1:0.01", true), parse_vary("b=0:100:1", true)}, 10000); }),
             Catch::Contains("10201 points (101 × 101)") && Catch::Contains("--max-points"));
  CHECK_THAT(design_error([] { grid_design({parse_vary("a=0:1:1e-300", true)}, 10000); }), Catch::Contains("too many"));
  CHECK_THAT(design_error([] { sobol_design({parse_vary("a=0:1", false)}, 20000, 10000); }),
             Catch::Contains("--points 20000"));
}

TEST_CASE("Sweep: whole-number keys are known from the loader and step in whole numbers") {
  const Scenario s = load_scenario((test_support::repo_root() / "scenarios/chi_lang_2018_plan.toml").string());
  CHECK(is_whole_number_key(s, "door_to_door.staff"));
  CHECK(is_whole_number_key(s, "agents[1].count"));
  CHECK_FALSE(is_whole_number_key(s, "sessions.conversion"));
  CHECK_FALSE(is_whole_number_key(s, "door_to_door.cost_per_staff_day"));

  VaryRange staff = parse_vary("door_to_door.staff=4:12:0.5", true);
  staff.whole_number = true;
  CHECK_THAT(design_error([&] { check_whole_number_range(staff); }),
             Catch::Contains("door_to_door.staff takes whole numbers") && Catch::Contains("STEP"));
  staff = parse_vary("door_to_door.staff=4:12:4", true);
  staff.whole_number = true;
  check_whole_number_range(staff);
  CHECK(grid_axis(staff) == std::vector<std::string>{"4", "8", "12"});
}

TEST_CASE("Sweep: the Sobol design is the same every time, origin first") {
  const auto a = sobol_points(16, 3), b = sobol_points(16, 3);
  REQUIRE(a == b);
  CHECK(a[0] == std::vector<double>{0, 0, 0});
  CHECK(a[1] == std::vector<double>{0.5, 0.5, 0.5});  // Boost's first point
  const SweepDesign d1 = sobol_design({parse_vary("x=0.02:0.1", false), parse_vary("y=1:3", false)}, 8, 100);
  const SweepDesign d2 = sobol_design({parse_vary("x=0.02:0.1", false), parse_vary("y=1:3", false)}, 8, 100);
  REQUIRE(d1.values == d2.values);
  CHECK(d1.values[0] == std::vector<std::string>{"0.02", "1"});
  CHECK(d1.values[1] == std::vector<std::string>{"0.06", "2"});
}

TEST_CASE("Sweep: 2^m Sobol points put one point in each of 2^m strata of every key's range") {
  // The net property: exact for the first 2^m points with the origin kept, so no tolerance.
  const std::size_t n = 64, dims = 4;
  const auto points = sobol_points(n, dims);
  for (std::size_t k = 0; k < dims; ++k) {
    std::set<std::size_t> strata;
    for (const auto& u : points) {
      REQUIRE(u[k] >= 0);
      REQUIRE(u[k] < 1);
      strata.insert(static_cast<std::size_t>(u[k] * n));
    }
    CHECK(strata.size() == n);
  }
  // The first two dimensions form a (0, m, 2)-net: each 8 x 8 cell holds one point.
  std::set<std::pair<int, int>> cells;
  for (const auto& u : points) cells.insert({static_cast<int>(u[0] * 8), static_cast<int>(u[1] * 8)});
  CHECK(cells.size() == n);

  // A whole-number key takes each of its values equally often: 64 points over 1..4, 16 each.
  VaryRange staff = parse_vary("door_to_door.staff=1:4", false);
  staff.whole_number = true;
  const SweepDesign d = sobol_design({parse_vary("x=0:1", false), staff}, n, 10000);
  std::map<std::string, int> counts;
  for (const auto& p : d.values) ++counts[p[1]];
  CHECK(counts == std::map<std::string, int>{{"1", 16}, {"2", 16}, {"3", 16}, {"4", 16}});
}
