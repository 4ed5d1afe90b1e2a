#pragma once
// The points of a sweep: which values each varied key takes at each point, as the `--set`
// overrides that give them (studies/comparison/variant_set.hpp runs the points on common random numbers).
//
// Two designs:
//   grid   KEY=LO:HI:STEP per key; every combination of LO, LO+STEP, ... up to HI (the first
//          key varies slowest). Values are written with as many decimals as LO, HI and STEP
//          were typed with, so 0.02:0.1:0.02 gives 0.02, 0.04, ... 0.1, never 0.30000000000000004.
//   sobol  KEY=LO:HI per key and a number of points N: the unscrambled Sobol sequence of
//          Boost.Random (Joe & Kuo direction numbers), origin first, then Boost's first N - 1
//          points. Boost's engine starts after the origin; putting it back makes the first 2^m
//          points the whole (t, m, s)-net, so each key's range cut into N equal strata holds
//          exactly one point when N is a power of two (Owen 2020, "On dropping the first Sobol'
//          point", argues for keeping it). Point u in [0, 1)^d maps to LO + u (HI - LO), rounded
//          to six significant digits of the range; a whole-number key takes
//          LO + floor(u (HI - LO + 1)), each whole number equally often.
// Both are deterministic: the same arguments give the same points.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"
#include "sim/io/input_error.hpp"

namespace model {

// A malformed or unreasonable --vary, --points or design: the message names the option.
struct DesignError : sim::InputError {
  using sim::InputError::InputError;
};

struct VaryRange {
  std::string key;
  double lo = 0, hi = 0, step = 0;  // step 0: no step (a Sobol range)
  int decimals = 0;                 // the most decimals LO, HI or STEP were typed with
  bool whole_number = false;        // the key takes whole numbers (set from the scenario)
  std::string lo_text;              // LO as typed
  std::string text;                 // as typed, for messages
};

// "KEY=LO:HI:STEP" (with_step) or "KEY=LO:HI". Checks LO <= HI and STEP > 0; throws DesignError.
VaryRange parse_vary(const std::string& text, bool with_step);

// Whether the scenario's loader reads `key` as a whole number (door_to_door.staff,
// agents[1].count). A key the loader did not record is taken as a real number.
bool is_whole_number_key(const Scenario& s, const std::string& key);

// Checks a whole-number key's range: LO, HI (and STEP) must be whole. Throws DesignError.
void check_whole_number_range(const VaryRange& r);

struct SweepDesign {
  std::string kind;                               // "grid" or "sobol"
  std::vector<std::string> keys;                  // in --vary order
  std::vector<std::vector<std::string>> values;   // values[point][key], as TOML text

  std::size_t size() const { return values.size(); }
  // The overrides of each point: "key=value" per key.
  std::vector<std::vector<std::string>> overrides() const;
};

// The values of one grid axis, LO, LO+STEP, ... up to HI (within rounding).
std::vector<std::string> grid_axis(const VaryRange& r);
// Points of a grid, saturating at UINT64_MAX.
std::uint64_t grid_size(const std::vector<VaryRange>& ranges);
// The points of a grid (sobol_points 0) or of a Sobol design of sobol_points points, counted
// without building it, so that a design too large to hold is refused before it takes memory.
// Throws DesignError naming each key's count when over max_points, or when the product of the
// counts overflows 64 bits, or when a key is varied twice.
std::uint64_t checked_design_size(const std::vector<VaryRange>& ranges, std::uint64_t sobol_points,
                                  std::uint64_t max_points);
// Throws DesignError when the grid has more than max_points points, or a key is varied twice.
// Polls sim/io/cancellation.hpp between points (sim::Cancelled), as sobol_points does.
SweepDesign grid_design(const std::vector<VaryRange>& ranges, std::uint64_t max_points);

// The first n points of the design's Sobol sequence in [0, 1)^dimensions (origin first).
std::vector<std::vector<double>> sobol_points(std::size_t n, std::size_t dimensions);
// Throws DesignError when points is 0 or above max_points, or a key is varied twice.
SweepDesign sobol_design(const std::vector<VaryRange>& ranges, std::uint64_t points,
                         std::uint64_t max_points);

}  // namespace model
