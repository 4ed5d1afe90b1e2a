#pragma once
// A scenario of many offices (a province, a country): each office a full Scenario of its own
// (population, plan, target), read from one file whose top-level sections every office shares
// and whose [[office]] tables override them (scenarios/README.md, "Many offices").
//
// Offices do not interact in the model, so a replication of the set is one replication of each
// office. Randomness: each office simulates on its own streams, keyed by the run's seed and the
// office's name (never its position), so adding, removing or changing one office leaves every
// other office's replications byte-identical. An uncertain parameter written at the top level is
// shared: every office draws the same value in a replication (from the run's seed and the key,
// as a single-office scenario does), which is what makes offices' fortunes correlated; one
// written in an office's own table is that office's alone.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"

namespace model {

struct Office {
  std::string name;
  Scenario scenario;  // name = the office's; sources hold only its data files
  // The dotted keys its [[office]] table sets (its own values, not the shared ones), e.g.
  // "target", "door_to_door.staff", "agents" (an array of tables replaces the shared one whole).
  std::vector<std::string> own_keys;
};

// Whether `key` ("door_to_door.staff", "agents[1].count") is `path` or lies under it.
bool key_under(const std::string& key, const std::string& path);

struct OfficeSet {
  std::string name;
  std::string path;
  std::uint64_t replications = 1000;
  std::uint64_t seed = 20180905;
  std::optional<std::int64_t> total_target;  // [scenario] total_target; else the sum of targets
  std::vector<Office> offices;
  std::vector<ResolvedValue> resolved;  // the top-level values (name, run, total_target, offices)
  ScenarioSources sources;              // the file's bytes and --set overrides

  std::int64_t target_sum() const;
  std::int64_t total_goal() const { return total_target ? *total_target : target_sum(); }
  std::uint64_t eligible() const;  // eligible people of every office
};

// The seed an office's simulation streams use: a keyed hash of the run's seed and the office's
// name (a stream key, not seed + i).
std::uint64_t office_stream_seed(std::uint64_t seed, const std::string& office_name);

// Whether the scenario file at `path` lists offices ([[office]]); reads only its TOML.
bool lists_offices(const std::string& path);

// Reads a scenario file with [[office]] tables, applies `overrides` (--set; `office[2].target=300`
// reaches one office) and checks every office as load_scenario checks a scenario. Throws
// ScenarioError naming the file, line and key (an office's keys as `office[i].<key>`).
OfficeSet load_office_set(const std::string& path, const std::vector<std::string>& overrides = {},
                          const std::filesystem::path& data_dir = {});

}  // namespace model
