// libFuzzer target: scenario files. The input is the text of a scenario file, loaded as if it
// lay in scenarios/ (so relative data files such as data/chi_lang_2018_ledger.csv resolve),
// with the shipped data files. What the loader accepts is then drawn for replication 0 and
// compiled, as `outreach run` would. model::ScenarioError is the documented answer to a bad
// file; any other exception, crash, sanitizer report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"

namespace {

const std::string scenario_path = (fuzz::source_dir / "scenarios" / "fuzz-input.toml").string();
const std::filesystem::path data_dir = fuzz::source_dir / "scenarios" / "data";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const model::Scenario s = model::load_scenario_text(
        std::string(reinterpret_cast<const char*>(data), size), scenario_path, {}, data_dir);
    const model::CompiledScenario as_written(s);
    const model::DrawnScenario drawn = model::draw_scenario(s, s.seed, 0);
    const model::CompiledScenario as_drawn(drawn.scenario);
  } catch (const model::ScenarioError&) {
  } catch (const std::exception& e) {
    fuzz::unexpected(e);
  }
  return 0;
}
