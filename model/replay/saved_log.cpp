#include "model/replay/saved_log.hpp"

#include <sstream>
#include <streambuf>

#include "model/replay/event_csv.hpp"
#include "model/scenario/embedded_scenario.hpp"
#include "model/scenario/input_caps.hpp"
#include "sim/event_log.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/parse_error.hpp"

namespace model {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view csv_start = "time,type,";

// Bytes in memory read as a stream without copying them; input only, so they are never written.
class BytesBuffer : public std::streambuf {
 public:
  explicit BytesBuffer(std::span<const std::uint8_t> bytes) {
    char* p = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
    setg(p, p, p + bytes.size());
  }
};

void read_binary(SavedLog& log, std::span<const std::uint8_t> bytes) {
  std::optional<sim::EventLogReader<Event>> reader;
  try {
    reader.emplace(bytes, log.path.string());
  } catch (const sim::LogError& e) {
    throw UnusableLog(e.what());
  }
  log.metadata = reader->header().metadata;
  try {
    while (auto rec = reader->next()) {
      if (log.records.size() % 4096 == 0) sim::throw_if_cancelled();  // a log holds millions
      log.records.push_back(rec->record);
      log.locations.push_back(rec->offset);
    }
  } catch (const sim::LogError& e) {
    log.damage = LogDamage{log.records.size(), "byte " + std::to_string(e.offset), e.detail, false};
    return;
  }
  if (reader->torn_tail()) {
    std::string what = reader->torn_message();
    if (const std::string prefix = log.path.string() + ": "; what.starts_with(prefix)) what.erase(0, prefix.size());
    log.damage = LogDamage{log.records.size(), "byte " + std::to_string(reader->valid_bytes()), what, true};
  }
}

void read_csv(SavedLog& log, std::span<const std::uint8_t> bytes) {
  BytesBuffer buffer(bytes);
  std::istream in(&buffer);
  std::optional<EventCsvReader> reader;
  try {
    reader.emplace(in, log.path.string());
  } catch (const sim::ParseError& e) {
    throw UnusableLog(std::string(e.what()) + " (expected an event log's CSV export)");
  }
  try {
    while (auto rec = reader->next()) {
      if (log.records.size() % 4096 == 0) sim::throw_if_cancelled();
      log.records.push_back(*rec);
      log.locations.push_back(static_cast<std::uint64_t>(reader->line()));
    }
  } catch (const sim::ParseError& e) {
    log.damage = LogDamage{log.records.size(), "line " + std::to_string(e.line),
                           e.key.empty() ? e.detail : "column '" + e.key + "': " + e.detail, false};
  }
  fs::path meta = log.path;
  meta.replace_extension(".meta");
  try {
    log.metadata = sim::read_whole_file(meta, input_caps::log_metadata);
  } catch (const sim::InputFileError& e) {
    log.metadata_missing = log.path.string() + ": its metadata " + meta.string() +
                           " (written beside the CSV by outreach run) cannot be read: " + e.detail;
  }
}

}  // namespace

std::string SavedLog::location(std::size_t i) const {
  return (format == LogFormat::binary ? "byte " : "line ") + std::to_string(locations.at(i));
}

const std::string& SavedLog::require_metadata() const {
  if (!metadata) throw UnusableLog(metadata_missing);
  return *metadata;
}

LogOrigin origin_of(const SavedLog& log) {
  LogOrigin o;
  try {
    o.metadata = decode_log_metadata(log.require_metadata(), log.path.string());
  } catch (const LogMetadataError& e) {
    throw UnusableLog(e.what());
  }
  try {
    o.scenario = load_embedded_scenario(o.metadata.sources);
  } catch (const ScenarioError& e) {
    // The path is the metadata's, which no digest covers: quoted short, as it may be anything.
    throw UnusableLog(log.path.string() + ": the scenario embedded in the log (" +
                      sim::quoted_excerpt(o.metadata.sources.path, 200) + ") does not load: " + e.what());
  }
  if (o.scenario.name != o.metadata.scenario)
    throw UnusableLog(log.path.string() + ": the embedded scenario is named " + sim::quoted_excerpt(o.scenario.name) +
                      ", but the log's metadata says " + sim::quoted_excerpt(o.metadata.scenario));
  o.scenario.seed = o.metadata.seed;  // under compare, the common seed, not the plan file's own
  return o;
}

SavedLog read_saved_log(const fs::path& path) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = sim::read_whole_file_bytes(path, input_caps::event_log);
  } catch (const sim::InputFileError& e) {
    throw UnusableLog(e.what());  // replay and diff report an UnusableLog with exit status 2
  }
  return read_saved_log(bytes, path);
}

SavedLog read_saved_log(std::span<const std::uint8_t> bytes, const fs::path& path) {
  SavedLog log;
  log.path = path;
  std::string_view start(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);  // a spreadsheet's byte-order mark
  if (start.starts_with(csv_start)) {
    log.format = LogFormat::csv;
    read_csv(log, bytes);
    return log;
  }
  const std::string_view magic = sim::event_log_format::magic;
  const std::string_view head(reinterpret_cast<const char*>(bytes.data()), std::min(bytes.size(), magic.size()));
  if (!bytes.empty() && !magic.starts_with(head))
    throw UnusableLog(path.string() + ": not an event log: it starts with " + sim::quoted_excerpt(head) +
                      "; expected a binary log (starting \"" + std::string(magic) +
                      "\") or its CSV export (starting \"time,type,\")");
  log.format = LogFormat::binary;
  read_binary(log, bytes);
  return log;
}

}  // namespace model
