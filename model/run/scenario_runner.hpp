#pragma once
// Runs the replications of one scenario. A scenario with uncertain parameters
// (model/scenario/uncertain_parameter.hpp) runs each replication on its own copy, with that
// replication's draws set and the values they feed recompiled on the scenario's shared layout;
// a fixed scenario runs every replication on one shared compilation. Shared read-only by all
// threads.
#include <cstdint>
#include <vector>

#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

// A scenario as one replication runs it: the drawn values set (for a fixed scenario, a copy).
struct DrawnScenario {
  Scenario scenario;
  std::vector<double> values;  // in the order of Scenario::uncertain
};
DrawnScenario draw_scenario(const Scenario& s, std::uint64_t seed, std::uint64_t replication);

class ScenarioRunner {
 public:
  explicit ScenarioRunner(const Scenario& s);
  const Scenario& scenario() const { return *s_; }
  // The compilation of the scenario as written (means for uncertain parameters).
  const CompiledScenario& compiled() const { return compiled_; }
  // The replication, with ReplicationResult::parameters holding its draws.
  ReplicationResult run(std::uint64_t seed, std::uint64_t replication,
                        const ReplicationOptions& opt = {}) const {
    return run(seed, replication, seed, opt);
  }
  // The same, with the simulation's streams on `simulation_seed` and the uncertain parameters'
  // on `seed`: an office of a set (model/scenario/office_set.hpp) simulates on its own streams and draws
  // the shared parameters as every other office does.
  ReplicationResult run(std::uint64_t seed, std::uint64_t replication, std::uint64_t simulation_seed,
                        const ReplicationOptions& opt = {}) const;

 private:
  const Scenario* s_;
  CompiledScenario compiled_;
  Scenario lean_;  // s without what only describes it (resolved values, files' bytes)
};

}  // namespace model
