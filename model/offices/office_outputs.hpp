#pragma once
// The files a run of an office set writes (described in results/README.md, "A run of many
// offices") and its printed summary.
#include <ostream>
#include <string>

#include "model/offices/office_summary.hpp"
#include "model/run/run_outputs.hpp"

namespace model {

void write_offices_csv(std::ostream& os, const OfficeSetSummary& b);
void write_aggregate_csv(std::ostream& os, const OfficeSetSummary& b);
void write_office_replications_csv(std::ostream& os, const OfficeSetSummary& b);
void write_office_manifest_json(std::ostream& os, const OfficeSetSummary& b, const RunInfo& info);

// The printed summary: the set's aggregates and the `at_risk` offices least likely to meet
// their targets.
std::string office_set_summary(const OfficeSetSummary& b, std::size_t at_risk = 5);

}  // namespace model
