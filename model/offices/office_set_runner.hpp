#pragma once
// Runs the replications of an office set (model/scenario/office_set.hpp): replication r of the set is
// replication r of every office, each on its own streams. Shared read-only by all threads.
#include <cstdint>
#include <vector>

#include "model/run/scenario_runner.hpp"
#include "model/scenario/office_set.hpp"

namespace model {

class OfficeSetRunner {
 public:
  explicit OfficeSetRunner(const OfficeSet& set);
  const OfficeSet& set() const { return *set_; }
  const ScenarioRunner& office(std::size_t i) const { return runners_[i]; }
  // Replication `replication` of office `i`.
  ReplicationResult run(std::size_t i, std::uint64_t replication, const ReplicationOptions& opt = {}) const;
  // Replication `replication` of every office, in the set's order.
  std::vector<ReplicationResult> run_all(std::uint64_t replication, const ReplicationOptions& opt = {}) const;

 private:
  const OfficeSet* set_;
  std::vector<ScenarioRunner> runners_;
  std::vector<std::uint64_t> seeds_;  // each office's simulation seed
};

}  // namespace model
