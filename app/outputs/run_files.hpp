#pragma once
// Writing one plan's results into an output folder (a run's folder, or plans/<name>/ of a
// comparison): the CSVs, the manifest and the event logs.
#include <cstdint>
#include <string>

#include "app/outputs/staged_folder.hpp"
#include "model/run/batch_summary.hpp"
#include "model/run/replication.hpp"
#include "model/run/run_outputs.hpp"
#include "model/scenario/scenario.hpp"

namespace app {

// `prefix` is "" or a subfolder ending in '/'.
void write_run_files(StagedFolder& out, const std::string& prefix, const model::Scenario& s,
                     const model::BatchSummary& summary, const model::RunInfo& info);

// events/replication-NNNNNN.log, .csv and .meta (the CSV's metadata) under `prefix`.
void write_event_logs(StagedFolder& out, const std::string& prefix, const model::Scenario& s,
                      std::uint64_t replication, const model::ReplicationResult& r);

}  // namespace app
