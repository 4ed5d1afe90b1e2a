#include "app/outputs/run_files.hpp"

#include <cstdio>
#include <stdexcept>

#include "model/replay/log_metadata.hpp"
#include "sim/event_log.hpp"

namespace app {

void write_run_files(StagedFolder& out, const std::string& prefix, const model::Scenario& s,
                     const model::BatchSummary& b, const model::RunInfo& info) {
  out.write(prefix + "summary.csv", [&](std::ostream& os) { model::write_summary_csv(os, s, b); });
  out.write(prefix + "replications.csv", [&](std::ostream& os) { model::write_replications_csv(os, b); });
  out.write(prefix + "daily.csv", [&](std::ostream& os) { model::write_daily_csv(os, s, b); });
  out.write(prefix + "breakdown.csv", [&](std::ostream& os) { model::write_breakdown_csv(os, s, b); });
  out.write(prefix + "funnel.csv", [&](std::ostream& os) { model::write_funnel_csv(os, b); });
  out.write(prefix + "costs.csv", [&](std::ostream& os) { model::write_costs_csv(os, b); });
  out.write(prefix + "manifest.json", [&](std::ostream& os) { model::write_manifest_json(os, s, b, info); });
}

void write_event_logs(StagedFolder& out, const std::string& prefix, const model::Scenario& s,
                      std::uint64_t rep, const model::ReplicationResult& r) {
  char stem[64];
  std::snprintf(stem, sizeof stem, "events/replication-%06llu", static_cast<unsigned long long>(rep));
  // The scenario travels with its log, so the log replays without the files it came from.
  const std::string metadata = model::encode_log_metadata(model::log_metadata(s, rep));
  if (metadata.size() > sim::event_log_format::max_metadata_bytes)
    throw std::runtime_error("cannot save event logs: the scenario and its data files take " +
                             std::to_string(metadata.size()) +
                             " bytes, over the log header's 1 MiB cap; run with --events 0");
  out.write(prefix + stem + ".log", [&](std::ostream& os) {
    sim::EventLogEncoder<model::Event> enc(metadata);
    for (const auto& e : r.log) enc.append(e.time, e.event);
    os.write(reinterpret_cast<const char*>(enc.bytes().data()),
             static_cast<std::streamsize>(enc.bytes().size()));
  });
  out.write(prefix + stem + ".csv", [&](std::ostream& os) { sim::export_csv(r.log, os); });
  // The CSV's metadata: the same text as the binary log's header.
  out.write(prefix + stem + ".meta", [&](std::ostream& os) { os << metadata; });
}

}  // namespace app
