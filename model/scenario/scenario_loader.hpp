#pragma once
// Reading a scenario file into a checked, fully resolved Scenario. The file format - every
// key with its unit, default and source - is documented in scenarios/README.md.
#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_error.hpp"

namespace model {

// Reads the TOML scenario at `path`, applies `overrides` ("key=value" as given to --set, see
// model/scenario/scenario_overrides.hpp), checks everything and fills in every default. Each value used
// is recorded in Scenario::resolved with its source: "path:line", "--set" or "default: <why>".
//
// Data files a scenario names (population.file, calendar.holidays) are relative to the
// scenario's folder. When it names none, the shipped defaults (default_population_file,
// default_holidays_file) are looked for in, in order:
//   1. `data_dir`, if not empty, else the folder named by the environment variable OUTREACH_DATA;
//   2. data/ in the scenario's folder (scenarios/x.toml -> scenarios/data/);
//   3. data/ in the folder above it (scenarios/examples/x.toml -> scenarios/data/);
//   4. scenarios/data/ beside the program's folder (build/outreach -> scenarios/data/).
//
// Throws ScenarioError naming the file, line and key for anything wrong: nothing wrong is
// silently replaced by a default.
//
// The file's own values are checked as written before `overrides` replace any (an override must
// not hide an invalid value in the file). `relocations` are overrides applied last that stand in
// for the file's own data file paths (a log's embedded scenario, its data files copied to a
// temporary folder): they apply to that check as well.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                       const std::filesystem::path& data_dir = {},
                       const std::vector<std::string>& relocations = {});

// As load_scenario, for the scenario `text` held in memory as if read from `path`: `path` names
// it in errors and its folder is where relative data files are looked for, but it is not read.
Scenario load_scenario_text(std::string text, const std::string& path,
                            const std::vector<std::string>& overrides = {},
                            const std::filesystem::path& data_dir = {},
                            const std::vector<std::string>& relocations = {});

inline constexpr const char* default_population_file = "chi_lang_communes.csv";
inline constexpr const char* default_holidays_file = "vn_holidays.csv";
inline constexpr const char* data_dir_variable = "OUTREACH_DATA";

}  // namespace model
