#include "model/run/scenario_runner.hpp"

namespace model {

DrawnScenario draw_scenario(const Scenario& s, std::uint64_t seed, std::uint64_t replication) {
  std::vector<double> values = draw_parameters(s, seed, replication);
  Scenario drawn = scenario_with(s, values);
  return {std::move(drawn), std::move(values)};
}

ScenarioRunner::ScenarioRunner(const Scenario& s) : s_(&s), compiled_(s) {
  if (s.uncertain.empty()) return;
  // Copied once per replication, so leave out the large parts a replication never reads.
  lean_ = s;
  lean_.resolved.clear();
  lean_.sources = {};
}

ReplicationResult ScenarioRunner::run(std::uint64_t seed, std::uint64_t replication,
                                      std::uint64_t simulation_seed, const ReplicationOptions& opt) const {
  if (s_->uncertain.empty()) return run_replication(compiled_, simulation_seed, replication, opt);
  DrawnScenario d = draw_scenario(lean_, seed, replication);
  // Draws never change the layout (people, areas, agents): only what they feed is recompiled.
  const CompiledScenario cs(compiled_, d.scenario);
  ReplicationResult r = run_replication(cs, simulation_seed, replication, opt);
  r.parameters = std::move(d.values);
  return r;
}

}  // namespace model
