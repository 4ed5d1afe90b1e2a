#pragma once
// The metadata an outreach event log carries in its header (sim/event_log.hpp leaves that text
// to the caller): which scenario, seed and replication wrote it, and the scenario's sources -
// the scenario file's bytes, the --set overrides and every data file read - so that the log
// replays on its own, without the files it was run from (model/scenario/embedded_scenario.hpp). The CSV
// export carries the same text in a companion file, <stem>.meta.
//
// Version 2 (results/README.md). A first line, then entries, each a line "<name> <bytes>"
// followed by exactly that many bytes and a newline, so any text (CRLF data files, newlines in
// an override) round-trips byte for byte:
//
//   outreach event log metadata 2
//   outreach_version, scenario, seed, replication, scenario_path, scenario_sha256,
//   scenario_text, then `set` once per override, in order, then for each data file read
//   `data` (its key: population.file, calendar.holidays), data_path, data_sha256, data_text,
//   and last `end` (empty), so that text cut after any whole entry is refused.
//
// Version 1 was one line, "scenario=<name>;seed=<seed>;replication=<n>", and embedded nothing.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/scenario/scenario.hpp"

namespace model {

inline constexpr int log_metadata_version = 2;

// Metadata that cannot be used; what() names the source and says why.
struct LogMetadataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LogMetadata {
  std::string outreach_version;
  std::string scenario;        // the scenario's name
  std::uint64_t seed = 0;      // the seed the replication ran with (compare: the first plan's)
  std::uint64_t replication = 0;
  std::string scenario_sha256;  // of sources.text, as in the run's manifest.json
  ScenarioSources sources;
};

// The metadata of replication `replication` of `s` as run (s.seed is the seed used).
LogMetadata log_metadata(const Scenario& s, std::uint64_t replication);

std::string encode_log_metadata(const LogMetadata& m);

// Throws LogMetadataError, naming `source`, for text that is not version-2 metadata: an older
// version (which embeds no scenario), a missing or repeated entry, text cut short, or an
// embedded file whose bytes do not match its SHA-256.
LogMetadata decode_log_metadata(std::string_view text, const std::string& source);

}  // namespace model
