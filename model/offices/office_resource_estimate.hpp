#pragma once
// What one replication of an office set needs, estimated before anything runs, from each
// office's own estimate (model/run/resource_estimate.hpp).
#include "model/offices/office_set_runner.hpp"
#include "model/run/resource_estimate.hpp"

namespace model {

// One replication of an office set (model/scenario/office_set.hpp): its offices run one after another
// on the same thread, so the largest office's state, plus every office's result (daily series
// and breakdown), held until the replication is reduced. Contacts and people are the sum.
ResourceEstimate estimate_office_set(const OfficeSetRunner& runner, bool keep_log);

}  // namespace model
