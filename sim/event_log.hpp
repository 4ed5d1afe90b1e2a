#pragma once
// The append-only binary event log: every event a run fires, in order, so that a run can be
// audited, exported and replayed without re-simulating it.
//
// File layout (all integers little-endian):
//   header  magic "OUTRLOG1" (8 bytes) | u16 format version | u32 model schema version
//           | u32 metadata length | metadata (UTF-8, caller's text) | u32 CRC-32C of all before
//   record  u32 payload length | u32 CRC-32C of (length field + payload)
//           | payload = i64 time in seconds, then EventCodec<E>::encode(event)
//
// Reading distinguishes two kinds of damage. A record cut off by the end of the file is a torn
// tail, what a crash mid-write leaves behind: the valid prefix is returned and the tear is
// reported. A complete record that fails its CRC, does not decode, or goes back in time is
// corruption: LogError, naming the file and byte offset. Nothing unverified is ever returned.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/event_codec.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/input_file.hpp"
#include "sim/logged_event.hpp"
#include "sim/time.hpp"

namespace sim {

namespace event_log_format {
inline constexpr std::string_view magic = "OUTRLOG1";
inline constexpr std::uint16_t version = 1;
// Far above any real record or metadata; a larger length is damage, not data.
inline constexpr std::uint32_t max_payload_bytes = 1u << 20;
inline constexpr std::uint32_t max_metadata_bytes = 1u << 20;
inline constexpr std::size_t record_frame_bytes = 8;  // length + CRC
}  // namespace event_log_format

// A log that cannot be read (or written): wrong kind of file, version mismatch, corruption,
// I/O failure. what() is "<source>: <detail>"; the parts are kept for callers and tests.
struct LogError : std::runtime_error {
  std::string source;        // the file path, or a label for in-memory bytes
  std::uint64_t offset = 0;  // byte offset of the bad record or header field (0: whole file)
  std::string detail;

  LogError(std::string source_, std::uint64_t offset_, std::string detail_);
};

struct EventLogHeader {
  std::uint16_t format_version = 0;
  std::uint32_t schema_version = 0;
  std::string metadata;
};

template <class E>
struct EventLogContents {
  EventLogHeader header;
  std::vector<LoggedEvent<E>> records;
  bool torn_tail = false;       // the file ends inside a record (see torn_message)
  std::uint64_t valid_bytes = 0;  // length of the verified prefix: header and whole records
  std::string torn_message;     // empty unless torn_tail
};

namespace detail {

// Appends the header for a log of events with the given schema version.
void append_log_header(std::vector<std::uint8_t>& out, std::uint32_t schema_version,
                       std::string_view metadata);

// Fills in the length and CRC of the record that starts at `record_start` and runs to the end
// of `buf` (its payload already written after an 8-byte gap). Throws std::length_error when
// the payload exceeds max_payload_bytes.
void seal_record(std::vector<std::uint8_t>& buf, std::size_t record_start);

// Throws std::invalid_argument unless `t` is within the time horizon and not before `last`.
void check_append_time(Time t, std::optional<Time> last);

// Walks a log's framing: checks the header, then yields each complete, CRC-verified record
// in turn. Knows nothing about the event type; read_event_log decodes the payloads.
class LogScanner {
 public:
  struct Record {
    std::uint64_t offset;                     // where the record starts
    Time time;
    std::span<const std::uint8_t> event_bytes;  // the payload after the time
  };

  // Throws LogError on a bad or truncated header, or a schema version other than `schema`.
  LogScanner(std::span<const std::uint8_t> bytes, std::string source, std::uint32_t schema);

  // The next record; nullopt at the end of the log or at a torn tail. Throws LogError on
  // corruption.
  std::optional<Record> next();

  [[noreturn]] void corrupt(std::uint64_t offset, std::string_view why) const;

  const EventLogHeader& header() const { return header_; }
  bool torn_tail() const { return !torn_message_.empty(); }
  const std::string& torn_message() const { return torn_message_; }
  std::uint64_t valid_bytes() const { return pos_; }

 private:
  std::span<const std::uint8_t> bytes_;
  std::string source_;
  EventLogHeader header_;
  std::size_t pos_ = 0;  // start of the next unread record
  std::uint64_t records_ = 0;
  std::optional<Time> last_time_;
  std::string torn_message_;
};

// An output file opened for writing from scratch; I/O failures throw LogError.
class LogFile {
 public:
  explicit LogFile(const std::filesystem::path& path);
  void write(std::span<const std::uint8_t> bytes);
  void flush();  // hands buffered bytes to the operating system (no fsync)
  void close();  // idempotent; reports a failed final write
  bool is_open() const { return file_ != nullptr; }

 private:
  struct Closer {
    void operator()(std::FILE* f) const;
  };
  std::string name_;
  std::unique_ptr<std::FILE, Closer> file_;
};

}  // namespace detail

// The most an event log file may weigh (sim/io/input_file.hpp): a replication of the synthetic
// national scenario (700 offices) logs a few million events, about 200 MB; its CSV export is
// about three times that.
inline constexpr InputCap event_log_cap{"an event log", std::uint64_t{2048} << 20};

// Encodes a log into memory: the header at construction, then one record per append. The
// buffer is reused after clear(), so steady-state appends allocate nothing.
template <LoggableEvent E>
class EventLogEncoder {
 public:
  explicit EventLogEncoder(std::string_view metadata) {
    detail::append_log_header(buf_, EventCodec<E>::schema_version, metadata);
  }

  // Throws std::invalid_argument when `t` is before the previous record's time (the reader
  // would reject such a log), or std::length_error for an event encoding over 1 MiB.
  void append(Time t, const E& event) {
    detail::check_append_time(t, last_);
    const std::size_t start = buf_.size();
    try {
      buf_.resize(start + event_log_format::record_frame_bytes);
      ByteWriter w(buf_);
      w.put<std::int64_t>(t.seconds);
      EventCodec<E>::encode(event, w);
      detail::seal_record(buf_, start);
    } catch (...) {
      buf_.resize(start);  // leave no half-written record behind
      throw;
    }
    last_ = t;
    ++records_;
  }

  // The bytes encoded since construction or the last clear().
  const std::vector<std::uint8_t>& bytes() const { return buf_; }
  // Forgets the encoded bytes but keeps the capacity (and the time-order check).
  void clear() { buf_.clear(); }
  std::uint64_t records() const { return records_; }

 private:
  std::vector<std::uint8_t> buf_;
  std::optional<Time> last_;
  std::uint64_t records_ = 0;
};

// Writes a log file: truncates `path`, writes the header at once, then buffers appends and
// writes them out every 64 KiB, on flush() and on close(). The destructor closes but cannot
// report errors; call close() to learn of a failed final write.
template <LoggableEvent E>
class EventLogWriter {
 public:
  static constexpr std::size_t buffer_bytes = 64 * 1024;

  EventLogWriter(const std::filesystem::path& path, std::string_view metadata)
      : encoder_(metadata), file_(path) {
    flush();
  }
  EventLogWriter(EventLogWriter&&) noexcept = default;
  EventLogWriter& operator=(EventLogWriter&&) = delete;
  ~EventLogWriter() {
    try {
      close();
    } catch (...) {  // a destructor must not throw; close() explicitly to see the error
    }
  }

  void append(Time t, const E& event) {
    encoder_.append(t, event);
    if (encoder_.bytes().size() >= buffer_bytes) write_out();
  }
  void flush() {
    write_out();
    file_.flush();
  }
  void close() {
    if (!file_.is_open()) return;
    write_out();
    file_.close();
  }
  std::uint64_t records() const { return encoder_.records(); }

 private:
  void write_out() {
    file_.write(encoder_.bytes());
    encoder_.clear();
  }

  EventLogEncoder<E> encoder_;
  detail::LogFile file_;
};

// A record as read, with where it was found: what `outreach replay --verify` and error
// messages need to point at a record.
template <class E>
struct LogRecordAt {
  std::uint64_t index;   // position in the log, from 0
  std::uint64_t offset;  // byte offset of the record's length field
  LoggedEvent<E> record;
};

// Reads a log one record at a time. The constructor checks the header (LogError when the
// bytes are not a log of this format and schema); next() yields each verified record and
// throws LogError on corruption, so a caller can tell a bad file from a bad record and knows
// how far the log was good.
template <LoggableEvent E>
class EventLogReader {
 public:
  // `bytes` must outlive the reader; `source` names it in error messages.
  EventLogReader(std::span<const std::uint8_t> bytes, std::string source)
      : scan_(bytes, std::move(source), EventCodec<E>::schema_version) {}

  const EventLogHeader& header() const { return scan_.header(); }
  // The next record; nullopt at the end of the log or at a torn tail (see torn_tail()).
  std::optional<LogRecordAt<E>> next() {
    const auto rec = scan_.next();
    if (!rec) return std::nullopt;
    ByteReader r(rec->event_bytes);
    std::optional<E> event;
    try {
      event.emplace(EventCodec<E>::decode(r));
    } catch (const DecodeError& e) {
      scan_.corrupt(rec->offset, std::string("event does not decode: ") + e.what());
    }
    if (!r.at_end())
      scan_.corrupt(rec->offset, std::to_string(r.remaining()) + " bytes left after the event");
    return LogRecordAt<E>{records_++, rec->offset, LoggedEvent<E>{rec->time, std::move(*event)}};
  }
  bool torn_tail() const { return scan_.torn_tail(); }
  const std::string& torn_message() const { return scan_.torn_message(); }
  // Length of the verified prefix; at a torn tail, where the torn record starts.
  std::uint64_t valid_bytes() const { return scan_.valid_bytes(); }

 private:
  detail::LogScanner scan_;
  std::uint64_t records_ = 0;
};

// Reads a log from memory; `source` names it in error messages.
template <LoggableEvent E>
EventLogContents<E> read_event_log(std::span<const std::uint8_t> bytes,
                                   std::string_view source = "<in-memory event log>") {
  EventLogReader<E> reader(bytes, std::string(source));
  EventLogContents<E> out;
  while (auto rec = reader.next()) out.records.push_back(std::move(rec->record));
  out.header = reader.header();
  out.torn_tail = reader.torn_tail();
  out.valid_bytes = reader.valid_bytes();
  out.torn_message = reader.torn_message();
  return out;
}

// Reads a log file (at most event_log_cap); errors name the file.
template <LoggableEvent E>
EventLogContents<E> read_event_log(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_whole_file_bytes(path, event_log_cap);
  return read_event_log<E>(std::span<const std::uint8_t>(bytes), path.string());
}

// RFC 4180 CSV (CRLF line ends): "time,type,<EventCodec<E>::csv_columns()>", one row per record,
// time as ISO 8601.
template <LoggableEvent E>
void export_csv(const std::vector<LoggedEvent<E>>& records, std::ostream& os) {
  const std::string_view columns = EventCodec<E>::csv_columns();
  os << "time,type";
  if (!columns.empty()) os << ',' << columns;
  os << "\r\n";
  for (const auto& rec : records) {
    os << to_iso(rec.time) << ',';
    write_csv_field(os, EventCodec<E>::type_name(rec.event));
    if (!columns.empty()) {
      os << ',';
      EventCodec<E>::write_csv_fields(rec.event, os);
    }
    os << "\r\n";
  }
}

}  // namespace sim
