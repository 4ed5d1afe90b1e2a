#pragma once
// A scenario parameter given as a distribution instead of a number (scenarios/README.md,
// "Uncertain parameters"). Each replication draws its own value of every such parameter from
// its own stream, keyed by (seed, replication, purpose "parameters", a hash of the key path):
// adding or removing one uncertain parameter never changes another's draws, the simulation's
// streams are untouched, and two plans with the same key draw the same value (common random
// numbers).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace model {

struct Scenario;
struct ParameterKey;  // model/scenario/scenario_keys.hpp

// Where a drawn value goes: the field of `key` in each of `instances` (the tables of an array of
// tables; 0 for a plain section). An entry of a static table and indexes, never pointers into a
// Scenario, so a copied Scenario is targeted as well as the one read.
struct ParameterTarget {
  const ParameterKey* key = nullptr;
  std::vector<std::size_t> instances;
};

struct Distribution {
  enum class Kind : std::uint8_t { uniform, beta, gamma, lognormal };
  Kind kind = Kind::uniform;
  double a = 0;  // uniform: lo;  the others: mean
  double b = 0;  // uniform: hi;  the others: sd
  // The key's ceiling (model/scenario/checked_table.hpp): a gamma or lognormal draw above it is cut to it,
  // so a long tail cannot draw 1e308 attendees. Infinite (no cut) when the key has none.
  double cap = std::numeric_limits<double>::infinity();

  double mean() const;
  // "uniform [0.04, 0.08]", "beta (mean 0.06, sd 0.015)", ...
  std::string describe() const;
  // One draw from a stream. The same stream position always gives the same value.
  template <class Stream>
  double draw(Stream& s) const;
};

// Why a distribution cannot be used, or "" when it can. Beta is defined on [0, 1]; gamma and
// lognormal on (0, ∞).
std::string distribution_problem(const Distribution& d);

struct UncertainParameter {
  std::string key;     // dotted path, e.g. "sessions.conversion": the replications.csv column
  Distribution distribution;
  std::string source;  // "file.toml:12" or "--set"
  ParameterTarget target;  // where a replication's drawn value is set
  // What keys its stream when not `key`: an office's own parameter is keyed by the office's
  // name as well (model/scenario/office_set.hpp), so offices do not share its draws.
  std::string stream_key;
};

// The substream of a key's stream: a stable hash of its path (FNV-1a), never its position.
std::uint64_t parameter_substream(const std::string& key);

// The values of s.uncertain for one replication, in the order of s.uncertain.
std::vector<double> draw_parameters(const Scenario& s, std::uint64_t seed, std::uint64_t replication);

// A copy of `s` with the drawn values set.
Scenario scenario_with(const Scenario& s, const std::vector<double>& values);

}  // namespace model
