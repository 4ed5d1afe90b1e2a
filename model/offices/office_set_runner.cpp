#include "model/offices/office_set_runner.hpp"

namespace model {

OfficeSetRunner::OfficeSetRunner(const OfficeSet& set) : set_(&set) {
  runners_.reserve(set.offices.size());
  for (const Office& o : set.offices) {
    runners_.emplace_back(o.scenario);
    seeds_.push_back(office_stream_seed(set.seed, o.name));
  }
}

ReplicationResult OfficeSetRunner::run(std::size_t i, std::uint64_t replication,
                                       const ReplicationOptions& opt) const {
  return runners_[i].run(set_->seed, replication, seeds_[i], opt);
}

std::vector<ReplicationResult> OfficeSetRunner::run_all(std::uint64_t replication,
                                                        const ReplicationOptions& opt) const {
  std::vector<ReplicationResult> out;
  out.reserve(runners_.size());
  for (std::size_t i = 0; i < runners_.size(); ++i) out.push_back(run(i, replication, opt));
  return out;
}

}  // namespace model
