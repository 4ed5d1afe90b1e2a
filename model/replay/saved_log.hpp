#pragma once
// A saved event log, read for `outreach replay` and `outreach diff`: the binary log that
// `outreach run --events` writes (sim/event_log.hpp) or its CSV export, whose metadata is the
// companion <stem>.meta. The two are told apart by their first bytes, not by their names.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/domain/event.hpp"
#include "model/replay/log_metadata.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/io/input_error.hpp"
#include "sim/logged_event.hpp"

namespace model {

// Input that is not a readable log at all (missing, not a log, unsupported version, a header
// that fails its checksum): what() names the file and says why.
struct UnusableLog : sim::InputError {
  using sim::InputError::InputError;
};

enum class LogFormat { binary, csv };

// Damage that stopped the reading: every record before it is good.
struct LogDamage {
  std::uint64_t index = 0;  // the damaged record's index (= the number of good records)
  std::string where;        // "byte 1234" (binary) or "line 57" (CSV)
  std::string what;         // the reader's message, without the file's name
  bool torn_tail = false;   // the file ends inside a record (a crash while writing)
};

struct SavedLog {
  std::filesystem::path path;
  LogFormat format = LogFormat::binary;
  // The header's metadata, or the CSV's .meta file; nullopt (and metadata_missing says why)
  // for a CSV without its .meta.
  std::optional<std::string> metadata;
  std::string metadata_missing;
  std::vector<sim::LoggedEvent<Event>> records;
  std::vector<std::uint64_t> locations;  // per record: byte offset (binary) or line (CSV)
  std::optional<LogDamage> damage;

  // "byte 1234" or "line 57": where record i is in the file.
  std::string location(std::size_t i) const;
  // The metadata, or UnusableLog saying why there is none.
  const std::string& require_metadata() const;
};

// Reads the whole log, stopping at the first damaged record (see `damage`). Throws
// UnusableLog for input that is not a log.
SavedLog read_saved_log(const std::filesystem::path& path);
// The same for a log's bytes already in memory: `path` names it in messages and, for a CSV
// export, says where its .meta is.
SavedLog read_saved_log(std::span<const std::uint8_t> bytes, const std::filesystem::path& path);

// Where a log came from: its metadata and the scenario rebuilt from it, with the seed the
// replication ran with.
struct LogOrigin {
  LogMetadata metadata;
  Scenario scenario;
};

// Throws UnusableLog naming the log when its metadata is missing or malformed, or when the
// scenario it embeds does not load.
LogOrigin origin_of(const SavedLog& log);

}  // namespace model
