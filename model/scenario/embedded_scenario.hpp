#pragma once
// Rebuilding the Scenario an event log was written with from the sources it embeds
// (model/replay/log_metadata.hpp), through the normal loader, so it is checked as it was when run.
#include <string>

#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_error.hpp"

namespace model {

// Writes the scenario file and its data files into a private temporary folder, loads the copy
// with the original --set overrides followed by overrides pointing each data-file key at its
// copy, and removes the folder. The result has the original `sources` and `path`; its seed is
// the one the sources give (a caller replaying a log sets the log's seed).
// Throws ScenarioError when the sources do not load (a file naming the copy's name), and
// std::runtime_error when the temporary folder cannot be written.
Scenario load_embedded_scenario(const ScenarioSources& sources);

// The file name of `path`, a path the sources give, to name a file made from it: the copy the
// loader reads, the folder `outreach replay` writes. No digest covers the paths, so "", "." or
// "..", a name longer than file systems allow or one holding a NUL gives `fallback` instead.
std::string embedded_file_name(const std::string& path, const std::string& fallback);

}  // namespace model
