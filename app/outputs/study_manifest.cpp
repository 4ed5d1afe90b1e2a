#include "app/outputs/study_manifest.hpp"

#include "model/run/manifest_fields.hpp"
#include "model/run/run_outputs.hpp"
#include "model/scenario/input_caps.hpp"

namespace app {

void write_study_manifest(std::ostream& os, const StudyManifest& m) {
  sim::JsonDocument d =
      model::manifest_head(m.command_line, m.scenario->name, m.scenario_path,
                           model::sha256_of_file(m.scenario_path, model::input_caps::scenario));
  d["overrides"] = m.overrides;
  d["seed"] = m.seed;
  d["replications"] = m.replications;
  d["threads"] = m.threads;
  d.update(m.fields);
  d["libraries"] = model::library_versions();
  d["wall_seconds"] = sim::json_decimal(m.wall_seconds, 3);
  sim::write_json_document(os, d);
}

}  // namespace app
