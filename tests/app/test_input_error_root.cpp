// Every kind of bad input derives from sim::InputError, which main() reports one way (exit
// status 2); interruption does not, and keeps its own exit status (128 + the signal).
#include <catch2/catch.hpp>

#include <type_traits>

#include "app/outputs/output_path_guard.hpp"
#include "app/report/plots.hpp"
#include "model/replay/saved_log.hpp"
#include "model/scenario/scenario_error.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/parse_error.hpp"
#include "studies/calibration/calibration.hpp"
#include "studies/sweep/lever_grid.hpp"
#include "studies/sweep/sweep_design.hpp"

TEST_CASE("Every bad-input error derives from sim::InputError, and Ctrl-C does not") {
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, sim::ParseError>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, model::ScenarioError>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, model::UnusableLog>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, model::DesignError>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, model::LeverError>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, model::FitKeyError>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, app::RefusedOutput>);
  STATIC_REQUIRE(std::is_base_of_v<sim::InputError, app::PlotInputError>);
  STATIC_REQUIRE_FALSE(std::is_base_of_v<sim::InputError, sim::Cancelled>);
}
