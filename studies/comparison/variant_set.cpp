#include "studies/comparison/variant_set.hpp"

#include "model/scenario/scenario_error.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/io/cancellation.hpp"

namespace model {

VariantSet::VariantSet(const std::string& path, const std::vector<std::string>& shared,
                       const std::vector<std::vector<std::string>>& variants, const std::string& what) {
  for (std::size_t i = 0; i < variants.size(); ++i) {
    sim::throw_if_cancelled();  // each variant reads its files again: thousands take a while
    std::vector<std::string> sets = shared;
    sets.insert(sets.end(), variants[i].begin(), variants[i].end());
    try {
      scenarios_.push_back(std::make_unique<Scenario>(load_scenario(path, sets)));
    } catch (const ScenarioError& e) {
      std::string name = what + " " + std::to_string(i + 1) + " (";
      for (std::size_t k = 0; k < variants[i].size(); ++k) name += (k ? ", " : "") + variants[i][k];
      throw ScenarioError(e.file, e.line, e.key, name + "): " + e.detail);
    }
    scenarios_.back()->seed = scenarios_.front()->seed;
    runners_.push_back(std::make_unique<ScenarioRunner>(*scenarios_.back()));
    overrides_.push_back(variants[i]);
  }
}

}  // namespace model
