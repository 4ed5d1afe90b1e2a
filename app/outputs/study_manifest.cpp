#include "app/outputs/study_manifest.hpp"

#include "model/run/run_outputs.hpp"
#include "model/scenario/input_caps.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/quoted_string.hpp"

namespace app {

void write_study_manifest(std::ostream& os, const StudyManifest& m) {
  os << "{\n"
     << "  \"outreach_version\": " << sim::json_quoted(OUTREACH_VERSION) << ",\n"
     << "  \"command\": " << sim::json_quoted(m.command_line) << ",\n"
     << "  \"scenario\": " << sim::json_quoted(m.scenario->name) << ",\n"
     << "  \"scenario_path\": " << sim::json_quoted(m.scenario_path) << ",\n"
     << "  \"scenario_sha256\": " << sim::json_quoted(model::sha256_of_file(m.scenario_path, model::input_caps::scenario)) << ",\n"
     << "  \"overrides\": [";
  for (std::size_t i = 0; i < m.overrides.size(); ++i) os << (i ? ", " : "") << sim::json_quoted(m.overrides[i]);
  os << "],\n"
     << "  \"seed\": " << m.seed << ",\n"
     << "  \"replications\": " << m.replications << ",\n"
     << "  \"threads\": " << m.threads << ",\n";
  for (const auto& [key, json] : m.fields) os << "  " << sim::json_quoted(key) << ": " << json << ",\n";
  os << "  \"libraries\": " << model::library_versions() << ",\n"
     << "  \"wall_seconds\": " << sim::format_decimal(m.wall_seconds, 3) << "\n"
     << "}\n";
}

}  // namespace app
