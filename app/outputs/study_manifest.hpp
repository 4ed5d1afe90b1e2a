#pragma once
// manifest.json of a study that runs many replications of one scenario file and keeps only a
// reduction (a sweep, a sensitivity analysis): what was run, on what, with which seed and build,
// so the folder can be reproduced. Formats: results/README.md.
#include <ostream>
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"
#include "sim/io/json_document.hpp"

namespace app {

struct StudyManifest {
  std::string command_line;
  std::string scenario_path;
  const model::Scenario* scenario = nullptr;  // as loaded with the shared overrides
  std::vector<std::string> overrides;         // --set, -n and --seed, in order
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  unsigned threads = 1;
  // The study's own fields, in order, between threads and libraries.
  sim::JsonDocument fields = sim::JsonDocument::object();
  double wall_seconds = 0;
};

void write_study_manifest(std::ostream& os, const StudyManifest& m);

}  // namespace app
