// libFuzzer target: saved event logs, binary or their CSV export, read as `outreach replay
// --verify` reads them (model::read_saved_log, over sim::EventLogReader), then checked record by
// record against the scenario the log embeds (model::origin_of, model::LogChecker), each
// violation put in words as the command prints it, and the checked events applied to the
// reports as `outreach replay` does.
//
// Documented answers to a bad log: model::UnusableLog (not a log, a bad header or metadata, an
// embedded scenario that does not load), damage reported in SavedLog::damage, and violations
// reported by the checker. Anything else - another exception, a crash, a sanitizer report, a
// hang - is a bug, and so is a disagreement between two ways of reading the same bytes:
// sim::read_event_log must read what read_saved_log reads, the records must encode back to
// exactly the bytes they were read from, and their CSV export must read back to the same records.
//
// Mutated bytes nearly always fail a CRC, which would keep the fuzzer at the framing. So a
// binary input that has a CRC mismatch is read a second time with every checksum it frames
// recomputed (reseal below): the first reading fuzzes the framing, the second what lies behind it.
#include <stdlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "model/replay/event_csv.hpp"
#include "model/replay/event_text.hpp"
#include "model/replay/log_check.hpp"
#include "model/replay/log_metadata.hpp"
#include "model/replay/saved_log.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/projections.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/event_log.hpp"
#include "sim/io/crc32c.hpp"

namespace {

namespace fs = std::filesystem;
using Bytes = std::span<const std::uint8_t>;

// A private folder for a CSV input's companion .meta: the metadata of fuzz/log_seeds/plain.toml,
// the scenario the CSV seeds were exported from. Binary inputs never touch the disk.
struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "outreach-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) fuzz::bug("cannot create a temporary folder");
    path = pattern;
    const model::Scenario s = model::load_scenario((fuzz::source_dir / "fuzz" / "log_seeds" / "plain.toml").string());
    std::ofstream(path / "log.meta", std::ios::binary) << model::encode_log_metadata(model::log_metadata(s, 0));
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const fs::path& log_path() {
  static const Folder folder;
  static const fs::path log = folder.path / "log.csv";  // read as "log.csv"; .meta beside it
  return log;
}

// The scenario a log embeds, loaded once per distinct metadata: loading writes its files to a
// temporary folder, far slower than checking the records.
struct Origin {
  std::unique_ptr<model::Scenario> scenario;
  std::unique_ptr<model::CompiledScenario> compiled;
};

const Origin* cached_origin(const model::SavedLog& log) {
  static std::map<std::string, Origin> cache;
  const std::string key = log.metadata.value_or("\x01no metadata: " + log.metadata_missing);
  if (const auto it = cache.find(key); it != cache.end()) return it->second.scenario ? &it->second : nullptr;
  if (cache.size() > 256) cache.clear();  // bounded: mutated metadata rarely repeats
  Origin& o = cache[key];
  try {
    o.scenario = std::make_unique<model::Scenario>(model::origin_of(log).scenario);
  } catch (const model::UnusableLog&) {
    return nullptr;
  }
  o.compiled = std::make_unique<model::CompiledScenario>(*o.scenario);
  return &o;
}

// `outreach replay --verify`, and the reports of `outreach replay` over the events it accepts.
void verify(const model::SavedLog& log) {
  const Origin* o = cached_origin(log);
  if (!o) return;
  const model::Scenario& s = *o->scenario;
  model::LogChecker checker(*o->compiled);
  model::Projections projections(s);
  for (std::size_t i = 0; i < log.records.size(); ++i) {
    const auto& [t, e] = log.records[i];
    if (const std::string why = checker.check_and_apply(t, e); !why.empty()) {
      // What the command prints (app/commands/cmd_replay.cpp, record_problem).
      const std::string message = log.location(i) + ", " + model::date_and_time(t) + ": " + why +
                                  "\n  event: " + model::describe_event(t, e, &s);
      if (message.empty()) fuzz::bug("an empty violation message");
      return;
    }
    projections.apply(t, e);
  }
  (void)checker.check_end();
}

bool same(const std::vector<sim::LoggedEvent<model::Event>>& a, const std::vector<sim::LoggedEvent<model::Event>>& b) {
  return a == b;
}

// The other ways of reading the same bytes must agree with read_saved_log.
void cross_check(const model::SavedLog& log, Bytes bytes) {
  if (log.format == model::LogFormat::binary) {
    try {
      const auto direct = sim::read_event_log<model::Event>(bytes, log.path.string());
      if (log.damage && !log.damage->torn_tail) fuzz::bug("read_event_log accepted a log read_saved_log found damaged");
      if (!same(direct.records, log.records)) fuzz::bug("read_event_log and read_saved_log read different records");
      if (direct.torn_tail != (log.damage.has_value())) fuzz::bug("read_event_log and read_saved_log disagree on a torn tail");
      // What was read encodes back to exactly the bytes it was read from.
      sim::EventLogEncoder<model::Event> encoder(direct.header.metadata);
      for (const auto& r : direct.records) encoder.append(r.time, r.event);
      const auto& again = encoder.bytes();
      if (again.size() != direct.valid_bytes || !std::equal(again.begin(), again.end(), bytes.begin()))
        fuzz::bug("the records read do not encode back to the bytes they were read from");
    } catch (const sim::LogError&) {
      if (!log.damage || log.damage->torn_tail) fuzz::bug("read_event_log refused a log read_saved_log read whole");
    }
  }
  // The CSV export of what was read reads back to the same records.
  std::stringstream csv;
  sim::export_csv(log.records, csv);
  model::EventCsvReader reader(csv, "export");
  std::vector<sim::LoggedEvent<model::Event>> back;
  while (auto r = reader.next()) back.push_back(*r);
  if (!same(back, log.records)) fuzz::bug("the CSV export of the records read does not read back to them");
}

void read_and_verify(Bytes bytes) {
  model::SavedLog log;
  try {
    log = model::read_saved_log(bytes, log_path());
  } catch (const model::UnusableLog&) {
    return;
  }
  if (log.format == model::LogFormat::binary && !log.metadata) fuzz::bug("a binary log read without metadata");
  cross_check(log, bytes);
  verify(log);
}

template <class T>
T load(const std::vector<std::uint8_t>& b, std::size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);
  return v;
}

// The bytes with the header's and every whole record's CRC-32C recomputed, as far as the
// framing (sim/event_log.hpp) can be followed.
std::vector<std::uint8_t> reseal(Bytes in) {
  namespace layout = sim::event_log_format;
  std::vector<std::uint8_t> b(in.begin(), in.end());
  constexpr std::size_t fixed = 18;  // magic, format version, schema version, metadata length
  if (b.size() < fixed + 4) return b;
  const std::uint32_t metadata = load<std::uint32_t>(b, 14);
  if (metadata > layout::max_metadata_bytes || b.size() - fixed - 4 < metadata) return b;
  std::size_t pos = fixed + metadata;
  const std::uint32_t header_crc = sim::crc32c(Bytes(b).first(pos));
  std::memcpy(b.data() + pos, &header_crc, 4);
  pos += 4;
  while (b.size() - pos >= layout::record_frame_bytes) {
    const std::uint32_t length = load<std::uint32_t>(b, pos);
    if (length > layout::max_payload_bytes || b.size() - pos - layout::record_frame_bytes < length) break;
    sim::Crc32c crc;
    crc.update(Bytes(b).subspan(pos, 4));
    crc.update(Bytes(b).subspan(pos + layout::record_frame_bytes, length));
    const std::uint32_t value = crc.value();
    std::memcpy(b.data() + pos + 4, &value, 4);
    pos += layout::record_frame_bytes + length;
  }
  return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Bytes bytes(data, size);
  // FUZZ_RESEALED=FILE build-fuzz/fuzz_event_log INPUT writes the input with its checksums
  // recomputed: the log `outreach replay` reads as the second reading does (tests/fuzz_findings/).
  if (const char* out = std::getenv("FUZZ_RESEALED"))
    std::ofstream(out, std::ios::binary).write(reinterpret_cast<const char*>(reseal(bytes).data()),
                                               static_cast<std::streamsize>(size));
  try {
    read_and_verify(bytes);
    const std::string_view start(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, 8));
    if (start == sim::event_log_format::magic) {
      const std::vector<std::uint8_t> resealed = reseal(bytes);
      if (!std::equal(resealed.begin(), resealed.end(), data)) read_and_verify(resealed);
    }
  } catch (const std::exception& e) {
    fuzz::unexpected(e);
  }
  return 0;
}
